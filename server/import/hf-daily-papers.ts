// The Hugging Face daily-papers JSON shape: an array of `{ paper: {...}, ... }` entries (a bare
// paper object is accepted too). Each entry is checked and turned into a PaperInput, or into a
// reason that names the offending field.
import { arxivIdRules, normalizeArxivId } from '../../drizzle/arxiv-id.js';
import type { PaperInput } from '../../drizzle/upsert-papers.js';

export const LIMITS = {
  title: 1_000,
  summary: 20_000,
  authorName: 300,
  authors: 5_000,
  url: 2_000,
  organizationName: 200,
} as const;

export type ParsedRecord = { ok: true; paper: PaperInput } | { ok: false; reason: string };

class InvalidField extends Error {}

export function parseHfRecord(entry: unknown): ParsedRecord {
  try {
    return { ok: true, paper: toPaperInput(entry) };
  } catch (error) {
    if (error instanceof InvalidField) return { ok: false, reason: error.message };
    throw error;
  }
}

function toPaperInput(entry: unknown): PaperInput {
  const wrapper = asObject(entry, 'record');
  const paper = 'paper' in wrapper ? asObject(wrapper.paper, 'paper') : wrapper;

  const rawId = text(paper.id, 'paper.id', 64);
  const arxivId = normalizeArxivId(rawId);
  if (!arxivId) fail(`paper.id: "${rawId}" is not ${arxivIdRules}`);

  const publishedAt = date(paper.publishedAt, 'paper.publishedAt');
  const addedAt =
    paper.submittedOnDailyAt == null
      ? publishedAt
      : date(paper.submittedOnDailyAt, 'paper.submittedOnDailyAt');

  return {
    arxivId,
    title: oneLine(text(paper.title, 'paper.title', LIMITS.title)),
    summary: text(paper.summary, 'paper.summary', LIMITS.summary).trim(),
    authors: authorNames(paper.authors),
    publishedAt,
    addedAt,
    sourceUpvotes: paper.upvotes == null ? 0 : count(paper.upvotes, 'paper.upvotes'),
    githubRepo: optionalUrl(paper.githubRepo, 'paper.githubRepo'),
    projectPage: optionalUrl(paper.projectPage, 'paper.projectPage'),
    organization: organization(paper.organization),
  };
}

function authorNames(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail('paper.authors: must be a non-empty array of { name }');
  }
  if (value.length > LIMITS.authors) fail(`paper.authors: more than ${LIMITS.authors} authors`);
  return value.map((author, i) =>
    oneLine(
      text(asObject(author, `paper.authors[${i}]`).name, `paper.authors[${i}].name`, LIMITS.authorName),
    ),
  );
}

function organization(value: unknown): PaperInput['organization'] {
  if (value == null) return null;
  const org = asObject(value, 'paper.organization');
  const name = text(org.name, 'paper.organization.name', LIMITS.organizationName).trim();
  const fullName = org.fullname ?? org.fullName;
  return {
    name,
    fullName:
      fullName == null ? null : text(fullName, 'paper.organization.fullname', LIMITS.organizationName).trim(),
  };
}

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`${field}: must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${field}: must be a non-empty string`);
  if (value.length > maxLength) fail(`${field}: longer than ${maxLength} characters`);
  // PostgreSQL text cannot hold NUL; catching it here keeps the whole batch writable.
  if (value.includes('\u0000')) fail(`${field}: contains a NUL character`);
  return value;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function date(value: unknown, field: string): Date {
  const parsed = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime()))
    fail(`${field}: must be an ISO 8601 date, got ${JSON.stringify(value)}`);
  return parsed;
}

function count(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    fail(`${field}: must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

function optionalUrl(value: unknown, field: string): string | null {
  if (value == null || value === '') return null;
  const raw = text(value, field, LIMITS.url).trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(`${field}: "${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`${field}: must be an http(s) URL`);
  return raw;
}

function fail(message: string): never {
  throw new InvalidField(message);
}
