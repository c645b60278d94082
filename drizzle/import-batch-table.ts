// A batch of papers as a temporary table, so that the importer's few set-based statements
// (drizzle/upsert-papers.ts) can each read all of it. One statement fills it from one JSON
// parameter, whatever the batch size; it is dropped when the transaction ends.
import { sql } from 'drizzle-orm';
import type { Tx } from './db.js';
import { trendingScore } from './ranking.js';
import { searchVectorOf } from './search-vector.js';
import type { PaperInput } from './upsert-papers.js';

/** The table's name in SQL. Temporary: each connection has its own, so imports can run side by side. */
export const importBatch = sql.identifier('import_batch');

interface BatchRow {
  position: number;
  arxiv_id: string;
  title: string;
  summary: string;
  published_at: string;
  added_at: string;
  github_repo: string | null;
  project_page: string | null;
  organization_name: string | null;
  organization_full_name: string | null;
  source_upvotes: number;
  trending_score: number;
  authors: string[];
}

/**
 * Creates import_batch (position = place in `batch`), with each paper's search vector, for the
 * rest of the transaction.
 */
export async function stageImportBatch(tx: Tx, batch: readonly PaperInput[]): Promise<void> {
  const rows = batch.map(
    (p, position): BatchRow => ({
      position,
      arxiv_id: p.arxivId,
      title: p.title,
      summary: p.summary,
      published_at: p.publishedAt.toISOString(),
      added_at: p.addedAt.toISOString(),
      github_repo: p.githubRepo,
      project_page: p.projectPage,
      organization_name: p.organization?.name ?? null,
      organization_full_name: p.organization?.fullName ?? null,
      source_upvotes: p.sourceUpvotes,
      trending_score: trendingScore(p.addedAt, p.sourceUpvotes),
      authors: p.authors,
    }),
  );
  // As text cast to json: a json-typed parameter would be serialized a second time by postgres.js.
  // The search vectors are computed here, the costliest part of a batch, before the batch inserts
  // any name: batches written at once wait for each other's new names, and not for this.
  await tx.execute(sql`create temporary table ${importBatch} on commit drop as
    select r.*, ${searchVectorOf(sql`r.title`, sql`r.summary`, sql`array_to_string(r.authors, ' ')`)} as search_vector
    from json_to_recordset(${JSON.stringify(rows)}::text::json) as r(
      position int, arxiv_id text, title text, summary text, published_at timestamptz,
      added_at timestamptz, github_repo text, project_page text, organization_name text,
      organization_full_name text, source_upvotes int, trending_score float8, authors text[])`);
}
