// The feed's filters and orderings, shared by the page query and its totalCount.
import { and, gte, lt, type SQL } from 'drizzle-orm';
import type { papers } from './schema.js';
import { isStorableInstant } from './storable-instant.js';

export const PAPER_ORDERS = ['NEWEST', 'TOP', 'TRENDING'] as const;
export type PaperOrder = (typeof PAPER_ORDERS)[number];

/** Each ordering is backed by an index on (column, id); the connection appends the id. */
export const paperOrderBy = {
  NEWEST: { addedAt: 'desc' },
  TOP: { upvoteCount: 'desc' },
  TRENDING: { trendingScore: 'desc' },
} as const satisfies Record<PaperOrder, Record<string, 'asc' | 'desc'>>;

/** The type of each ordering's leading value, which its cursors carry. */
export const paperOrderKey = { NEWEST: 'date', TOP: 'integer', TRENDING: 'number' } as const;

export const FEED_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;
export type FeedPeriod = (typeof FEED_PERIODS)[number];

export interface PaperFeedFilter {
  /** Only papers added to the feed within this UTC day, ISO week or month (see periodRange). */
  addedIn?: { period: FeedPeriod; date: string } | null;
  /** A UTC calendar day, YYYY-MM-DD. */
  publishedOn?: string | null;
  /** Inclusive lower bound. */
  publishedFrom?: Date | null;
  /** Exclusive upper bound. */
  publishedTo?: Date | null;
}

const DAY_MS = 86_400_000;

/**
 * The UTC instants [from, to) of the day, ISO week (Monday to Monday) or calendar month that
 * contains `date` (YYYY-MM-DD), like Hugging Face's daily, weekly and monthly papers.
 */
export function periodRange(period: FeedPeriod, date: string): { from: Date; to: Date } {
  const day = new Date(`${date}T00:00:00.000Z`);
  switch (period) {
    case 'DAY':
      return { from: day, to: new Date(day.getTime() + DAY_MS) };
    case 'WEEK': {
      const sinceMonday = (day.getUTCDay() + 6) % 7;
      const monday = new Date(day.getTime() - sinceMonday * DAY_MS);
      return { from: monday, to: new Date(monday.getTime() + 7 * DAY_MS) };
    }
    case 'MONTH': {
      // Not Date.UTC, which reads years 0 to 99 as 1900 to 1999.
      const from = new Date(day);
      from.setUTCDate(1);
      const to = new Date(from);
      to.setUTCMonth(from.getUTCMonth() + 1);
      return { from, to };
    }
  }
}

/** The filter as SQL over `table` (the papers table or the alias a relational query gives it). */
export function paperFeedWhere(table: typeof papers, filter: PaperFeedFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.publishedOn) {
    const { from, to } = periodRange('DAY', filter.publishedOn);
    conditions.push(gte(table.publishedAt, from), ...before(table.publishedAt, to));
  }
  if (filter.publishedFrom) conditions.push(gte(table.publishedAt, filter.publishedFrom));
  if (filter.publishedTo) conditions.push(lt(table.publishedAt, filter.publishedTo));
  if (filter.addedIn) {
    const { from, to } = periodRange(filter.addedIn.period, filter.addedIn.date);
    conditions.push(gte(table.addedAt, from), ...before(table.addedAt, to));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/**
 * `column < to`; none when `to` is past the last instant PostgreSQL takes (a period around
 * 9999-12-31 ends in year 10000): every stored value is before it, and it could not be sent.
 */
const before = (column: typeof papers.publishedAt, to: Date): SQL[] =>
  isStorableInstant(to) ? [lt(column, to)] : [];
