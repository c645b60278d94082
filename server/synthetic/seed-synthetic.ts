// Fills a database with synthetic papers, users and upvotes for load and search testing, in one
// transaction: a run lands whole or not at all. An empty database is loaded without its foreign
// keys and the indexes of its bylines and upvotes, all rebuilt (and so re-checked) at the end;
// `append` adds to a database that has papers, keeping everything live, and numbers the new
// papers after the synthetic ones already there.
import { max, sql } from 'drizzle-orm';
import { bulkPaperWriter, ensureUsers, type NewPaper } from '../../drizzle/bulk-insert-papers.js';
import type { Database, Tx } from '../../drizzle/db.js';
import { paperAuthors, papers, upvotes } from '../../drizzle/schema.js';
import { withoutIndexes } from '../../drizzle/without-indexes.js';
import { MAX_SYNTHETIC_PAPERS, SYNTHETIC_ID_PATTERN, syntheticPaperNumber } from './synthetic-arxiv-id.js';
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
  const generator: SyntheticOptions = {
    seed: options.seed,
    users: options.users ?? defaultUsers(options.papers),
    authors: options.authors ?? defaultAuthors(options.papers),
    from: options.from ?? new Date('2021-01-01T00:00:00Z'),
    to: options.to ?? new Date('2026-01-01T00:00:00Z'),
  };
  const batchSize = options.batchSize ?? 5_000;
  const report: SeedReport = {
    first: 0,
    papers: 0,
    users: generator.users,
    bylineRows: 0,
    upvotes: 0,
    rebuiltIndexes: false,
  };

  await database.db.transaction(async (tx) => {
    // Paper writes by others wait from here on, so the count and the numbering below hold.
    await tx.execute(sql`lock table ${papers} in share row exclusive mode`);
    const existing = await tx.$count(papers);
    if (existing > 0 && !options.append) {
      throw new SeedRefused(
        `The database already has ${existing.toLocaleString('en-US')} papers. Pass --append to add synthetic ` +
          `papers after them (their arXiv ids, 9000.00000 and up, never collide with real ones), ` +
          `or point DATABASE_URL / PGLITE_DIR at an empty database.`,
      );
    }
    const first = existing > 0 ? await nextSyntheticNumber(tx) : 0;
    if (first + options.papers > MAX_SYNTHETIC_PAPERS) {
      throw new SeedRefused(
        `Synthetic arXiv ids run out after ${MAX_SYNTHETIC_PAPERS.toLocaleString('en-US')} papers.`,
      );
    }
    report.first = first;
    report.rebuiltIndexes = existing === 0;

    const load = async () => {
      const usernames = Array.from({ length: generator.users }, (_, rank) => syntheticUsername(rank));
      const userIds = await ensureUsers(tx, usernames, NO_PASSWORD);
      const write = await bulkPaperWriter(database, tx, { organizations: ORGANIZATIONS, userIds });
      const end = first + options.papers;
      const generate = (start: number) => {
        const batch = syntheticBatch(start, Math.min(start + batchSize, end), generator);
        batch.catch(() => {}); // a failure surfaces where the batch is awaited
        return batch;
      };
      let next = generate(first);
      for (let start = first; start < end; start += batchSize) {
        const batch = await next;
        // The next batch is generated while the database stores this one.
        if (start + batchSize < end) next = generate(start + batchSize);
        const written = await write(batch);
        report.papers += written.papers;
        report.bylineRows += written.bylineRows;
        report.upvotes += written.upvotes;
        options.onProgress?.(report.papers);
      }
    };
    if (report.rebuiltIndexes) {
      // Load first, index after: each row written would otherwise update every index on its
      // table, the full-text one included.
      await withoutIndexes(
        tx,
        { indexesOf: [papers, paperAuthors, upvotes], foreignKeysOf: [] },
        load,
        options.onRebuildIndexes,
      );
    } else {
      await load();
    }
  });
  // Fresh statistics, so the planner sees the new sizes before autovacuum gets to them.
  await database.db.execute(sql`analyze papers, paper_authors, authors, upvotes, users, organizations`);
  return report;
}

/**
 * Papers [start, end), generated in slices of a few milliseconds that let database I/O through,
 * so generating one batch overlaps with writing the previous one.
 */
async function syntheticBatch(start: number, end: number, options: SyntheticOptions): Promise<NewPaper[]> {
  const batch: NewPaper[] = [];
  for (let n = start; n < end; n++) {
    batch.push(syntheticPaper(n, options));
    if (n % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
  }
  return batch;
}

/** One past the highest synthetic paper number in the database (0 when there is none). */
async function nextSyntheticNumber(tx: Tx): Promise<number> {
  const [row] = await tx
    .select({ last: max(papers.arxivId) })
    .from(papers)
    .where(sql`${papers.arxivId} like ${SYNTHETIC_ID_PATTERN}`);
  const last = row?.last ? syntheticPaperNumber(row.last) : null;
  return last === null ? 0 : last + 1;
}
