import { describe, expect, it } from '@jest/globals';
import { data, graphql } from './support/graphql.js';
import { seedPapers } from './support/seed-data.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const FEED = /* GraphQL */ `
  query Feed(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $orderBy: PaperOrder
    $publishedOn: Date
    $publishedFrom: DateTime
    $publishedTo: DateTime
  ) {
    papers(
      first: $first
      after: $after
      last: $last
      before: $before
      orderBy: $orderBy
      publishedOn: $publishedOn
      publishedFrom: $publishedFrom
      publishedTo: $publishedTo
    ) {
      totalCount
      edges {
        cursor
        node {
          arxivId
          publishedAt
          addedAt
          upvoteCount
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

type Page = {
  totalCount: number;
  edges: {
    cursor: string;
    node: { arxivId: string; publishedAt: string; addedAt: string; upvoteCount: number };
  }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
};
const feed = async (variables: Record<string, unknown>) =>
  (await data<{ papers: Page }>(ctx.app, FEED, variables)).papers;

describe('Query.papers', () => {
  it('serves all 36 seed papers', async () => {
    const page = await feed({ first: 100 });
    expect(page.totalCount).toBe(36);
    expect(new Set(page.edges.map((e) => e.node.arxivId))).toEqual(new Set(seedPapers.map((p) => p.id)));
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it('returns 20 papers when no page size is given', async () => {
    const page = await feed({});
    expect(page.edges).toHaveLength(20);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('orders NEWEST by the day a paper entered the feed', async () => {
    const { edges } = await feed({ first: 100, orderBy: 'NEWEST' });
    expect(edges[0]!.node.arxivId).toBe('2510.25116');
    const added = edges.map((e) => Date.parse(e.node.addedAt));
    expect(added).toEqual([...added].sort((a, b) => b - a));
  });

  it('orders TOP by upvotes', async () => {
    const { edges } = await feed({ first: 100, orderBy: 'TOP' });
    const upvotes = edges.map((e) => e.node.upvoteCount);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(upvotes[0]).toBe(Math.max(...seedPapers.map((p) => p.upvotes)));
  });

  it('ranks TRENDING by upvotes and recency together, as documented', async () => {
    const { edges } = await feed({ first: 100, orderBy: 'TRENDING' });
    const ids = edges.map((e) => e.node.arxivId);
    // Same day: the upvoted paper first.
    expect(ids.indexOf('2406.02214')).toBeLessThan(ids.indexOf('2406.02166'));
    // Two upvotes are worth log2(3) ≈ 1.6 days, not the four weeks between these two.
    expect(ids[0]).toBe('2510.25116');
    expect(ids[1]).toBe('2509.26514');
    // The documented score: log2(1 + upvotes) + days since the epoch.
    const score = (n: Page['edges'][number]['node']) =>
      Math.log2(1 + n.upvoteCount) + Date.parse(n.addedAt) / 86_400_000;
    const scores = edges.map((e) => score(e.node));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by publication day and range', async () => {
    const day = await feed({ first: 100, publishedOn: '2024-06-04' });
    expect(day.totalCount).toBe(2);
    expect(day.edges.map((e) => e.node.arxivId).sort()).toEqual(['2406.02166', '2406.02214']);

    const range = await feed({
      first: 100,
      publishedFrom: '2025-01-01T00:00:00Z',
      publishedTo: '2026-01-01T00:00:00Z',
    });
    const expected = seedPapers.filter((p) => p.publishedAt >= '2025-01-01' && p.publishedAt < '2026-01-01');
    expect(range.totalCount).toBe(expected.length);
    expect(range.edges.map((e) => e.node.arxivId).sort()).toEqual(expected.map((p) => p.id).sort());
  });

  for (const orderBy of ['NEWEST', 'TOP', 'TRENDING']) {
    it(`pages forwards and backwards through ${orderBy} without gaps or repeats`, async () => {
      const all = (await feed({ first: 100, orderBy })).edges.map((e) => e.node.arxivId);

      const forwards: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = await feed({ first: 7, after, orderBy });
        forwards.push(...page.edges.map((e) => e.node.arxivId));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forwards).toEqual(all);

      const backwards: string[] = [];
      let before: string | null = null;
      for (;;) {
        const page: Page = await feed({ last: 7, before, orderBy });
        backwards.unshift(...page.edges.map((e) => e.node.arxivId));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backwards).toEqual(all);
    });
  }

  it('combines a filter with pagination', async () => {
    const first = await feed({ first: 3, publishedFrom: '2024-01-01T00:00:00Z', orderBy: 'TOP' });
    const second = await feed({
      first: 3,
      after: first.pageInfo.endCursor,
      publishedFrom: '2024-01-01T00:00:00Z',
      orderBy: 'TOP',
    });
    const seen = [...first.edges, ...second.edges].map((e) => e.node);
    expect(new Set(seen.map((n) => n.arxivId)).size).toBe(6);
    for (const node of seen) expect(node.publishedAt >= '2024-01-01').toBe(true);
    expect(second.totalCount).toBe(seedPapers.filter((p) => p.publishedAt >= '2024-01-01').length);
  });

  it('rejects a malformed date with BAD_USER_INPUT', async () => {
    const result = await graphql(ctx.app, FEED, { publishedOn: '2024-02-30' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await graphql(ctx.app, '{ papers(publishedFrom: "yesterday") { totalCount } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a cursor that was not issued by the server', async () => {
    const result = await graphql(ctx.app, FEED, { first: 2, after: 'not-a-cursor' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.path).toEqual(['papers']);
  });

  it('rejects a cursor from another ordering', async () => {
    const newest = await feed({ first: 2, orderBy: 'NEWEST' });
    const result = await graphql(ctx.app, FEED, {
      first: 2,
      after: newest.pageInfo.endCursor,
      orderBy: 'TOP',
    });
    expect(result.status).toBe(200);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
