// `npm run import -- FILE`: loads papers from a Hugging Face daily-papers JSON file.
// Valid records are upserted by arXiv id; invalid ones are listed and make the exit code 1.
import { parseArgs } from 'node:util';
import { openDatabase } from '../../drizzle/db.js';
import { migrateDatabase } from '../../drizzle/migrate.js';
import { loadConfig } from '../config.js';
import { importPapers } from '../import/import-papers.js';
import { readJsonRecords } from '../import/read-json-file.js';
import { progress } from './progress.js';

const usage = 'Usage: npm run import -- FILE [--batch-size N]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'batch-size': { type: 'string', default: '500' } },
});
const batchSize = Number(values['batch-size']);
if (positionals.length !== 1 || !Number.isInteger(batchSize) || batchSize < 1) {
  console.error(usage);
  process.exit(2);
}
const file = positionals[0]!;

const config = loadConfig();
let records: unknown[];
try {
  records = await readJsonRecords(file);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  await migrateDatabase(database);
  const bar = progress('Importing papers', records.length);
  const report = await importPapers(database.db, records, {
    batchSize,
    onProgress: (done) => bar.update(done),
  });
  bar.finish();

  for (const bad of report.invalid) {
    const id = bad.arxivId ? ` (${bad.arxivId})` : '';
    console.error(`record ${bad.index}${id}: ${bad.reason}`);
  }
  console.log(
    `${file}: ${report.total} records — ${report.added.length} added, ${report.updated.length} updated, ` +
      `${report.unchanged} unchanged, ${report.invalid.length} invalid (${database.kind}: ${database.location}).`,
  );
  if (report.invalid.length > 0) {
    console.error('Fix the records listed above and run the import again; the valid ones are already saved.');
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
