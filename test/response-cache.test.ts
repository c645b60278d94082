// The anonymous response cache: repeated anonymous reads cost no SQL, signed-in reads are never
// cached, and a write on another instance (another app with its own event hub, on the same
// database) drops the answers it changed.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { EventMessage } from '../drizzle/events.js';
import { loadConfig } from '../server/config.js';
import { startEventHub, type HubMessage, type RunningEventHub } from '../server/events/event-hub.js';
import { importPapers } from '../server/import/import-papers.js';
import { seedFile } from '../server/seed.js';
import { createApp, type App } from '../server/yoga.js';
import { bearer, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp({ responseCacheTtlMs: 60_000 });
// A second instance: its own event hub and cache, the same database.
const other = {} as { app: App; events: RunningEventHub };
beforeAll(async () => {
  other.events = await startEventHub(ctx.db);
  other.app = createApp(ctx.db, other.events, { ...loadConfig({}), responseCacheTtlMs: 60_000 });
  ctx.beforeClose.push(() => other.events.close());
});

const FEED = '{ papers(first: 3, orderBy: NEWEST) { nodes { arxivId title upvoteCount } } }';
const PAPER = 'query($id: String!) { paper(arxivId: $id) { arxivId upvoteCount } }';

/** Has another instance upvote `arxivId`; resolves once this instance heard of it. */
async function upvoteElsewhere(arxivId: string): Promise<number> {
  const { token } = await signUp(other.app);
  const event = heard(ctx.events, 'paperUpvotesChanged');
  const upvote = await graphql(
    other.app,
    'mutation($id: String!) { upvotePaper(arxivId: $id) { upvoteCount } }',
    { id: arxivId },
    bearer(token),
  );
  expect(upvote.errors).toBeUndefined();
  await event;
  return upvote.data.upvotePaper.upvoteCount;
}

/** Has another instance submit a paper; resolves once this instance heard of it. */
async function submitElsewhere(input: Record<string, unknown>): Promise<void> {
  const { token } = await signUp(other.app);
  const event = heard(ctx.events, 'paperAdded');
  const submitted = await graphql(
    other.app,
    'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { arxivId } }',
    { input },
    bearer(token),
  );
  expect(submitted.errors).toBeUndefined();
  await event;
}

/** Statements `send` made, and its response. */
async function measured<T>(send: () => Promise<T>): Promise<{ statements: number; result: T }> {
  ctx.db.statements.length = 0;
  const result = await send();
  return { statements: ctx.db.statements.length, result };
}

/** Resolves when this instance's event hub has heard a message on `topic`. */
function heard(events: RunningEventHub, topic: EventMessage['topic']): Promise<void> {
  return new Promise((resolve) => {
    const unwatch = events.watch((message) => {
      if (message.topic === topic) {
        unwatch();
        resolve();
      }
    });
  });
}

describe('anonymous response cache', () => {
  it('answers a repeated anonymous query without SQL, with the same data', async () => {
    const first = await measured(() => graphql(ctx.app, FEED));
    const second = await measured(() => graphql(ctx.app, FEED));
    expect(first.result.errors).toBeUndefined();
    expect(first.statements).toBeGreaterThan(0);
    expect(second.statements).toBe(0);
    expect(second.result).toEqual(first.result);
  });

  it('sends what the server sends without a cache, byte for byte, on the miss and on hits', async () => {
    const uncached = createApp(ctx.db, ctx.events, { ...loadConfig({}), responseCacheTtlMs: 0 });
    const query =
      '{ papers(first: 4, orderBy: TOP) { nodes { arxivId title upvoteCount authors { name } } } }';
    const body = async (app: App) => {
      const response = await app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query }),
      });
      return { text: await response.text(), etag: response.headers.get('etag') };
    };
    const expected = (await body(uncached)).text;
    const miss = await body(ctx.app);
    const hit = await measured(() => body(ctx.app));
    expect(miss.text).toBe(expected);
    expect(hit.result.text).toBe(expected);
    expect(hit.statements).toBe(0);
    expect(hit.result.etag).toBe(miss.etag);
  });

  it('never caches a signed-in request', async () => {
    const { token } = await signUp(ctx.app);
    await graphql(ctx.app, FEED, {}, bearer(token));
    const again = await measured(() => graphql(ctx.app, FEED, {}, bearer(token)));
    expect(again.statements).toBeGreaterThan(0);
  });

  it('drops a cached paper when another instance records an upvote on it', async () => {
    const arxivId = (await graphql(ctx.app, FEED)).data.papers.nodes[1].arxivId as string;
    const before = await graphql(ctx.app, PAPER, { id: arxivId });
    const cachedFeed = await graphql(ctx.app, FEED);

    expect(await upvoteElsewhere(arxivId)).toBe(before.data.paper.upvoteCount + 1);

    const after = await graphql(ctx.app, PAPER, { id: arxivId });
    expect(after.data.paper.upvoteCount).toBe(before.data.paper.upvoteCount + 1);
    const feed = await graphql(ctx.app, FEED);
    expect(feed.data.papers.nodes[1].upvoteCount).toBe(cachedFeed.data.papers.nodes[1].upvoteCount + 1);
  });

  it('drops cached lists when another instance adds a paper', async () => {
    await graphql(ctx.app, FEED); // cached
    await submitElsewhere({
      arxivId: '2511.09999',
      title: 'Caches That Forget on Time',
      summary: 'Invalidation by events.',
      authors: ['Cache Tester'],
      publishedAt: '2025-11-20T00:00:00Z',
    });

    const feed = await graphql(ctx.app, FEED);
    expect(feed.data.papers.nodes[0].arxivId).toBe('2511.09999');
  });

  it('drops a cached paper list when another instance adds a paper, though it shows only a count', async () => {
    const COUNT = '{ papers { totalCount } }';
    const before = (await graphql(ctx.app, COUNT)).data.papers.totalCount as number;
    await submitElsewhere({
      arxivId: '2511.09998',
      title: 'Counting What Changed',
      summary: 'A count is an answer too.',
      authors: ['Count Keeper'],
      publishedAt: '2025-11-19T00:00:00Z',
    });
    expect((await graphql(ctx.app, COUNT)).data.papers.totalCount).toBe(before + 1);
  });

  it("drops cached authors when an import rewrites a paper's byline", async () => {
    const AUTHORS = '{ authors(nameStartsWith: "Rewritten") { nodes { name paperCount } } }';
    expect((await graphql(ctx.app, AUTHORS)).data.authors.nodes).toEqual([]); // cached
    const records = JSON.parse(await readFile(seedFile, 'utf8')) as Array<{ paper: any }>;
    const record = records.find((r) => r.paper.id === '2507.14871')!;
    record.paper.authors = [...record.paper.authors, { name: 'Rewritten Byline' }];
    const event = heard(ctx.events, 'paperUpdated');
    // As the import command would, beside any server: this instance hears its NOTIFY.
    expect((await importPapers(ctx.db.db, [record])).updated).toBe(1);
    await event;
    expect((await graphql(ctx.app, AUTHORS)).data.authors.nodes).toEqual([
      { name: 'Rewritten Byline', paperCount: 1 },
    ]);
  });

  it("drops a cached answer showing an upvoted paper's count deep inside, without its id", async () => {
    const SEARCH =
      'query($q: String!) { search(query: $q, first: 1) { nodes { paper { arxivId upvoteCount } } } }';
    const variables = { q: 'Tiny language models' };
    const cached = (await graphql(ctx.app, SEARCH, variables)).data.search.nodes[0].paper;
    expect(await upvoteElsewhere(cached.arxivId)).toBe(cached.upvoteCount + 1);
    const fresh = (await graphql(ctx.app, SEARCH, variables)).data.search.nodes[0].paper;
    expect(fresh).toEqual({ arxivId: cached.arxivId, upvoteCount: cached.upvoteCount + 1 });
  });

  it('drops a cached list of upvoters when another instance records an upvote', async () => {
    const UPVOTERS = 'query($id: String!) { paper(arxivId: $id) { upvoters { nodes { username } } } }';
    const arxivId = (await graphql(ctx.app, FEED)).data.papers.nodes[2].arxivId as string;
    const before = (await graphql(ctx.app, UPVOTERS, { id: arxivId })).data.paper.upvoters.nodes;
    await upvoteElsewhere(arxivId);
    const after = (await graphql(ctx.app, UPVOTERS, { id: arxivId })).data.paper.upvoters.nodes;
    expect(after).toHaveLength(before.length + 1);
  });

  it('keeps answers an upvote does not change: papers shown without their upvotes', async () => {
    const TITLES = '{ papers(first: 3, orderBy: NEWEST) { nodes { arxivId title authors { name } } } }';
    const titles = await graphql(ctx.app, TITLES);
    const arxivId = titles.data.papers.nodes[0].arxivId as string;
    await graphql(ctx.app, PAPER, { id: arxivId }); // shows its count: cached, then dropped
    await upvoteElsewhere(arxivId);
    const again = await measured(() => graphql(ctx.app, TITLES));
    expect(again.statements).toBe(0);
    expect(again.result).toEqual(titles);
    expect((await measured(() => graphql(ctx.app, PAPER, { id: arxivId }))).statements).toBeGreaterThan(0);
  });

  it('ignores event topics it does not know: they change nothing an anonymous answer shows', async () => {
    // A hub message of a topic this version has no case for (a newer one may add, say, revoked
    // sessions), handed to the cache's own watcher as the hub would.
    const watchers: Array<(message: HubMessage) => void> = [];
    const events: RunningEventHub = {
      ...ctx.events,
      watch: (listener) => {
        watchers.push(listener);
        return ctx.events.watch(listener);
      },
    };
    const app = createApp(ctx.db, events, { ...loadConfig({}), responseCacheTtlMs: 60_000 });
    const first = await graphql(app, FEED);
    for (const watcher of watchers) watcher({ topic: 'sessionsRevoked', ids: [1] } as unknown as HubMessage);
    const again = await measured(() => graphql(app, FEED));
    expect(again.statements).toBe(0);
    expect(again.result).toEqual(first);
    // The same watcher does act on a topic it knows.
    for (const watcher of watchers) watcher({ topic: 'paperUpdated', ids: [1] });
    expect((await measured(() => graphql(app, FEED))).statements).toBeGreaterThan(0);
  });

  it('answers from the database again once the time-to-live has passed', async () => {
    const app = createApp(ctx.db, ctx.events, { ...loadConfig({}), responseCacheTtlMs: 200 });
    await graphql(app, FEED);
    expect((await measured(() => graphql(app, FEED))).statements).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await measured(() => graphql(app, FEED))).statements).toBeGreaterThan(0);
  });
});
