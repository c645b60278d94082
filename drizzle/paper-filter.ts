// Which papers a subscriber asked for: used to catch a reconnecting subscriber up, and to test
// live events against its filter.
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { sharedLoad, sharedLoadByKey } from './shared-loads.js';
import { authors, organizations, paperAuthors, papers } from './schema.js';

export interface PaperFilter {
  /** A full author name, any letter case. */
  authorName?: string | null;
  /** An organization's short name, any letter case. */
  organization?: string | null;
}

export const isEmptyFilter = (filter: PaperFilter | null | undefined) =>
  !filter?.authorName && !filter?.organization;

function filterSql(filter: PaperFilter | null | undefined): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter?.authorName) {
    conditions.push(
      sql`exists (select 1 from ${paperAuthors} join ${authors} on ${authors.id} = ${paperAuthors.authorId}
          where ${paperAuthors.paperId} = ${papers.id} and lower(${authors.name}) = lower(${filter.authorName}))`,
    );
  }
  if (filter?.organization) {
    conditions.push(
      sql`exists (select 1 from ${organizations} where ${organizations.id} = ${papers.organizationId}
          and lower(${organizations.name}) = lower(${filter.organization}))`,
    );
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** Ids of matching papers added after `afterId`, oldest first. */
export async function matchingPaperIdsAfter(
  db: Db,
  afterId: number,
  filter: PaperFilter | null | undefined,
  limit: number,
) {
  const rows = await db
    .select({ id: papers.id })
    .from(papers)
    .where(and(gt(papers.id, afterId), filterSql(filter)))
    .orderBy(asc(papers.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** The highest paper id, 0 for none: where a subscription that has seen nothing yet resumes from. */
export async function latestPaperId(db: Db): Promise<number> {
  const [row] = await db.select({ id: sql<number | null>`max(${papers.id})` }).from(papers);
  return Number(row?.id ?? 0);
}

/** Whether the paper `id` matches the filter. */
export async function paperMatches(
  db: Db,
  id: number,
  filter: PaperFilter | null | undefined,
): Promise<boolean> {
  if (isEmptyFilter(filter)) return true;
  // Asked by every subscriber with a filter when an event arrives: identical checks share one
  // statement, named by the filter rather than by its SQL (cheaper to build).
  const rows = await sharedLoadByKey(db, `matches ${id} ${JSON.stringify(filter)}`, () =>
    db
      .select({ id: papers.id })
      .from(papers)
      .where(and(eq(papers.id, id), filterSql(filter))),
  );
  return rows.length > 0;
}

/** [arXiv id, paper id] of those of these arXiv ids that exist. */
export async function paperIdsByArxivIds(db: Db, arxivIds: string[]): Promise<Array<[string, number]>> {
  if (arxivIds.length === 0) return [];
  // Subscribers watching the same papers look them up on the same event: one statement.
  const rows = await sharedLoad(
    db,
    db
      .select({ arxivId: papers.arxivId, id: papers.id })
      .from(papers)
      .where(inArray(papers.arxivId, arxivIds)),
  );
  return rows.map((row) => [row.arxivId, row.id]);
}
