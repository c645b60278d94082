// No N+1: the SQL a page costs must not grow with the page. Every statement drizzle sends is
// recorded by the test database.
import { describe, expect, it } from '@jest/globals';
import { bearer, signUp } from './support/accounts.js';
import { data, graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

async function statementsFor(
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<string[]> {
  ctx.db.statements.length = 0;
  const result = await graphql(ctx.app, query, variables, headers);
  expect(result.errors).toBeUndefined();
  return [...ctx.db.statements];
}

const FEED_PAGE = /* GraphQL */ `
  query FeedPage($first: Int!, $orderBy: PaperOrder!) {
    papers(first: $first, orderBy: $orderBy) {
      edges {
        node {
          arxivId
          title
          upvoteCount
          authorCount
          bibtex
          authors {
            name
            paperCount
          }
          organization {
            name
            fullName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

describe('SQL statements per request', () => {
  for (const orderBy of ['NEWEST', 'TOP', 'TRENDING']) {
    it(`a ${orderBy} feed page with authors and organizations is one statement at any size`, async () => {
      const small = await statementsFor(FEED_PAGE, { first: 2, orderBy });
      const large = await statementsFor(FEED_PAGE, { first: 100, orderBy });
      expect(small).toHaveLength(1);
      expect(large).toHaveLength(1);
    });
  }

  it('a signed-in feed page is one statement once its token is known, two on its first request', async () => {
    const { token } = await signUp(ctx.app);
    const query = '{ papers(first: 20) { nodes { title viewerHasUpvoted authors { name } } } }';
    // The first request also looks the token up; the instance then remembers it (server/auth/token-cache.ts).
    expect(await statementsFor(query, {}, bearer(token))).toHaveLength(2);
    expect(await statementsFor(query, {}, bearer(token))).toHaveLength(1);
    expect(await statementsFor('{ __typename }', {}, bearer(token))).toHaveLength(0);
  });

  it('totalCount adds exactly one statement', async () => {
    const statements = await statementsFor(
      '{ papers(first: 50) { totalCount nodes { title authors { name } } } }',
    );
    expect(statements).toHaveLength(2);
  });

  it('totalCount with totalCountIsExact is still one statement below the bound', async () => {
    for (const connection of ['papers', 'authors', 'search(query: "language")']) {
      const statements = await statementsFor(`{ ${connection} { totalCount totalCountIsExact } }`);
      expect(statements).toHaveLength(connection.startsWith('search') ? 2 : 1);
    }
    // Past the bound the estimate is one more (test/bounded-count.test.ts).
  });

  it("an author list with each author's papers is one statement", async () => {
    const query =
      '{ authors(first: $n) { nodes { name paperCount papers(first: 5) { totalCount nodes { title authors { name } } } } } }';
    const small = await statementsFor(query.replace('$n', '3'));
    const large = await statementsFor(query.replace('$n', '100'));
    expect(small).toHaveLength(1);
    expect(large).toHaveLength(small.length);
  });

  it('node and nodes lookups batch into one statement per type', async () => {
    const { papers } = await data(ctx.app, '{ papers(first: 30) { nodes { id } } }');
    const ids = papers.nodes.map((n: { id: string }) => n.id);
    const statements = await statementsFor(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Paper { title authors { name } } } }',
      { ids },
    );
    expect(statements).toHaveLength(1);
  });

  const SEARCH_PAGE = /* GraphQL */ `
    query SearchPage($query: String!, $first: Int!, $orderBy: SearchOrder) {
      search(query: $query, first: $first, orderBy: $orderBy) {
        edges {
          node {
            score
            titleHighlight
            summarySnippet
            paper {
              arxivId
              title
              upvoteCount
              authors {
                name
                paperCount
              }
              organization {
                name
              }
            }
          }
        }
        nodes {
          paper {
            bibtex
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `;

  for (const orderBy of ['RELEVANCE', 'NEWEST', 'TOP']) {
    it(`a ${orderBy} search page with its papers and authors is one statement at any size`, async () => {
      const small = await statementsFor(SEARCH_PAGE, { query: 'language', first: 2, orderBy });
      const large = await statementsFor(SEARCH_PAGE, { query: 'language', first: 100, orderBy });
      expect(small).toHaveLength(1);
      expect(large).toHaveLength(1);
    });
  }

  it("a search's totalCount adds one statement; the typo fallback one more", async () => {
    const query =
      '{ search(query: $q, first: 50) { totalCount nodes { paper { title authors { name } } } } }';
    expect(await statementsFor(query.replace('$q', '"lip reading"'))).toHaveLength(2);
    // Full text finds nothing, then titles by similarity, then the count.
    expect(await statementsFor(query.replace('$q', '"contnual pretraning"'))).toHaveLength(3);
  });

  it("an author list with each author's co-authors is one statement", async () => {
    const query =
      '{ authors(first: $n) { nodes { name coAuthors(first: 5) { sharedPaperCount author { name paperCount } } } } }';
    const small = await statementsFor(query.replace('$n', '3'));
    const large = await statementsFor(query.replace('$n', '100'));
    expect(small).toHaveLength(1);
    expect(large).toHaveLength(1);
  });

  it('an author search page is one statement, plus one for totalCount', async () => {
    const statements = await statementsFor(
      '{ authors(search: "wan", first: 50) { totalCount nodes { name coAuthors { author { name } } } } }',
    );
    expect(statements).toHaveLength(2);
  });

  it('similar papers for a whole feed page cost one more statement, not one per paper', async () => {
    const query = '{ papers(first: $n) { nodes { title similar(first: 3) { title authors { name } } } } }';
    const small = await statementsFor(query.replace('$n', '2'));
    const large = await statementsFor(query.replace('$n', '30'));
    expect(small).toHaveLength(2);
    expect(large).toHaveLength(2);
  });
});
