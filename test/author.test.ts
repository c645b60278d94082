import { describe, expect, it } from '@jest/globals';
import { data, graphql } from './support/graphql.js';
import { seedPapers } from './support/seed-data.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

// Authors who appear on more than one seed paper, computed from the file itself.
const counts = new Map<string, number>();
for (const paper of seedPapers)
  for (const { name } of paper.authors) counts.set(name, (counts.get(name) ?? 0) + 1);
const prolific = [...counts].filter(([, n]) => n > 1).map(([name]) => name);

describe('authors', () => {
  it('has one author per distinct name', async () => {
    const { authors } = await data(ctx.app, '{ authors(first: 1) { totalCount } }');
    expect(authors.totalCount).toBe(counts.size);
  });

  it('finds authors by name prefix, case-insensitively, in alphabetical order', async () => {
    const { authors } = await data(
      ctx.app,
      '{ authors(first: 100, nameStartsWith: "ido") { totalCount nodes { name } } }',
    );
    const expected = [...counts.keys()].filter((n) => n.toLowerCase().startsWith('ido')).sort();
    expect(authors.nodes.map((a: { name: string }) => a.name)).toEqual(expected);
    expect(authors.totalCount).toBe(expected.length);
  });

  it('treats LIKE wildcards in the prefix literally', async () => {
    const { authors } = await data(ctx.app, '{ authors(nameStartsWith: "%") { totalCount } }');
    expect(authors.totalCount).toBe(0);
  });

  it("lists an author's papers newest first, with counts", async () => {
    expect(prolific.length).toBeGreaterThan(0);
    const name = prolific[0]!;
    const { authors } = await data(
      ctx.app,
      `{ authors(first: 1, nameStartsWith: ${JSON.stringify(name)}) { nodes { id name paperCount papers(first: 10) { totalCount nodes { arxivId addedAt } } } } }`,
    );
    const author = authors.nodes[0];
    const expected = seedPapers.filter((p) => p.authors.some((a) => a.name === name));
    expect(author.paperCount).toBe(expected.length);
    expect(author.papers.totalCount).toBe(expected.length);
    expect(author.papers.nodes.map((p: { arxivId: string }) => p.arxivId).sort()).toEqual(
      expected.map((p) => p.id).sort(),
    );
    const added = author.papers.nodes.map((p: { addedAt: string }) => p.addedAt);
    expect(added).toEqual([...added].sort().reverse());

    const { author: again } = await data(ctx.app, 'query($id: ID!) { author(id: $id) { name } }', {
      id: author.id,
    });
    expect(again.name).toBe(name);
  });

  it('refuses a feed cursor on the authors list', async () => {
    const { papers } = await data(ctx.app, '{ papers(first: 1) { pageInfo { endCursor } } }');
    const result = await graphql(
      ctx.app,
      'query($after: String) { authors(first: 2, after: $after) { totalCount nodes { name } } }',
      {
        after: papers.pageInfo.endCursor,
      },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('returns null for an unknown author and BAD_USER_INPUT for an id of another type', async () => {
    const unknown = Buffer.from('Author:999999').toString('base64');
    expect((await data(ctx.app, `{ author(id: "${unknown}") { name } }`)).author).toBeNull();
    const { paper } = await data(ctx.app, '{ paper(arxivId: "2507.14871") { id } }');
    const wrongType = await graphql(ctx.app, `{ author(id: "${paper.id}") { name } }`);
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('authors(search:)', () => {
  const names = [...counts.keys()];
  const query = `query Authors($search: String, $nameStartsWith: String, $first: Int, $after: String) {
    authors(search: $search, nameStartsWith: $nameStartsWith, first: $first, after: $after) {
      totalCount nodes { name } pageInfo { hasNextPage endCursor }
    }
  }`;
  const search = async (variables: Record<string, unknown>) =>
    (await data(ctx.app, query, { first: 100, ...variables })).authors as {
      totalCount: number;
      nodes: { name: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };

  it('finds an author from three letters of a surname, word starts first', async () => {
    // A prolific author's surname, and every seed name that contains its first three letters.
    const name = prolific.find((n) => n.split(' ').at(-1)!.length >= 4)!;
    const letters = name.split(' ').at(-1)!.slice(0, 3).toLowerCase();
    const containing = names.filter((n) => n.toLowerCase().includes(letters));
    const result = await search({ search: letters });
    const found = result.nodes.map((a) => a.name);
    expect(found).toContain(name);
    for (const n of containing) expect(found).toContain(n);
    expect(result.totalCount).toBe(found.length);
    // Names with a word starting with the letters come before names merely containing them.
    const startsWord = (n: string) =>
      n
        .toLowerCase()
        .split(/[\s-]+/)
        .some((w) => w.startsWith(letters));
    const firstInside = found.findIndex((n) => !startsWord(n));
    if (firstInside >= 0) expect(found.slice(firstInside).some(startsWord)).toBe(false);
  });

  it('tolerates a typo and another word order', async () => {
    const name = prolific.find((n) => n.split(' ').length === 2 && n.split(' ').every((w) => w.length >= 4))!;
    const [first, last] = name.split(' ') as [string, string];
    const typo = `${last} ${first.slice(0, -2)}${first.at(-1)}${first.at(-2)}`; // "Zhao Wenib"-style
    expect((await search({ search: typo })).nodes[0]?.name).toBe(name);
  });

  it('pages through search results and through the alphabetical list', async () => {
    for (const variables of [{ search: 'wan' }, { nameStartsWith: 'a' }]) {
      const everything = await search(variables);
      const all = everything.nodes.map((a) => a.name);
      expect(all.length).toBeGreaterThan(6);
      expect(all.length).toBe(everything.totalCount);
      const paged: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await search({ ...variables, first: 3, after });
        paged.push(...page.nodes.map((a) => a.name));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(paged).toEqual(all);
    }
  });

  it('refuses a cursor of the alphabetical list in a search, and a blank search', async () => {
    const list = await search({ first: 2 });
    const mixed = await graphql(ctx.app, query, { search: 'an', first: 2, after: list.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    for (const blank of ['', '  ', 'x'.repeat(201)]) {
      const result = await graphql(ctx.app, query, { search: blank });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'search' });
    }
  });

  it('treats LIKE wildcards literally', async () => {
    expect((await search({ search: '%' })).totalCount).toBe(0);
    expect((await search({ search: '_' })).totalCount).toBe(0);
  });
});

describe('Author.coAuthors', () => {
  /** Each co-author of `name` in the seed file, with the number of papers they share. */
  function expectedCoAuthors(name: string): Map<string, number> {
    const shared = new Map<string, number>();
    for (const paper of seedPapers) {
      const byline = new Set(paper.authors.map((a) => a.name));
      if (!byline.has(name)) continue;
      for (const other of byline) if (other !== name) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    return shared;
  }

  it('lists the real co-authors with their shared paper counts, most shared first', async () => {
    // Prolific authors, and one on a single paper.
    const sample = [...prolific, [...counts].find(([, n]) => n === 1)![0]];
    for (const name of sample) {
      const expected = expectedCoAuthors(name);
      const { authors } = await data(
        ctx.app,
        `query($name: String!) { authors(first: 1, nameStartsWith: $name) { nodes { name coAuthors(first: 100) { sharedPaperCount author { name paperCount } } } } }`,
        { name },
      );
      const coAuthors = authors.nodes[0].coAuthors as {
        sharedPaperCount: number;
        author: { name: string; paperCount: number };
      }[];
      expect(new Map(coAuthors.map((c) => [c.author.name, c.sharedPaperCount]))).toEqual(expected);
      expect(coAuthors).toHaveLength(expected.size);
      const shared = coAuthors.map((c) => c.sharedPaperCount);
      expect(shared).toEqual([...shared].sort((a, b) => b - a));
      for (const c of coAuthors) expect(c.author.paperCount).toBe(counts.get(c.author.name));
    }
  });

  it('returns at most `first`, keeping the most shared', async () => {
    const name = prolific.find((n) => [...expectedCoAuthors(n).values()].some((count) => count > 1))!;
    const { authors } = await data(
      ctx.app,
      `query($name: String!) { authors(first: 1, nameStartsWith: $name) { nodes { coAuthors(first: 2) { sharedPaperCount } } } }`,
      { name },
    );
    const top = [...expectedCoAuthors(name).values()].sort((a, b) => b - a).slice(0, 2);
    expect(authors.nodes[0].coAuthors.map((c: { sharedPaperCount: number }) => c.sharedPaperCount)).toEqual(
      top,
    );
  });
});
