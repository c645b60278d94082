import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../server/config.js';
import { importPapers } from '../server/import/import-papers.js';
import { startServer, type RunningServer } from '../server/start.js';
import { upsertPapersInTx } from '../drizzle/upsert-papers.js';
import { bearer, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { serveOverHttp } from './support/http-app.js';
import { setupApp } from './support/setup-app.js';
import { templateDump } from './support/test-database.js';
import { subscribeSse, subscribeWs, waitUntil, type Subscription } from './support/subscriptions.js';

const ctx = setupApp({ rateLimits: { mutationsPerMinute: 1_000, authAttemptsPerMinute: 1_000 } });
// SSE clients talk to the app over a real HTTP server, so hanging up closes the stream for real.
const http = serveOverHttp(() => ctx.app);
let URL_: string;
const fetchFn = fetch;
beforeAll(() => {
  URL_ = http.url();
});

const ADDED =
  'subscription($filter: PaperFilter, $after: ID) { paperAdded(filter: $filter, after: $after) { id arxivId title authors { name } } }';
const SUBMIT = 'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { id arxivId } }';
let serial = 10_000;
const newPaper = (overrides: Record<string, unknown> = {}) => ({
  arxivId: `2512.${serial++}`,
  title: `Live paper ${serial}`,
  summary: 'Fresh.',
  authors: ['Grace Hopper', 'Alan Turing'],
  publishedAt: '2025-12-01T00:00:00Z',
  ...overrides,
});

let token: string;
const submit = async (overrides: Record<string, unknown> = {}) => {
  const result = await graphql(ctx.app, SUBMIT, { input: newPaper(overrides) }, bearer(token));
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.submitPaper as { id: string; arxivId: string };
};

beforeAll(async () => {
  token = (await signUp(ctx.app, 'streamer')).token;
});

describe('paperAdded over SSE', () => {
  it('delivers a submitted paper with the selected fields', async () => {
    const sub = await subscribeSse(URL_, ADDED, { fetchFn });
    try {
      const paper = await submit({ authors: ['Katherine Johnson', 'Dorothy Vaughan'] });
      const event = await sub.next();
      expect(event.data.paperAdded).toEqual({
        id: paper.id,
        arxivId: paper.arxivId,
        title: expect.stringMatching(/^Live paper/),
        authors: [{ name: 'Katherine Johnson' }, { name: 'Dorothy Vaughan' }],
      });
    } finally {
      await sub.close();
    }
  });

  it('loads a new paper once for all subscribers with the same selection', async () => {
    /** Statements from a submission until every one of `count` subscribers has its event. */
    const statementsWith = async (count: number, filter?: object) => {
      const subs = await Promise.all(
        Array.from({ length: count }, () => subscribeSse(URL_, ADDED, { fetchFn, variables: { filter } })),
      );
      try {
        ctx.db.statements.length = 0;
        const paper = await submit();
        for (const sub of subs) expect((await sub.next()).data.paperAdded.arxivId).toBe(paper.arxivId);
        return ctx.db.statements.length;
      } finally {
        await Promise.all(subs.map((sub) => sub.close()));
      }
    };
    expect(await statementsWith(20)).toBe(await statementsWith(1));
    const filter = { authorName: 'grace hopper' };
    expect(await statementsWith(20, filter)).toBe(await statementsWith(1, filter));
  });

  it('filters by author name and organization', async () => {
    const byAuthor = await subscribeSse(URL_, ADDED, {
      fetchFn,
      variables: { filter: { authorName: 'grace hopper' } },
    });
    const byOrg = await subscribeSse(URL_, ADDED, {
      fetchFn,
      variables: { filter: { organization: 'acme-lab' } },
    });
    try {
      const other = await submit({ authors: ['Someone Else'] });
      const grace = await submit({ authors: ['Grace Hopper'] });
      const acme = await submit({ authors: ['Someone Else'], organization: 'ACME-lab' });
      expect((await byAuthor.next()).data.paperAdded.arxivId).toBe(grace.arxivId);
      expect((await byOrg.next()).data.paperAdded.arxivId).toBe(acme.arxivId);
      expect(await byAuthor.quietFor(300)).toBe(true);
      expect(other.arxivId).toBeDefined();
    } finally {
      await byAuthor.close();
      await byOrg.close();
    }
  });

  it('emits nothing for a write that rolls back', async () => {
    const sub = await subscribeSse(URL_, ADDED, { fetchFn });
    try {
      const rolledBack = newPaper();
      await ctx.db.db
        .transaction(async (tx) => {
          await upsertPapersInTx(tx, [
            {
              ...rolledBack,
              addedAt: new Date(),
              sourceUpvotes: 0,
              githubRepo: null,
              projectPage: null,
              organization: null,
              publishedAt: new Date(rolledBack.publishedAt),
            },
          ]);
          tx.rollback();
        })
        .catch(() => {});
      const committed = await submit();
      // The first event is the committed paper: the rolled-back one never announced itself.
      expect((await sub.next()).data.paperAdded.arxivId).toBe(committed.arxivId);
    } finally {
      await sub.close();
    }
  });

  it('emits one event per paper an import adds', async () => {
    const sub = await subscribeSse(URL_, ADDED, { fetchFn });
    try {
      const records = Array.from({ length: 5 }, () => {
        const p = newPaper();
        return {
          paper: {
            id: p.arxivId,
            title: p.title,
            summary: p.summary,
            authors: [{ name: 'Ada Lovelace' }],
            publishedAt: p.publishedAt,
          },
        };
      });
      await importPapers(ctx.db.db, [
        ...records,
        { paper: { id: '2507.14871', title: 'Tiny language models' } },
      ]);
      const received = [];
      for (let i = 0; i < 5; i++) received.push((await sub.next()).data.paperAdded.arxivId);
      expect(received).toEqual(records.map((r) => r.paper.id));
      expect(await sub.quietFor(300)).toBe(true);
    } finally {
      await sub.close();
    }
  });

  it('resumes after a disconnect: exactly the missed papers, in order, then live ones', async () => {
    const first = await subscribeSse(URL_, ADDED, { fetchFn });
    const seen = await submit();
    expect((await first.next()).data.paperAdded.id).toBe(seen.id);
    await first.close();

    const missed = [await submit(), await submit(), await submit()];
    const again = await subscribeSse(URL_, ADDED, { fetchFn, variables: { after: seen.id } });
    try {
      for (const paper of missed) expect((await again.next()).data.paperAdded.arxivId).toBe(paper.arxivId);
      const live = await submit();
      expect((await again.next()).data.paperAdded.arxivId).toBe(live.arxivId);
      expect(await again.quietFor(300)).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('rejects a malformed `after` with BAD_USER_INPUT', async () => {
    const result = await graphql(ctx.app, 'subscription { paperAdded(after: "nope") { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves no listeners behind after 1,000 subscribe/unsubscribe cycles', async () => {
    const start = ctx.events.subscriberCount();
    for (let i = 0; i < 1_000; i++) {
      const controller = new AbortController();
      const response = await ctx.app.fetch(URL_, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { paperAdded { id } }' }),
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      // Like a real client: read the stream's first bytes (a keep-alive ping), then hang up.
      const reader = response.body!.getReader();
      await reader.read();
      await reader.cancel();
      controller.abort();
    }
    await waitUntil(() => ctx.events.subscriberCount() === start);
    expect(ctx.events.subscriberCount()).toBe(start);
  });
});

describe('paperUpvotesChanged over SSE', () => {
  it('carries the new count, only for the papers asked for', async () => {
    const sub = await subscribeSse(
      URL_,
      'subscription($ids: [String!]) { paperUpvotesChanged(arxivIds: $ids) { arxivId upvoteCount } }',
      {
        fetchFn,
        variables: { ids: ['2507.14871'] },
      },
    );
    try {
      await graphql(
        ctx.app,
        'mutation { upvotePaper(arxivId: "2509.26514") { upvoteCount } }',
        {},
        bearer(token),
      );
      const upvoted = await graphql(
        ctx.app,
        'mutation { upvotePaper(arxivId: "2507.14871") { upvoteCount } }',
        {},
        bearer(token),
      );
      expect((await sub.next()).data.paperUpvotesChanged).toEqual({
        arxivId: '2507.14871',
        upvoteCount: upvoted.data.upvotePaper.upvoteCount,
      });
      await graphql(
        ctx.app,
        'mutation { removeUpvote(arxivId: "2507.14871") { upvoteCount } }',
        {},
        bearer(token),
      );
      expect((await sub.next()).data.paperUpvotesChanged.upvoteCount).toBe(
        upvoted.data.upvotePaper.upvoteCount - 1,
      );
    } finally {
      await sub.close();
    }
  });
});

describe('over WebSocket on a real server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: ctx.db.url });
    server = await startServer(
      config,
      ctx.db.url ? {} : { pgliteDir: 'memory://', pgliteDump: await templateDump() },
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('delivers paperAdded and paperUpvotesChanged to a graphql-ws client', async () => {
    const before = server.events.subscriberCount();
    const subscribed = () => waitUntil(() => server.events.subscriberCount() > before);
    const sub: Subscription = await subscribeWs(
      server.url,
      'subscription { paperAdded { arxivId authors { name } } }',
      { subscribed },
    );
    try {
      const http = (query: string, variables?: object, headers: Record<string, string> = {}) =>
        fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
        }).then((r) => r.json());
      const { data } = await http(
        'mutation { signUp(username: "wsuser", password: "long enough") { token } }',
      );
      const paper = newPaper({ authors: ['Barbara Liskov'] });
      await http(SUBMIT, { input: paper }, bearer(data.signUp.token));
      expect((await sub.next()).data.paperAdded).toEqual({
        arxivId: paper.arxivId,
        authors: [{ name: 'Barbara Liskov' }],
      });
    } finally {
      await sub.close();
    }
    await waitUntil(() => server.events.subscriberCount() === before);
  });
});
