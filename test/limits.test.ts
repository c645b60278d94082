import { describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp({ maxBodyBytes: 2_000 });

describe('request limits', () => {
  it('refuses a page of more than 100 items with PAGE_SIZE_TOO_LARGE', async () => {
    const result = await graphql(ctx.app, '{ papers(first: 101) { totalCount } }');
    expect(result.status).toBe(200);
    // Refused before execution: a request error, without data.
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'PAGE_SIZE_TOO_LARGE',
      argument: 'first',
      max: 100,
    });
  });

  it('checks nested connections and `last` too', async () => {
    const result = await graphql(
      ctx.app,
      '{ authors(first: 1) { nodes { papers(last: 500) { totalCount } } } }',
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_SIZE_TOO_LARGE', argument: 'last' });
  });

  it('limits coAuthors, similar and search like connections', async () => {
    const tooLarge = [
      '{ authors(first: 1) { nodes { coAuthors(first: 101) { sharedPaperCount } } } }',
      '{ paper(arxivId: "2507.14871") { similar(first: 101) { title } } }',
      '{ search(query: "lip", first: 101) { totalCount } }',
    ];
    for (const query of tooLarge) {
      const result = await graphql(ctx.app, query);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'PAGE_SIZE_TOO_LARGE',
        argument: 'first',
      });
    }
    const negative = await graphql(
      ctx.app,
      '{ paper(arxivId: "2507.14871") { similar(first: -1) { title } } }',
    );
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('refuses a negative page size with BAD_USER_INPUT', async () => {
    const result = await graphql(ctx.app, '{ papers(first: -1) { totalCount } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('refuses queries nested too deeply with QUERY_TOO_COMPLEX', async () => {
    const deep =
      '{ papers(first: 1) { nodes { authors { papers(first: 1) { nodes { authors { papers(first: 1) { nodes { authors { papers(first: 1) { nodes { authors { name } } } } } } } } } } } } }';
    const result = await graphql(ctx.app, deep);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
  });

  it('refuses queries that would cost too much with QUERY_TOO_COMPLEX', async () => {
    const costly =
      '{ papers(first: 100) { nodes { authors { papers(first: 100) { nodes { authors { name } } } } } } }';
    const result = await graphql(ctx.app, costly);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
  });

  it('accepts a full page of the feed with its authors', async () => {
    const result = await graphql(
      ctx.app,
      '{ papers(first: 100) { nodes { title authors { name paperCount } organization { name } } } }',
    );
    expect(result.errors).toBeUndefined();
  });

  it('refuses a request body over the limit with 413 and PAYLOAD_TOO_LARGE', async () => {
    const result = await graphql(ctx.app, `{ papers(first: 1) { totalCount } } # ${'x'.repeat(3_000)}`);
    expect(result.status).toBe(413);
    expect(result.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reports syntax and validation errors with stable codes', async () => {
    const syntax = await graphql(ctx.app, '{ papers(first: 1) { ');
    expect(syntax.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknownField = await graphql(ctx.app, '{ papers(first: 1) { nodes { titel } } }');
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknownField.errors?.[0]?.message).toMatch(/Did you mean "title"/);
  });
});

describe('unexpected errors', () => {
  it('are masked: no stack, no SQL, code INTERNAL_SERVER_ERROR', async () => {
    const { createApp } = await import('../server/yoga.js');
    const { loadConfig } = await import('../server/config.js');
    const { startEventHub } = await import('../server/events/event-hub.js');
    const { createTestDatabase } = await import('./support/test-database.js');
    const db = await createTestDatabase();
    const events = await startEventHub(db);
    const app = createApp(db, events, loadConfig({}));
    // Every query of papers now fails inside PostgreSQL, as a bug in our SQL would. (A closed or
    // unreachable database is not unexpected: it is DATABASE_UNAVAILABLE, see database-faults.)
    await db.rows(sql`alter table papers rename to papers_elsewhere`);
    const result = await graphql(app, '{ papers(first: 1) { nodes { title } } }');
    await events.close();
    await db.close();
    expect(result.status).toBe(200);
    expect(result.errors?.[0]).toEqual({
      message: 'Unexpected error.',
      locations: expect.any(Array),
      path: ['papers'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
