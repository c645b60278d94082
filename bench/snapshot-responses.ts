// `npx tsx bench/snapshot-responses.ts [--write]`: the benchmark's queries, signed in and without a
// token, sent once each to a PaperGraph process over a fresh synthetic database (the same seed, so
// the same rows and ids every time). With --write, their response bodies go to bench/responses/,
// byte for byte; without, the bodies are compared with those files and any difference fails with
// a diff. Performance work must leave every byte as it was. Recreates the database named as
// BENCH_DATABASE_URL's with `_responses` appended, and listens on BENCH_PORT_BASE + 4.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withDatabase } from '../drizzle/db.js';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.js';
import { READ as FAN_OUT_READ } from './fan-out.js';
import { makeFixtures } from './fixtures.js';
import { startProcess, stopProcess } from './processes.js';
import { anonymousFeed, anonymousFeedPage, workloads, type Fixtures, type Request } from './workloads.js';

const PAPERS = 2_000;
const DIRECTORY = fileURLToPath(new URL('./responses/', import.meta.url));

const { values } = parseArgs({ options: { write: { type: 'boolean', default: false } } });
// A database of its own beside the benchmark's, so that neither run drops the other's.
const benchUrl = new URL(benchDatabaseUrl);
const databaseUrl = withDatabase(benchUrl.href, `${benchUrl.pathname.slice(1)}_responses`);
const port = String(Number(process.env.BENCH_PORT_BASE ?? 4510) + 4);
const url = `http://127.0.0.1:${port}`;

const database = await freshBenchDatabase(databaseUrl, PAPERS);
const server = await startProcess(
  'server/main.ts',
  { DATABASE_URL: databaseUrl, PORT: port, HOST: '127.0.0.1', RATE_LIMIT_AUTH_PER_MINUTE: '1000000' },
  /listening on/,
);
let failed = false;
try {
  const fixtures = await makeFixtures(`${url}/graphql`, database, {
    users: 2,
    arxivIds: 20,
    searchQueries: 2,
    feedCursors: 100,
  });
  const bodies = new Map<string, string>();
  for (const [name, request] of requests(fixtures)) {
    const response = await fetch(`${url}${request.path}`, request);
    bodies.set(name, await response.text());
  }
  if (values.write) await write(bodies);
  else failed = !(await compare(bodies));
} finally {
  await stopProcess(server);
  await database.close();
}
process.exitCode = failed ? 1 : 0;

/** Every query the benchmark sends, named, in the order sent: reads first, then W4's writes. */
function requests(f: Fixtures): Array<[string, Request]> {
  const w = Object.fromEntries(workloads(f).map((workload) => [workload.id, workload]));
  const both = (id: 'W2' | 'W3', i: number): Array<[string, Request]> => [
    [`${id}-signed-${i}`, w[id]!.papergraph(i)],
    [`${id}-anon-${i}`, w[id]!.anonymous!(i)],
  ];
  return [
    ['T-signed', w['T-signed']!.papergraph(0)],
    ['T-anon', w['T-anon']!.papergraph(0)],
    ['W1-signed', w.W1!.papergraph(0)],
    ['W1-anon', anonymousFeed()],
    ['W1-anon-miss-0', anonymousFeedPage(f, 0)],
    ['W1-anon-miss-57', anonymousFeedPage(f, 57)],
    ...both('W2', 0),
    ...both('W2', 1),
    ...both('W3', 0),
    ...both('W3', 1),
    [
      'fan-out-read',
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: FAN_OUT_READ,
      },
    ],
    // User 0 upvotes the first paper (request 0), sees it upvoted, then removes the upvote (the
    // round after).
    ['W4-upvote', w.W4!.papergraph(0)],
    ['W2-signed-0-upvoted', w.W2!.papergraph(0)],
    ['W4-remove', w.W4!.papergraph(f.users.length)],
  ];
}

async function write(bodies: Map<string, string>) {
  await rm(DIRECTORY, { recursive: true, force: true });
  await mkdir(DIRECTORY, { recursive: true });
  for (const [name, body] of bodies) await writeFile(join(DIRECTORY, `${name}.json`), body);
  console.log(`wrote ${bodies.size} response bodies to bench/responses/`);
}

async function compare(bodies: Map<string, string>): Promise<boolean> {
  const recorded = new Set((await readdir(DIRECTORY)).filter((file) => file.endsWith('.json')));
  let same = 0;
  const problems: string[] = [];
  for (const [name, body] of bodies) {
    const file = `${name}.json`;
    recorded.delete(file);
    let expected: string;
    try {
      expected = await readFile(join(DIRECTORY, file), 'utf8');
    } catch {
      problems.push(`${name}: no recorded response (bench/responses/${file}); record with --write`);
      continue;
    }
    if (expected === body) same++;
    else
      problems.push(
        `${name}: the response differs from bench/responses/${file}\n${await diff(expected, body)}`,
      );
  }
  for (const file of recorded)
    problems.push(`${file}: recorded, but the benchmark no longer sends this query`);
  for (const problem of problems) console.error(`\n${problem}`);
  console.log(`\n${same} of ${bodies.size} responses byte-identical to bench/responses/`);
  return problems.length === 0;
}

/** A unified diff of the two bodies, indented as JSON; where only the bytes differ (escaping,
 *  number format, whitespace), the first byte that does. */
async function diff(expected: string, actual: string): Promise<string> {
  const pretty = (text: string) => {
    try {
      return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
    } catch {
      return `${text}\n`;
    }
  };
  if (pretty(expected) === pretty(actual)) {
    let at = 0;
    while (expected[at] === actual[at]) at++;
    return `same JSON, different bytes from offset ${at}:\n- ${expected.slice(at, at + 80)}\n+ ${actual.slice(at, at + 80)}`;
  }
  const directory = await mkdtemp(join(tmpdir(), 'papergraph-responses-'));
  try {
    await writeFile(join(directory, 'recorded'), pretty(expected));
    await writeFile(join(directory, 'now'), pretty(actual));
    const result = spawnSync('diff', ['-u', 'recorded', 'now'], { cwd: directory, encoding: 'utf8' });
    return result.stdout || result.error?.message || '';
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
