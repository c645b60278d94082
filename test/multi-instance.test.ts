// Two server processes on one PostgreSQL server: events cross instances through LISTEN/NOTIFY,
// papers for subscribers and revoked tokens for the token cache.
// Needs a PostgreSQL server (DATABASE_URL); PGlite is one process by design.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './support/accounts.js';
import { dataOverHttp } from './support/graphql.js';
import { startMain, stopMain, type MainProcess } from './support/main-process.js';
import { subscribeSse } from './support/subscriptions.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const describeOnPostgres = process.env.DATABASE_URL ? describe : describe.skip;

describeOnPostgres('two server instances', () => {
  let db: TestDatabase;
  let a: MainProcess;
  let b: MainProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = await Promise.all([startMain({ DATABASE_URL: db.url! }), startMain({ DATABASE_URL: db.url! })]);
  }, 30_000);

  afterAll(async () => {
    for (const instance of [a, b]) if (instance) await stopMain(instance);
    await db?.close();
  });

  it('a subscriber on A receives a paper submitted and upvoted through B, within a second', async () => {
    const added = await subscribeSse(a.url, 'subscription { paperAdded { arxivId title } }');
    const upvotes = await subscribeSse(
      a.url,
      'subscription { paperUpvotesChanged(arxivIds: ["2512.20001"]) { arxivId upvoteCount } }',
    );
    try {
      const { signUp } = await dataOverHttp(
        b.url,
        'mutation { signUp(username: "crossover", password: "long enough") { token } }',
      );
      const auth = bearer(signUp.token);
      await dataOverHttp(
        b.url,
        'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { arxivId } }',
        {
          input: {
            arxivId: '2512.20001',
            title: 'Across instances',
            summary: 'S.',
            authors: ['A. Author'],
            publishedAt: '2025-12-02T00:00:00Z',
          },
        },
        auth,
      );
      expect((await added.next(1_000)).data.paperAdded).toEqual({
        arxivId: '2512.20001',
        title: 'Across instances',
      });

      await dataOverHttp(b.url, 'mutation { upvotePaper(arxivId: "2512.20001") { upvoteCount } }', {}, auth);
      expect((await upvotes.next(1_000)).data.paperUpvotesChanged).toEqual({
        arxivId: '2512.20001',
        upvoteCount: 1,
      });
    } finally {
      await added.close();
      await upvotes.close();
    }
  });

  it('a token logged out through B is refused by A within a second, though A had it cached', async () => {
    const { signUp } = await dataOverHttp(
      b.url,
      'mutation { signUp(username: "leaving", password: "long enough") { token } }',
    );
    const auth = bearer(signUp.token);
    expect(await dataOverHttp(a.url, '{ viewer { username } }', {}, auth)).toEqual({
      viewer: { username: 'leaving' },
    });
    expect(await dataOverHttp(b.url, 'mutation { logOut }', {}, auth)).toEqual({ logOut: true });

    // A remembers tokens for a minute; B's notification must reach it long before.
    const started = performance.now();
    let status = 200;
    while (status === 200 && performance.now() - started < 1_000) {
      const response = await fetch(a.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      status = response.status;
      await response.body?.cancel();
    }
    expect(status).toBe(401);
  });
});
