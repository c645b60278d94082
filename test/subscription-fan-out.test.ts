// One event, many subscribers: delivering it must not stall the process, and must cost one
// load per distinct subscription, not one per subscriber. Real SSE streams over HTTP.
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';
import { waitUntil } from './support/subscriptions.js';

const ctx = setupApp({ rateLimits: { mutationsPerMinute: 1_000 } });
const http = serveOverHttp(() => ctx.app);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** Enough streams that delivering to all of them takes many turns of the event loop. */
const SUBSCRIBERS = 2_000;
const SELECTIONS = [
  'subscription { paperAdded { arxivId title } }',
  'subscription { paperAdded { arxivId authors { name } } }',
];

interface Stream {
  /** arXiv id → when it arrived (performance.now()). */
  arrivals: Map<string, number>;
  repeats: number;
  close(): void;
}

/** A bare SSE stream: resolves once the server has answered (it is then listening). */
function openStream(query: string): Promise<Stream> {
  const url = new URL(http.url());
  return new Promise((resolve, reject) => {
    const stream: Stream = { arrivals: new Map(), repeats: 0, close: () => req.destroy() };
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}?query=${encodeURIComponent(query)}`,
        headers: { accept: 'text/event-stream' },
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          for (const [, arxivId] of chunk.matchAll(/"arxivId":"([^"]+)"/g)) {
            if (stream.arrivals.has(arxivId!)) stream.repeats++;
            else stream.arrivals.set(arxivId!, performance.now());
          }
        });
        res.on('error', () => {});
        resolve(stream);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let streams: Stream[] = [];
let token: string;
let nextPaper = 0;

beforeAll(async () => {
  token = (await signUp(ctx.app)).token;
  for (let opened = 0; opened < SUBSCRIBERS; opened += 200) {
    streams.push(
      ...(await Promise.all(
        Array.from({ length: 200 }, (_, i) => openStream(SELECTIONS[(opened + i) % 2]!)),
      )),
    );
  }
  await waitUntil(() => ctx.events.subscriberCount() === SUBSCRIBERS, 10_000);
}, 60_000);

afterAll(() => {
  for (const stream of streams) stream.close();
  streams = [];
  agent.destroy();
});

async function submit(): Promise<string> {
  const arxivId = `2602.${String(++nextPaper).padStart(5, '0')}`;
  const result = await graphql(
    ctx.app,
    'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { arxivId } }',
    {
      input: {
        arxivId,
        title: `Fan-out ${arxivId}`,
        summary: 'S.',
        authors: ['F. Out'],
        publishedAt: '2026-02-01T00:00:00Z',
      },
    },
    bearer(token),
  );
  expect(result.errors).toBeUndefined();
  return arxivId;
}

const everyoneHas = (arxivId: string) => streams.every((stream) => stream.arrivals.has(arxivId));

describe(`one event to ${SUBSCRIBERS} SSE subscribers`, () => {
  it('costs one load per distinct subscription, and reaches each stream exactly once', async () => {
    ctx.db.statements.length = 0;
    const arxivId = await submit();
    await waitUntil(() => everyoneHas(arxivId), 20_000);
    // Relational loads of papers: the mutation's own answer, and one per distinct subscription.
    const loads = ctx.db.statements.filter((sql) => /^select "d0"\..* from "papers" as "d0"/s.test(sql));
    expect(loads).toHaveLength(1 + SELECTIONS.length);
    expect(streams.reduce((sum, stream) => sum + stream.repeats, 0)).toBe(0);
  }, 30_000);

  it('does not stall the process: a read sent as the event goes out is answered before it reaches the last stream', async () => {
    const arxivId = await submit();
    const read = await fetch(http.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ papers(first: 3) { nodes { arxivId } } }' }),
    });
    expect(read.status).toBe(200);
    await read.json();
    const answered = performance.now();
    expect(everyoneHas(arxivId)).toBe(false);
    await waitUntil(() => everyoneHas(arxivId), 20_000);
    const last = Math.max(...streams.map((stream) => stream.arrivals.get(arxivId)!));
    expect(answered).toBeLessThan(last);
  }, 30_000);
});
