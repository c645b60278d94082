// `npm run seed:synthetic -- --papers N`: fills the database with deterministic synthetic papers,
// authors, users and upvotes (see server/synthetic/). Refuses a database that has papers unless
// --append is given.
import { parseArgs } from 'node:util';
import { openDatabase } from '../../drizzle/db.js';
import { migrateDatabase } from '../../drizzle/migrate.js';
import { loadConfig } from '../config.js';
import { defaultAuthors, defaultUsers, SeedRefused, seedSynthetic } from '../synthetic/seed-synthetic.js';
import { progress } from './progress.js';

const usage = `Usage: npm run seed:synthetic -- --papers N [--seed S] [--users U] [--authors A] [--append] [--batch-size B]
  --papers N      papers to add (required)
  --seed S        PRNG seed (default 1): the same seed gives the same data
  --users U       synthetic users casting upvotes (default N/20, from 20 to 5,000)
  --authors A     size of the author pool (default 0.8 × N)
  --append        add to a database that already has papers (numbering continues)
  --batch-size B  papers per COPY batch (default 5,000)`;

const { values } = parseArgs({
  options: {
    papers: { type: 'string' },
    seed: { type: 'string', default: '1' },
    users: { type: 'string' },
    authors: { type: 'string' },
    append: { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '5000' },
    help: { type: 'boolean', default: false },
  },
});

function whole(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(`--${name} must be a whole number ≥ ${min}, got "${raw}".\n${usage}`);
    process.exit(2);
  }
  return value;
}

if (values.help || values.papers === undefined) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const papers = whole('papers', values.papers, 1)!;
const options = {
  papers,
  seed: whole('seed', values.seed, 0)!,
  users: whole('users', values.users, 1) ?? defaultUsers(papers),
  authors: whole('authors', values.authors, 1) ?? defaultAuthors(papers),
  append: values.append,
  batchSize: whole('batch-size', values['batch-size'], 1)!,
};

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  await migrateDatabase(database);
  const started = performance.now();
  const bar = progress('Seeding papers', papers);
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const report = await seedSynthetic(database, {
    ...options,
    onProgress: (done) => bar.update(done),
    onRebuildIndexes: () => {
      bar.finish();
      console.error(`${elapsed()}: rows in; rebuilding indexes and foreign keys, then ANALYZE…`);
    },
  });
  bar.finish();
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(report.papers / seconds).toLocaleString('en-US');
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(
    `Seeded ${n(report.papers)} papers (${n(report.bylineRows)} author slots, ${n(report.upvotes)} upvotes ` +
      `from ${n(report.users)} users, seed ${options.seed}) in ${seconds.toFixed(1)} s: ${rate} papers/s ` +
      `(${database.kind}: ${database.location}).`,
  );
} catch (error) {
  if (!(error instanceof SeedRefused)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
