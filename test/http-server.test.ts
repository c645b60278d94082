// The real server on a real port: GraphiQL, health checks, and graceful shutdown.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../server/config.js';
import { startServer, type RunningServer } from '../server/start.js';
import { subscribeSse, waitUntil } from './support/subscriptions.js';
import { createTestDatabase, templateDump, type TestDatabase } from './support/test-database.js';

let server: RunningServer;
let testDb: TestDatabase | undefined;

beforeAll(async () => {
  // On PostgreSQL the server gets a private copy of the database; on PGlite, the seeded template.
  if (process.env.DATABASE_URL) testDb = await createTestDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: testDb?.url });
  server = await startServer(
    config,
    testDb ? {} : { pgliteDir: 'memory://', pgliteDump: await templateDump() },
  );
});

afterAll(async () => {
  await server?.close().catch(() => {});
  await testDb?.close();
});

describe('HTTP server', () => {
  it('serves GraphiQL to a browser with the sample operations', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('PaperGraph');
    expect(html).toContain('query Feed {');
    expect(html).toContain('subscription NewPapers {');
  });

  it('answers GraphQL over HTTP with the seed papers', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ papers(first: 5) { totalCount edges { node { arxivId title authors { name } upvoteCount } } } }',
      }),
    });
    const body = await response.json();
    expect(body.data.papers.totalCount).toBe(36);
    expect(body.data.papers.edges).toHaveLength(5);
  });

  it('reports liveness and database readiness', async () => {
    const base = server.url.replace('/graphql', '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('shuts down gracefully: in-flight requests finish and close their keep-alive connections, subscriptions end, nothing new is accepted', async () => {
    const live = await subscribeSse(server.url, 'subscription { paperAdded { arxivId } }');
    const { port } = new URL(server.url);
    const body = JSON.stringify({ query: '{ papers(first: 1) { totalCount } }' });
    const request = (extraHeaders = '') =>
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n${extraHeaders}\r\n`;
    const open = async () => {
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const state = { socket, response: '', closed: new Promise((resolve) => socket.once('close', resolve)) };
      socket.on('data', (chunk) => (state.response += chunk));
      return state;
    };
    // An idle keep-alive connection (one request answered), and one whose request is in flight
    // (headers and half the body sent) when shutdown starts; neither asks to close.
    const idle = await open();
    idle.socket.write(request() + body);
    await waitUntil(() => idle.response.includes('"totalCount":36'));
    const busy = await open();
    busy.socket.write(request() + body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = performance.now();
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    busy.socket.write(body.slice(10));
    await Promise.all([idle.closed, busy.closed, closing]);
    // Neither the open SSE stream nor the keep-alive connections held shutdown for the 10 s grace period.
    expect(performance.now() - started).toBeLessThan(3_000);
    await live.close();

    expect(busy.response).toMatch(/^HTTP\/1.1 200/);
    expect(busy.response).toMatch(/\r\nconnection: close\r\n/i);
    expect(busy.response).toContain('"totalCount":36');
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
