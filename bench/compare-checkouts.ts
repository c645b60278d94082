// `npm run bench:checkouts -- --b ../papergraph-before [--a .] [--workload W1] [--anonymous]
//   [--repetitions 8] [--seconds 3] [--a-node PATH] [--b-node PATH]`:
// two checkouts of PaperGraph (or one on two Node.js versions) side by side on the bench database:
// each side's server CPU time per request (from /proc, all its threads) and requests per second,
// loaded in turn, alternating (A B, B A, ...). CPU per request is the steadier figure on a shared
// machine: it does not count the time the server waits for a core. A checkout needs its own
// node_modules (patches applied); the bench database must be seeded (`npm run bench` leaves it).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../drizzle/db.js';
import { benchDatabaseUrl } from './bench-database.js';
import { makeFixtures } from './fixtures.js';
import { load, Sequence } from './load.js';
import { procStat, startPaperGraph, stopProcess, type Started } from './processes.js';
import { workloadById } from './workloads.js';

const { values } = parseArgs({
  options: {
    a: { type: 'string', default: '.' },
    b: { type: 'string' },
    'a-node': { type: 'string' },
    'b-node': { type: 'string' },
    workload: { type: 'string', default: 'W1' },
    anonymous: { type: 'boolean', default: false },
    repetitions: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
  },
});
if (!values.b && !values['a-node'] && !values['b-node']) {
  throw new Error('give --b (another checkout), or --a-node / --b-node (another Node.js)');
}
const databaseUrl = benchDatabaseUrl;
const portBase = Number(process.env.BENCH_PORT_BASE ?? 4510) + 5;
const sides = [
  { name: 'A', checkout: resolve(values.a), node: values['a-node'], port: String(portBase) },
  { name: 'B', checkout: resolve(values.b ?? values.a), node: values['b-node'], port: String(portBase + 1) },
];

/** User and system CPU of a process and its threads so far, in microseconds. */
function cpuMicros(pid: number): number {
  const fields = procStat(pid)!;
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // clock ticks of 10 ms
}

const servers: Started[] = [];
const database = await openDatabase({ databaseUrl });
try {
  for (const side of sides) {
    servers.push(
      await startPaperGraph(
        databaseUrl,
        side.port,
        { RESPONSE_CACHE_TTL_MS: '0' },
        { checkout: side.checkout, node: side.node },
      ),
    );
  }
  // Tokens are per instance's database: both servers share it, so one set serves both.
  const fixtures = await makeFixtures(`http://127.0.0.1:${sides[0]!.port}/graphql`, database, {
    users: 50,
    arxivIds: 1_000,
    searchQueries: 50,
    feedCursors: 0,
  });
  const workload = workloadById(fixtures, values.workload);
  const make = values.anonymous && workload.anonymous ? workload.anonymous : workload.papergraph;
  const options = { connections: Number(values.connections), duration: Number(values.seconds) };
  for (const side of sides) await load(side.port, make, new Sequence(), { ...options, duration: 2 });

  // Writes (W4) continue one sequence on both sides, so each sees the state the other left.
  const shared = workload.sharedSequence ? new Sequence() : undefined;
  const sequences = sides.map(() => shared ?? new Sequence());
  const runs = sides.map(() => ({ cpu: [] as number[], rps: [] as number[], errors: 0 }));
  for (let r = 0; r < Number(values.repetitions); r++) {
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const pid = servers[i]!.pid!;
      const before = cpuMicros(pid);
      const started = performance.now();
      const result = await load(sides[i]!.port, make, sequences[i]!, options);
      runs[i]!.errors += result.errors;
      const requests = (result.rps * (performance.now() - started)) / 1000;
      runs[i]!.cpu.push((cpuMicros(pid) - before) / requests);
      runs[i]!.rps.push(result.rps);
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const spread = (xs: number[]) =>
    `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
  const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
  for (const [i, side] of sides.entries()) {
    console.log(
      `${side.name}: ${side.checkout}${side.node ? ` on ${side.node}` : ''}: CPU ${median(runs[i]!.cpu).toFixed(0)} µs/request, ${median(runs[i]!.rps)} req/s, ${runs[i]!.errors} errors and non-2xx`,
    );
  }
  console.log(`${workload.id}${values.anonymous ? ' anonymous' : ''}, per repetition pair:`);
  console.log(`  B's CPU per request ÷ A's: ${spread(a.cpu.map((x, i) => b.cpu[i]! / x))}`);
  console.log(`  A's req/s ÷ B's:           ${spread(a.rps.map((x, i) => x / b.rps[i]!))}`);
} finally {
  await Promise.all(servers.map((server) => stopProcess(server)));
  await database.close();
}
