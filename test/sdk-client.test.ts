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
    expect(papers.totalCountIsExact).toBe(true);
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

  it('searches papers with hits, highlights, filters and pagination', async () => {
    const client = createClient({ url: http.url() });
    const { search } = await client.search({ query: 'lip reading', first: 4 });
    expect(search.approximate).toBe(false);
    expect(search.edges).toHaveLength(4);
    for (const { node } of search.edges) {
      expect(node.titleHighlight).toMatch(/<mark>/i);
      expect(node.score).toBeGreaterThan(0);
      expect(node.paper.title).toMatch(/lip/i);
    }
    const filtered = await client.search({ query: 'speech', filter: { author: 'yemini' }, orderBy: 'TOP' });
    expect(filtered.search.edges.map((e) => e.node.paper.arxivId)).toEqual(['2306.03258']);
    const all: string[] = [];
    for await (const hit of client.paginate.search({ query: 'language', first: 4 }))
      all.push(hit.paper.arxivId);
    const { search: everything } = await client.search({ query: 'language', first: 100 });
    expect(all).toEqual(everything.edges.map((e) => e.node.paper.arxivId));
    const backwards = await client.search({
      query: 'language',
      last: 2,
      before: everything.edges[4]!.cursor,
    });
    expect(backwards.search.edges.map((e) => e.node.paper.arxivId)).toEqual(all.slice(2, 4));
  });

  it('finds similar papers, authors by any part of the name, and their co-authors', async () => {
    const client = createClient({ url: http.url() });
    const { paper: similarPapers } = await client.similarPapers({ arxivId: '2507.14871', first: 3 });
    expect(similarPapers?.arxivId).toBe('2507.14871');
    expect(similarPapers?.similar.length).toBeGreaterThan(0);
    expect(similarPapers?.similar.length).toBeLessThanOrEqual(3);
    expect(similarPapers?.similar.map((p) => p.arxivId)).not.toContain('2507.14871');

    const { authors: found } = await client.searchAuthors({ search: 'wayne zha', first: 3 });
    const wayne = found.edges[0]!.node;
    expect(wayne).toMatchObject({ name: 'Wayne Xin Zhao', paperCount: 2 });
    const { author } = await client.coAuthors({ id: wayne.id, first: 100 });
    expect(author?.coAuthors.length).toBeGreaterThan(0);
    expect(author?.coAuthors[0]?.sharedPaperCount).toBe(2);
    expect(author?.coAuthors.map((c) => c.author.name)).not.toContain('Wayne Xin Zhao');

    const { authors: last } = await client.authors({ last: 2 });
    const everyone: string[] = [];
    for await (const { name } of client.paginate.authors({ first: 100 })) everyone.push(name);
    expect(last.edges.map((e) => e.node.name)).toEqual(everyone.slice(-2));
  });

  it("lists a day's, a week's and a month's papers", async () => {
    const client = createClient({ url: http.url() });
    const { papers: day } = await client.papersInPeriod({ period: 'DAY', date: '2024-06-04' });
    expect(day.totalCount).toBe(2);
    for (const { node } of day.edges) expect(node.addedAt.startsWith('2024-06-04')).toBe(true);
    const { papers: month } = await client.papersInPeriod({
      period: 'MONTH',
      date: '2024-06-15',
      orderBy: 'TOP',
    });
    const counts = month.edges.map((e) => e.node.upvoteCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(month.totalCount).toBeGreaterThan(day.totalCount);
    const wrong = await failure(client.papersInPeriod({ period: 'WEEK', date: '2024-13-01' }));
    expect(wrong.code).toBe('BAD_USER_INPUT');
  });

  it('fetches any paper, author or user again by its id', async () => {
    const client = createClient({ url: http.url() });
    const { paper } = await client.paper({ arxivId: '2507.14871' });
    const { signUp } = await client.signUp({ username: 'sdk-nodes', password: 'long enough password' });
    const { node } = await client.node({ id: paper!.id });
    expect(node).toMatchObject({ __typename: 'Paper', id: paper!.id, arxivId: '2507.14871' });
    const { nodes } = await client.nodes({ ids: [paper!.authors[0]!.id, signUp.user.id, paper!.id] });
    expect(nodes.map((n) => n?.__typename)).toEqual(['Author', 'User', 'Paper']);
    const user = nodes[1];
    expect(user?.__typename === 'User' && user.username).toBe('sdk-nodes');
    expect((await client.node({ id: Buffer.from('Paper:999999').toString('base64') })).node).toBeNull();
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
