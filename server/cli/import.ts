// `npm run import -- FILE`: loads papers from a Hugging Face daily-papers JSON file or an arXiv
// API Atom feed, streamed (memory stays flat whatever the file size). Valid records are upserted
// by arXiv id; invalid ones are listed and make the exit code 1.
import { parseArgs } from 'node:util';
import { openDatabase } from '../../drizzle/db.js';
import { migrateDatabase } from '../../drizzle/migrate.js';
import { loadConfig } from '../config.js';
import { importPapers } from '../import/import-papers.js';
import { openPaperFile, type PaperFile } from '../import/paper-file.js';
import { ImportFileError } from '../import/record-format.js';
import { progress } from './progress.js';

const usage =
  'Usage: npm run import -- FILE [--batch-size N] [--writers N]   (FILE: daily-papers JSON or arXiv Atom XML)';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'batch-size': { type: 'string', default: '500' }, writers: { type: 'string', default: '2' } },
});
const batchSize = Number(values['batch-size']);
const writers = Number(values.writers);
const positive = (n: number) => Number.isInteger(n) && n >= 1;
if (positionals.length !== 1 || !positive(batchSize) || !positive(writers)) {
  console.error(usage);
  process.exit(2);
}
const path = positionals[0]!;

const config = loadConfig();
let file: PaperFile;
try {
  file = await openPaperFile(path);
} catch (error) {
  if (!(error instanceof ImportFileError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
const bar = progress(`Importing ${path}`, file.size, { unit: 'bytes' });
try {
  await migrateDatabase(database);
  const started = performance.now();
  const report = await importPapers(database.db, file.records, {
    format: file.format,
    batchSize,
    writers,
    onProgress: (records) => bar.update(file.bytesRead(), `${records.toLocaleString('en-US')} records`),
  });
  bar.finish();

  for (const bad of report.invalid) {
    const id = bad.arxivId ? ` (${bad.arxivId})` : '';
    console.error(`record ${bad.index}${id}: ${bad.reason}`);
  }
  const unlisted = report.invalidCount - report.invalid.length;
  if (unlisted > 0)
    console.error(`… and ${unlisted.toLocaleString('en-US')} more invalid records, not listed.`);
  console.log(
    `${path} (${file.format.name}): ${report.total} records — ${report.added} added, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.invalidCount} invalid (${database.kind}: ${database.location}) ` +
      `in ${rate(report.total, performance.now() - started)}.`,
  );
  if (report.invalidCount > 0) {
    console.error('Fix the records listed above and run the import again; the valid ones are already saved.');
    process.exitCode = 1;
  }
} catch (error) {
  bar.finish();
  if (!(error instanceof ImportFileError)) throw error;
  console.error(error.message);
  console.error(
    'The batches before that point are saved. Fix the file and run the import again: ' +
      'papers already imported are skipped, the rest are added.',
  );
  process.exitCode = 1;
} finally {
  await database.close();
}

function rate(records: number, ms: number): string {
  const perSecond = Math.round(records / (ms / 1000)).toLocaleString('en-US');
  return `${(ms / 1000).toFixed(1)} s, ${perSecond} records/s`;
}
