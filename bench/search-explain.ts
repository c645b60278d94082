// Query plans and timings of search and discovery on a large synthetic dataset: shows which indexes
// serve each query and what it costs. Builds a scratch database (PGlite in memory, or a new database
// on the server named by DATABASE_URL), loads the seed papers and N synthetic ones with bylines,
// and prints EXPLAIN ANALYZE for each query.
//
//   npx tsx bench/search-explain.ts [N=100000]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/search-explain.ts [N] [--keep]
//
// --keep leaves the server's scratch database in place (its name is printed); --existing=NAME
// explains against such a database again without rebuilding it.
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, withDatabase } from '../drizzle/db.js';
import { migrateDatabase } from '../drizzle/migrate.js';
import { seedIfEmpty } from '../server/seed.js';
import {
  authorSearch,
  coAuthors,
  explain,
  paperSearch,
  searchCount,
  searchPage,
  similarPapers,
  titleFallback,
} from './search-queries.js';
import { insertSyntheticPapers, RARE_WORD } from './synthetic-papers.js';

const count = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 100_000);
const keep = process.argv.includes('--keep');
const existing = process.argv.find((arg) => arg.startsWith('--existing='))?.slice('--existing='.length);
const serverUrl = process.env.DATABASE_URL;
const scratch = existing ?? `papergraph_bench_${process.pid}`;

let dropScratch = async () => {};
if (serverUrl && !existing) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${scratch}`);
  dropScratch = async () => {
    if (keep) console.log(`\nKept the database ${scratch}.`);
    else await admin.unsafe(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  };
}
const database = await openDatabase(serverUrl ? { databaseUrl: withDatabase(serverUrl, scratch) } : {});
const db = database.db;

try {
  if (!existing) {
    await migrateDatabase(database);
    await seedIfEmpty(db);
    const started = Date.now();
    await insertSyntheticPapers(db, count, { authors: Math.min(50_000, count / 2), bylines: true });
    console.log(`${database.kind}: ${count} synthetic papers with bylines in ${Date.now() - started} ms`);
  }
  // The most frequent title word, and one in about 1% of the papers.
  const stats = sql`select word, ndoc from ts_stat('select search_vector from papers', 'a')`;
  const [common] = await database.rows<{ word: string }>(sql`${stats} order by ndoc desc limit 1`);
  const [medium] = await database.rows<{ word: string }>(
    sql`select word from (${stats}) s where ndoc <= ${count / 100} order by ndoc desc limit 1`,
  );

  const plans = {
    [`search page, rare word "${RARE_WORD}"`]: searchPage(db, paperSearch(RARE_WORD)),
    'totalCount, rare word': searchCount(paperSearch(RARE_WORD)),
    'search page, prefix of a rare word "zebra"': searchPage(db, paperSearch('zebra')),
    [`search page, a word in ~1% of papers "${medium!.word}"`]: searchPage(db, paperSearch(medium!.word)),
    [`search page, the most common title word "${common!.word}"`]: searchPage(db, paperSearch(common!.word)),
    'totalCount, the most common title word': searchCount(paperSearch(common!.word)),
    'search page, typo fallback "lip raeding"': searchPage(db, paperSearch('lip raeding', 'fuzzy')),
    'inside the fallback, papers_titled_like()': titleFallback('lip raeding'),
    'author search "kalo"': authorSearch(db, 'kalo'),
    'author search "Zhao"': authorSearch(db, 'Zhao'),
    'Author.coAuthors of 20 authors': coAuthors(db),
    'Paper.similar of a seed paper (1911.11502)': similarPapers(db, '1911.11502'),
    'Paper.similar of a synthetic paper': similarPapers(db, 'synthetic/0000100'),
  };
  for (const [title, query] of Object.entries(plans)) {
    console.log(`\n== ${title}\n${await explain(database, query, { analyze: true })}`);
  }
} finally {
  await database.close();
  await dropScratch();
}
