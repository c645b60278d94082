import { describe, expect, it } from '@jest/globals';
import { data, graphql } from './support/graphql.js';
import { seedPapers } from './support/seed-data.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const PAPER = /* GraphQL */ `
  query Paper($arxivId: String!) {
    paper(arxivId: $arxivId) {
      id
      arxivId
      title
      summary
      publishedAt
      addedAt
      authorCount
      upvoteCount
      authors {
        name
      }
      organization {
        name
        fullName
      }
      githubRepo
      projectPage
      url
      pdfUrl
      bibtex
    }
  }
`;

describe('Query.paper', () => {
  it('finds "Tiny language models" with its five authors in byline order', async () => {
    const { paper } = await data(ctx.app, PAPER, { arxivId: '2507.14871' });
    expect(paper).toMatchObject({
      arxivId: '2507.14871',
      title: 'Tiny language models',
      publishedAt: '2025-07-20T00:00:00.000Z',
      addedAt: '2025-07-20T00:00:00.000Z',
      authorCount: 5,
      upvoteCount: 0,
      organization: null,
      githubRepo: 'https://github.com/Rg32601/Tiny-Language-Models',
      projectPage: null,
      url: 'https://arxiv.org/abs/2507.14871',
      pdfUrl: 'https://arxiv.org/pdf/2507.14871',
    });
    expect(paper.authors.map((a: { name: string }) => a.name)).toEqual([
      'Ronit D. Gross',
      'Yarden Tzach',
      'Tal Halevi',
      'Ella Koresh',
      'Ido Kanter',
    ]);
    expect(paper.summary).toMatch(/^A prominent achievement of natural language processing/);
  });

  it("keeps every seed paper's byline in arXiv order", async () => {
    const { papers } = await data(ctx.app, '{ papers(first: 100) { nodes { arxivId authors { name } } } }');
    for (const node of papers.nodes) {
      const seed = seedPapers.find((p) => p.id === node.arxivId)!;
      expect(node.authors.map((a: { name: string }) => a.name)).toEqual(seed.authors.map((a) => a.name));
    }
  });

  it('formats a BibTeX entry', async () => {
    const { paper } = await data(ctx.app, PAPER, { arxivId: '2507.14871' });
    expect(paper.bibtex).toBe(
      [
        '@misc{kanter2025tiny,'.replace('kanter', 'gross'),
        '  title = {Tiny language models},',
        '  author = {Ronit D. Gross and Yarden Tzach and Tal Halevi and Ella Koresh and Ido Kanter},',
        '  year = {2025},',
        '  eprint = {2507.14871},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2507.14871},',
        '}',
      ].join('\n'),
    );
  });

  it('shows the organization a paper was published under', async () => {
    const { paper } = await data(ctx.app, PAPER, { arxivId: '2509.26514' });
    expect(paper.organization).toEqual({ name: 'tencent', fullName: expect.any(String) });
  });

  it('ignores a version suffix', async () => {
    const { paper } = await data(ctx.app, PAPER, { arxivId: '2507.14871v2' });
    expect(paper.title).toBe('Tiny language models');
  });

  it('returns null for an unknown paper', async () => {
    const result = await graphql(ctx.app, PAPER, { arxivId: '2101.00001' });
    expect(result.errors).toBeUndefined();
    expect(result.data.paper).toBeNull();
  });

  it('rejects a malformed arXiv id with BAD_USER_INPUT', async () => {
    const result = await graphql(ctx.app, PAPER, { arxivId: 'not an id' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'arxivId' });
  });

  it('refetches a paper through node(id)', async () => {
    const { paper } = await data(ctx.app, PAPER, { arxivId: '2507.14871' });
    const { node } = await data(ctx.app, 'query($id: ID!) { node(id: $id) { id ... on Paper { title } } }', {
      id: paper.id,
    });
    expect(node).toEqual({ id: paper.id, title: 'Tiny language models' });
  });

  it('rejects a malformed global id with BAD_USER_INPUT', async () => {
    const result = await graphql(ctx.app, '{ node(id: "garbage") { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Query.papersByArxivIds', () => {
  const BATCH = 'query($ids: [String!]!) { papersByArxivIds(arxivIds: $ids) { arxivId authors { name } } }';

  it('returns papers in the order asked, null where unknown', async () => {
    const { papersByArxivIds } = await data(ctx.app, BATCH, {
      ids: ['2509.26514', '9999.99999', '2507.14871v1'],
    });
    expect(papersByArxivIds.map((p: { arxivId: string } | null) => p?.arxivId ?? null)).toEqual([
      '2509.26514',
      null,
      '2507.14871',
    ]);
  });

  it('loads the whole batch, authors included, in one SQL statement', async () => {
    ctx.db.statements.length = 0;
    await data(ctx.app, BATCH, { ids: seedPapers.slice(0, 20).map((p) => p.id) });
    expect(ctx.db.statements).toHaveLength(1);
  });

  it('refuses more than 100 ids', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `2501.${String(10000 + i)}`);
    const result = await graphql(ctx.app, BATCH, { ids });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'arxivIds' });
  });
});

describe('Paper.similar', () => {
  const SIMILAR = `query($arxivId: String!, $first: Int!) { paper(arxivId: $arxivId) { similar(first: $first) { arxivId title } } }`;
  const similar = async (arxivId: string, first = 5) =>
    ((await data(ctx.app, SIMILAR, { arxivId, first })).paper.similar as { arxivId: string }[]).map(
      (p) => p.arxivId,
    );

  it('lists the other lip-reading papers among the first for a lip-reading paper', async () => {
    const lipReading = seedPapers.filter((p) => /lip[- ]reading/i.test(p.title)).map((p) => p.id);
    expect(lipReading).toHaveLength(4);
    for (const id of lipReading) {
      const top = await similar(id, 4);
      for (const other of lipReading.filter((other) => other !== id)) expect(top).toContain(other);
    }
  });

  it('lists the other continual pre-training papers first for a continual pre-training paper', async () => {
    expect((await similar('2406.14833', 2)).sort()).toEqual(['2407.18743', '2410.10739']);
    expect((await similar('2407.18743', 2)).sort()).toEqual(['2406.14833', '2410.10739']);
  });

  it('never lists the paper itself, and honours `first`', async () => {
    for (const paper of seedPapers.slice(0, 10)) {
      const ids = await similar(paper.id, 3);
      expect(ids).not.toContain(paper.id);
      expect(ids.length).toBeLessThanOrEqual(3);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(await similar('2507.14871', 0)).toEqual([]);
  });
});
