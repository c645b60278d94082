// Fills a database with synthetic papers, users and upvotes for load and search testing, in one
// transaction: a run lands whole or not at all. An empty database is loaded without its secondary
// indexes, which are rebuilt at the end; `append` adds to a database that has papers, keeping
// its indexes live, and numbers the new papers after the synthetic ones already there.
import { max, sql } from 'drizzle-orm';
import { bulkPaperWriter, ensureUsers } from '../../drizzle/bulk-insert-papers.js';
import type { Database } from '../../drizzle/db.js';
import { paperAuthors, papers, upvotes } from '../../drizzle/schema.js';
import { nextPaperId, withSearchVectorsAfter } from '../../drizzle/search-vector.js';
import { withoutIndexes } from '../../drizzle/without-indexes.js';
import { SYNTHETIC_ID_PATTERN, syntheticPaperNumber } from './synthetic-arxiv-id.js';
import { syntheticPaper, syntheticUsername, type SyntheticOptions } from './synthetic-papers.js';
import { ORGANIZATIONS } from './vocabulary.js';

export interface SeedOptions {
  papers: number;
  seed: number;
  /** Local voters; default: one per 20 papers, from 20 to 5,000. */
  users?: number;
  /** Author pool; default: 0.8 per paper (Zipf draws leave part of it unused). */
  authors?: number;
  /** Add to a database that already has papers, instead of refusing. */
  append?: boolean;
  batchSize?: number;
  /** Publication dates; default 2021-01-01 to 2026-01-01. */
  from?: Date;
  to?: Date;
  onProgress?: (papersDone: number) => void;
  /** Called once the rows are in, before secondary indexes are rebuilt (empty databases only). */
  onRebuildIndexes?: () => void;
}

export interface SeedReport {
  /** Number of the first synthetic paper written (0 unless appending). */
  first: number;
  papers: number;
  users: number;
  bylineRows: number;
  upvotes: number;
  rebuiltIndexes: boolean;
}

export class SeedRefused extends Error {}

/** Synthetic accounts cannot sign in: no scrypt hash ever equals this. */
const NO_PASSWORD = '!synthetic';

export const defaultUsers = (papers: number) => Math.min(Math.max(Math.round(papers / 20), 20), 5_000);
export const defaultAuthors = (papers: number) => Math.max(Math.round(papers * 0.8), 20);

export async function seedSynthetic(database: Database, options: SeedOptions): Promise<SeedReport> {
  const { db } = database;
  const existing = await db.$count(papers);
  if (existing > 0 && !options.append) {
    throw new SeedRefused(
      `The database already has ${existing.toLocaleString('en-US')} papers. Pass --append to add synthetic ` +
        `papers after them (their arXiv ids, 9000.00000 and up, never collide with real ones), ` +
        `or point DATABASE_URL / PGLITE_DIR at an empty database.`,
    );
  }
  const first = existing > 0 ? await nextSyntheticNumber(database) : 0;
  const generator: SyntheticOptions = {
    seed: options.seed,
    users: options.users ?? defaultUsers(options.papers),
    authors: options.authors ?? defaultAuthors(options.papers),
    from: options.from ?? new Date('2021-01-01T00:00:00Z'),
    to: options.to ?? new Date('2026-01-01T00:00:00Z'),
  };
  const batchSize = options.batchSize ?? 5_000;
  const report: SeedReport = {
    first,
    papers: 0,
    users: generator.users,
    bylineRows: 0,
    upvotes: 0,
    rebuiltIndexes: existing === 0,
  };

  await db.transaction(async (tx) => {
    const load = async () => {
      const usernames = Array.from({ length: generator.users }, (_, rank) => syntheticUsername(rank));
      const userIds = await ensureUsers(tx, usernames, NO_PASSWORD);
      const writer = await bulkPaperWriter(database, tx, { organizations: ORGANIZATIONS, userIds });
      for (let start = first; start < first + options.papers; start += batchSize) {
        const end = Math.min(start + batchSize, first + options.papers);
        const written = await writer.write(end - start, generate(start, end, generator));
        report.papers += written.papers;
        report.bylineRows += written.bylineRows;
        report.upvotes += written.upvotes;
        options.onProgress?.(report.papers);
      }
      await writer.finish();
    };
    const firstId = await nextPaperId(tx);
    const loadWithVectors = () => withSearchVectorsAfter(tx, firstId, load);
    if (report.rebuiltIndexes) {
      await withoutIndexes(tx, [papers, paperAuthors, upvotes], loadWithVectors, options.onRebuildIndexes);
    } else {
      await loadWithVectors();
    }
  });
  // Fresh statistics, so the planner sees the new sizes before autovacuum gets to them.
  await db.execute(sql`analyze papers, paper_authors, authors, upvotes, users, organizations`);
  return report;
}

function* generate(start: number, end: number, options: SyntheticOptions) {
  for (let n = start; n < end; n++) yield syntheticPaper(n, options);
}

/** One past the highest synthetic paper number in the database (0 when there is none). */
async function nextSyntheticNumber({ db }: Database): Promise<number> {
  const [row] = await db
    .select({ last: max(papers.arxivId) })
    .from(papers)
    .where(sql`${papers.arxivId} like ${SYNTHETIC_ID_PATTERN}`);
  const last = row?.last ? syntheticPaperNumber(row.last) : null;
  return last === null ? 0 : last + 1;
}
