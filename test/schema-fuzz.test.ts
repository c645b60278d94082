// Property-based fuzzing of the whole schema: random operations on every Query and Mutation field
// (see support/operation-arbitrary.ts), anonymous, signed in and with a bad token, through the real
// HTTP handler. Whatever the input, the answer is a GraphQL response whose errors all carry a code:
// never INTERNAL_SERVER_ERROR, never HTTP 5xx, never a stack trace or SQL text.
//
// Deterministic: FUZZ_SEED (default below) and FUZZ_RUNS (default 1,000: about 8 s on PGlite)
// choose the operations; a failure prints the seed and the operation (FUZZ_SHRINK=1 to have
// fast-check shrink it first, which costs many more requests).
// Subscriptions are left out: their streams do not end, and their arguments are Query's types.
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { schema } from '../schema/index.js';
import { bearer, PASSWORD, signUp } from './support/accounts.js';
import { data, graphql } from './support/graphql.js';
import { operationArbitrary, type KnownValues, type Operation } from './support/operation-arbitrary.js';
import { setupApp } from './support/setup-app.js';

// High rate limits: the fuzz should reach the resolvers, not the limiter.
const ctx = setupApp({ rateLimits: { mutationsPerMinute: 1_000_000, authAttemptsPerMinute: 1_000_000 } });

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_126);

// A stack frame: "at fn (/path/file.ts:12:34)" or "at node:internal/x:1:2".
const STACK_TRACE = /\bat (?:\S+ \()?(?:file:\/\/|node:)?[\w./-]*\/[\w.-]+(?:\.[cm]?[jt]s)?:\d+:\d+/;
const SQL_TEXT =
  /Failed query|\b(select|insert into|update|delete from)\b[\s\S]*\b(from|values|set|where)\b|SQLSTATE|syntax error at/i;

/** Ids, cursors and arXiv ids the server really issues, for the generator to mix in. */
async function knownValues(): Promise<KnownValues> {
  const { papers, authors, search } = await data(
    ctx.app,
    `{ papers(first: 3) { nodes { id arxivId } pageInfo { endCursor startCursor } }
       authors(first: 2) { nodes { id } pageInfo { endCursor } }
       search(query: "model", first: 2) { pageInfo { endCursor } } }`,
  );
  return {
    ids: [
      ...papers.nodes.map((p: { id: string }) => p.id),
      ...authors.nodes.map((a: { id: string }) => a.id),
    ],
    cursors: [
      papers.pageInfo.endCursor,
      papers.pageInfo.startCursor,
      authors.pageInfo.endCursor,
      search.pageInfo.endCursor,
    ],
    arxivIds: papers.nodes.map((p: { arxivId: string }) => p.arxivId),
  };
}

type Caller = 'anonymous' | 'signed in' | 'bad token';

/** Sends `operation` and returns why its answer is unacceptable, or null. */
async function flaw(operation: Operation, headers: Record<string, string>): Promise<string | null> {
  const response = await ctx.app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(operation),
  });
  const text = await response.text();
  if (response.status >= 500) return `HTTP ${response.status}: ${text.slice(0, 500)}`;
  let body: { errors?: { message: string; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON (HTTP ${response.status}): ${text.slice(0, 500)}`;
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') return `an error without a code: ${JSON.stringify(error)}`;
    if (code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${JSON.stringify(error)}`;
    const shown = JSON.stringify(error);
    if (STACK_TRACE.test(shown)) return `a stack trace: ${shown}`;
    if (SQL_TEXT.test(shown)) return `SQL text: ${shown}`;
  }
  return null;
}

describe('the schema under random and hostile operations', () => {
  it(`answers every one with a coded error or data (${RUNS} runs, seed ${SEED})`, async () => {
    const known = await knownValues();
    const account = await signUp(ctx.app);
    let token = account.token;
    const headersFor = (caller: Caller): Record<string, string> =>
      caller === 'anonymous' ? {} : bearer(caller === 'signed in' ? token : 'pgt_not_a_token');

    await fc.assert(
      fc.asyncProperty(
        operationArbitrary(schema, known),
        fc.oneof(
          { arbitrary: fc.constant<Caller>('anonymous'), weight: 9 },
          { arbitrary: fc.constant<Caller>('signed in'), weight: 9 },
          { arbitrary: fc.constant<Caller>('bad token'), weight: 1 },
        ),
        async (operation, caller) => {
          const problem = await flaw(operation, headersFor(caller));
          // logOut revokes the token: sign in again so later runs stay signed in.
          if (caller === 'signed in' && operation.query.includes('logOut')) {
            const login = await graphql(
              ctx.app,
              'mutation($u: String!, $p: String!) { logIn(username: $u, password: $p) { token } }',
              {
                u: account.username,
                p: PASSWORD,
              },
            );
            token = login.data.logIn.token;
          }
          if (problem) throw new Error(`${caller}: ${problem}`);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: process.env.FUZZ_SHRINK === undefined },
    );
  }, 300_000);
});
