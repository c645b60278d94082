// A paper submitted by a user: inserted with its byline in one transaction, never over an
// existing paper.
import { sql, TransactionRollbackError } from 'drizzle-orm';
import type { Db } from './db.js';
import { notify } from './events.js';
import { trendingScore } from './ranking.js';
import { organizations, papers } from './schema.js';
import { stageImportBatch } from './import-batch-table.js';
import { insertStagedByline, insertStagedNames, type PaperInput } from './upsert-papers.js';

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
      await stageImportBatch(tx, [{ ...paper, addedAt, sourceUpvotes: 0 }]);
      await insertStagedNames(tx);
      const [row] = await tx
        .insert(papers)
        .values({
          arxivId: paper.arxivId,
          title: paper.title,
          summary: paper.summary,
          publishedAt: paper.publishedAt,
          githubRepo: paper.githubRepo,
          projectPage: paper.projectPage,
          organizationId: paper.organization
            ? sql`(select ${organizations.id} from ${organizations} where ${organizations.name} = ${paper.organization.name})`
            : null,
          addedAt,
          sourceUpvotes: 0,
          trendingScore: trendingScore(addedAt, 0),
          submittedById: userId,
        })
        .onConflictDoNothing({ target: papers.arxivId })
        .returning({ id: papers.id });
      // Taken: roll back, which also undoes any author or organization rows inserted above.
      if (!row) tx.rollback();
      await insertStagedByline(tx, row!.id);
      await notify(tx, 'paperAdded', [row!.id]);
      return row!.id;
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return null;
    throw error;
  }
}
