// `npm start` with WORKERS: a primary that migrates once and forks server processes sharing the
// port (node:cluster). The real entry point in a child process; which worker holds a connection is
// read from Linux's /proc, like the benchmark counts a cluster's workers.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { nodeChildPids, procStat } from '../bench/processes.js';
import { bearer } from './support/accounts.js';
import { dataOverHttp } from './support/graphql.js';
import {
  closedPort,
  expectOneLine,
  runMain,
  startMain,
  stopMain,
  type MainProcess,
} from './support/main-process.js';
import { subscribeSse, type Subscription } from './support/subscriptions.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const describeOnPostgres = process.env.DATABASE_URL ? describe : describe.skip;

describe('WORKERS: settings that stop the start, before any worker is forked', () => {
  it('more than one worker on the embedded database, or not a number: one line, exit 1', async () => {
    const cores = availableParallelism();
    const [embedded, notANumber, auto] = await Promise.all([
      runMain({ WORKERS: '2', DATABASE_URL: '' }),
      runMain({ WORKERS: 'abc' }),
      // auto is one per core: on a machine with one, a single process, which PGlite can be.
      cores > 1 ? runMain({ WORKERS: 'auto', DATABASE_URL: '' }) : undefined,
    ]);
    expectOneLine(
      embedded,
      /^PaperGraph could not start: WORKERS=2 needs DATABASE_URL: the embedded database \(PGlite\) belongs to one process, which locks its data folder — set DATABASE_URL to a PostgreSQL server, or WORKERS=1\.$/,
    );
    if (auto) {
      expectOneLine(
        auto,
        new RegExp(
          `^PaperGraph could not start: WORKERS=auto \\(${cores} on this machine\\) needs DATABASE_URL`,
        ),
      );
    }
    expectOneLine(
      notANumber,
      /^PaperGraph could not start: WORKERS must be a whole number from 1 to 1024, or auto \(one per CPU core\); got "abc"\.$/,
    );
  }, 30_000);

  it('a port in use and a database that refuses are found by the primary: one line, exit 1', async () => {
    const [taken, refusing] = [await closedPort(), await closedPort()];
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(taken, '127.0.0.1', resolve));
    try {
      const [portInUse, refused] = await Promise.all([
        runMain({
          WORKERS: '2',
          PORT: String(taken),
          DATABASE_URL: `postgres://postgres@127.0.0.1:${refusing}/x`,
        }),
        runMain({ WORKERS: '2', DATABASE_URL: `postgres://postgres@127.0.0.1:${refusing}/papergraph` }),
      ]);
      expectOneLine(portInUse, new RegExp(`^PaperGraph could not start: Port ${taken} is in use — set PORT`));
      expectOneLine(
        refused,
        new RegExp(
          `^PaperGraph could not start: PostgreSQL at 127\\.0\\.0\\.1:${refusing} refused the connection`,
        ),
      );
    } finally {
      holder.close();
    }
  }, 30_000);
});

