// What makes a paper's fields valid, shared by the importer and the submitPaper mutation. Each
// check returns the normalized value or throws a RuleViolation whose message completes
// "<field>: ...", so each caller can name the field its own way.
import { arxivIdRules, normalizeArxivId } from './arxiv-id.js';
import { isStorableInstant, STORABLE_INSTANTS } from './storable-instant.js';
import { unstorableCharacter } from './storable-text.js';

export const PAPER_LIMITS = {
  title: 1_000,
  summary: 20_000,
  authorName: 300,
  authors: 5_000,
  url: 2_000,
  organizationName: 200,
  /** Source upvotes; the upvote count adds local ones in a 32-bit integer, so room is kept. */
  upvotes: 1_000_000_000,
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
  if (!id) throw new RuleViolation(`${preview(raw)} is not ${arxivIdRules}`);
  return id;
}

export function checkUpvotes(value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > PAPER_LIMITS.upvotes) {
    throw new RuleViolation(
      `must be a whole number from 0 to ${PAPER_LIMITS.upvotes}, got ${preview(value)}`,
    );
  }
  return value as number;
}

export function checkInstant(date: Date): Date {
  if (!isStorableInstant(date))
    throw new RuleViolation(`must be ${STORABLE_INSTANTS}, got ${date.toISOString()}`);
  return date;
}

/** A value as a message may quote it: JSON, cut short. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
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
