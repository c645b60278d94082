// The cost limits see every operation before it runs, introspection included, and expensive
// fields cost what they do; the README's sample queries stay well inside them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const SIMILAR_PAGE = 'papers(first: 100) { nodes { similar(first: 40) { id } } }';

describe('query cost', () => {
  it('counts introspection, which runs no resolver of ours: four schemas fit in a query, five do not', async () => {
    const schemas = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`;
    const four = await graphql(ctx.app, schemas(4));
    expect(four.errors).toBeUndefined();
    const five = await graphql(ctx.app, schemas(5));
    expect(five.errors).toHaveLength(1);
    expect(five.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
    expect(five.data).toBeUndefined();
  });

  it('costs Paper.similar like the ranking it runs: a page of 100 similar lists is refused', async () => {
    const three = await graphql(ctx.app, `{ a: ${SIMILAR_PAGE} b: ${SIMILAR_PAGE} c: ${SIMILAR_PAGE} }`);
    expect(three.errors).toHaveLength(1);
    expect(three.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
    const one = await graphql(ctx.app, `{ ${SIMILAR_PAGE} }`);
    expect(one.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const small = await graphql(ctx.app, '{ papers(first: 10) { nodes { similar(first: 5) { id } } } }');
    expect(small.errors).toBeUndefined();
  });

  it('counts a connection asked for without a page size as its default page of 20', async () => {
    const page = 'papers { nodes { similar(first: 40) { id } } }';
    const result = await graphql(ctx.app, `{ a: ${page} b: ${page} c: ${page} }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
  });

  it('costs search and author search per call', async () => {
    const searches = Array.from(
      { length: 30 },
      (_, i) => `s${i}: search(query: "model${i}", first: 100) { nodes { score paper { title } } }`,
    );
    const result = await graphql(ctx.app, `{ ${searches.join(' ')} }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
    const people = Array.from(
      { length: 26 },
      (_, i) => `p${i}: authors(search: "zh${i}", first: 1) { nodes { name } }`,
    );
    const authors = await graphql(ctx.app, `{ ${people.join(' ')} }`);
    expect(authors.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
  });

  it('refuses an over-limit query with one error, not one per root field', async () => {
    const costly = 'papers(first: 100) { nodes { authors { papers(first: 100) { nodes { title } } } } }';
    const result = await graphql(ctx.app, `{ a: ${costly} b: ${costly} c: ${costly} }`);
    expect(result.errors).toHaveLength(1);
  });

  it('accepts every sample query in the README', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const samples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
      .flatMap(([, block]) => block!.split(/\n(?=query |\{|mutation |subscription )/))
      .map((text) => text.replace(/^#.*$/gm, '').trim())
      .filter((text) => text.startsWith('{') || text.startsWith('query '));
    expect(samples.length).toBeGreaterThanOrEqual(8);
    for (const sample of samples) {
      const result = await graphql(ctx.app, sample);
      const codes = (result.errors ?? []).map((error) => error.extensions?.code);
      expect({ sample, codes }).toEqual({
        sample,
        codes: codes.filter((code) => code === 'UNAUTHENTICATED'),
      });
    }
  });
});
