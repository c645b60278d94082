// totalCount of searches, feeds and author lists: exact up to COUNT_BOUND, a planner estimate
// above it, and totalCountIsExact says which. Real database: the 36 seed papers, then 1,500 more
// that share a word, for the counts past the bound.
import { describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { boundedCount, COUNT_BOUND } from '../drizzle/bounded-count.js';
import { countSearch } from '../drizzle/paper-search.js';
import { authors, papers } from '../drizzle/schema.js';
import { paperSearch } from '../bench/search-queries.js';
import { data } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const SEED_PAPERS = 36;
const MANY = 1_500;
// A made-up word only the added papers have, so searches for it count exactly them.
const WORD = 'zorblaxian';

async function statementsFor(query: string, variables?: Record<string, unknown>) {
  ctx.db.statements.length = 0;
  const result = await data(ctx.app, query, variables);
  return { result, statements: [...ctx.db.statements] };
}

const SEARCH = /* GraphQL */ `
  query ($query: String!) {
    search(query: $query, first: 1) {
      totalCount
      totalCountIsExact
    }
  }
`;
const FEED = /* GraphQL */ `
  query ($publishedFrom: DateTime) {
    papers(first: 1, publishedFrom: $publishedFrom) {
      totalCount
      totalCountIsExact
    }
  }
`;

describe('boundedCount', () => {
  it('is exact up to the bound, and one statement', async () => {
    ctx.db.statements.length = 0;
    expect(await boundedCount(ctx.db.db, papers, undefined, { bound: 100 })).toEqual({
      count: SEED_PAPERS,
      isExact: true,
    });
    expect(ctx.db.statements).toHaveLength(1);
    // Exactly at the bound is still exact.
    expect(await boundedCount(ctx.db.db, papers, undefined, { bound: SEED_PAPERS })).toEqual({
      count: SEED_PAPERS,
      isExact: true,
    });
    expect(await boundedCount(ctx.db.db, papers, sql`false`, { bound: 0 })).toEqual({
      count: 0,
      isExact: true,
    });
  });

  it('above the bound estimates, never below bound + 1, in two statements', async () => {
    ctx.db.statements.length = 0;
    const counted = await boundedCount(ctx.db.db, papers, undefined, { bound: 10 });
    expect(counted.isExact).toBe(false);
    expect(counted.count).toBeGreaterThanOrEqual(11);
    expect(ctx.db.statements).toHaveLength(2);
    expect(ctx.db.statements[1]).toMatch(/explain \(format json\)/);
    // The planner knows the table is about this size: not a made-up number.
    await ctx.db.rows(sql`analyze papers`);
    const analyzed = await boundedCount(ctx.db.db, papers, undefined, { bound: 10 });
    expect(analyzed).toEqual({ count: SEED_PAPERS, isExact: false });
  });

  it('counts under a filter', async () => {
    const some = await boundedCount(ctx.db.db, authors, sql`${authors.name} ilike 'a%'`, { bound: 1_000 });
    const [expected] = await ctx.db.rows<{ n: number }>(
      sql`select count(*)::int as n from authors where name ilike 'a%'`,
    );
    expect(some).toEqual({ count: expected!.n, isExact: true });
  });
});

describe('a search count', () => {
  it('counts exactly what the search finds', async () => {
    const queries = [
      'language model',
      'lip rea',
      'speech or audio visu',
      'model -languag',
      'pre-trai',
      'visual "lip reading"',
    ];
    for (const text of queries) {
      const search = paperSearch(text);
      const [expected] = await ctx.db.rows<{ n: number }>(
        sql`select count(*)::int as n from papers where search_vector @@ to_tsquery('english', ${search.query.tsquery})`,
      );
      expect({ text, ...(await countSearch(ctx.db.db, search)) }).toEqual({
        text,
        count: expected!.n,
        isExact: true,
      });
    }
  });
});

describe('totalCountIsExact through the API', () => {
  it('is true, with the exact count, below the bound: search, feed and authors', async () => {
    const search = await data(ctx.app, SEARCH, { query: 'language' });
    const [languageMatches] = await ctx.db.rows<{ n: number }>(
      sql`select count(*)::int as n from papers where search_vector @@ to_tsquery('english', 'language:*')`,
    );
    expect(search.search).toEqual({ totalCount: languageMatches!.n, totalCountIsExact: true });

    const feed = await data(ctx.app, FEED, {});
    expect(feed.papers).toEqual({ totalCount: SEED_PAPERS, totalCountIsExact: true });

    const list = await data(ctx.app, '{ authors(first: 1) { totalCount totalCountIsExact } }');
    const [authorRows] = await ctx.db.rows<{ n: number }>(sql`select count(*)::int as n from authors`);
    expect(list.authors).toEqual({ totalCount: authorRows!.n, totalCountIsExact: true });
  });

  it('nothing to search for counts zero, exactly', async () => {
    const search = await data(ctx.app, SEARCH, { query: '?!' });
    expect(search.search).toEqual({ totalCount: 0, totalCountIsExact: true });
  });

  describe(`past ${COUNT_BOUND} matches`, () => {
    it('adds the papers', async () => {
      await ctx.db
        .rows(sql`insert into papers (arxiv_id, title, summary, published_at, added_at, trending_score)
        select '9901.' || lpad(n::text, 5, '0'), 'The ' || ${WORD} || ' effect, part ' || n,
          'We study the ' || ${WORD} || ' effect once more.', '2031-01-01'::timestamptz + n * interval '1 minute',
          now(), 0
        from generate_series(1, ${MANY}) as n`);
      await ctx.db.rows(sql`analyze papers`);
    });

    it('a search says its count is not exact, and estimates above the bound', async () => {
      const { result, statements } = await statementsFor(SEARCH, { query: WORD });
      expect(result.search.totalCountIsExact).toBe(false);
      expect(result.search.totalCount).toBeGreaterThan(COUNT_BOUND);
      // The page, the capped count, then the estimate.
      expect(statements).toHaveLength(3);
    });

    it('a filtered feed too, with an estimate near the true count', async () => {
      const { result } = await statementsFor(FEED, { publishedFrom: '2031-01-01T00:00:00Z' });
      expect(result.papers.totalCountIsExact).toBe(false);
      expect(result.papers.totalCount).toBeGreaterThan(COUNT_BOUND);
      // Analyzed: the planner's estimate of a date range is close (statistics are a sample).
      expect(result.papers.totalCount).toBeGreaterThan(MANY * 0.7);
      expect(result.papers.totalCount).toBeLessThan(MANY * 1.3);
    });

    it('a count below the bound among many papers stays exact', async () => {
      const { result } = await statementsFor(FEED, { publishedFrom: '2031-01-02T00:00:00Z' });
      // Minutes 1440 to 1500 of the added papers fall on 2031-01-02.
      expect(result.papers).toEqual({ totalCount: MANY - 1_439, totalCountIsExact: true });
    });

    it('selecting only the counts skips the page', async () => {
      const { result, statements } = await statementsFor(
        '{ papers { totalCount totalCountIsExact } authors { totalCountIsExact } }',
      );
      expect(result.papers.totalCountIsExact).toBe(false);
      expect(result.authors.totalCountIsExact).toBe(true);
      // The feed's capped count and estimate, the authors' capped count.
      expect(statements).toHaveLength(3);
    });
  });
});
