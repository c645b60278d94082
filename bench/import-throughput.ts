// The import workload of `npm run bench` (also `npx tsx bench/import-throughput.ts [--records N]
// [--full-database NAME]` alone): records per second of the real `npm run import` CLI, on a file of
// synthetic papers new to the database, into
//   - an empty database on the PostgreSQL server,
//   - a copy of a full one (the bench database, CREATE DATABASE … TEMPLATE), as a daily import into
//     a large community's database would run,
//   - an empty embedded PGlite database.
// The rate is the CLI's own (from its first record to its last commit: start-up and migrations
// excluded); peak resident memory is sampled from /proc.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { withDatabase } from '../drizzle/db.js';
import { runImportCli, writePaperFile } from './import-files.js';

export interface ImportThroughput {
  target: string;
  papersBefore: number;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakMb: number;
}

/** Paper numbers far above any the synthetic seed uses: the file's papers are all new. */
const FIRST_PAPER = 50_000_000;

export async function measureImportThroughput({
  serverUrl,
  fullDatabase,
  records,
  pgliteRecords = Math.min(records, 10_000),
}: {
  /** Any database on the server: scratch databases are created beside it. */
  serverUrl: string;
  /** A database on that server to copy (nobody may be connected to it), or none. */
  fullDatabase?: string;
  records: number;
  pgliteRecords?: number;
}): Promise<ImportThroughput[]> {
  const dir = await mkdtemp(join(tmpdir(), 'papergraph-import-bench-'));
  const admin = postgres(withDatabase(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
  const scratch = `papergraph_import_bench_${process.pid}`;
  const results: ImportThroughput[] = [];
  try {
    const file = join(dir, 'papers.json');
    await writePaperFile(file, 'json', { records }, FIRST_PAPER);
    const measure = async (
      target: string,
      env: NodeJS.ProcessEnv,
      papersBefore: number,
      [path, expected]: [string, number],
    ) => {
      const run = await runImportCli(path, { ...process.env, ...env });
      const match = /(\d[\d,]*) records — (\d+) added.* in ([\d.]+) s, ([\d,]+) records\/s/.exec(run.summary);
      if (!match || Number(match[2]) !== expected)
        throw new Error(`unexpected import summary: ${run.summary}`);
      const result = {
        target,
        papersBefore,
        records: expected,
        seconds: Number(match[3]),
        recordsPerSecond: Number(match[4]!.replace(/,/g, '')),
        peakMb: Math.round(run.peakMb),
      };
      console.log(
        `${target}: ${result.records.toLocaleString('en-US')} records in ${result.seconds} s, ` +
          `${result.recordsPerSecond.toLocaleString('en-US')} records/s, peak RSS ${result.peakMb} MB`,
      );
      results.push(result);
    };

    await admin.unsafe(`drop database if exists ${scratch} with (force)`);
    await admin.unsafe(`create database ${scratch}`);
    const onServer = { DATABASE_URL: withDatabase(serverUrl, scratch) };
    await measure('PostgreSQL server, empty database', onServer, 0, [file, records]);

    if (fullDatabase) {
      await admin.unsafe(`drop database ${scratch} with (force)`);
      console.log(`copying ${fullDatabase} (CREATE DATABASE … TEMPLATE)…`);
      await admin.unsafe(`create database ${scratch} template "${fullDatabase}"`);
      const copy = postgres(withDatabase(serverUrl, scratch), { max: 1, onnotice: () => {} });
      const [row] = await copy<{ n: number }[]>`select count(*)::int as n from papers`;
      await copy.end();
      await measure(`PostgreSQL server, ${row!.n.toLocaleString('en-US')} papers already`, onServer, row!.n, [
        file,
        records,
      ]);
    }

    const small = join(dir, 'papers-pglite.json');
    await writePaperFile(small, 'json', { records: pgliteRecords }, FIRST_PAPER);
    const pglite = { DATABASE_URL: '', PGLITE_DIR: join(dir, 'pglite') };
    await measure('PGlite (embedded), empty database', pglite, 0, [small, pgliteRecords]);
  } finally {
    await admin.unsafe(`drop database if exists ${scratch} with (force)`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '50000' },
      'full-database': { type: 'string' },
    },
  });
  await measureImportThroughput({
    serverUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    fullDatabase: values['full-database'],
    records: Number(values.records),
  });
}
