// Latency of totalCount (drizzle/bounded-count.ts) on an existing database, read only: the bench's
// 50 search queries, filtered feeds around the newest papers, and author lists. Prints p50/p99 per
// group, how many counts were past the bound, and with --exact how far the estimates were from
// count(*) (which takes seconds at a million papers). Other work on the machine slows every figure:
// the load average is printed, and the fastest of each count's runs.
//
//   npx tsx bench/count-latency.ts [--url=postgres://…/papergraph_1m] [--bound=1000] [--runs=5] [--exact] [--page]
//
// --page also times each search's first page (RELEVANCE, 20 hits with bylines), for comparison.
import { sql, type SQL } from 'drizzle-orm';
import { boundedCount, COUNT_BOUND, type BoundedCount } from '../drizzle/bounded-count.js';
import { authorNameMatches, authorNameStartsWith } from '../drizzle/author-filter.js';
import { openDatabase } from '../drizzle/db.js';
import { paperFeedWhere, type PaperFeedFilter } from '../drizzle/paper-feed.js';
import { countSearch, searchWhere, type PaperSearch } from '../drizzle/paper-search.js';
import { authors, papers } from '../drizzle/schema.js';
import type { PgTable } from 'drizzle-orm/pg-core';
import { loadavg } from 'node:os';
import { benchDatabaseUrl } from './bench-database.js';
import { searchQueries } from './fixtures.js';
import { paperSearch, searchPage } from './search-queries.js';

const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const url = option('url') ?? benchDatabaseUrl;
const bound = Number(option('bound') ?? COUNT_BOUND);
const runs = Number(option('runs') ?? 5);
const exact = process.argv.includes('--exact');
const withPage = process.argv.includes('--page');

interface Count {
  label: string;
  /** The count as the API makes it. */
  count: (bound: number) => Promise<BoundedCount>;
  /** A search's first page, as the API loads it: what the count is compared with (--page). */
  page?: () => Promise<unknown>;
  /** Its rows, for the exact count(*). */
  table: PgTable;
  where: SQL | undefined;
}

const counted = (label: string, table: PgTable, where: SQL | undefined): Count => ({
  label,
  table,
  where,
  count: (bound) => boundedCount(db, table, where, { bound }),
});

const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
const db = database.db;
try {
  const [{ n: total } = { n: 0 }] = await database.rows<{ n: number }>(
    sql`select reltuples::bigint::int as n from pg_class where relname = 'papers'`,
  );
  console.log(
    `${new URL(url).pathname.slice(1)}: about ${total.toLocaleString('en-US')} papers, bound ${bound}, ${runs} runs each`,
  );

  const searched = (label: string, search: PaperSearch): Count => ({
    label,
    table: papers,
    where: searchWhere(papers, search),
    count: (bound) => countSearch(db, search, bound),
    page: async () => await searchPage(db, search),
  });
  const searches = (await searchQueries(database, 50)).map((text) => searched(text, paperSearch(text)));
  const [{ newest } = { newest: new Date() }] = await database.rows<{ newest: Date }>(
    sql`select max(added_at) as newest from papers`,
  );
  const day = new Date(newest).toISOString().slice(0, 10);
  const yearAgo = new Date(new Date(newest).getTime() - 365 * 86_400_000);
  const feed = (label: string, filter: PaperFeedFilter) =>
    counted(label, papers, paperFeedWhere(papers, filter));
  const feeds: Count[] = [
    feed('all papers', {}),
    feed(`added on ${day}`, { addedIn: { period: 'DAY', date: day } }),
    feed(`added in the week of ${day}`, { addedIn: { period: 'WEEK', date: day } }),
    feed(`added in the month of ${day}`, { addedIn: { period: 'MONTH', date: day } }),
    feed(`published on ${day}`, { publishedOn: day }),
    feed('published in the last year', { publishedFrom: yearAgo }),
    feed('published in the year before', {
      publishedFrom: new Date(yearAgo.getTime() - 365 * 86_400_000),
      publishedTo: yearAgo,
    }),
    feed('published in the last year, added in the month', {
      publishedFrom: yearAgo,
      addedIn: { period: 'MONTH', date: day },
    }),
  ];
  const searchWithin = (text: string) =>
    searched(`"${text}" published in the last year`, {
      ...paperSearch(text),
      filter: { publishedFrom: yearAgo },
    });
  const filteredSearches = [searchWithin('language model'), searchWithin('learning')];
  const authorLists = [
    counted('all authors', authors, undefined),
    counted('names starting with "a"', authors, authorNameStartsWith(authors, 'a')),
    counted('name search "zha"', authors, authorNameMatches(authors, 'zha')),
  ];

  for (const [group, counts] of Object.entries({
    'search (bench queries)': searches,
    'search with a filter': filteredSearches,
    'filtered feeds': feeds,
    'author lists': authorLists,
  })) {
    await measure(group, counts);
  }
} finally {
  await database.close();
}

async function measure(group: string, counts: Count[]) {
  const times: number[] = [];
  // The fastest run of each count: what it costs on a machine nothing else is using.
  const bests: number[] = [];
  const ratios: number[] = [];
  let estimated = 0;
  const pageTimes: number[] = [];
  for (const { label, table, where, count, page } of counts) {
    await count(bound); // warm the caches, as a server's would be
    let result: BoundedCount | undefined;
    const own: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      result = await count(bound);
      own.push(performance.now() - started);
    }
    times.push(...own);
    bests.push(Math.min(...own));
    if (!result!.isExact) estimated++;
    let line = `  ${label}: ${result!.isExact ? '' : '~'}${result!.count} in ${median(own).toFixed(1)} ms`;
    if (exact && !result!.isExact) {
      const [{ n } = { n: 0 }] = await database.rows<{ n: number }>(
        sql`select count(*)::int as n from ${table} where ${where ?? sql`true`}`,
      );
      ratios.push(result!.count / n);
      line += ` (exact ${n}, estimate ×${(result!.count / n).toFixed(2)})`;
    }
    if (withPage && page) {
      await page();
      const started = performance.now();
      for (let run = 0; run < runs; run++) await page();
      pageTimes.push((performance.now() - started) / runs);
      line += `; first page ${pageTimes.at(-1)!.toFixed(1)} ms`;
    }
    console.log(line);
  }
  if (pageTimes.length > 0) {
    pageTimes.sort((a, b) => a - b);
    console.log(
      `  first pages: p50 ${percentile(pageTimes, 0.5).toFixed(1)} ms, max ${pageTimes.at(-1)!.toFixed(1)} ms`,
    );
  }
  times.sort((a, b) => a - b);
  bests.sort((a, b) => a - b);
  console.log(
    `${group}: ${counts.length} counts × ${runs}, p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms; best run of each: p50 ${percentile(bests, 0.5).toFixed(1)} ms, max ${bests.at(-1)!.toFixed(1)} ms; ${estimated} past the bound (load average ${loadavg()[0]!.toFixed(1)})`,
  );
  if (ratios.length > 0) {
    ratios.sort((a, b) => a - b);
    console.log(
      `  estimate ÷ exact: min ${ratios[0]!.toFixed(2)}, median ${percentile(ratios, 0.5).toFixed(2)}, max ${ratios.at(-1)!.toFixed(2)}`,
    );
  }
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
