// Upvotes and the paper counters that follow them, written in one transaction. The paper row is
// locked first, so concurrent votes on one paper queue up and every count and score they write
// is computed from committed state: no upvote is lost or counted twice.
import { and, eq, sql, type Column } from 'drizzle-orm';
import type { Db, Tx } from './db.js';
import { notify } from './events.js';
import { refreshTrendingScores } from './ranking.js';
import { papers, upvotes } from './schema.js';

export type UpvoteChange = { paperId: number; changed: boolean } | null;

/** Adds the user's upvote (idempotent). Null when the paper does not exist. */
export function addUpvote(db: Db, userId: number, arxivId: string): Promise<UpvoteChange> {
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const paperId = await lockPaper(tx, arxivId);
      if (paperId === null) return null;
      const inserted = await tx
        .insert(upvotes)
        .values({ userId, paperId })
        .onConflictDoNothing()
        .returning({ paperId: upvotes.paperId });
      if (inserted.length > 0) await applyVoteChange(tx, paperId, +1);
      return { paperId, changed: inserted.length > 0 };
    }),
  );
}

/** Removes the user's upvote (idempotent). Null when the paper does not exist. */
export function removeUpvote(db: Db, userId: number, arxivId: string): Promise<UpvoteChange> {
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const paperId = await lockPaper(tx, arxivId);
      if (paperId === null) return null;
      const deleted = await tx
        .delete(upvotes)
        .where(and(eq(upvotes.userId, userId), eq(upvotes.paperId, paperId)))
        .returning({ paperId: upvotes.paperId });
      if (deleted.length > 0) await applyVoteChange(tx, paperId, -1);
      return { paperId, changed: deleted.length > 0 };
    }),
  );
}

/** SQLSTATEs after which PostgreSQL has rolled the transaction back and a retry is the remedy. */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure

/**
 * Runs a vote transaction again when PostgreSQL aborts it to break a deadlock. Seen under the
 * benchmark's write load (many users voting on the same papers); the transaction is idempotent
 * and was rolled back whole, so running it again is safe.
 */
async function retryOnConflict<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

async function lockPaper(tx: Tx, arxivId: string): Promise<number | null> {
  const [row] = await tx
    .select({ id: papers.id })
    .from(papers)
    .where(eq(papers.arxivId, arxivId))
    .for('update');
  return row?.id ?? null;
}

async function applyVoteChange(tx: Tx, paperId: number, delta: 1 | -1): Promise<void> {
  await tx
    .update(papers)
    .set({ localUpvotes: sql`${papers.localUpvotes} + ${delta}` })
    .where(eq(papers.id, paperId));
  await tx.execute(refreshTrendingScores(sql`${paperId}`));
  await notify(tx, 'paperUpvotesChanged', [paperId]);
}

/** Whether `userId` upvoted the paper whose id column is `paperId` (for a query's extras). */
export const hasUpvoted = (paperId: Column, userId: number) =>
  sql<boolean>`exists (select 1 from ${upvotes} where ${upvotes.paperId} = ${paperId} and ${upvotes.userId} = ${userId})`;
