import { describe, expect, it } from '@jest/globals';
import { signUp } from './support/accounts.js';
import { data, graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const globalId = (text: string) => Buffer.from(text).toString('base64');
const NODE = 'query($id: ID!) { node(id: $id) { id ... on Paper { title } } }';
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Paper { title } ... on Author { name } } }';

/** Well-formed ids (base64 of "Type:key") that name no node: node(id:) answers null, no error. */
const NAMING_NOTHING = [
  'Paper:999999',
  'Paper:abc',
  'Paper:-1',
  'Paper:0',
  'Paper:1.5',
  'Paper:1e3',
  'Paper: 1', // not the canonical key, so not any node's id
  'Paper:01',
  'Paper:1:2',
  'Paper:2147483648', // past PostgreSQL's integer, which keys every table
  'Paper:99999999999999999999',
  'User:999999',
  'User:abc',
  'Author:1e99',
  'Foo:1', // no such type
  'Organization:1', // a type, but not a Node
  'Query:1',
];

/** Not base64 of "Type:key": the client's mistake. */
const MALFORMED = ['garbage', globalId('Paper:'), globalId(':1'), globalId('Paper'), '!!!', ''];

async function firstPaper() {
  const { papers } = await data(ctx.app, '{ papers(first: 1) { nodes { id title } } }');
  return papers.nodes[0] as { id: string; title: string };
}

describe('node(id:)', () => {
  it.each(NAMING_NOTHING)('answers null, without an error, for %s', async (id) => {
    const result = await graphql(ctx.app, NODE, { id: globalId(id) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });

  it.each(MALFORMED)('answers null with BAD_USER_INPUT for the malformed id %j', async (id) => {
    const result = await graphql(ctx.app, NODE, { id });
    expect(result.data).toEqual({ node: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(result.errors![0]!.path).toEqual(['node']);
  });

  it('finds each kind of node by the id it reports', async () => {
    const paper = await firstPaper();
    const { authors } = await data(ctx.app, '{ authors(first: 1) { nodes { id name } } }');
    const user = await signUp(ctx.app);
    expect((await data(ctx.app, NODE, { id: paper.id })).node).toEqual(paper);
    const author = await data(ctx.app, 'query($id: ID!) { node(id: $id) { id ... on Author { name } } }', {
      id: authors.nodes[0].id,
    });
    expect(author.node).toEqual(authors.nodes[0]);
    const found = await data(ctx.app, 'query($id: ID!) { node(id: $id) { id ... on User { username } } }', {
      id: user.id,
    });
    expect(found.node).toEqual({ id: user.id, username: user.username });
  });
});

describe('nodes(ids:)', () => {
  it('keeps the nodes that exist: null for ids naming nothing, an error only for malformed ones', async () => {
    const paper = await firstPaper();
    const { authors } = await data(ctx.app, '{ authors(first: 1) { nodes { id name } } }');
    const ids = [paper.id, globalId('Paper:999999'), globalId('Foo:1'), 'garbage', authors.nodes[0].id];
    const result = await graphql(ctx.app, NODES, { ids });
    expect(result.data).toEqual({ nodes: [paper, null, null, null, authors.nodes[0]] });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.path).toEqual(['nodes', 3]);
    expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'ids' });
  });

  it('answers null for every id naming nothing, in order', async () => {
    const ids = NAMING_NOTHING.map(globalId);
    const result = await graphql(ctx.app, NODES, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ nodes: ids.map(() => null) });
  });
});

describe('author(id:)', () => {
  const AUTHOR = 'query($id: ID!) { author(id: $id) { name } }';

  it.each(['Author:999999', 'Author:abc', 'Author:2147483648', 'Author:99999999999'])(
    'answers null for %s',
    async (id) => {
      const result = await graphql(ctx.app, AUTHOR, { id: globalId(id) });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ author: null });
    },
  );

  it('refuses an id of another type or a malformed one with BAD_USER_INPUT', async () => {
    const paper = await firstPaper();
    for (const id of [paper.id, 'garbage']) {
      const result = await graphql(ctx.app, AUTHOR, { id });
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
    }
  });
});

describe('paperAdded(after:)', () => {
  it.each(['Paper:2147483648', 'Paper:abc', 'Author:1', 'garbage'])(
    'refuses %s, which is no position in the feed, with BAD_USER_INPUT',
    async (id) => {
      const result = await graphql(ctx.app, 'subscription($id: ID) { paperAdded(after: $id) { id } }', {
        id: id === 'garbage' ? id : globalId(id),
      });
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'after' });
    },
  );
});
