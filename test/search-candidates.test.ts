// RELEVANCE ranks at most the RELEVANCE_CANDIDATES matches added last; NEWEST sees them all.
import { beforeAll, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { RELEVANCE_CANDIDATES } from '../drizzle/paper-search.js';
import { decodeIdOf } from '../schema/global-id.js';
import { seedSynthetic } from '../server/synthetic/seed-synthetic.js';
import { data } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();
// About a third of synthetic papers match "language model": well over the candidate bound.
beforeAll(() => seedSynthetic(ctx.db, { papers: 4_000, seed: 3, append: true }), 60_000);

const PAGE = /* GraphQL */ `
  query ($orderBy: SearchOrder!, $after: String) {
    search(query: "language model", orderBy: $orderBy, first: 100, after: $after) {
      totalCount
      totalCountIsExact
      nodes {
        paper {
          id
          arxivId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Every hit of the search in this order, page by page. */
async function allHits(orderBy: string) {
  const hits: Array<{ id: string; arxivId: string }> = [];
  let after: string | null = null;
  let totalCount = 0;
  let totalCountIsExact = true;
  for (;;) {
    const { search }: { search: any } = await data(ctx.app, PAGE, { orderBy, after });
    ({ totalCount, totalCountIsExact } = search);
    hits.push(...search.nodes.map((node: { paper: { id: string; arxivId: string } }) => node.paper));
    if (!search.pageInfo.hasNextPage) return { hits, totalCount, totalCountIsExact };
    after = search.pageInfo.endCursor;
  }
}

it('ranks the matches added last by relevance, and pages through all of them by NEWEST', async () => {
  const newest = await allHits('NEWEST');
  expect(newest.totalCount).toBeGreaterThan(RELEVANCE_CANDIDATES);
  // Past COUNT_BOUND, totalCount is the planner's estimate: NEWEST pages through every match.
  expect(newest.totalCountIsExact).toBe(false);
  const [{ n: matches } = { n: 0 }] = await ctx.db.rows<{ n: number }>(
    sql`select count(*)::int as n from papers where search_vector @@ to_tsquery('english', 'language & model:*')`,
  );
  expect(newest.hits).toHaveLength(matches);

  const relevant = await allHits('RELEVANCE');
  expect(relevant.totalCount).toBe(newest.totalCount);
  expect(relevant.hits).toHaveLength(RELEVANCE_CANDIDATES);
  const latest = newest.hits
    .map((hit) => decodeIdOf('Paper', hit.id))
    .sort((a, b) => b - a)
    .slice(0, RELEVANCE_CANDIDATES);
  const ranked = relevant.hits.map((hit) => decodeIdOf('Paper', hit.id));
  expect(new Set(ranked)).toEqual(new Set(latest));
  // Relevance, not recency, orders them.
  expect(ranked).not.toEqual(latest);
}, 60_000);
