// `npm run bench -- [--papers N] [--duration S] [--repetitions R] [--warmup S] [--connections N]
//   [--only W1,W1-anon-miss] [--reuse-database] [--import-records N] [--report RESULTS-2.5M]`:
// PaperGraph against the raw-SQL baseline, and the response cache against no cache, on the
// PostgreSQL server, on a synthetic dataset. Every figure is a ratio measured A against B in the
// same run, alternating (compare.ts). Writes bench/RESULTS.md and bench/results.json (--report
// names them otherwise: RESULTS-2.5M.md and results-2.5m.json).
// The import workload (import-throughput.ts) runs last, on a copy of the bench database.
// --only runs the listed rows and prints them, writing nothing (for measuring one change quickly;
// `--only import` measures the import alone);
// --reuse-database keeps a bench database that already holds --papers papers instead of reseeding.
// Needs a PostgreSQL server: BENCH_DATABASE_URL (a database it may drop and recreate), default
// postgres://postgres@127.0.0.1:5432/papergraph_bench; BENCH_PORT_BASE (default 4510) and the
// three ports after it for the servers.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.js';
import { compare, type Comparison, type ComparisonResult, type Side } from './compare.js';
import { measureFanOut, type FanOutResult } from './fan-out.js';
import { measureImportThroughput, type ImportThroughput } from './import-throughput.js';
import { makeFixtures } from './fixtures.js';
import { latencyOneAtATime } from './latency.js';
import { Sequence } from './load.js';
import { startPaperGraph, startProcess, stopProcess, type Started } from './processes.js';
import { writeResults, type Statements } from './report.js';
import { openStatementCounter } from './statement-count.js';
import { startWorkers } from './workers.js';
import {
  anonymousFeed,
  anonymousFeedPage,
  searchCountRequest,
  searchRequest,
  workloads,
  type Fixtures,
  type Request,
  type Workload,
} from './workloads.js';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    repetitions: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    'reuse-database': { type: 'boolean', default: false },
    'import-records': { type: 'string', default: '50000' },
    report: { type: 'string', default: 'RESULTS' },
  },
});
const only = values.only ? new Set(values.only.split(',')) : undefined;
const runs = (id: string) => !only || only.has(id);
const papers = Number(values.papers);
const options = {
  duration: Number(values.duration),
  repetitions: Number(values.repetitions),
  warmup: Number(values.warmup),
  connections: Number(values.connections),
};
const databaseUrl = benchDatabaseUrl;
const portBase = Number(process.env.BENCH_PORT_BASE ?? 4510);
const PAPERGRAPH_PORT = String(portBase);
const BASELINE_PORT = String(portBase + 1);
const UNCACHED_PORT = String(portBase + 2);
const WORKERS_PORT = String(portBase + 3);
const WORKERS = 2;
/** Feed pages W1-anon-miss rotates over: twice the response cache's 1,000 entries, so under LRU
 *  every page has left the cache before it comes round again. */
const FEED_CURSORS = 2_000;
const SAMPLES = 20;
const FAN_OUT_ROUNDS = 5;
const TARGETS: Record<string, number> = {
  'T-signed': 0.35,
  'T-anon': 0.35,
  W1: 0.55,
  W2: 0.5,
  'W1-anon-miss': 0.95,
  'W1-anon-hit': 10,
};
const began = performance.now();
const step = (text: string) =>
  console.log(`\n== [${Math.round((performance.now() - began) / 1000)} s] ${text}`);
const processes: Started[] = [];
const importRecords = Number(values['import-records']);
/** Writes the report once the import workload, measured last, is known (not with --only). */
let finish: ((imports: ImportThroughput[]) => Promise<void>) | undefined;

step(
  `database ${new URL(databaseUrl).pathname.slice(1)}: ${papers.toLocaleString('en-US')} synthetic papers`,
);
const database = await freshBenchDatabase(databaseUrl, papers, { reuse: values['reuse-database'] });

step('servers');
const papergraphOn = (port: string, env: Record<string, string> = {}) =>
  startPaperGraph(databaseUrl, port, env);
processes.push(await papergraphOn(PAPERGRAPH_PORT));
// The same server with the anonymous response cache off: what the cache is measured against.
processes.push(await papergraphOn(UNCACHED_PORT, { RESPONSE_CACHE_TTL_MS: '0' }));
processes.push(
  await startProcess(
    'bench/baseline-server.ts',
    { DATABASE_URL: databaseUrl, PORT: BASELINE_PORT },
    /listening/,
  ),
);

