// A paper submitted by a user: inserted with its byline in one transaction, never over an
// existing paper.
import { TransactionRollbackError } from 'drizzle-orm';
import type { Db } from './db.js';
import { notify } from './events.js';
import { trendingScore } from './ranking.js';
import { papers } from './schema.js';
import { ensureAuthors, ensureOrganizations, type PaperInput, writeBylines } from './upsert-papers.js';

export type Submission = Omit<PaperInput, 'addedAt' | 'sourceUpvotes'>;

/** The new paper's id, or null when the arXiv id is taken (and then nothing is written). */
export async function insertSubmittedPaper(
  db: Db,
  paper: Submission,
  userId: number,
): Promise<number | null> {
  const addedAt = new Date();
  try {
    return await db.transaction(async (tx) => {
      const organizationIds = await ensureOrganizations(tx, [paper]);
      const authorIds = await ensureAuthors(tx, [paper]);
      const [row] = await tx
        .insert(papers)
        .values({
          arxivId: paper.arxivId,
          title: paper.title,
          summary: paper.summary,
          publishedAt: paper.publishedAt,
          githubRepo: paper.githubRepo,
          projectPage: paper.projectPage,
          organizationId: paper.organization ? organizationIds.get(paper.organization.name)! : null,
          addedAt,
          sourceUpvotes: 0,
          trendingScore: trendingScore(addedAt, 0),
          submittedById: userId,
        })
        .onConflictDoNothing({ target: papers.arxivId })
        .returning({ id: papers.id });
      // Taken: roll back, which also undoes any author or organization rows inserted above.
      if (!row) tx.rollback();
      await writeBylines(tx, [paper], new Map([[paper.arxivId, row!.id]]), authorIds);
      await notify(tx, 'paperAdded', [row!.id]);
      return row!.id;
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return null;
    throw error;
  }
}
