// RELEVANCE ranks at most the RELEVANCE_CANDIDATES matches added last; NEWEST and totalCount see them all.
import { beforeAll, expect, it } from '@jest/globals';
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
  for (;;) {
    const { search }: { search: any } = await data(ctx.app, PAGE, { orderBy, after });
    totalCount = search.totalCount;
    hits.push(...search.nodes.map((node: { paper: { id: string; arxivId: string } }) => node.paper));
    if (!search.pageInfo.hasNextPage) return { hits, totalCount };
    after = search.pageInfo.endCursor;
  }
}

it('ranks the matches added last by relevance, and pages through all of them by NEWEST', async () => {
  const newest = await allHits('NEWEST');
  expect(newest.totalCount).toBeGreaterThan(RELEVANCE_CANDIDATES);
  expect(newest.hits).toHaveLength(newest.totalCount);

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
