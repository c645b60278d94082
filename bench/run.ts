// `npm run bench -- [--papers N] [--duration SECONDS] [--connections N]`: PaperGraph against the
// raw-SQL baseline on the PostgreSQL server, on a synthetic dataset. Writes bench/results.json and
// bench/RESULTS.md. Needs a PostgreSQL server: BENCH_DATABASE_URL (a database it may drop and
// recreate), default postgres://postgres@127.0.0.1:5432/papergraph_bench.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, withDatabase } from '../drizzle/db.js';
import { migrateDatabase } from '../drizzle/migrate.js';
import { decodeIdOf } from '../schema/global-id.js';
import { startProcess, stopProcess } from './processes.js';
import { measureFanOut, type FanOutResult } from './fan-out.js';
import { writeResults, type WorkloadResult } from './report.js';
import { countStatements } from './statement-count.js';
import { anonymousFeed, searchRequest, workloads, type Fixtures, type Request } from './workloads.js';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const papers = Number(values.papers);
const duration = Number(values.duration);
const connections = Number(values.connections);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/papergraph_bench';
const PAPERGRAPH_PORT = '4510';
const BASELINE_PORT = '4511';
const UNCACHED_PORT = '4512';
const FAN_OUT_ROUNDS = 5;
const step = (text: string) => console.log(`\n== ${text}`);
const processes: ChildProcess[] = [];

step(
  `database ${new URL(databaseUrl).pathname.slice(1)}: ${papers.toLocaleString('en-US')} synthetic papers`,
);
await recreateDatabase(databaseUrl);
const database = await openDatabase({ databaseUrl });
await migrateDatabase(database);
execFileSync('npm', ['run', '-s', 'seed:synthetic', '--', '--papers', String(papers)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: databaseUrl },
});

step('servers');
const papergraphOn = (port: string, env: Record<string, string> = {}) =>
  startProcess(
    'server/main.ts',
    {
      DATABASE_URL: databaseUrl,
      PORT: port,
      HOST: '127.0.0.1',
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      ...env,
    },
    /listening on/,
  );
const papergraph = await papergraphOn(PAPERGRAPH_PORT);
// The same server with the anonymous response cache off: what the cache is measured against.
const uncached = await papergraphOn(UNCACHED_PORT, { RESPONSE_CACHE_TTL_MS: '0' });
const baseline = await startProcess(
  'bench/baseline-server.ts',
  { DATABASE_URL: databaseUrl, PORT: BASELINE_PORT },
  /listening/,
);
processes.push(papergraph, uncached, baseline);

