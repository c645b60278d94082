// The SDK against a real server: typed operations, tokens, errors, pagination, subscriptions.
import { describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { ErrorCode } from '../schema/errors.js';
import { createClient, ERROR_CODES, PaperGraphError, PapersDocument } from '../sdk/src/index.js';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';
import { waitUntil } from './support/subscriptions.js';

const ctx = setupApp();
const http = serveOverHttp(() => ctx.app);

async function failure(promise: Promise<unknown>): Promise<PaperGraphError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PaperGraphError);
    return error as PaperGraphError;
  }
  throw new Error('expected the call to fail');
}

describe('@papergraph/sdk', () => {
  it('runs typed queries', async () => {
    const client = createClient({ url: http.url() });
    const { papers } = await client.papers({ first: 5, orderBy: 'TOP' });
    expect(papers.totalCount).toBe(36);
    expect(papers.edges).toHaveLength(5);
    const { paper } = await client.paper({ arxivId: '2507.14871' });
    expect(paper?.title).toBe('Tiny language models');
    expect(paper?.authors.map((a) => a.name)).toHaveLength(5);
  });

  it('runs any typed document through request', async () => {
    const client = createClient({ url: http.url() });
    const result = await client.request(PapersDocument, { first: 1 });
    expect(result.papers.edges).toHaveLength(1);
  });

  it('signs up, sends the token, and surfaces errors with their code, path and status', async () => {
    const client = createClient({ url: http.url() });
    const anonymous = await failure(client.upvotePaper({ arxivId: '2507.14871' }));
    expect(anonymous).toMatchObject({ code: 'UNAUTHENTICATED', path: ['upvotePaper'], status: 200 });

    const { signUp } = await client.signUp({ username: 'sdk-user', password: 'long enough password' });
    client.setToken(signUp.token);
    const { upvotePaper } = await client.upvotePaper({ arxivId: '2507.14871' });
    expect(upvotePaper.viewerHasUpvoted).toBe(true);
    expect((await client.viewer()).viewer?.username).toBe('sdk-user');

    const missing = await failure(client.upvotePaper({ arxivId: '2101.00001' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', extensions: { argument: 'arxivId' } });

    await client.logOut();
    const revoked = await failure(client.viewer());
    expect(revoked).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('reports an unreachable server as NETWORK_ERROR', async () => {
    const client = createClient({ url: 'http://127.0.0.1:9/graphql' });
    expect((await failure(client.papers())).code).toBe('NETWORK_ERROR');
  });

  it('pages through every node of a connection', async () => {
    const client = createClient({ url: http.url() });
    const requests: string[] = [];
    const counting = createClient({
      url: http.url(),
      fetch: (input, init) => {
        requests.push(String(init.body));
        return fetch(input, init);
      },
    });
    const all: string[] = [];
    for await (const paper of counting.paginate.papers({ first: 10, orderBy: 'NEWEST' }))
      all.push(paper.arxivId);
    expect(requests).toHaveLength(4);
    const { papers } = await client.papers({ first: 100, orderBy: 'NEWEST' });
    expect(all).toEqual(papers.edges.map((e) => e.node.arxivId));
  });

  for (const transport of ['sse', 'websocket'] as const) {
    it(`streams paperAdded over ${transport}, and breaking the loop closes the stream`, async () => {
      const client = createClient({ url: http.url(), transport, webSocketImpl: WebSocket });
      const before = ctx.events.subscriberCount();
      const received = (async () => {
        for await (const { paperAdded } of client.subscribe.paperAdded()) return paperAdded.arxivId;
      })();
      await waitUntil(() => ctx.events.subscriberCount() > before);

      const writer = createClient({ url: http.url() });
      const { signUp } = await writer.signUp({
        username: `writer-${transport}`,
        password: 'long enough password',
      });
      writer.setToken(signUp.token);
      const arxivId = transport === 'sse' ? '2512.30001' : '2512.30002';
      await writer.submitPaper({
        input: {
          arxivId,
          title: 'Streamed',
          summary: 'S.',
          authors: ['A. Writer'],
          publishedAt: '2025-12-03T00:00:00Z',
        },
      });
      expect(await received).toBe(arxivId);
      await waitUntil(() => ctx.events.subscriberCount() === before);
      await client.close();
    });
  }

  it('fails a WebSocket subscription with an invalid token with UNAUTHENTICATED', async () => {
    const client = createClient({
      url: http.url(),
      transport: 'websocket',
      webSocketImpl: WebSocket,
      token: 'pgt_revoked',
    });
    try {
      const error = await failure(client.subscribe.paperAdded().next());
      expect(error.code).toBe('UNAUTHENTICATED');
    } finally {
      await client.close();
    }
  });

  it('knows every error code the server sends', () => {
    for (const code of Object.values(ErrorCode)) expect(ERROR_CODES).toContain(code);
  });
});
