// The arXiv API's Atom format (export.arxiv.org/api/query): one <entry> per paper. Each entry is
// checked with the same field rules as the JSON importer and turned into a PaperInput. arXiv has
// no upvotes, organizations or daily-list dates, so for papers already in the database an Atom
// import only refreshes the bibliographic fields (see `updates`).
import {
  checkArxivId,
  checkAuthorCount,
  checkHttpUrl,
  checkInstant,
  checkOneLine,
  checkText,
  PAPER_LIMITS,
  preview,
  RuleViolation,
} from '../../drizzle/paper-rules.js';
import type { PaperInput } from '../../drizzle/upsert-papers.js';
import type { AtomEntry } from './atom-entries.js';
import { fail, field, recordParser, type RecordFormat } from './record-format.js';

export const arxivAtom: RecordFormat = {
  name: 'arXiv Atom feed',
  parse: recordParser(toPaperInput, (entry: AtomEntry) => rawId(entry.id)),
  updates: 'bibliographic',
};

function toPaperInput(entry: AtomEntry): PaperInput {
  const publishedAt = date(entry.published, 'entry.published');
  if (entry.authors.length === 0) fail('entry.author: needs at least one <author><name>');
  field('entry.author', () => checkAuthorCount(entry.authors.length));
  return {
    arxivId: field('entry.id', () => checkArxivId(abstractPath(required(entry.id, 'entry.id')))),
    title: field('entry.title', () => checkOneLine(required(entry.title, 'entry.title'), PAPER_LIMITS.title)),
    summary: field('entry.summary', () =>
      foldLines(checkText(required(entry.summary, 'entry.summary'), PAPER_LIMITS.summary)),
    ),
    authors: entry.authors.map((name, i) =>
      field(`entry.author[${i}].name`, () => checkOneLine(name, PAPER_LIMITS.authorName)),
    ),
    publishedAt,
    addedAt: publishedAt,
    sourceUpvotes: 0,
    githubRepo: githubLink(entry),
    projectPage: null,
    organization: null,
  };
}

/** `http://arxiv.org/abs/2507.14871v1` → `2507.14871v1` (the version is dropped by checkArxivId). */
function abstractPath(id: string): string {
  const match = /^\s*https?:\/\/(?:export\.)?arxiv\.org\/abs\/(.+?)\s*$/.exec(id);
  if (!match)
    throw new RuleViolation(
      `"${id.trim()}" is not an arXiv abstract URL such as http://arxiv.org/abs/2507.14871v1`,
    );
  return match[1]!;
}

const rawId = (id: string | undefined) =>
  id ? (/\/abs\/(.+)$/.exec(id.trim())?.[1] ?? id.trim()) : undefined;

/**
 * arXiv wraps abstracts at about 80 columns: join wrapped lines, keep blank-line paragraph breaks.
 */
const foldLines = (text: string) =>
  text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .join('\n\n');

/** A GitHub repository named in the entry's links or its comment ("Code: https://github.com/..."). */
function githubLink(entry: AtomEntry): string | null {
  const places = [...entry.links.map((l) => l.href ?? ''), entry.comment ?? ''];
  for (const place of places) {
    const match = /https?:\/\/(?:www\.)?github\.com\/[\w.-]+\/[\w.-]+/i.exec(place);
    if (!match) continue;
    const url = match[0].replace(/(\.git)?[.,;:]*$/i, '');
    try {
      return checkHttpUrl(url);
    } catch {
      continue; // an odd link is not worth refusing the paper over
    }
  }
  return null;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) fail(`${name}: missing`);
  return value;
}

function date(value: string | undefined, name: string): Date {
  const parsed = new Date(required(value, name).trim());
  if (Number.isNaN(parsed.getTime())) fail(`${name}: must be an ISO 8601 date, got ${preview(value)}`);
  return field(name, () => checkInstant(parsed));
}
