// Search latency at the data layer, one statement at a time, by class of query: W3's two-word
// queries (drawn from titles as bench/fixtures.ts draws them), and the slow class, words matching
// 2–5% of the papers, alone, as a prefix and in pairs. Each statement is the first page of
// Query.search (bench/search-queries.ts searchPage), as the resolver sends it.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/papergraph_1m npx tsx bench/search-latency.ts [--rounds 3]
//
// Each query runs both ways in turn, `before` (the statement as it was before the word being typed
// was spelled out as lexemes, drizzle/prefix-search.ts) and `after` (as it is now), so both see
// the same load; every page must come out the same both ways.
// Prints p50/p95/max per class and way over every round after a warm-up round.
import { sql } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../drizzle/db.js';
import type { PaperSearch } from '../drizzle/paper-search.js';
import { searchQueries } from './fixtures.js';
import { paperSearch, searchPage } from './search-queries.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });

/** The query classes, each a list of search box inputs. */
async function searchQueryClasses(rows: Database['rows']): Promise<Record<string, string[]>> {
  const w3 = await searchQueries({ rows }, 50);
  // Lexemes in 2–5% of the papers (sampled: ts_stat over every vector takes minutes at 1M).
  const [{ papers } = { papers: 0 }] = await rows<{ papers: number }>(
    sql`select count(*)::int as papers from papers`,
  );
  const sample = Math.max(1, Math.floor(papers / 20_000));
  const lexemes = await rows<{ word: string }>(sql`select word from ts_stat(
      ${`select search_vector from papers where id % ${sample} = 0`})
    where ndoc between ${Math.ceil(0.02 * (papers / sample))} and ${Math.floor(0.05 * (papers / sample))} and word ~ '^[a-z]{5,}$'
    order by word limit 20`);
  const words = lexemes.map((l) => l.word);
  return {
    W3: w3,
    'one word, 2–5%': words,
    'prefix of a 2–5% word': words.map((w) => w.slice(0, Math.max(3, w.length - 2))),
    'two 2–5% words': words.slice(0, 10).map((w, i) => `${w} ${words[(i * 7 + 3) % words.length]}`),
  };
}

const ways: Record<string, (search: PaperSearch) => ReturnType<typeof searchPage>> = {
  before: (search) => searchPage(database.db, { ...search, query: { ...search.query, prefix: null } }),
  after: (search) => searchPage(database.db, search),
};

const percentile = (sorted: number[], share: number) =>
  Math.round(sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]! * 10) / 10;

try {
  const classes = await searchQueryClasses(database.rows.bind(database));
  for (const [name, queries] of Object.entries(classes)) {
    const times: Record<string, number[]> = { before: [], after: [] };
    for (let round = 0; round <= rounds; round++) {
      for (const text of queries) {
        const pages: Record<string, string> = {};
        for (const [way, page] of Object.entries(ways)) {
          const started = performance.now();
          const rows = await page(paperSearch(text));
          if (round > 0) times[way]!.push(performance.now() - started);
          pages[way] = JSON.stringify(rows);
        }
        if (pages.before !== pages.after) throw new Error(`"${text}": the page differs before and after`);
      }
    }
    const summary = Object.entries(times).map(([way, t]) => {
      t.sort((a, b) => a - b);
      return `${way} p50 ${percentile(t, 0.5)} p95 ${percentile(t, 0.95)} max ${percentile(t, 1)} ms`;
    });
    console.log(
      `${name} (${queries.length} queries × ${rounds}, e.g. "${queries[0]}"): ${summary.join(' · ')}`,
    );
  }
} finally {
  await database.close();
}
