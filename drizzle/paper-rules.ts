// What makes a paper's fields valid, shared by the importer and the submitPaper mutation. Each
// check returns the normalized value or throws a RuleViolation whose message completes
// "<field>: ...", so each caller can name the field its own way.
import { arxivIdRules, normalizeArxivId } from './arxiv-id.js';
import { unstorableCharacter } from './storable-text.js';

export const PAPER_LIMITS = {
  title: 1_000,
  summary: 20_000,
  authorName: 300,
  authors: 5_000,
  url: 2_000,
  organizationName: 200,
} as const;

export class RuleViolation extends Error {}

export function checkText(value: string, maxLength: number): string {
  if (value.trim() === '') throw new RuleViolation('must be a non-empty string');
  if (value.length > maxLength) throw new RuleViolation(`longer than ${maxLength} characters`);
  // Caught here, an unstorable character fails one record instead of a whole batch.
  const problem = unstorableCharacter(value);
  if (problem) throw new RuleViolation(`contains ${problem}`);
  return value;
}

/** Titles and names arrive with line breaks from arXiv: fold all whitespace. */
export const checkOneLine = (value: string, maxLength: number) =>
  checkText(value, maxLength).replace(/\s+/g, ' ').trim();

export function checkArxivId(raw: string): string {
  const id = normalizeArxivId(raw);
  if (!id) throw new RuleViolation(`"${raw}" is not ${arxivIdRules}`);
  return id;
}

export function checkAuthorCount(count: number): void {
  if (count === 0) throw new RuleViolation('needs at least one author');
  if (count > PAPER_LIMITS.authors) throw new RuleViolation(`more than ${PAPER_LIMITS.authors} authors`);
}

export function checkHttpUrl(raw: string): string {
  const value = checkText(raw, PAPER_LIMITS.url).trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RuleViolation(`"${value}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RuleViolation('must be an http(s) URL');
  return value;
}
