// Search latency at the data layer, one statement at a time, by class of query: W3's two-word
// queries (drawn from titles as bench/fixtures.ts draws them), and the slow class, words matching
// 2–5% of the papers, alone, as a prefix and in pairs. Each statement is the first page of
// Query.search (bench/search-queries.ts searchPage), so what it times is what the resolver sends.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/papergraph_1m npx tsx bench/search-latency.ts [--rounds 3]
//
// Prints p50/p95/max per class over every round after a warm-up round, and --json writes them.
import { sql } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { openDatabase } from '../drizzle/db.js';
import { paperSearch, searchPage } from './search-queries.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
});
const rounds = Number(values.rounds);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });

/** The query classes, each a list of search box inputs. */
export async function searchQueryClasses(rows: typeof database.rows): Promise<Record<string, string[]>> {
  const titles = await rows<{ title: string }>(sql`select title from papers where id % 997 = 0 order by id limit 400`);
  const w3 = new Set<string>();
  for (const { title } of titles) {
    const words = title
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 4);
    if (words.length >= 2) w3.add(`${words[0]} ${words[1]}`);
    if (w3.size === 50) break;
  }
  // Lexemes in 2–5% of the papers (sampled: ts_stat over every vector takes minutes at 1M).
  const [{ papers } = { papers: 0 }] = await rows<{ papers: number }>(sql`select count(*)::int as papers from papers`);
  const sample = Math.max(1, Math.floor(papers / 20_000));
  const lexemes = await rows<{ word: string }>(sql`select word from ts_stat(
      ${`select search_vector from papers where id % ${sample} = 0`})
    where ndoc between ${0.02 * (papers / sample)} and ${0.05 * (papers / sample)} and word ~ '^[a-z]{5,}$'
    order by word limit 20`);
  const words = lexemes.map((l) => l.word);
  return {
    W3: [...w3],
    'one word, 2–5%': words,
    'prefix of a 2–5% word': words.map((w) => w.slice(0, Math.max(3, w.length - 2))),
    'two 2–5% words': words.slice(0, 10).map((w, i) => `${w} ${words[(i * 7 + 3) % words.length]}`),
  };
}

const percentile = (sorted: number[], share: number) =>
  Math.round(sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]! * 10) / 10;

try {
  const classes = await searchQueryClasses(database.rows.bind(database));
  const report: Record<string, { statements: number; p50Ms: number; p95Ms: number; maxMs: number }> = {};
  for (const [name, queries] of Object.entries(classes)) {
    const times: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      for (const text of queries) {
        const started = performance.now();
        await searchPage(database.db, paperSearch(text));
        if (round > 0) times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    report[name] = {
      statements: times.length,
      p50Ms: percentile(times, 0.5),
      p95Ms: percentile(times, 0.95),
      maxMs: percentile(times, 1),
    };
    const r = report[name];
    console.log(`${name} (${queries.length} queries, e.g. "${queries[0]}"): p50 ${r.p50Ms} ms · p95 ${r.p95Ms} ms · max ${r.maxMs} ms`);
  }
  if (values.json) console.log(JSON.stringify(report));
} finally {
  await database.close();
}
