// Query.search on the seed papers: ranking, syntax, highlights, filters, pagination, bad input.
// Expectations come from the seed file itself where they can.
import { describe, expect, it } from '@jest/globals';
import { data, graphql } from './support/graphql.js';
import { seedPapers } from './support/seed-data.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const SEARCH = /* GraphQL */ `
  query Search(
    $query: String!
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: SearchFilter
    $orderBy: SearchOrder
  ) {
    search(
      query: $query
      first: $first
      after: $after
      last: $last
      before: $before
      filter: $filter
      orderBy: $orderBy
    ) {
      totalCount
      approximate
      edges {
        cursor
        node {
          score
          titleHighlight
          summarySnippet
          paper {
            arxivId
            title
            publishedAt
            addedAt
            upvoteCount
          }
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

interface Hit {
  score: number;
  titleHighlight: string;
  summarySnippet: string;
  paper: { arxivId: string; title: string; publishedAt: string; addedAt: string; upvoteCount: number };
}
interface Page {
  totalCount: number;
  approximate: boolean;
  edges: { cursor: string; node: Hit }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const search = async (query: string, variables: Record<string, unknown> = {}) =>
  (await data<{ search: Page }>(ctx.app, SEARCH, { query, first: 100, ...variables })).search;
const ids = (page: Page) => page.edges.map((e) => e.node.paper.arxivId);

const text = (arxivId: string) => {
  const paper = seedPapers.find((p) => p.id === arxivId)!;
  return `${paper.title}\n${paper.summary}`;
};
const seedIds = (test: (text: string) => boolean) =>
  seedPapers.filter((p) => test(text(p.id))).map((p) => p.id);
/** The text a highlight shows, without its markup. */
const plain = (html: string) =>
  html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const LIP_READING = seedPapers.filter((p) => /lip[- ]reading/i.test(p.title)).map((p) => p.id);
const CONTINUAL_PRETRAINING = ['2406.14833', '2407.18743', '2410.10739'];

describe('Query.search ranking', () => {
  it('ranks the lip-reading papers first for "lip reading"', async () => {
    expect(LIP_READING).toHaveLength(4);
    const page = await search('lip reading');
    expect(page.approximate).toBe(false);
    expect(new Set(ids(page).slice(0, 4))).toEqual(new Set(LIP_READING));
    expect(page.totalCount).toBe(page.edges.length);
    const scores = page.edges.map((e) => e.node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks the continual pre-training papers first, and narrows to 2024', async () => {
    const all = await search('continual pre-training');
    expect(new Set(ids(all).slice(0, 3))).toEqual(new Set(CONTINUAL_PRETRAINING));

    const in2024 = await search('continual pre-training', {
      filter: { publishedFrom: '2024-01-01T00:00:00Z', publishedTo: '2025-01-01T00:00:00Z' },
    });
    expect(new Set(ids(in2024).slice(0, 3))).toEqual(new Set(CONTINUAL_PRETRAINING));
    for (const { node } of in2024.edges) expect(node.paper.publishedAt.startsWith('2024')).toBe(true);
    expect(in2024.totalCount).toBe(in2024.edges.length);
    expect(in2024.totalCount).toBeLessThan(all.totalCount);
  });

  it('ranks a title match above an abstract that only mentions the words', async () => {
    // 2501.05700 says "continual pre-training" four times in its abstract, not in its title.
    const page = await search('continual pre-training');
    expect(ids(page).indexOf('2501.05700')).toBeGreaterThan(2);
  });

  it('finds papers by author name', async () => {
    const page = await search('Yemini');
    const expected = seedPapers
      .filter((p) => p.authors.some((a) => a.name.includes('Yemini')))
      .map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(page).sort()).toEqual(expected.sort());
  });
});

describe('Query.search syntax', () => {
  it('matches a quoted phrase only where the words are adjacent', async () => {
    const words = await search('language model');
    const phrase = await search('"language model"');
    expect(phrase.totalCount).toBeGreaterThan(0);
    expect(phrase.totalCount).toBeLessThan(words.totalCount);
    for (const id of ids(phrase)) {
      expect(ids(words)).toContain(id);
      expect(text(id)).toMatch(/languages?\W+model/i);
    }
  });

  it('excludes papers with a -word', async () => {
    const page = await search('lip reading -silent');
    const expected = LIP_READING.filter((id) => !/silent/i.test(text(id)));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(LIP_READING.length);
    expect(new Set(ids(page).slice(0, expected.length))).toEqual(new Set(expected));
    for (const id of ids(page)) expect(text(id)).not.toMatch(/silent/i);
  });

  it('accepts either side of `or`', async () => {
    const page = await search('lipvoicer or vallr');
    expect(ids(page).sort()).toEqual(['2306.03258', '2503.21408']);
  });

  it('matches the last word as a prefix, so results follow typing', async () => {
    const typing = await search('contin');
    expect(typing.approximate).toBe(false);
    for (const id of CONTINUAL_PRETRAINING) expect(ids(typing)).toContain(id);
    expect(typing.edges[0]!.node.titleHighlight).toMatch(/<mark>Continu(al|ous)<\/mark>/);

    expect(new Set(ids(await search('lip rea')).slice(0, 4))).toEqual(new Set(LIP_READING));
  });

  it('does not treat a quoted last word as a prefix', async () => {
    // No paper has the word "contin": only the title-similarity fallback answers.
    const quoted = await search('"contin"');
    expect(quoted.approximate).toBe(true);
    for (const { node } of quoted.edges) expect(node.titleHighlight).not.toContain('<mark>');
  });

  it('falls back to titles that look like the words when nothing matches (typos)', async () => {
    const page = await search('contnual pretraning');
    expect(page.approximate).toBe(true);
    expect(page.totalCount).toBe(page.edges.length);
    expect(ids(page).slice(0, 2).sort()).toEqual(['2406.14833', '2407.18743']);
    // The fallback keeps exclusions.
    const excluded = await search('contnual pretraning -stability');
    expect(ids(excluded)).not.toContain('2406.14833');
    expect(ids(excluded)).toContain('2407.18743');
  });
});

describe('Query.search highlights', () => {
  it('marks the matched words, in any inflection, in the title and a short snippet', async () => {
    const page = await search('lip reading');
    for (const { node } of page.edges.slice(0, 4)) {
      expect(plain(node.titleHighlight)).toBe(node.paper.title);
      expect(node.titleHighlight).toMatch(/<mark>lips?<\/mark>/i);
      expect(node.titleHighlight).toMatch(/<mark>reading<\/mark>/i);
      expect(node.summarySnippet).toMatch(/<mark>(lips?|read\w*)<\/mark>/i);
      const summary = seedPapers.find((p) => p.id === node.paper.arxivId)!.summary;
      expect(node.summarySnippet.length).toBeLessThan(summary.length);
      // Each excerpt is the abstract's own text.
      for (const excerpt of plain(node.summarySnippet).split(' … ')) expect(summary).toContain(excerpt);
    }
  });

  it('escapes the paper text as HTML; only the markers are markup', async () => {
    const page = await search('pretrainer toxicity');
    const { node } = page.edges[0]!;
    expect(node.paper.title).toBe(
      "A Pretrainer's Guide to Training Data: Measuring the Effects of Data Age, Domain Coverage, Quality, & Toxicity",
    );
    expect(node.titleHighlight).toContain('&#39;');
    expect(node.titleHighlight).toContain('&amp;');
    expect(node.titleHighlight).toContain('<mark>Toxicity</mark>');
    expect(plain(node.titleHighlight)).toBe(node.paper.title);
    for (const html of [node.titleHighlight, node.summarySnippet]) {
      expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
    }
  });

  it('are computed only when selected, fragments included', async () => {
    ctx.db.statements.length = 0;
    await data(ctx.app, '{ search(query: "lip reading") { nodes { score } } }');
    expect(ctx.db.statements.join('\n')).not.toContain('ts_headline');

    const viaFragment = await data(
      ctx.app,
      `{ search(query: "lip reading", first: 1) { nodes { ...Marked } } }
       fragment Marked on SearchHit { titleHighlight }`,
    );
    expect(viaFragment.search.nodes[0].titleHighlight).toMatch(/<mark>reading<\/mark>/i);
  });
});

describe('Query.search filters and pagination', () => {
  it('filters by author name and organization, case-insensitively', async () => {
    const byAuthor = await search('speech', { filter: { author: 'yemini' } });
    expect(ids(byAuthor)).toEqual(['2306.03258']);

    const byOrganization = await search('speech', { filter: { organization: 'TENCENT' } });
    expect(ids(byOrganization)).toEqual(['2509.26514']);
    expect((await search('speech', { filter: { organization: 'Tencent' } })).totalCount).toBe(1);
    expect((await search('speech', { filter: { organization: 'nobody' } })).totalCount).toBe(0);
  });

  for (const orderBy of ['RELEVANCE', 'NEWEST', 'TOP']) {
    it(`pages forwards and backwards through ${orderBy} results without gaps or repeats`, async () => {
      const filter = { publishedFrom: '2023-01-01T00:00:00Z' };
      const all = await search('language', { orderBy, filter });
      expect(all.totalCount).toBeGreaterThan(10);
      for (const { node } of all.edges) expect(node.paper.publishedAt >= '2023').toBe(true);

      const forwards: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = await search('language', { first: 4, after, orderBy, filter });
        expect(page.totalCount).toBe(all.totalCount);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        forwards.push(...ids(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forwards).toEqual(ids(all));

      const backwards: string[] = [];
      let before: string | null = null;
      for (;;) {
        const page: Page = await search('language', { first: null, last: 4, before, orderBy, filter });
        backwards.unshift(...ids(page));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backwards).toEqual(ids(all));
    });
  }

  it('orders NEWEST by addedAt and TOP by upvotes', async () => {
    const added = (await search('language', { orderBy: 'NEWEST' })).edges.map((e) => e.node.paper.addedAt);
    expect(added).toEqual([...added].sort().reverse());
    const top = (await search('language', { orderBy: 'TOP' })).edges.map((e) => e.node.paper.upvoteCount);
    expect(top).toEqual([...top].sort((a, b) => b - a));
  });

  it('refuses a cursor from the feed, another search or another ordering', async () => {
    const feed = await data(ctx.app, '{ papers(first: 1) { pageInfo { endCursor } } }');
    const own = (await search('language', { first: 1 })).pageInfo.endCursor;
    const attempts = [
      { query: 'language', after: feed.papers.pageInfo.endCursor },
      { query: 'speech', after: own },
      { query: 'language', after: own, orderBy: 'TOP' },
      { query: 'language', before: 'bm90IGEgY3Vyc29y' },
    ];
    for (const variables of attempts) {
      const result = await graphql(ctx.app, SEARCH, { first: 2, ...variables });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.path).toEqual(['search']);
    }
  });
});

describe('Query.search input', () => {
  it('refuses an empty, blank or over-long query with BAD_USER_INPUT', async () => {
    for (const query of ['', '   ', '\t\n', 'x'.repeat(201)]) {
      const result = await graphql(ctx.app, SEARCH, { query });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query' });
    }
    expect((await search('x'.repeat(200))).totalCount).toBe(0);
  });

  it('answers any punctuation or operator soup without an error', async () => {
    const nasty = [
      `"&|!:*()'\\<>-`,
      `"unbalanced`,
      `lip "reading`,
      `or or -`,
      `-`,
      `--lip`,
      `""`,
      `'`,
      `''lip''`,
      `\\`,
      `lip:*`,
      `lip:A`,
      `lip & reading | !video`,
      `lip <-> reading`,
      `lip <2> reading`,
      `(lip`,
      `lip)`,
      `!!`,
      `:*`,
      `x'); drop table papers; --`,
      `<script>alert(1)</script>`,
      `\u0001lip\u001f`,
      `café 日本語 🙂`,
      `the`,
      `the a an of`,
      `or`,
      `-or`,
      `"or"`,
      `https://arxiv.org/abs/2507.14871`,
      `a@b.c`,
      `pre-`,
      `-pre-`,
      `lip -`,
      `%_\\%`,
      `${'lip '.repeat(40)}`,
      `${'-'.repeat(200)}`,
      `${'"'.repeat(199)}a`,
    ];
    for (const query of nasty) {
      const result = await graphql<{ search: Page }>(ctx.app, SEARCH, { query, first: 5 });
      expect({ query, errors: result.errors }).toEqual({ query, errors: undefined });
      expect(result.data!.search.totalCount).toBeGreaterThanOrEqual(result.data!.search.edges.length);
    }
  });

  it('refuses text PostgreSQL cannot store, as every argument does', async () => {
    for (const query of ['\u0000lip', 'lip\u0000reading', '\ud800']) {
      const result = await graphql<{ search: Page }>(ctx.app, SEARCH, { query, first: 5 });
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'query' });
    }
  });

  it('answers a query of only punctuation with nothing, without asking the database', async () => {
    ctx.db.statements.length = 0;
    const page = await search('&|!:*()');
    expect(page.totalCount).toBe(0);
    expect(page.edges).toEqual([]);
    expect(ctx.db.statements).toEqual([]);
  });
});