describeOnPostgres('WORKERS=2 on PostgreSQL', () => {
  let db: TestDatabase;
  let server: MainProcess;
  let workers: number[];

  beforeAll(async () => {
    db = await createTestDatabase();
    // A grace period far longer than shutdown should take: an open subscription must not hold it.
    server = await startMain({ WORKERS: '2', DATABASE_URL: db.url!, SHUTDOWN_GRACE_MS: '30000' });
    workers = nodeChildPids(server.process.pid!);
  }, 60_000);

  afterAll(async () => {
    if (server) await stopMain(server);
    await db?.close();
  });

  it('says so once both listen, and runs two worker processes', () => {
    expect(server.stdout()).toMatch(
      /^PaperGraph listening on http:\/\/localhost:\d+\/graphql with 2 workers \(GraphiQL in a browser\) — database: PostgreSQL at /,
    );
    expect(server.url).not.toMatch(/:0\//);
    expect(workers).toHaveLength(2);
  });

  it('spreads connections over both workers; a paper submitted through the port reaches subscribers on each', async () => {
    const port = Number(new URL(server.url).port);
    // node:cluster hands connections to the workers in turn: of four subscribers, each holds some.
    const subscribers: Subscription[] = [];
    for (let i = 0; i < 4; i++) {
      subscribers.push(await subscribeSse(server.url, 'subscription { paperAdded { arxivId title } }'));
    }
    try {
      const holding = workers.map((pid) => connectionsHeld(pid, port));
      expect(holding).toEqual([expect.any(Number), expect.any(Number)]);
      expect(Math.min(...holding)).toBeGreaterThanOrEqual(1);

      // Many requests at once, each answered (whichever worker takes it).
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          dataOverHttp(server.url, '{ papers(first: 2) { edges { node { arxivId } } } }'),
        ),
      );
      expect(answers.every((data) => data.papers.edges.length === 2)).toBe(true);

      const { signUp } = await dataOverHttp(
        server.url,
        'mutation { signUp(username: "two_workers", password: "long enough") { token } }',
      );
      await dataOverHttp(
        server.url,
        'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { arxivId } }',
        {
          input: {
            arxivId: '2512.30001',
            title: 'Across workers',
            summary: 'S.',
            authors: ['A. Author'],
            publishedAt: '2025-12-03T00:00:00Z',
          },
        },
        bearer(signUp.token),
      );
      for (const subscriber of subscribers) {
        expect((await subscriber.next(2_000)).data.paperAdded).toEqual({
          arxivId: '2512.30001',
          title: 'Across workers',
        });
      }
    } finally {
      await Promise.all(subscribers.map((subscriber) => subscriber.close()));
    }
  }, 30_000);

  it('SIGTERM: subscriptions end, every worker drains, the primary exits 0 and leaves no process behind', async () => {
    const open = await subscribeSse(server.url, 'subscription { paperAdded { arxivId } }');
    const started = performance.now();
    expect(await stopMain(server)).toBe(0);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(server.stdout()).toMatch(/SIGTERM received: stopping 2 workers/);
    expect(workers.filter(isRunning)).toEqual([]);
    await open.close();
  }, 30_000);

  it('replaces a worker that dies, on the same port; a primary killed outright takes its workers with it', async () => {
    // A cluster of its own, sent no request before the kill: a connection node:cluster's primary is
    // handing to a worker at the instant it dies is lost with it (see server/cluster.ts).
    const other = await startMain({ WORKERS: '2', DATABASE_URL: db.url! });
    try {
      const [killed, survivor] = nodeChildPids(other.process.pid!) as [number, number];
      process.kill(killed, 'SIGKILL');
      await other.printed(new RegExp(`Worker \\d+ serves in place of worker ${killed}\\.`), 30_000);
      expect(other.stderr()).toContain(`Worker ${killed} exited (SIGKILL). Replacing it now.`);
      const replaced = nodeChildPids(other.process.pid!);
      expect(replaced).toHaveLength(2);
      expect(replaced).toContain(survivor);
      expect(replaced).not.toContain(killed);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => dataOverHttp(other.url, '{ __typename }')),
      );
      expect(answers).toEqual(Array(10).fill({ __typename: 'Query' }));

      other.process.kill('SIGKILL');
      const deadline = Date.now() + 10_000;
      while (replaced.some(isRunning) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(replaced.filter(isRunning)).toEqual([]);
    } finally {
      other.process.kill('SIGKILL');
    }
  }, 60_000);
});

/** Alive and not a zombie (an exited process whose parent has not collected it yet). */
function isRunning(pid: number): boolean {
  const state = procStat(pid)?.[0];
  return state !== undefined && state !== 'Z';
}

/** Established TCP connections on local `port` whose socket `pid` holds open. */
function connectionsHeld(pid: number, port: number): number {
  const established = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const localPort = parseInt(fields[1]?.split(':')[1] ?? '', 16);
      if (localPort === port && fields[3] === '01') established.add(fields[9]!);
    }
  }
  let held = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode && established.has(inode)) held++;
    } catch {
      // closed meanwhile
    }
  }
  return held;
}
