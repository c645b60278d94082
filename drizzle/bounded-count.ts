// Counts that stay cheap however many rows match: the totalCount of searches and feeds. An exact
// count(*) reads every match (1.2–1.4 s for "language model" at a million papers); this one stops
// after COUNT_BOUND + 1 matches and, past the bound, asks the planner for its row estimate.
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { planForValues, rowsIn, type Db } from './db.js';

/**
 * Up to this many matches a count is exact. Chosen by measurement (README, "Counting"): finding
 * 1,001 matches of a common query costs a few ms, 10,001 of them up to ten times as much.
 */
export const COUNT_BOUND = 1_000;

export interface BoundedCount {
  /** The exact count when `isExact`; otherwise the planner's estimate, never below bound + 1. */
  count: number;
  isExact: boolean;
}

export interface CountOptions {
  /** Counts up to this are exact; default COUNT_BOUND. */
  bound?: number;
}

/**
 * How many rows of `table` satisfy `where`: exact up to `bound`, estimated above it. One statement
 * when the count is within the bound, two otherwise. Both are planned for their values (a common
 * word is best found by walking the table until the cap, a rare one through its index).
 */
export async function boundedCount(
  db: Db,
  table: PgTable,
  where: SQL | undefined,
  options: CountOptions = {},
): Promise<BoundedCount> {
  const { bound = COUNT_BOUND } = options;
  const [capped] = await rowsIn<{ n: number }>(db, cappedCount(table, where, bound));
  const found = Number(capped?.n ?? 0);
  if (found <= bound) return { count: found, isExact: true };
  const [plan] = await rowsIn<Record<string, unknown>>(
    db,
    sql`${planForValues} explain (format json) ${matching(table, where)}`,
  );
  return { count: Math.max(bound + 1, estimatedRows(plan)), isExact: false };
}

const matching = (table: PgTable, where: SQL | undefined) =>
  sql`select 1 from ${table} where ${where ?? sql`true`}`;

/** The count of at most bound + 1 matching rows, as `n`. */
export function cappedCount(table: PgTable, where: SQL | undefined, bound: number = COUNT_BOUND): SQL {
  return sql`${planForValues} select count(*)::int as n from (${matching(table, where)} limit ${bound + 1}) as capped`;
}

/** "Plan Rows" of the top node of EXPLAIN (FORMAT JSON): a json value, parsed or not by the driver. */
function estimatedRows(row: Record<string, unknown> | undefined): number {
  const value = row ? Object.values(row)[0] : undefined;
  const plans = (typeof value === 'string' ? JSON.parse(value) : value) as
    | Array<{ Plan?: { 'Plan Rows'?: number } }>
    | undefined;
  return Math.round(plans?.[0]?.Plan?.['Plan Rows'] ?? 0);
}
