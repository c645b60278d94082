// The feed's filters and orderings, shared by the page query and its totalCount.
import { and, gte, lt, type SQL } from 'drizzle-orm';
import type { papers } from './schema.js';

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

export interface PaperFeedFilter {
  /** A UTC calendar day, YYYY-MM-DD. */
  publishedOn?: string | null;
  /** Inclusive lower bound. */
  publishedFrom?: Date | null;
  /** Exclusive upper bound. */
  publishedTo?: Date | null;
}

const DAY_MS = 86_400_000;

/** The filter as SQL over `table` (the papers table or the alias a relational query gives it). */
export function paperFeedWhere(table: typeof papers, filter: PaperFeedFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.publishedOn) {
    const start = new Date(`${filter.publishedOn}T00:00:00.000Z`);
    conditions.push(gte(table.publishedAt, start), lt(table.publishedAt, new Date(start.getTime() + DAY_MS)));
  }
  if (filter.publishedFrom) conditions.push(gte(table.publishedAt, filter.publishedFrom));
  if (filter.publishedTo) conditions.push(lt(table.publishedAt, filter.publishedTo));
  return conditions.length > 0 ? and(...conditions) : undefined;
}
