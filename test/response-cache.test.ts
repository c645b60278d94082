// The anonymous response cache: repeated anonymous reads cost no SQL, signed-in reads are never
// cached, and a write on another instance (another app with its own event hub, on the same
// database) drops the answers it changed.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { EventMessage } from '../drizzle/events.js';
import { loadConfig } from '../server/config.js';
import { startEventHub, type RunningEventHub } from '../server/events/event-hub.js';
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

    const { token } = await signUp(other.app);
    const event = heard(ctx.events, 'paperUpvotesChanged');
    const upvote = await graphql(
      other.app,
      'mutation($id: String!) { upvotePaper(arxivId: $id) { upvoteCount } }',
      { id: arxivId },
      bearer(token),
    );
    expect(upvote.data.upvotePaper.upvoteCount).toBe(before.data.paper.upvoteCount + 1);
    await event;

    const after = await graphql(ctx.app, PAPER, { id: arxivId });
    expect(after.data.paper.upvoteCount).toBe(before.data.paper.upvoteCount + 1);
    const feed = await graphql(ctx.app, FEED);
    expect(feed.data.papers.nodes[1].upvoteCount).toBe(cachedFeed.data.papers.nodes[1].upvoteCount + 1);
  });

  it('drops cached lists when another instance adds a paper', async () => {
    await graphql(ctx.app, FEED); // cached
    const { token } = await signUp(other.app);
    const event = heard(ctx.events, 'paperAdded');
    const submitted = await graphql(
      other.app,
      'mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { arxivId } }',
      {
        input: {
          arxivId: '2511.09999',
          title: 'Caches That Forget on Time',
          summary: 'Invalidation by events.',
          authors: ['Cache Tester'],
          publishedAt: '2025-11-20T00:00:00Z',
        },
      },
      bearer(token),
    );
    expect(submitted.errors).toBeUndefined();
    await event;

    const feed = await graphql(ctx.app, FEED);
    expect(feed.data.papers.nodes[0].arxivId).toBe('2511.09999');
  });
});