try {
  step(
    `fixtures: 200 users, 1,000 arXiv ids, 50 search queries, ${FEED_CURSORS.toLocaleString('en-US')} feed cursors`,
  );
  const fixtures = await makeFixtures(`http://127.0.0.1:${PAPERGRAPH_PORT}/graphql`, database, {
    users: 200,
    arxivIds: 1_000,
    searchQueries: 50,
    feedCursors: FEED_CURSORS,
  });
  const byId = Object.fromEntries(workloads(fixtures).map((w) => [w.id, w])) as Record<
    Workload['id'],
    Workload
  >;

  const results: Record<string, ComparisonResult> = {};
  const measure = async (c: Comparison) => {
    if (!runs(c.id)) return;
    step(`${c.id}: ${c.a.label} ÷ ${c.b.label} — ${c.title}`);
    const result = await compare(c, options, console.log);
    results[c.id] = result;
    console.log(`${c.id}: median ${result.ratio.median} (${result.ratio.min}–${result.ratio.max})`);
  };
  const side = (
    label: string,
    port: string,
    request: (i: number) => Request,
    sequence = new Sequence(),
  ): Side => ({
    label,
    port,
    request,
    sequence,
  });
  const againstBaseline = (
    w: Workload,
    id: string = w.id,
    label = 'PaperGraph',
    port = PAPERGRAPH_PORT,
  ): Comparison => {
    const shared = w.sharedSequence ? new Sequence() : undefined;
    return {
      id,
      title: w.title,
      a: side(
        w.cacheOff ? 'PaperGraph, cache off' : label,
        w.cacheOff ? UNCACHED_PORT : port,
        w.papergraph,
        shared,
      ),
      b: side('baseline', BASELINE_PORT, w.baseline, shared),
      target: TARGETS[id],
    };
  };

  await measure(againstBaseline(byId['T-signed']));
  await measure(againstBaseline(byId['T-anon']));
  await measure(againstBaseline(byId.W1));

  const workersRow = `W1-${WORKERS}-workers`;
  const workers = runs(workersRow)
    ? (step(`W1 with WORKERS=${WORKERS}: starting the server`),
      await startWorkers(() => papergraphOn(WORKERS_PORT, { WORKERS: String(WORKERS) }), WORKERS))
    : { note: 'not run (--only)' };
  console.log(workers.note);
  if (workers.process) {
    processes.push(workers.process);
    await measure(againstBaseline(byId.W1, workersRow, `PaperGraph, ${WORKERS} workers`, WORKERS_PORT));
    await stopProcess(workers.process);
  }

  await measure(againstBaseline(byId.W2));
  await measure(againstBaseline(byId.W3));
  await measure(againstBaseline(byId.W4));

  const cacheOn = (request: (i: number) => Request) => side('PaperGraph, cache on', PAPERGRAPH_PORT, request);
  const cacheOff = (request: (i: number) => Request) => side('PaperGraph, cache off', UNCACHED_PORT, request);
  const missPage = (i: number) => anonymousFeedPage(fixtures, i);
  await measure({
    id: 'W1-anon-miss',
    title: `the W1 page without a token, each request a different page (after: rotating over ${FEED_CURSORS.toLocaleString('en-US')} cursors): every request a cache miss`,
    a: cacheOn(missPage),
    b: cacheOff(missPage),
    target: TARGETS['W1-anon-miss'],
  });
  await measure({
    id: 'W1-anon-hit',
    title: 'the W1 page without a token, the same page every time: cache hits',
    a: cacheOn(anonymousFeed),
    b: cacheOff(anonymousFeed),
    target: TARGETS['W1-anon-hit'],
  });

  if (only) {
    printRows(results);
  } else {
    const { statements, searchLatency, countLatency, fanOut } = await measureTheRest(fixtures, byId);
    const postgresVersion = await serverVersion();
    finish = async (imports) =>
      writeResults({
        papers,
        ...options,
        runSeconds: Math.round((performance.now() - began) / 1000),
        results,
        workers: { count: WORKERS, measured: workers.process !== undefined, note: workers.note },
        statements,
        searchLatency,
        countLatency,
        fanOut,
        imports,
        postgresVersion,
        reportName: values.report,
      });
  }
} finally {
  await Promise.all(processes.map((child) => stopProcess(child)));
  await database.close();
}

// Last: copying the bench database needs every connection to it closed.
let imports: ImportThroughput[] = [];
if (runs('import')) {
  step(
    `import: ${importRecords.toLocaleString('en-US')} new papers with npm run import, empty and full databases`,
  );
  imports = await measureImportThroughput({
    serverUrl: databaseUrl,
    fullDatabase: new URL(databaseUrl).pathname.slice(1),
    records: importRecords,
  });
}
if (finish) {
  await finish(imports);
  step(`wrote bench/${values.report}.md and bench/${values.report.toLowerCase()}.json`);
}

