// SDK subscriptions fail fast and typed: a refused token at once, an unreachable server after the
// bounded retry of the `retry` option, over SSE and WebSocket alike.
import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { createHttpServer } from '../server/http-server.js';
import { createClient, PaperGraphError, type Transport } from '../sdk/src/index.js';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();
const http = serveOverHttp(() => ctx.app);
const TRANSPORTS: Transport[] = ['sse', 'websocket'];

/** The first step's failure, and how long it took to come. */
async function firstFailure(iterator: AsyncIterator<unknown>) {
  const started = performance.now();
  try {
    await iterator.next();
  } catch (error) {
    expect(error).toBeInstanceOf(PaperGraphError);
    return { error: error as PaperGraphError, ms: performance.now() - started };
  }
  throw new Error('expected the subscription to fail');
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Counts the connections a client opens: fetches for SSE, sockets for WebSocket. */
function counting(transport: Transport) {
  const counter = { opened: 0 };
  const options = {
    transport,
    fetch: (input: string, init: RequestInit) => (counter.opened++, fetch(input, init)),
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        counter.opened++;
      }
    },
  };
  return { counter, options };
}

describe('SDK subscription failures', () => {
  for (const transport of TRANSPORTS) {
    it(`refuses a bad token at once with UNAUTHENTICATED over ${transport}`, async () => {
      const { counter, options } = counting(transport);
      const client = createClient({ url: http.url(), token: 'pgt_revoked', ...options });
      try {
        const { error, ms } = await firstFailure(client.subscribe.paperAdded());
        expect(error.code).toBe('UNAUTHENTICATED');
        expect(error.message).toMatch(/token/i);
        if (transport === 'sse') expect(error.status).toBe(401);
        expect(counter.opened).toBe(1); // not retried
        expect(ms).toBeLessThan(1_000);
      } finally {
        await client.close();
      }
    }, 10_000);

    it(`gives up on an unreachable server with NETWORK_ERROR after retry.attempts over ${transport}`, async () => {
      const { counter, options } = counting(transport);
      const url = `http://127.0.0.1:${await closedPort()}/graphql`;
      const client = createClient({ url, retry: { attempts: 2, delayMs: 300 }, ...options });
      const { error, ms } = await firstFailure(client.subscribe.paperAdded());
      expect(error.code).toBe('NETWORK_ERROR');
      expect(error.message).toMatch(/ECONNREFUSED|fetch failed/);
      expect(counter.opened).toBe(3); // the first try and two retries, 300 ms apart
      expect(ms).toBeGreaterThanOrEqual(600);
      expect(ms).toBeLessThan(2_000);
      await client.close();
    }, 10_000);
  }

  it('gives up on an unreachable server within a few seconds by default', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const failures = await Promise.all(
      TRANSPORTS.map(async (transport) => {
        const client = createClient({ url, transport, webSocketImpl: WebSocket });
        try {
          return await firstFailure(client.subscribe.paperUpvotesChanged());
        } finally {
          await client.close();
        }
      }),
    );
    for (const { error, ms } of failures) {
      expect(error.code).toBe('NETWORK_ERROR');
      expect(ms).toBeGreaterThanOrEqual(3_000); // 3 retries, 1 s apart
      expect(ms).toBeLessThan(5_000);
    }
  }, 15_000);

  it('retries a server that is still starting, and reports STARTING if it stays so', async () => {
    // The real server's HTTP front before its app is ready: every request is 503 STARTING.
    const starting = createHttpServer();
    const port = await starting.listen(0, '127.0.0.1');
    try {
      const { counter, options } = counting('sse');
      const url = `http://127.0.0.1:${port}/graphql`;
      const client = createClient({ url, retry: { attempts: 2, delayMs: 100 }, ...options });
      const { error } = await firstFailure(client.subscribe.paperAdded());
      expect(error).toMatchObject({ code: 'STARTING', status: 503 });
      expect(counter.opened).toBe(3);
      await client.close();
    } finally {
      await starting.drain(0);
    }
  });

  it('stops retrying when the loop is left or the client closed', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const client = createClient({ url, retry: { attempts: 100, delayMs: 50 } });
    const pending = client.subscribe.paperAdded().next();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await client.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a retry option that makes no sense', () => {
    expect(() => createClient({ url: http.url(), retry: { attempts: -1 } })).toThrow(RangeError);
    expect(() => createClient({ url: http.url(), retry: { delayMs: Number.NaN } })).toThrow(RangeError);
  });
});
