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
