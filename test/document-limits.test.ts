// Documents refused for their size or shape before they cost much: never parsed when too long or
// too deeply nested, validation stopped at once when over the alias, directive or depth limit.
import { describe, expect, it } from '@jest/globals';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const aliases = (count: number, field: string) =>
  Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

async function refused(query: string, limit: string) {
  const started = performance.now();
  const result = await graphql(ctx.app, query);
  const ms = performance.now() - started;
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
  expect(result.data ?? null).toBeNull();
  return { result, ms };
}

describe('document limits', () => {
  it('refuses a document of more than 2,000 tokens before parsing it, quickly and in one short error', async () => {
    // The finding's document: 4,900 aliased __typename, 88 KB, each copy distinct.
    const { result, ms } = await refused(`{ ${aliases(4_900, '__typename')} } # 1`, 'tokens');
    expect(result.errors![0]!.extensions?.max).toBe(2_000);
    expect(JSON.stringify(result).length).toBeLessThan(500);
    expect(ms).toBeLessThan(500);
  });

  it('refuses 2,000 aliases of __schema, which used to answer 2.2 MB', async () => {
    const { result } = await refused(`{ ${aliases(2_000, '__schema { types { name } }')} }`, 'tokens');
    expect(JSON.stringify(result).length).toBeLessThan(500);
  });

  it('refuses deep nesting before the parser recurses: 400-ish refusal, never a 500', async () => {
    const deepSelections = `${'{a'.repeat(2_000)}${'}'.repeat(2_000)}`;
    const deepList = `{ papersByArxivIds(arxivIds: ${'['.repeat(1_900)}"x"${']'.repeat(1_900)}) { title } }`;
    const deepObject = `{ papers(filter: ${'{a:'.repeat(600)}1${'}'.repeat(600)}) { totalCount } }`;
    for (const query of [deepSelections, deepList, deepObject]) {
      const { result } = await refused(query, 'nesting');
      expect(result.status).toBeLessThan(500);
    }
  });

  it('refuses more than 30 aliases, __typename included', async () => {
    await refused(`{ ${aliases(31, '__typename')} }`, 'aliases');
    await refused(`{ ${aliases(31, 'papers(first: 1) { totalCount }')} }`, 'aliases');
    const thirty = await graphql(ctx.app, `{ ${aliases(30, '__typename')} }`);
    expect(thirty.errors).toBeUndefined();
  });

  it('refuses more than 50 directives', async () => {
    await refused(`{ ${'__typename @include(if: true) '.repeat(51)}}`, 'directives');
    const fifty = await graphql(ctx.app, `{ ${'__typename @include(if: true) '.repeat(50)}}`);
    expect(fifty.errors).toBeUndefined();
  });

  it('refuses depth over 12 while validating, fragments adding none', async () => {
    const nested = (depth: number): string =>
      depth === 1 ? 'name' : `papers(first: 1) { nodes { authors { ${nested(depth - 3)} } } }`;
    await refused(`{ authors(first: 1) { nodes { ${nested(13)} } } }`, 'depth');
    const viaFragments = await graphql(
      ctx.app,
      `
        {
          ...A
        }
        fragment A on Query {
          papers(first: 1) {
            ...B
          }
        }
        fragment B on PaperConnection {
          nodes {
            title
          }
        }
      `,
    );
    expect(viaFragments.errors).toBeUndefined();
  });

  it('reports at most 20 validation errors for a broken document', async () => {
    const unknownFields = Array.from({ length: 200 }, (_, i) => `f${i}`).join(' ');
    const result = await graphql(ctx.app, `{ ${unknownFields} }`);
    expect(result.errors!.length).toBeGreaterThan(1);
    expect(result.errors!.length).toBeLessThanOrEqual(21);
    expect(result.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
