// In production on a PostgreSQL server the schema is not handed out: no introspection unless
// GRAPHQL_INTROSPECTION=true, no "Did you mean" suggestions, no GraphiQL. Elsewhere all three stay on.
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../server/config.js';
import { graphiqlAssets } from '../server/graphiql/assets.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

describe('configuration', () => {
  it('turns introspection off in production on a PostgreSQL server unless GRAPHQL_INTROSPECTION=true', () => {
    const server = { DATABASE_URL: 'postgres://localhost/papergraph' };
    expect(loadConfig({ NODE_ENV: 'production', ...server }).introspection).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', ...server }).introspection,
    ).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', ...server }).introspection).toBe(true);
    // The embedded database is someone's own machine: `npm start` (production by default) serves GraphiQL.
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(true);
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false' }).introspection).toBe(false);
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'yes' })).toThrow(/GRAPHQL_INTROSPECTION/);
  });
});

describe('with introspection off (production)', () => {
  const ctx = setupApp({ introspection: false });

  it('refuses __schema and __type, and still answers __typename', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Paper") { name } }']) {
      const result = await graphql(ctx.app, query);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    }
    expect((await graphql(ctx.app, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('suggests no names: not for fields, arguments, types or enum values', async () => {
    const mistakes = [
      '{ paper(arxivId: "2507.14871") { titel } }',
      '{ papers(frist: 1) { totalCount } }',
      'query($f: PaperFiltr) { papers(filter: $f) { totalCount } }',
      '{ papers(orderBy: NEWST) { totalCount } }',
    ];
    for (const query of mistakes) {
      const result = await graphql(ctx.app, query);
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(result.errors)).not.toMatch(/Did you mean/);
    }
    // Variables are coerced at execution: their errors suggest nothing either.
    const variable = await graphql(ctx.app, 'query($o: PaperOrder) { papers(orderBy: $o) { totalCount } }', {
      o: 'NEWST',
    });
    expect(variable.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(variable.errors)).not.toMatch(/Did you mean/);
  });

  it('serves no GraphiQL, nor its assets', async () => {
    const response = await ctx.app.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('PaperGraph');
    const { script } = await graphiqlAssets();
    expect((await ctx.app.fetch(`http://localhost${script.path}`)).status).toBe(404);
  });
});

describe('with introspection on (default outside production)', () => {
  const ctx = setupApp();

  it('answers introspection and suggests names', async () => {
    expect((await graphql(ctx.app, '{ __type(name: "Paper") { name } }')).data).toEqual({
      __type: { name: 'Paper' },
    });
    const typo = await graphql(ctx.app, 'query($o: PaperOrder) { papers(orderBy: $o) { totalCount } }', {
      o: 'NEWST',
    });
    expect(JSON.stringify(typo.errors)).toMatch(/Did you mean/);
  });
});
