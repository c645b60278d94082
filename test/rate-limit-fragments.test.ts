// Rate limits count the root fields an operation executes, however the document spells them:
// inline or named fragments, aliases, @include/@skip. A limited request is HTTP 429. Served over
// HTTP behind a "proxy" on loopback, so that each test is a client of its own (X-Forwarded-For).
import { describe, expect, it } from '@jest/globals';
import { bearer, signUp } from './support/accounts.js';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';

const LIMIT = 4;
const ctx = setupApp({
  rateLimits: { mutationsPerMinute: LIMIT, authAttemptsPerMinute: LIMIT },
  trustedProxies: 'loopback',
});
const http = serveOverHttp(() => ctx.app);

const LOG_IN_CALL = 'logIn(username: "nobody", password: "wrong password")';
const LOG_IN = `${LOG_IN_CALL} { token }`;
const UPVOTE_CALL = 'upvotePaper(arxivId: "2507.14871")';
const UPVOTE = `${UPVOTE_CALL} { upvoteCount }`;

/** Limits count per wall-clock minute: start a test well inside one. */
async function awayFromMinuteBoundary() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

let clients = 0;
/** Requests from a client address of their own, as a proxy on loopback names it. */
function client(headers: Record<string, string> = {}) {
  const address = `203.0.113.${++clients}`;
  return async (query: string) => {
    const response = await fetch(http.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: any[] };
    return { response, body, code: body.errors?.[0]?.extensions?.code as string | undefined };
  };
}

describe('rate limits count what runs', () => {
  it('log-in attempts inside inline or named fragments, aliased or under directives, all count', async () => {
    await awayFromMinuteBoundary();
    const post = client();
    const attempts = [
      `mutation { ... on Mutation { ${LOG_IN} } }`,
      `mutation { ...guess } fragment guess on Mutation { ${LOG_IN} }`,
      `mutation { ... @include(if: true) { a: ${LOG_IN} } b: ${LOG_IN_CALL} @skip(if: false) { token } }`,
    ];
    for (const attempt of attempts) expect((await post(attempt)).code).toBe('INVALID_CREDENTIALS');
    // 1 + 1 + 2 attempts: a fifth is over the limit of four, however it is written.
    const over = await post(`mutation { ... on Mutation { ... @include(if: true) { ${LOG_IN} } } }`);
    expect(over.code).toBe('RATE_LIMITED');
  });

  it('signUp in a fragment counts as an attempt', async () => {
    await awayFromMinuteBoundary();
    const post = client();
    const signUps = Array.from(
      { length: LIMIT + 1 },
      (_, i) => `s${i}: signUp(username: "frag_${clients}_${i}", password: "long enough") { token }`,
    );
    const result = await post(`mutation { ... on Mutation { ${signUps.join(' ')} } }`);
    expect(result.code).toBe('RATE_LIMITED');
  });

  it("a signed-in user's mutations inside fragments count, and a skipped one does not", async () => {
    await awayFromMinuteBoundary();
    const user = await signUp(ctx.app);
    const post = client(bearer(user.token));
    const votes = await post(
      `mutation { ...votes a: ${UPVOTE_CALL} @skip(if: true) { upvoteCount } } fragment votes on Mutation { b: ${UPVOTE} ... on Mutation { c: ${UPVOTE} d: ${UPVOTE} e: ${UPVOTE} } }`,
    );
    expect(votes.body.errors).toBeUndefined();
    const over = await post(`mutation { ... on Mutation { ${UPVOTE} } }`);
    expect(over.code).toBe('RATE_LIMITED');
    expect(over.response.headers.get('ratelimit-policy')).toBe(`"mutations";q=${LIMIT};w=60`);
  });

  it('answers a limited request with 429, Retry-After and the RateLimit fields', async () => {
    await awayFromMinuteBoundary();
    const post = client();
    for (let i = 0; i < LIMIT; i++) expect((await post(`mutation { ${LOG_IN} }`)).response.status).toBe(200);
    const over = await post(`mutation { ${LOG_IN} }`);
    expect(over.response.status).toBe(429);
    const retryAfter = Number(over.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.response.headers.get('ratelimit-policy')).toBe(`"auth";q=${LIMIT};w=60`);
    expect(over.response.headers.get('ratelimit')).toBe(`"auth";r=0;t=${retryAfter}`);
    // The status and headers are not repeated in the body.
    expect(over.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^Rate limit: at most 4 per minute/),
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit: LIMIT },
        },
      ],
    });
  });
});
