// The benchmark's database: dropped, recreated, migrated and seeded with deterministic synthetic
// papers (the same seed gives the same rows and ids, so responses can be compared across runs).
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import { openDatabase, withDatabase, type Database } from '../drizzle/db.js';
import { migrateDatabase } from '../drizzle/migrate.js';
import { SYNTHETIC_ID_PATTERN } from '../server/synthetic/synthetic-arxiv-id.js';

/** The database the benchmarks use (and may drop and recreate): BENCH_DATABASE_URL. */
export const benchDatabaseUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/papergraph_bench';

export async function freshBenchDatabase(
  url: string,
  papers: number,
  { reuse = false }: { reuse?: boolean } = {},
): Promise<Database> {
  if (reuse) {
    const existing = await paperCount(url);
    if (existing === papers) {
      console.log(`reusing the bench database: it holds ${papers.toLocaleString('en-US')} papers`);
      return openDatabase({ databaseUrl: url });
    }
    console.log(`not reusing the bench database: it holds ${existing ?? 'no'} papers; seeding afresh`);
  }
  await recreateDatabase(url);
  const database = await openDatabase({ databaseUrl: url });
  await migrateDatabase(database);
  execFileSync('npm', ['run', '-s', 'seed:synthetic', '--', '--papers', String(papers)], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url },
  });
  return database;
}

async function recreateDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(withDatabase(url, 'postgres'), {
    max: 1,
    onnotice: () => {},
  });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
}

/** Synthetic papers in the bench database, or undefined when it does not exist or is not migrated. */
async function paperCount(url: string): Promise<number | undefined> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Synthetic papers only: the fan-out workload submits a few papers of its own (8999.*) each run.
    const [row] = await client<{ n: number }[]>`
      select count(*)::int as n from papers where arxiv_id like ${SYNTHETIC_ID_PATTERN}`;
    return row?.n;
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}
