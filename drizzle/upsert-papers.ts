// Bulk upsert of papers with their bylines, keyed by arXiv id. A batch is one transaction, so a
// paper and its authors land together or not at all. Unchanged papers are not rewritten, which
// makes a second import of the same file a no-op.
import { and, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from './db.js';
import { notify } from './events.js';
import { refreshTrendingScores, trendingScore } from './ranking.js';
import { authors, organizations, paperAuthors, papers } from './schema.js';

export interface PaperInput {
  arxivId: string;
  title: string;
  summary: string;
  /** Author names in byline order. */
  authors: string[];
  publishedAt: Date;
  addedAt: Date;
  sourceUpvotes: number;
  githubRepo: string | null;
  projectPage: string | null;
  organization: { name: string; fullName: string | null } | null;
}

/**
 * What an upsert rewrites on papers that already exist. `all`: every field (the source is the
 * daily-papers feed itself). `bibliographic`: title, summary, publication date and byline, plus a
 * GitHub link where there was none; upvotes, organization, project page and feed date are kept
 * (the source, like arXiv, does not know them).
 */
export type UpsertFields = 'all' | 'bibliographic';

export interface UpsertResult {
  /** arXiv ids of papers that did not exist before, in input order. */
  added: string[];
  /** arXiv ids of existing papers whose data or byline changed. */
  updated: string[];
  unchanged: number;
}

/** Upserts a batch (arXiv ids must be distinct) in one transaction. */
export async function upsertPapers(
  db: Db,
  batch: PaperInput[],
  fields: UpsertFields = 'all',
): Promise<UpsertResult> {
  if (batch.length === 0) return { added: [], updated: [], unchanged: 0 };
  return db.transaction((tx) => upsertPapersInTx(tx, batch, fields));
}

export async function upsertPapersInTx(
  tx: Tx,
  batch: PaperInput[],
  fields: UpsertFields = 'all',
): Promise<UpsertResult> {
  const organizationIds = await ensureOrganizations(tx, batch);
  const authorIds = await ensureAuthors(tx, batch);

  const changedRows = await tx
    .insert(papers)
    .values(
      batch.map((p) => ({
        arxivId: p.arxivId,
        title: p.title,
        summary: p.summary,
        publishedAt: p.publishedAt,
        addedAt: p.addedAt,
        githubRepo: p.githubRepo,
        projectPage: p.projectPage,
        organizationId: p.organization ? organizationIds.get(p.organization.name)! : null,
        sourceUpvotes: p.sourceUpvotes,
        trendingScore: trendingScore(p.addedAt, p.sourceUpvotes),
      })),
    )
    .onConflictDoUpdate(fields === 'all' ? updateAll : updateBibliographic)
    .returning({ arxivId: papers.arxivId, inserted: sql<boolean>`xmax = 0` });

  const paperIds = new Map(
    (
      await tx
        .select({ id: papers.id, arxivId: papers.arxivId })
        .from(papers)
        .where(
          inArray(
            papers.arxivId,
            batch.map((p) => p.arxivId),
          ),
        )
    ).map((row) => [row.arxivId, row.id]),
  );
  const bylineChanged = await writeBylines(tx, batch, paperIds, authorIds);

  const inserted = new Set(changedRows.filter((r) => r.inserted).map((r) => r.arxivId));
  const rowChanged = new Set(changedRows.map((r) => r.arxivId));
  const added = batch.filter((p) => inserted.has(p.arxivId)).map((p) => p.arxivId);
  const updated = batch
    .filter((p) => !inserted.has(p.arxivId))
    .filter((p) => rowChanged.has(p.arxivId) || bylineChanged.has(paperIds.get(p.arxivId)!))
    .map((p) => p.arxivId);
  if (updated.length > 0 && fields === 'all') {
    // New source upvotes or a new addedAt: rescore papers whose local upvotes count too.
    await tx.execute(
      refreshTrendingScores(
        sql`select ${papers.id} from ${papers} where ${and(gt(papers.localUpvotes, 0), inArray(papers.arxivId, updated))}`,
      ),
    );
  }
  await notify(
    tx,
    'paperAdded',
    added.map((arxivId) => paperIds.get(arxivId)!),
  );
  await notify(
    tx,
    'paperUpdated',
    updated.map((arxivId) => paperIds.get(arxivId)!),
  );
  return { added, updated, unchanged: batch.length - added.length - updated.length };
}

const updateAll = {
  target: papers.arxivId,
  set: {
    title: sql`excluded.title`,
    summary: sql`excluded.summary`,
    publishedAt: sql`excluded.published_at`,
    addedAt: sql`excluded.added_at`,
    githubRepo: sql`excluded.github_repo`,
    projectPage: sql`excluded.project_page`,
    organizationId: sql`excluded.organization_id`,
    sourceUpvotes: sql`excluded.source_upvotes`,
    trendingScore: sql`excluded.trending_score`,
  },
  setWhere: sql`(${papers.title}, ${papers.summary}, ${papers.publishedAt}, ${papers.addedAt}, ${papers.githubRepo}, ${papers.projectPage}, ${papers.organizationId}, ${papers.sourceUpvotes})
    is distinct from (excluded.title, excluded.summary, excluded.published_at, excluded.added_at, excluded.github_repo, excluded.project_page, excluded.organization_id, excluded.source_upvotes)`,
};

// Added-at and upvotes stay, so the trending score stays valid without a rescore.
const keptGithubRepo = sql`coalesce(${papers.githubRepo}, excluded.github_repo)`;
const updateBibliographic = {
  target: papers.arxivId,
  set: {
    title: sql`excluded.title`,
    summary: sql`excluded.summary`,
    publishedAt: sql`excluded.published_at`,
    githubRepo: keptGithubRepo,
  },
  setWhere: sql`(${papers.title}, ${papers.summary}, ${papers.publishedAt}, ${papers.githubRepo})
    is distinct from (excluded.title, excluded.summary, excluded.published_at, ${keptGithubRepo})`,
};

/** Makes each paper's paper_authors rows equal its byline; returns the paper ids it changed. */
export async function writeBylines(
  tx: Tx,
  batch: Pick<PaperInput, 'arxivId' | 'authors'>[],
  paperIds: Map<string, number>,
  authorIds: Map<string, number>,
): Promise<Set<number>> {
  const rows = batch.flatMap((p) =>
    p.authors.map((name, position) => ({
      paperId: paperIds.get(p.arxivId)!,
      authorId: authorIds.get(name)!,
      position,
    })),
  );
  const written = await tx
    .insert(paperAuthors)
    .values(rows)
    .onConflictDoUpdate({
      target: [paperAuthors.paperId, paperAuthors.position],
      set: { authorId: sql`excluded.author_id` },
      setWhere: sql`${paperAuthors.authorId} <> excluded.author_id`,
    })
    .returning({ paperId: paperAuthors.paperId });

  // A byline that got shorter leaves rows past its new end.
  const ids = batch.map((p) => paperIds.get(p.arxivId)!);
  const lengths = batch.map((p) => p.authors.length);
  // A join, not a subquery per row: the planner hashes the batch once.
  const removed = await tx
    .delete(paperAuthors)
    .where(
      sql`(${paperAuthors.paperId}, ${paperAuthors.position}) in (
        select pa.paper_id, pa.position
        from unnest(${sql.param(ids)}::int[], ${sql.param(lengths)}::int[]) as b(paper_id, len)
        join ${paperAuthors} pa on pa.paper_id = b.paper_id and pa.position >= b.len)`,
    )
    .returning({ paperId: paperAuthors.paperId });
  return new Set([...written, ...removed].map((r) => r.paperId));
}

/** The ids of the batch's organizations, inserting those that are new. */
export function ensureOrganizations(tx: Tx, batch: Pick<PaperInput, 'organization'>[]) {
  const named = batch.flatMap((p) => (p.organization ? [p.organization] : []));
  return ensureNamedRows(
    tx,
    organizations,
    uniqueBy(named, (o) => o.name),
  );
}

/** The ids of the batch's author names, inserting those that are new. */
export function ensureAuthors(tx: Tx, batch: Pick<PaperInput, 'authors'>[]) {
  return ensureNamedRows(
    tx,
    authors,
    [...new Set(batch.flatMap((p) => p.authors))].map((name) => ({ name })),
  );
}

/** Inserts the named rows that are missing and returns every name's id. */
async function ensureNamedRows<T extends { name: string }>(
  tx: Tx,
  table: typeof authors | typeof organizations,
  rows: T[],
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  await tx.insert(table).values(rows).onConflictDoNothing({ target: table.name });
  const found = await tx
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(
      inArray(
        table.name,
        rows.map((r) => r.name),
      ),
    );
  return new Map(found.map((r) => [r.name, r.id]));
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
