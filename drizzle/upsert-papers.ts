// Bulk upsert of papers with their bylines, keyed by arXiv id. A batch is one transaction, so a
// paper and its authors land together or not at all. Unchanged papers are not rewritten, which
// makes a second import of the same file a no-op.
//
// Set-based: whatever its size, a batch costs the same few statements. It is staged as a
// temporary table (import-batch-table.ts), then organizations, authors, and papers with their
// bylines and search vectors are each written by one INSERT … SELECT. Name lookups are equality
// joins that only the unique btrees can serve (the trigram indexes are over lower(...)).
import { and, gt, inArray, sql } from 'drizzle-orm';
import { rowsIn, type Db, type Tx } from './db.js';
import { notify } from './events.js';
import { importBatch, stageImportBatch } from './import-batch-table.js';
import { refreshTrendingScores } from './ranking.js';
import { authors, organizations, paperAuthors, papers } from './schema.js';
import { writeSearchVectorsInThisTransaction } from './search-vector.js';

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
  await writeSearchVectorsInThisTransaction(tx);
  await stageImportBatch(tx, batch);
  await insertStagedNames(tx);
  const changes = await rowsIn<{ id: number; arxiv_id: string; inserted: boolean }>(
    tx,
    upsertPapersAndBylines(fields),
  );

  const changed = new Map(changes.map((c) => [c.arxiv_id, c]));
  const inBatchOrder = batch.flatMap((p) => changed.get(p.arxivId) ?? []);
  const added = inBatchOrder.filter((c) => c.inserted);
  const updated = inBatchOrder.filter((c) => !c.inserted);
  if (updated.length > 0 && fields === 'all') {
    // New source upvotes or a new addedAt: rescore papers whose local upvotes count too.
    const ids = updated.map((c) => c.id);
    await tx.execute(
      refreshTrendingScores(
        sql`select ${papers.id} from ${papers} where ${and(gt(papers.localUpvotes, 0), inArray(papers.id, ids))}`,
      ),
    );
  }
  await notify(
    tx,
    'paperAdded',
    added.map((c) => c.id),
  );
  await notify(
    tx,
    'paperUpdated',
    updated.map((c) => c.id),
  );
  return {
    added: added.map((c) => c.arxiv_id),
    updated: updated.map((c) => c.arxiv_id),
    unchanged: batch.length - added.length - updated.length,
  };
}

/** Inserts the staged batch's organizations and authors that are new. */
export async function insertStagedNames(tx: Tx): Promise<void> {
  await tx.execute(insertNewOrganizations);
  await tx.execute(insertNewAuthors);
}

/** Writes the byline of a paper that has none yet: the staged batch's only paper. */
export async function insertStagedByline(tx: Tx, paperId: number): Promise<void> {
  await tx.execute(sql`
    insert into ${paperAuthors} (paper_id, author_id, position)
    select ${paperId}, a.id, byline.place - 1
    from ${importBatch} b cross join unnest(b.authors) with ordinality as byline(name, place)
      join ${authors} a on a.name = byline.name`);
}

// An organization's full name is taken from the first paper that brings it.
const insertNewOrganizations = sql`
  insert into ${organizations} (${sql.identifier(organizations.name.name)}, ${sql.identifier(organizations.fullName.name)})
  select distinct on (organization_name) organization_name, organization_full_name
  from ${importBatch} where organization_name is not null
  order by organization_name, position
  on conflict (${sql.identifier(organizations.name.name)}) do nothing`;

// In name order, as organizations: batches written at once then wait for each other, never deadlock.
const insertNewAuthors = sql`
  insert into ${authors} (${sql.identifier(authors.name.name)})
  select byline.name from ${importBatch} b, unnest(b.authors) with ordinality as byline(name, place)
  group by byline.name order by byline.name
  on conflict (${sql.identifier(authors.name.name)}) do nothing`;

/**
 * One statement: papers inserted or rewritten where they changed (search vectors included), then
 * every batch paper's byline made equal to its author list. Returns the papers it added or changed
 * (row or byline), each with `inserted`.
 */
export function upsertPapersAndBylines(fields: UpsertFields) {
  const conflict = fields === 'all' ? updateAll : updateBibliographic;
  return sql`
    with staged as (
      select b.*, o.id as organization_id
      from ${importBatch} b left join ${organizations} o on o.name = b.organization_name
    ),
    written as (
      insert into ${papers} (arxiv_id, title, summary, published_at, added_at, github_repo, project_page,
        organization_id, source_upvotes, trending_score, search_vector)
      select arxiv_id, title, summary, published_at, added_at, github_repo, project_page,
        organization_id, source_upvotes, trending_score, search_vector
      from staged order by position
      on conflict (arxiv_id) do update set ${conflict}
      returning id, arxiv_id, xmax = 0 as inserted
    ),
    -- Existing papers are in the statement's snapshot, new ones only in what the insert returned.
    ids as (
      select id, arxiv_id from written where inserted
      union all
      select p.id, p.arxiv_id from ${papers} p join ${importBatch} b on b.arxiv_id = p.arxiv_id
    ),
    bylines as (
      insert into ${paperAuthors} (paper_id, author_id, position)
      select ids.id, a.id, byline.place - 1
      from ids join ${importBatch} b on b.arxiv_id = ids.arxiv_id
        cross join unnest(b.authors) with ordinality as byline(name, place)
        join ${authors} a on a.name = byline.name
      on conflict (paper_id, position) do update set author_id = excluded.author_id
      where ${paperAuthors.authorId} <> excluded.author_id
      returning paper_id
    ),
    -- A byline that got shorter leaves rows past its new end.
    shortened as (
      delete from ${paperAuthors} pa using ids join ${importBatch} b on b.arxiv_id = ids.arxiv_id
      where pa.paper_id = ids.id and pa.position >= cardinality(b.authors)
      returning pa.paper_id
    )
    select id, arxiv_id, inserted from written
    union all
    select id, arxiv_id, false from ids
    where id in (select paper_id from bylines union select paper_id from shortened)
      and arxiv_id not in (select arxiv_id from written)`;
}

// The search vector is compared too: it changes with the title, the abstract or the author names.
const updateAll = sql`title = excluded.title, summary = excluded.summary,
    published_at = excluded.published_at, added_at = excluded.added_at,
    github_repo = excluded.github_repo, project_page = excluded.project_page,
    organization_id = excluded.organization_id, source_upvotes = excluded.source_upvotes,
    trending_score = excluded.trending_score, search_vector = excluded.search_vector
  where (${papers.title}, ${papers.summary}, ${papers.publishedAt}, ${papers.addedAt}, ${papers.githubRepo},
      ${papers.projectPage}, ${papers.organizationId}, ${papers.sourceUpvotes}, ${papers.searchVector})
    is distinct from (excluded.title, excluded.summary, excluded.published_at, excluded.added_at,
      excluded.github_repo, excluded.project_page, excluded.organization_id, excluded.source_upvotes,
      excluded.search_vector)`;

// Added-at and upvotes stay, so the trending score stays valid without a rescore.
const keptGithubRepo = sql`coalesce(${papers.githubRepo}, excluded.github_repo)`;
const updateBibliographic = sql`title = excluded.title, summary = excluded.summary,
    published_at = excluded.published_at, github_repo = ${keptGithubRepo},
    search_vector = excluded.search_vector
  where (${papers.title}, ${papers.summary}, ${papers.publishedAt}, ${papers.githubRepo}, ${papers.searchVector})
    is distinct from (excluded.title, excluded.summary, excluded.published_at, ${keptGithubRepo},
      excluded.search_vector)`;
