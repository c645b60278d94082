// Fixed-window counters in PostgreSQL, so every server instance enforces one shared limit.
import { lt, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { rateLimitHits } from './schema.js';

/** Adds `cost` hits to `key`'s current window; returns the window's total and when it ends. */
export async function countHits(db: Db, key: string, cost: number, windowMs: number) {
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitHits)
    .values({ key, windowStart, hits: cost })
    .onConflictDoUpdate({
      target: [rateLimitHits.key, rateLimitHits.windowStart],
      set: { hits: sql`${rateLimitHits.hits} + ${cost}` },
    })
    .returning({ hits: rateLimitHits.hits });
  return { hits: row!.hits, resetsAt: new Date(windowStart.getTime() + windowMs) };
}

/** Drops windows that ended before `before`. */
export async function pruneHits(db: Db, before: Date): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, before));
}
