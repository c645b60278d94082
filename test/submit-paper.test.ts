import { beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { bearer, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();
const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitPaperInput!) {
    submitPaper(input: $input) {
      arxivId
      title
      authors {
        name
      }
      publishedAt
      addedAt
      upvoteCount
      githubRepo
      organization {
        name
      }
      submittedBy {
        username
      }
    }
  }
`;
const input = (overrides: Record<string, unknown> = {}) => ({
  arxivId: '2511.04321v1',
  title: 'Attention Is Still\n  All You Need',
  summary: 'We revisit attention.',
  authors: ['Grace Hopper', 'Alan Turing', 'Ada Lovelace'],
  publishedAt: '2025-11-05T00:00:00Z',
  githubRepo: 'https://github.com/example/attention',
  organization: 'example-lab',
  ...overrides,
});

let zoe: { token: string };
beforeAll(async () => {
  zoe = await signUp(ctx.app, 'zoe');
});

async function countRows(table: string): Promise<number> {
  const [row] = await ctx.db.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return row!.n;
}

describe('submitPaper', () => {
  it('adds a paper that leads the NEWEST feed, credited to its submitter', async () => {
    const result = await graphql(ctx.app, SUBMIT, { input: input() }, bearer(zoe.token));
    expect(result.errors).toBeUndefined();
    expect(result.data.submitPaper).toMatchObject({
      arxivId: '2511.04321',
      title: 'Attention Is Still All You Need',
      authors: [{ name: 'Grace Hopper' }, { name: 'Alan Turing' }, { name: 'Ada Lovelace' }],
      publishedAt: '2025-11-05T00:00:00.000Z',
      upvoteCount: 0,
      organization: { name: 'example-lab' },
      submittedBy: { username: 'zoe' },
    });
    expect(Math.abs(Date.parse(result.data.submitPaper.addedAt) - Date.now())).toBeLessThan(60_000);

    const feed = await graphql(
      ctx.app,
      '{ papers(first: 1, orderBy: NEWEST) { totalCount nodes { arxivId } } }',
    );
    expect(feed.data.papers).toEqual({ totalCount: 37, nodes: [{ arxivId: '2511.04321' }] });
    const mine = await graphql(
      ctx.app,
      '{ viewer { submittedPapers(first: 5) { totalCount nodes { arxivId } } } }',
      {},
      bearer(zoe.token),
    );
    expect(mine.data.viewer.submittedPapers).toEqual({ totalCount: 1, nodes: [{ arxivId: '2511.04321' }] });

    // Searchable by its title, abstract and authors: the vector the triggers would compute.
    const [vector] = await ctx.db.rows<{ same: boolean }>(sql`
      select search_vector = setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', summary), 'B') || paper_author_search_vector(id) as same
      from papers where arxiv_id = '2511.04321'`);
    expect(vector).toEqual({ same: true });
  });

  it('accepts old-style arXiv ids', async () => {
    const result = await graphql(
      ctx.app,
      SUBMIT,
      { input: input({ arxivId: 'hep-th/9901001', organization: null }) },
      bearer(zoe.token),
    );
    expect(result.data.submitPaper.arxivId).toBe('hep-th/9901001');
  });

  it('refuses an arXiv id that exists with ALREADY_EXISTS, changing nothing', async () => {
    const counts = async () =>
      Promise.all(['papers', 'authors', 'organizations', 'paper_authors'].map(countRows));
    const before = await counts();
    const result = await graphql(
      ctx.app,
      SUBMIT,
      { input: input({ arxivId: '2507.14871', authors: ['Someone New'], organization: 'new-org' }) },
      bearer(zoe.token),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'ALREADY_EXISTS',
      field: ['input', 'arxivId'],
    });
    expect(await counts()).toEqual(before);
    const paper = await graphql(ctx.app, '{ paper(arxivId: "2507.14871") { title authorCount } }');
    expect(paper.data.paper).toEqual({ title: 'Tiny language models', authorCount: 5 });
  });

  it.each([
    [{ arxivId: '25.1' }, ['input', 'arxivId']],
    [{ title: '   ' }, ['input', 'title']],
    [{ title: 'x'.repeat(1001) }, ['input', 'title']],
    [{ summary: '' }, ['input', 'summary']],
    [{ authors: [] }, ['input', 'authors']],
    [{ authors: ['Ok Name', ''] }, ['input', 'authors', 1]],
    [{ githubRepo: 'ftp://example.com/x' }, ['input', 'githubRepo']],
    [{ projectPage: 'not a url' }, ['input', 'projectPage']],
  ])('names the invalid field: %j', async (overrides, field) => {
    const result = await graphql(
      ctx.app,
      SUBMIT,
      { input: input({ arxivId: '2511.09999', ...overrides }) },
      bearer(zoe.token),
    );
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field.join('\\.')}: `));
  });

  it('is for signed-in users only', async () => {
    const result = await graphql(ctx.app, SUBMIT, { input: input({ arxivId: '2511.08888' }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
