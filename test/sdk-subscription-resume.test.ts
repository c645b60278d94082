// A dropped SDK subscription resumes where it left off: the real server (startServer) on a
// persistent database is closed in the middle of a stream, papers are added while it is down, it
// starts again on the same port, and each SDK iterator yields every paper exactly once, in order.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { openDatabase } from '../drizzle/db.js';
import { loadConfig } from '../server/config.js';
import { importPapers } from '../server/import/import-papers.js';
import { startServer, type RunningServer } from '../server/start.js';
import { createClient, type Transport } from '../sdk/src/index.js';
import { createTestDatabase, templateDump, type TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/subscriptions.js';

const TRANSPORTS: Transport[] = ['sse', 'websocket'];
/** Long enough for the server's restart, short enough that the test stays quick. */
const RETRY = { attempts: 400, delayMs: 50 };

let dataDir: string | undefined; // PGlite
let copy: TestDatabase | undefined; // PostgreSQL, when DATABASE_URL is set
let server: RunningServer | undefined;

/** The same database every time: a PGlite folder, or a copy of the test database on PostgreSQL. */
async function start(port: number, first = false) {
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: copy?.url });
  if (copy) return startServer(config);
  return startServer(config, { pgliteDir: dataDir, pgliteDump: first ? await templateDump() : undefined });
}

/** Adds papers straight to the database, as an import does, while no server runs. */
async function addWhileDown(arxivIds: string[]) {
  const database = copy ?? (await openDatabase({ pgliteDir: dataDir }));
  try {
    const report = await importPapers(database.db, arxivIds.map(record));
    expect(report.added).toBe(arxivIds.length);
  } finally {
    if (!copy) await database.close();
  }
}

const record = (arxivId: string) => ({
  paper: {
    id: arxivId,
    title: `Resumed ${arxivId}`,
    summary: 'S.',
    authors: [{ name: 'Re Sumer' }],
    publishedAt: '2025-12-05T00:00:00Z',
  },
});

beforeAll(async () => {
  if (process.env.DATABASE_URL) copy = await createTestDatabase();
  else dataDir = await mkdtemp(join(tmpdir(), 'papergraph-resume-'));
});

afterAll(async () => {
  await server?.close();
  await copy?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('SDK subscriptions across a server restart', () => {
  it('resume paperAdded from the last paper received: every paper once, in order', async () => {
    server = await start(0, true);
    const url = server.url.replace('localhost', '127.0.0.1');
    const port = Number(new URL(url).port);

    const received = new Map<Transport, string[]>(TRANSPORTS.map((t) => [t, []]));
    const clients = TRANSPORTS.map((transport) =>
      createClient({ url, transport, webSocketImpl: WebSocket, retry: RETRY }),
    );
    const expected = ['2512.60001', '2512.60002', '2512.60003', '2512.60004', '2512.60005', '2512.60006'];
    const listening = TRANSPORTS.map(async (transport, index) => {
      const seen = received.get(transport)!;
      for await (const { paperAdded } of clients[index]!.subscribe.paperAdded()) {
        seen.push(paperAdded.arxivId);
        if (paperAdded.arxivId === expected.at(-1)) return; // a repeat or a gap shows in `seen`
      }
    });
    try {
      await waitUntil(() => server!.events.subscriberCount() === TRANSPORTS.length, 10_000);

      const writer = createClient({ url });
      const { signUp } = await writer.signUp({ username: 'resume-writer', password: 'long enough password' });
      writer.setToken(signUp.token);
      const submit = (arxivId: string) =>
        writer.submitPaper({
          input: {
            arxivId,
            title: `Resumed ${arxivId}`,
            summary: 'S.',
            authors: ['Re Sumer'],
            publishedAt: '2025-12-05T00:00:00Z',
          },
        });

      // Live, before the restart.
      await submit(expected[0]!);
      await submit(expected[1]!);
      await waitUntil(() => [...received.values()].every((seen) => seen.length === 2), 10_000);

      // Down: the streams end, the clients keep trying; papers are added meanwhile.
      await server.close();
      server = undefined;
      await addWhileDown(expected.slice(2, 4));

      // Up again on the same port: the clients resume with `after`, then hear new papers live.
      server = await start(port);
      await waitUntil(() => server!.events.subscriberCount() === TRANSPORTS.length, 15_000);
      await submit(expected[4]!);
      await submit(expected[5]!);
      await Promise.all(listening);

      for (const transport of TRANSPORTS)
        expect({ transport, papers: received.get(transport) }).toEqual({ transport, papers: expected });
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  }, 60_000);
});
