// The Hugging Face daily-papers JSON shape: an array of `{ paper: {...}, ... }` entries (a bare
// paper object is accepted too). Each entry is checked and turned into a PaperInput, or into a
// reason that names the offending field.
import {
  checkArxivId,
  checkAuthorCount,
  checkHttpUrl,
  checkInstant,
  checkOneLine,
  checkText,
  checkUpvotes,
  PAPER_LIMITS,
  preview,
} from '../../drizzle/paper-rules.js';
import type { PaperInput } from '../../drizzle/upsert-papers.js';
import { fail, field, recordParser, type RecordFormat } from './record-format.js';

export const hfDailyPapers: RecordFormat = {
  name: 'Hugging Face daily-papers JSON',
  parse: recordParser(toPaperInput, rawId),
  updates: 'all',
};

function rawId(entry: unknown): string | undefined {
  const record = entry as { id?: unknown; paper?: { id?: unknown } } | null;
  const id = record?.paper?.id ?? record?.id;
  return typeof id === 'string' ? id : undefined;
}

function toPaperInput(entry: unknown): PaperInput {
  const wrapper = asObject(entry, 'record');
  const paper = 'paper' in wrapper ? asObject(wrapper.paper, 'paper') : wrapper;
  const publishedAt = date(paper.publishedAt, 'paper.publishedAt');
  return {
    arxivId: field('paper.id', () => checkArxivId(string(paper.id, 'paper.id'))),
    title: field('paper.title', () => checkOneLine(string(paper.title, 'paper.title'), PAPER_LIMITS.title)),
    summary: field('paper.summary', () =>
      checkText(string(paper.summary, 'paper.summary'), PAPER_LIMITS.summary).trim(),
    ),
    authors: authorNames(paper.authors),
    publishedAt,
    addedAt:
      paper.submittedOnDailyAt == null
        ? publishedAt
        : date(paper.submittedOnDailyAt, 'paper.submittedOnDailyAt'),
    sourceUpvotes: paper.upvotes == null ? 0 : field('paper.upvotes', () => checkUpvotes(paper.upvotes)),
    githubRepo: optionalUrl(paper.githubRepo, 'paper.githubRepo'),
    projectPage: optionalUrl(paper.projectPage, 'paper.projectPage'),
    organization: organization(paper.organization),
  };
}

function authorNames(value: unknown): string[] {
  if (!Array.isArray(value)) fail('paper.authors: must be a non-empty array of { name }');
  field('paper.authors', () => checkAuthorCount(value.length));
  return value.map((author, i) => {
    const name = `paper.authors[${i}].name`;
    return field(name, () =>
      checkOneLine(string(asObject(author, `paper.authors[${i}]`).name, name), PAPER_LIMITS.authorName),
    );
  });
}

function organization(value: unknown): PaperInput['organization'] {
  if (value == null) return null;
  const org = asObject(value, 'paper.organization');
  const fullName = org.fullname ?? org.fullName;
  return {
    name: field('paper.organization.name', () =>
      checkOneLine(string(org.name, 'paper.organization.name'), PAPER_LIMITS.organizationName),
    ),
    fullName:
      fullName == null
        ? null
        : field('paper.organization.fullname', () =>
            checkOneLine(string(fullName, 'paper.organization.fullname'), PAPER_LIMITS.organizationName),
          ),
  };
}

function asObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${name}: must be an object`);
  return value as Record<string, unknown>;
}

function string(value: unknown, name: string): string {
  if (typeof value !== 'string') fail(`${name}: must be a non-empty string`);
  return value;
}

function date(value: unknown, name: string): Date {
  const parsed = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) fail(`${name}: must be an ISO 8601 date, got ${preview(value)}`);
  return field(name, () => checkInstant(parsed));
}

function optionalUrl(value: unknown, name: string): string | null {
  if (value == null || value === '') return null;
  return field(name, () => checkHttpUrl(string(value, name)));
}