/** --only: the rows measured, as a table on the console. */
function printRows(results: Record<string, ComparisonResult>) {
  console.log('\nrow | A ÷ B median | min–max | A req/s | B req/s | A p99 ms | B p99 ms');
  for (const [id, r] of Object.entries(results)) {
    console.log(
      `${id} | ${r.ratio.median} | ${r.ratio.min}–${r.ratio.max} | ${r.aRps} | ${r.bRps} | ${r.aP99Ms} | ${r.bP99Ms}`,
    );
  }
}

/** A whole run's figures beside the ratio rows: statements per request, search latency, fan-out. */
async function measureTheRest(fixtures: Fixtures, byId: Record<Workload['id'], Workload>) {
  step('SQL statements per request, in-process');
  const statements = await countStatements(fixtures, byId);
  console.log(JSON.stringify(statements));

  step('search latency: W3 queries one at a time');
  const searchLatency = await latencyOneAtATime(PAPERGRAPH_PORT, (i) => searchRequest(fixtures, i));
  console.log(
    `p50 ${searchLatency.p50Ms} ms · p95 ${searchLatency.p95Ms} ms · p99 ${searchLatency.p99Ms} ms · max ${searchLatency.maxMs} ms`,
  );

  step('totalCount latency: W3 queries selecting only totalCount (page and count) one at a time');
  const countLatency = await latencyOneAtATime(PAPERGRAPH_PORT, (i) => searchCountRequest(fixtures, i));
  console.log(
    `p50 ${countLatency.p50Ms} ms · p95 ${countLatency.p95Ms} ms · p99 ${countLatency.p99Ms} ms · max ${countLatency.maxMs} ms`,
  );

  const fanOut: FanOutResult[] = [];
  for (const subscribers of [5_000, 10_000]) {
    step(
      `fan-out: ${subscribers.toLocaleString('en-US')} SSE subscribers, a paper submitted ${FAN_OUT_ROUNDS} times`,
    );
    const f = await measureFanOut({
      url: `http://127.0.0.1:${PAPERGRAPH_PORT}/graphql`,
      token: fixtures.users[0]!.token,
      subscribers,
      rounds: FAN_OUT_ROUNDS,
      progress: console.log,
    });
    fanOut.push(f);
    console.log(
      `delivery p50 ${f.deliveryP50Ms} ms, p99 ${f.deliveryP99Ms} ms · concurrent read p99 ${f.readP99Ms} ms (${f.idleReadP99Ms} ms with no event)`,
    );
  }
  return { statements, searchLatency, countLatency, fanOut };
}

/** Statements per request of every workload, signed in and without a token, with the response
 *  cache off; then, with it on, W1-anon-miss's rotation and W1-anon-hit's repeated page. */
async function countStatements(
  fixtures: Fixtures,
  byId: Record<Workload['id'], Workload>,
): Promise<Statements> {
  const perRequest: Statements['perRequest'] = {};
  const uncached = await openStatementCounter(databaseUrl, { responseCache: false });
  try {
    // Signed-in counts are for tokens the instance knows: it looks a token up on its first
    // request, then remembers it (server/auth/token-cache.ts). Every workload's requests below use
    // these same users.
    await uncached.count(byId['T-signed'].papergraph, { samples: SAMPLES });
    for (const w of Object.values(byId)) {
      // T-signed and T-anon are one query, signed in and not.
      const entry = (perRequest[w.id.startsWith('T-') ? 'T' : w.id] ??= {});
      const count = await uncached.count(w.papergraph, { samples: SAMPLES });
      if (w.id === 'T-anon') entry.anonymous = count;
      else entry.signedIn = count;
      if (w.anonymous) entry.anonymous = await uncached.count(w.anonymous, { samples: SAMPLES });
    }
    const missUncached = await uncached.count((i) => anonymousFeedPage(fixtures, i), { samples: SAMPLES });
    const cached = await openStatementCounter(databaseUrl, { responseCache: true });
    try {
      // Once round the cursors and on into the second round, 50 at a time as under load: pages
      // met again must have left the cache too.
      const missRequests = FEED_CURSORS + 100;
      const miss = await cached.count((i) => anonymousFeedPage(fixtures, i), {
        samples: missRequests,
        concurrency: options.connections,
      });
      await cached.count(anonymousFeed, { samples: 1 });
      const hit = await cached.count(anonymousFeed, { samples: SAMPLES });
      return {
        perRequest,
        cacheMiss: { cursors: FEED_CURSORS, requests: missRequests, cached: miss, uncached: missUncached },
        cacheHit: hit,
      };
    } finally {
      await cached.close();
    }
  } finally {
    await uncached.close();
  }
}

async function serverVersion(): Promise<string> {
  const [row] = await database.rows<{ version: string }>(sql`select version() as version`);
  return row!.version;
}
