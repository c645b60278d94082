// `npm run bench:profile -- [--workload W1] [--seconds 10] [--anonymous] [--pages] [--top 40] [--cache]`:
// where a PaperGraph process spends its CPU under one workload. Starts the server as the bench
// does (NODE_ENV=production, response cache off unless --cache), under `node --cpu-prof`, loads it
// with autocannon, stops it, and prints self time by package and by function, and time including
// callees. The .cpuprofile is
// kept in bench/profiles/ for Chrome DevTools or speedscope. --pages loads W1's feed without a token,
// a different page each time, as W1-anon-miss does: with --cache, the response cache's misses.
// Needs the bench database already seeded (`npm run bench` leaves it so).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../drizzle/db.js';
import { benchDatabaseUrl } from './bench-database.js';
import { makeFixtures } from './fixtures.js';
import { load, Sequence } from './load.js';
import { startPaperGraph, stopProcess } from './processes.js';
import { summarizeProfile } from './profile-summary.js';
import { anonymousFeedPage, workloadById, type Request } from './workloads.js';

const { values } = parseArgs({
  options: {
    workload: { type: 'string', default: 'W1' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    anonymous: { type: 'boolean', default: false },
    cache: { type: 'boolean', default: false },
    pages: { type: 'boolean', default: false },
    top: { type: 'string', default: '40' },
  },
});
const databaseUrl = benchDatabaseUrl;
const port = process.env.BENCH_PORT_BASE ?? '4510';
const profiles = resolve('bench/profiles');
mkdirSync(profiles, { recursive: true });
const before = new Set(readdirSync(profiles));

const server = await startPaperGraph(databaseUrl, port, values.cache ? {} : { RESPONSE_CACHE_TTL_MS: '0' }, {
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profiles}`],
});
const database = await openDatabase({ databaseUrl });
try {
  const fixtures = await makeFixtures(`http://127.0.0.1:${port}/graphql`, database, {
    users: 50,
    arxivIds: 1_000,
    searchQueries: 50,
    // Twice the response cache's entries, as in `npm run bench`: no page is still cached when it comes round.
    feedCursors: values.pages ? 2_000 : 0,
  });
  const workload = workloadById(fixtures, values.workload);
  const make: (i: number) => Request = values.pages
    ? (i) => anonymousFeedPage(fixtures, i)
    : values.anonymous && workload.anonymous
      ? workload.anonymous
      : workload.papergraph;
  const sequence = new Sequence();
  const connections = Number(values.connections);
  await load(port, make, sequence, { connections, duration: 2 });
  const result = await load(port, make, sequence, { connections, duration: Number(values.seconds) });
  console.log(
    `${workload.id}${values.pages ? ' (anonymous, a different page each time)' : values.anonymous ? ' (anonymous)' : ''}: ${result.rps} req/s, p99 ${result.p99Ms} ms`,
  );
} finally {
  await stopProcess(server);
  await database.close();
}

const written = readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
// The server process writes its profile on exit; tsx's own launcher process may write one too.
const biggest = written
  .map((f) => ({ f, size: readFileSync(join(profiles, f)).length }))
  .sort((a, b) => b.size - a.size)[0];
if (!biggest) throw new Error('the server wrote no CPU profile');
console.log(`profile: bench/profiles/${biggest.f}\n`);
console.log(
  summarizeProfile(JSON.parse(readFileSync(join(profiles, biggest.f), 'utf8')), Number(values.top)),
);