try {
  step('fixtures: 200 users, 1,000 arXiv ids, 50 search queries');
  const fixtures = await makeFixtures();
  const results: Record<string, WorkloadResult> = {};
  for (const workload of workloads(fixtures)) {
    step(`${workload.id} ${workload.title}`);
    const sqlPerRequest = await countStatements(databaseUrl, workload);
    const ours = await load(PAPERGRAPH_PORT, workload.papergraph);
    const raw = await load(BASELINE_PORT, workload.baseline);
    results[workload.id] = {
      title: workload.title,
      rps: ours.rps,
      p50Ms: ours.p50,
      p99Ms: ours.p99,
      errors: ours.errors,
      sqlPerRequest,
      baselineRps: raw.rps,
      baselineP50Ms: raw.p50,
      baselineP99Ms: raw.p99,
      ratio: Number((ours.rps / raw.rps).toFixed(3)),
    };
    console.log(
      `PaperGraph ${ours.rps} req/s (p50 ${ours.p50} ms, p99 ${ours.p99} ms, ${sqlPerRequest} SQL/request) · baseline ${raw.rps} req/s · ratio ${results[workload.id]!.ratio}`,
    );
  }

  step('response cache: the W1 feed page without a token, cached and uncached');
  const cachedFeed = await load(PAPERGRAPH_PORT, anonymousFeed);
  const uncachedFeed = await load(UNCACHED_PORT, anonymousFeed);
  const responseCache = {
    cachedRps: cachedFeed.rps,
    cachedP99Ms: cachedFeed.p99,
    uncachedRps: uncachedFeed.rps,
    uncachedP99Ms: uncachedFeed.p99,
    speedup: Number((cachedFeed.rps / uncachedFeed.rps).toFixed(2)),
  };
  console.log(
    `cached ${cachedFeed.rps} req/s · uncached ${uncachedFeed.rps} req/s · ×${responseCache.speedup}`,
  );

  step('search latency: W3 queries one at a time');
  const searchLatency = await latencyOneAtATime(PAPERGRAPH_PORT, (i) => searchRequest(fixtures, i));
  console.log(
    `p50 ${searchLatency.p50Ms} ms · p95 ${searchLatency.p95Ms} ms · max ${searchLatency.maxMs} ms`,
  );

  const fanOut: FanOutResult[] = [];
  for (const subscribers of [5_000, 10_000]) {
    step(
      `fan-out: ${subscribers.toLocaleString('en-US')} SSE subscribers, a paper submitted ${FAN_OUT_ROUNDS} times`,
    );
    fanOut.push(
      await measureFanOut({
        url: `http://127.0.0.1:${PAPERGRAPH_PORT}/graphql`,
        token: fixtures.users[0]!.token,
        subscribers,
        rounds: FAN_OUT_ROUNDS,
        progress: console.log,
      }),
    );
    const f = fanOut.at(-1)!;
    console.log(
      `delivery p50 ${f.deliveryP50Ms} ms, p99 ${f.deliveryP99Ms} ms · concurrent read p99 ${f.readP99Ms} ms (${f.idleReadP99Ms} ms with no event)`,
    );
  }

  await writeResults({
    papers,
    duration,
    connections,
    results,
    responseCache,
    searchLatency,
    fanOut,
    postgresVersion: await serverVersion(),
  });
  step('wrote bench/RESULTS.md and bench/results.json');
} finally {
  await Promise.all(processes.map(stopProcess));
  await database.close();
}

async function load(port: string, make: (i: number) => Request) {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, ...make(i++) }) }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Latency of requests sent one after another: a warm-up round, then two measured rounds. */
async function latencyOneAtATime(port: string, make: (i: number) => Request, round = 50) {
  const times: number[] = [];
  for (let i = 0; i < round * 3; i++) {
    const request = make(i);
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, request);
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`request ${i} failed: ${JSON.stringify(body.errors)}`);
    if (i >= round) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => Math.round(times[Math.ceil(share * times.length) - 1]! * 10) / 10;
  return { requests: times.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

async function makeFixtures(): Promise<Fixtures> {
  const url = `http://127.0.0.1:${PAPERGRAPH_PORT}/graphql`;
  const users: Fixtures['users'] = [];
  for (let n = 0; n < 200; n++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { signUp(username: "bench-${n}", password: "benchmark password") { token user { id } } }`,
      }),
    });
    const { data } = (await response.json()) as { data: { signUp: { token: string; user: { id: string } } } };
    users.push({ token: data.signUp.token, id: decodeIdOf('User', data.signUp.user.id) });
  }
  const spread = Math.max(1, Math.floor(papers / 1000));
  const ids = await database.rows<{ arxiv_id: string }>(
    sql`select arxiv_id from papers where id % ${spread} = 0 order by id limit 1000`,
  );
  const titles = await database.rows<{ title: string }>(
    sql`select title from papers where id % 997 = 0 order by id limit 400`,
  );
  const queries = new Set<string>();
  for (const { title } of titles) {
    const words = title
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 4);
    if (words.length >= 2) queries.add(`${words[0]} ${words[1]}`);
    if (queries.size === 50) break;
  }
  return { users, arxivIds: ids.map((r) => r.arxiv_id), searchQueries: [...queries] };
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

async function serverVersion(): Promise<string> {
  const [row] = await database.rows<{ version: string }>(sql`select version() as version`);
  return row!.version;
}
