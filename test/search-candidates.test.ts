// RELEVANCE ranks at most the newest RELEVANCE_CANDIDATES matches; NEWEST and totalCount see them all.
import { beforeAll, expect, it } from '@jest/globals';
import { RELEVANCE_CANDIDATES } from '../drizzle/paper-search.js';
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
          arxivId
          addedAt
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
  const hits: Array<{ arxivId: string; addedAt: string }> = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const { search }: { search: any } = await data(ctx.app, PAGE, { orderBy, after });
    totalCount = search.totalCount;
    hits.push(...search.nodes.map((node: { paper: { arxivId: string; addedAt: string } }) => node.paper));
    if (!search.pageInfo.hasNextPage) return { hits, totalCount };
    after = search.pageInfo.endCursor;
  }
}

it('ranks the newest matches by relevance, and pages through all of them by NEWEST', async () => {
  const newest = await allHits('NEWEST');
  expect(newest.totalCount).toBeGreaterThan(RELEVANCE_CANDIDATES);
  expect(newest.hits).toHaveLength(newest.totalCount);

  const relevant = await allHits('RELEVANCE');
  expect(relevant.totalCount).toBe(newest.totalCount);
  expect(relevant.hits).toHaveLength(RELEVANCE_CANDIDATES);
  const candidates = new Set(newest.hits.slice(0, RELEVANCE_CANDIDATES).map((hit) => hit.arxivId));
  expect(relevant.hits.every((hit) => candidates.has(hit.arxivId))).toBe(true);
  // A different order from NEWEST: relevance, not recency, ranks the candidates.
  expect(relevant.hits.map((hit) => hit.arxivId)).not.toEqual([...candidates]);
}, 60_000);
