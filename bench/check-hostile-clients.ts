// `npx tsx bench/check-hostile-clients.ts`: the real server (`npm start`'s entry point, on an
// embedded database in a temp folder) under the hostile query classes of issue 11, from outside:
// its peak resident memory (VmHWM) after each class, and a cheap query's latency alone and while
// two clients send 2,000-alias introspection queries in a loop. test/hostile-clients.test.ts
// asserts the same in seconds; this prints the figures, with larger counts.
//
//   npx tsx bench/check-hostile-clients.ts [--count 300]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { count: { type: 'string', default: '300' } } });
const count = Number(values.count);

const folder = await mkdtemp(join(tmpdir(), 'papergraph-hostile-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: '',
    PGLITE_DIR: folder,
    RESPONSE_CACHE_TTL_MS: '0',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let output = '';
  server.stdout!.on('data', (chunk) => {
    output += chunk;
    const found = /listening on (http:\/\/\S+\/graphql)/.exec(output)?.[1];
    if (found) resolve(found);
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
});

async function memoryMb() {
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function post(query: string) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, bytes: text.length };
}

const aliases = (n: number, field: string) =>
  Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const classes: Array<[string, number, (i: number) => string]> = [
  ['88 KB of aliased __typename', count, (i) => `{ ${aliases(4_900, '__typename')} } # ${i}`],
  ['650 aliased __typename (11 KB)', count, (i) => `{ ${aliases(650, '__typename')} } # ${i}`],
  ['invalid: 4,000 unknown fields', count, (i) => `{ ${aliases(4_000, 'nope')} } # ${i}`],
  [
    '2,000 aliases of __schema',
    Math.ceil(count / 15),
    (i) => `{ ${aliases(2_000, '__schema { types { name } }')} } # ${i}`,
  ],
  ['2,000 levels of {a{a…', count, (i) => `${'{a'.repeat(2_000)}${'}'.repeat(2_000)} # ${i}`],
];

console.log(`server up: ${JSON.stringify(await memoryMb())} MB`);
for (const [name, n, make] of classes) {
  const started = performance.now();
  let slowest = 0;
  const statuses = new Map<number, number>();
  for (let i = 0; i < n; i += 2) {
    const pair = i + 1 < n ? [post(make(i)), post(make(i + 1))] : [post(make(i))];
    for (const r of await Promise.all(pair)) {
      slowest = Math.max(slowest, r.ms);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${name}: ${n} requests in ${seconds} s (slowest ${slowest.toFixed(0)} ms, statuses ${JSON.stringify(Object.fromEntries(statuses))}); memory ${JSON.stringify(await memoryMb())} MB`,
  );
}

async function cheapLatency(attackers: number) {
  let attacking = true;
  const loops = Array.from({ length: attackers }, async (_, k) => {
    for (let i = 0; attacking; i++) await post(classes[3]![2](1e6 * (k + 1) + i));
  });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) times.push((await post('{ paper(arxivId: "2507.14871") { title } }')).ms);
  attacking = false;
  await Promise.all(loops);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(0);
  return `p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
}
console.log(`cheap query alone: ${await cheapLatency(0)}`);
console.log(`cheap query while two clients send 2,000-alias introspection: ${await cheapLatency(2)}`);
console.log(`end: ${JSON.stringify(await memoryMb())} MB`);

server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await rm(folder, { recursive: true, force: true });
