import { describe, expect, it } from '@jest/globals';
import { bearer, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp({ rateLimits: { mutationsPerMinute: 3, authAttemptsPerMinute: 4 } });
const UPVOTE_FIELD = 'upvotePaper(arxivId: "2507.14871") { upvoteCount }';
const UPVOTE = `mutation { ${UPVOTE_FIELD} }`;

/** Limits count per wall-clock minute: start a test well inside one. */
async function awayFromMinuteBoundary() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

describe('rate limits', () => {
  it('limit mutations per user per minute, counting each mutation field', async () => {
    await awayFromMinuteBoundary();
    const user = await signUp(ctx.app);
    const other = await signUp(ctx.app);
    for (let i = 0; i < 3; i++)
      expect((await graphql(ctx.app, UPVOTE, {}, bearer(user.token))).errors).toBeUndefined();
    const over = await graphql(ctx.app, UPVOTE, {}, bearer(user.token));
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3 });
    expect(over.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another user has a budget of their own; aliased fields each count.
    const aliased = await graphql(
      ctx.app,
      `mutation { ${['a', 'b', 'c', 'd'].map((a) => `${a}: ${UPVOTE_FIELD}`).join(' ')} }`,
      {},
      bearer(other.token),
    );
    expect(aliased.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(
      (await graphql(ctx.app, '{ papers(first: 1) { totalCount } }', {}, bearer(user.token))).errors,
    ).toBeUndefined();
  });

  it('limit sign-up and log-in attempts per client', async () => {
    // The two sign-ups above used 2 of the 4 attempts, if still in the same minute.
    const attempts = [];
    for (let i = 0; i < 5; i++) {
      attempts.push(
        await graphql(
          ctx.app,
          'mutation { logIn(username: "nobody", password: "wrong password") { token } }',
        ),
      );
    }
    const codes = attempts.map((a) => a.errors?.[0]?.extensions?.code);
    expect(codes).toContain('RATE_LIMITED');
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });
});
