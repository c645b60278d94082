// The daily, weekly and monthly views of the feed (Query.papers(period:, date:)), by addedAt in UTC.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { upsertPapers } from '../drizzle/upsert-papers.js';
import { data, graphql } from './support/graphql.js';
import { seedPapers } from './support/seed-data.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const FEED = /* GraphQL */ `
  query Feed($period: FeedPeriod, $date: Date, $orderBy: PaperOrder, $first: Int, $after: String) {
    papers(period: $period, date: $date, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      nodes {
        arxivId
        addedAt
        upvoteCount
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
type Feed = {
  totalCount: number;
  nodes: { arxivId: string; addedAt: string; upvoteCount: number }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
const feed = async (variables: Record<string, unknown>) =>
  (await data<{ papers: Feed }>(ctx.app, FEED, { first: 100, ...variables })).papers;

// The seed papers have no submittedOnDailyAt, so each entered the feed when it was published.
const addedOn = (test: (day: string) => boolean) =>
  seedPapers
    .filter((p) => test(p.publishedAt.slice(0, 10)))
    .map((p) => p.id)
    .sort();
const ids = (page: Feed) => page.nodes.map((n) => n.arxivId).sort();

// A paper entering the feed now, for the default date.
const today = new Date().toISOString().slice(0, 10);
beforeAll(async () => {
  await upsertPapers(ctx.db.db, [
    {
      arxivId: '2999.00001',
      title: 'A paper of today',
      summary: 'Added while the tests run.',
      authors: ['Test Author'],
      publishedAt: new Date(),
      addedAt: new Date(),
      sourceUpvotes: 0,
      githubRepo: null,
      projectPage: null,
      organization: null,
    },
  ]);
});

describe('Query.papers(period:)', () => {
  it('lists one UTC day', async () => {
    const day = await feed({ period: 'DAY', date: '2024-06-04' });
    expect(ids(day)).toEqual(addedOn((d) => d === '2024-06-04'));
    expect(day.totalCount).toBe(2);
  });

  it('lists an ISO week, Monday to Sunday', async () => {
    // 2024-06-20 is a Thursday: its week runs from Monday 2024-06-17 to Sunday 2024-06-23.
    const expected = addedOn((d) => d >= '2024-06-17' && d <= '2024-06-23');
    for (const date of ['2024-06-17', '2024-06-20', '2024-06-23']) {
      expect(ids(await feed({ period: 'WEEK', date }))).toEqual(expected);
    }
    expect(expected).toContain('2406.14833');
    // Sunday the 16th belongs to the week before.
    expect(ids(await feed({ period: 'WEEK', date: '2024-06-16' }))).toEqual(
      addedOn((d) => d >= '2024-06-10' && d <= '2024-06-16'),
    );
  });

  it('lists a calendar month, across year ends too', async () => {
    const june = await feed({ period: 'MONTH', date: '2024-06-30' });
    expect(ids(june)).toEqual(addedOn((d) => d.startsWith('2024-06')));
    expect(june.totalCount).toBe(3);
    expect(ids(await feed({ period: 'MONTH', date: '2024-12-01' }))).toEqual(
      addedOn((d) => d.startsWith('2024-12')),
    );
  });

  it('combines with orderBy and pagination', async () => {
    const top = await feed({ period: 'MONTH', date: '2024-06-01', orderBy: 'TOP' });
    const upvotes = top.nodes.map((n) => n.upvoteCount);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(upvotes[0]).toBeGreaterThan(0);

    const first = await feed({ period: 'MONTH', date: '2024-06-01', orderBy: 'TOP', first: 2 });
    const rest = await feed({
      period: 'MONTH',
      date: '2024-06-01',
      orderBy: 'TOP',
      after: first.pageInfo.endCursor,
    });
    expect([...first.nodes, ...rest.nodes].map((n) => n.arxivId)).toEqual(top.nodes.map((n) => n.arxivId));
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('defaults to today (UTC)', async () => {
    for (const period of ['DAY', 'WEEK', 'MONTH']) {
      const current = await feed({ period });
      expect(current.nodes.map((n) => n.arxivId)).toContain('2999.00001');
      expect(ids(current)).toEqual(ids(await feed({ period, date: today })));
    }
  });

  it('refuses a date without a period', async () => {
    const result = await graphql(ctx.app, FEED, { date: '2024-06-04' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'date' });
  });
});
