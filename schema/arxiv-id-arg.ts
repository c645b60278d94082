import { arxivIdRules, normalizeArxivId } from '../drizzle/arxiv-id.js';
import { badInput } from './errors.js';

/** The versionless arXiv id in an argument, or BAD_USER_INPUT naming the argument. */
export function arxivIdArg(raw: string, argument = 'arxivId'): string {
  const id = normalizeArxivId(raw);
  if (!id) throw badInput(`"${raw}" is not ${arxivIdRules}.`, argument);
  return id;
}
