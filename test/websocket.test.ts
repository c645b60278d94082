// GraphQL over WebSocket (graphql-ws) carries queries and mutations as well as subscriptions, as
// Apollo's and urql's clients send them, with the rules of HTTP: the same token, limits, response
// cache and rate limits. A failing operation errors alone; the socket and its other operations live on.
import { describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { bearer, PASSWORD, signUp } from './support/accounts.js';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';
import { connectWs, waitUntil, type WsResult } from './support/subscriptions.js';

const MAX_BODY_BYTES = 2_000;
const ctx = setupApp({
  responseCacheTtlMs: 60_000,
  maxBodyBytes: MAX_BODY_BYTES,
  rateLimits: { authAttemptsPerMinute: 3, mutationsPerMinute: 1_000 },
});
const http = serveOverHttp(() => ctx.app);

const ARXIV_ID = '2507.14871';
const PAPER = `{ paper(arxivId: "${ARXIV_ID}") { arxivId upvoteCount } }`;
const UPVOTES = `subscription { paperUpvotesChanged(arxivIds: ["${ARXIV_ID}"]) { arxivId upvoteCount } }`;
const LOG_IN = 'mutation($u: String!, $p: String!) { logIn(username: $u, password: $p) { token } }';

const codes = (result: WsResult) => result.errors?.map((error) => error.extensions?.code);

/** Statements `send` made, and its result. */
async function measured<T>(send: () => Promise<T>): Promise<{ statements: number; result: T }> {
  ctx.db.statements.length = 0;
  const result = await send();
  return { statements: ctx.db.statements.length, result };
}

/** Resolves once the event hub has one more subscriber than now. */
function oneMoreSubscriber(): () => Promise<void> {
  const before = ctx.events.subscriberCount();
  return () => waitUntil(() => ctx.events.subscriberCount() > before);
}

describe('GraphQL over WebSocket', () => {
  it('runs queries, mutations and failing operations on one socket while a subscription streams', async () => {
    const anonymous = connectWs(http.url());
    const upvotes = await anonymous.subscribe(UPVOTES, oneMoreSubscriber());
    let voter: ReturnType<typeof connectWs> | undefined;
    try {
      // An anonymous query, twice: the second answer comes from the response cache, without SQL.
      const first = await measured(() => anonymous.run(PAPER));
      const second = await measured(() => anonymous.run(PAPER));
      expect(first.result.errors).toBeUndefined();
      expect(first.result.data.paper.arxivId).toBe(ARXIV_ID);
      expect(first.statements).toBeGreaterThan(0);
      expect(second.statements).toBe(0);
      expect(second.result).toEqual(first.result);

      // Mutations. The sign-in budget (3 a minute) is the client address's, over HTTP and
      // WebSocket alike: signUp here, one logIn over HTTP, one here, and the next is refused.
      const username = `ws_${Date.now()}`;
      const signedUp = await anonymous.run(
        'mutation($u: String!, $p: String!) { signUp(username: $u, password: $p) { token } }',
        { u: username, p: PASSWORD },
      );
      expect(signedUp.errors).toBeUndefined();
      const token = signedUp.data.signUp.token as string;
      const overHttp = await fetch(http.url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOG_IN, variables: { u: username, p: PASSWORD } }),
      }).then((response) => response.json());
      expect(overHttp.errors).toBeUndefined();
      expect((await anonymous.run(LOG_IN, { u: username, p: PASSWORD })).errors).toBeUndefined();
      const limited = await anonymous.run(LOG_IN, { u: username, p: PASSWORD });
      expect(codes(limited)).toEqual(['RATE_LIMITED']);
      expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);

      // Documents that do not parse or do not fit the schema.
      expect(codes(await anonymous.run('{ paper(arxivId: "x") { '))).toEqual(['GRAPHQL_PARSE_FAILED']);
      const invalid = await anonymous.run('{ paper(arxivId: "x") { titel } }');
      // Only the code: nothing Yoga keeps for HTTP (the status) reaches the client.
      expect(invalid.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });

      // A signed-in mutation, the token in connectionParams, on another socket: the subscription
      // above hears it, and the cached answer it changed is dropped.
      voter = connectWs(http.url(), { connectionParams: { authorization: `Bearer ${token}` } });
      const upvoted = await voter.run(`mutation { upvotePaper(arxivId: "${ARXIV_ID}") { upvoteCount } }`);
      expect(upvoted.errors).toBeUndefined();
      const count = upvoted.data.upvotePaper.upvoteCount as number;
      expect(count).toBe(first.result.data.paper.upvoteCount + 1);
      expect((await upvotes.next()).data.paperUpvotesChanged).toEqual({
        arxivId: ARXIV_ID,
        upvoteCount: count,
      });
      const fresh = await anonymous.run(PAPER);
      expect(fresh.data.paper.upvoteCount).toBe(count);

      expect(anonymous.closes).toEqual([]);
      expect(voter.closes).toEqual([]);
    } finally {
      await upvotes.close();
      await anonymous.close();
      await voter?.close();
    }
  });

  it('never answers a signed-in operation from the cache', async () => {
    const { token, username } = await signUp(ctx.app);
    const socket = connectWs(http.url(), { connectionParams: { authorization: `Bearer ${token}` } });
    try {
      const VIEWER = '{ viewer { username } }';
      expect((await socket.run(VIEWER)).data.viewer.username).toBe(username);
      const again = await measured(() => socket.run(VIEWER));
      expect(again.result.data.viewer.username).toBe(username);
      expect(again.statements).toBeGreaterThan(0);
      expect((await socket.run(PAPER)).data.paper.arxivId).toBe(ARXIV_ID);
    } finally {
      await socket.close();
    }
  });

  it('checks the token for every operation: after logOut on the socket, the next is UNAUTHENTICATED', async () => {
    const { token } = await signUp(ctx.app);
    const socket = connectWs(http.url(), { connectionParams: { authorization: `Bearer ${token}` } });
    try {
      expect((await socket.run('mutation { logOut }')).data).toEqual({ logOut: true });
      expect(codes(await socket.run('{ viewer { username } }'))).toEqual(['UNAUTHENTICATED']);
      expect(socket.closes).toEqual([]);
    } finally {
      await socket.close();
    }
  });

  it("takes the token from the upgrade request's Authorization header too", async () => {
    const { token, username } = await signUp(ctx.app);
    const socket = connectWs(http.url(), { headers: bearer(token) });
    try {
      expect((await socket.run('{ viewer { username } }')).data.viewer.username).toBe(username);
    } finally {
      await socket.close();
    }
  });

  it('answers each operation of a socket with an invalid token UNAUTHENTICATED, and stays open', async () => {
    const socket = connectWs(http.url(), { connectionParams: { authorization: 'Bearer pgt_revoked' } });
    try {
      for (const query of [PAPER, '{ viewer { username } }', UPVOTES]) {
        const result = await socket.run(query);
        expect(codes(result)).toEqual(['UNAUTHENTICATED']);
        expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      }
      expect(socket.closes).toEqual([]);
    } finally {
      await socket.close();
    }
  });

  it('applies the page size, complexity and body size limits per operation', async () => {
    const socket = connectWs(http.url());
    try {
      expect(codes(await socket.run('{ papers(first: 101) { totalCount } }'))).toEqual([
        'PAGE_SIZE_TOO_LARGE',
      ]);
      const costly =
        '{ papers(first: 100) { nodes { authors { papers(first: 100) { nodes { authors { name } } } } } } }';
      expect(codes(await socket.run(costly))).toEqual(['QUERY_TOO_COMPLEX']);
      const oversized = await socket.run(`${PAPER} # ${'x'.repeat(MAX_BODY_BYTES)}`);
      expect(codes(oversized)).toEqual(['PAYLOAD_TOO_LARGE']);
      expect((await socket.run(PAPER)).data.paper.arxivId).toBe(ARXIV_ID);
      expect(socket.closes).toEqual([]);
    } finally {
      await socket.close();
    }
  });

  it('refuses variables nested deeper than any input for that operation only (BAD_REQUEST), as HTTP does', async () => {
    const socket = connectWs(http.url());
    try {
      let ids: unknown = [];
      for (let level = 0; level < 600; level++) ids = [ids];
      const deep = await socket.run(
        'query($ids: [String!]!) { papersByArxivIds(arxivIds: $ids) { title } }',
        {
          ids,
        },
      );
      expect(codes(deep)).toEqual(['BAD_REQUEST']);
      expect((await socket.run(PAPER)).data.paper.arxivId).toBe(ARXIV_ID);
      expect(socket.closes).toEqual([]);
    } finally {
      await socket.close();
    }
  });

  it('releases every subscription of a socket when it closes', async () => {
    const before = ctx.events.subscriberCount();
    const socket = connectWs(http.url());
    for (let i = 1; i <= 3; i++) {
      await socket.subscribe(UPVOTES, () => waitUntil(() => ctx.events.subscriberCount() === before + i));
    }
    await socket.close();
    await waitUntil(() => ctx.events.subscriberCount() === before);
  });

  it('closes a socket that sends a message far over the body limit (1009), before reading it all', async () => {
    const socket = new WebSocket(http.url().replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('error', () => {}); // the server may reset the connection while the message is sent
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => socket.once('message', resolve));
    const query = `${PAPER} # ${'x'.repeat(10 * MAX_BODY_BYTES)}`;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    expect(await closed).toBe(1009);
  });
});
