// Relational queries are built once per shape and reused with new values
// (drizzle/relational-query-cache.ts). The test database checks every reuse against a fresh build
// (verifyQueryPlans), so across the whole suite a reused statement that differed would fail.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Param, sql } from 'drizzle-orm';
import { papers } from '../drizzle/schema.js';
import { data } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

/** What `work` did to the cache's counters. */
async function counted(work: () => Promise<unknown>) {
  const before = { ...ctx.db.queryPlans };
  await work();
  const after = ctx.db.queryPlans;
  return {
    reused: after.reused - before.reused,
    built: after.built - before.built,
    unplannable: after.unplannable - before.unplannable,
  };
}

const byArxivId = (arxivId: string, limit: number) =>
  ctx.db.db.query.papers.findMany({
    columns: { arxivId: true, title: true },
    where: { arxivId: { gte: arxivId } },
    orderBy: { arxivId: 'asc' },
    limit,
    with: { authorships: { columns: { position: true }, with: { author: { columns: { name: true } } } } },
  });

describe('relational query cache', () => {
  let arxivIds: string[];
  beforeAll(async () => {
    arxivIds = (await ctx.db.db.select({ arxivId: papers.arxivId }).from(papers).orderBy(papers.arxivId)).map(
      (row) => row.arxivId,
    );
  });

  it('builds a shape the first time, plans it the second, and reuses it with other values', async () => {
    expect(await counted(() => byArxivId(arxivIds[0]!, 2))).toEqual({ reused: 0, built: 1, unplannable: 0 });
    expect(await counted(() => byArxivId(arxivIds[1]!, 3))).toEqual({ reused: 1, built: 0, unplannable: 0 });
    // verifyQueryPlans checked that the statement is the one drizzle builds for these values.
    const reused = await byArxivId(arxivIds[2]!, 4);
    expect(reused.map((paper) => paper.arxivId)).toEqual(arxivIds.slice(2, 6));
    expect(reused[0]!.authorships[0]!.author.name).toEqual(expect.any(String));
  });

  it('tells apart shapes that differ in text, not only in values', async () => {
    const byTitle = (title: string) =>
      ctx.db.db.query.papers.findFirst({ columns: { arxivId: true }, where: { title } });
    const inList = (ids: string[]) =>
      ctx.db.db.query.papers.findMany({ columns: { arxivId: true }, where: { arxivId: { in: ids } } });
    await byTitle('a');
    await inList(arxivIds.slice(0, 2));
    // Same shapes again: reused. A longer list writes more parameters: a shape of its own.
    expect(await counted(() => byTitle('b'))).toMatchObject({ reused: 1 });
    expect(await counted(() => inList(arxivIds.slice(2, 4)))).toMatchObject({ reused: 1 });
    expect(await counted(() => inList(arxivIds.slice(0, 3)))).toEqual({
      reused: 0,
      built: 1,
      unplannable: 0,
    });
    expect((await inList(arxivIds.slice(0, 3))).map((p) => p.arxivId).sort()).toEqual(arxivIds.slice(0, 3));
  });

  it('keeps apart the same query on different tables', async () => {
    // Columns appear under their alias (d0.id): the table itself must be part of the shape.
    const paperIds = () =>
      ctx.db.db.query.papers.findMany({ columns: { id: true }, where: { id: { in: [1] } } });
    const userIds = () =>
      ctx.db.db.query.users.findMany({ columns: { id: true }, where: { id: { in: [1] } } });
    await paperIds();
    expect(await counted(paperIds)).toMatchObject({ reused: 1 });
    expect(await counted(userIds)).toEqual({ reused: 0, built: 1, unplannable: 0 });
  });

  it('keeps apart extras that differ only in how their value is decoded', async () => {
    const one = (decode: (value: unknown) => unknown) => () =>
      ctx.db.db.query.papers.findFirst({ columns: {}, extras: { one: sql`1`.mapWith(decode) } });
    const asNumber = one(Number);
    const asText = one(String);
    await asNumber();
    expect(await counted(asNumber)).toMatchObject({ reused: 1 });
    expect((await asText())?.one).toBe('1');
    expect((await asText())?.one).toBe('1');
    expect((await asNumber())?.one).toBe(1);
  });

  it('never plans a shape whose values change its text, and builds it every time', async () => {
    // An encoder that writes SQL for its value: the parameter's text depends on the value.
    const castEncoder = { mapToDriverValue: (value: unknown) => sql`(${value}::int)` };
    const query = (id: number) =>
      ctx.db.db.query.papers.findFirst({
        columns: { id: true },
        where: { RAW: (table) => sql`${table.id} = ${new Param(id, castEncoder)}` },
      });
    await query(1);
    expect(await counted(() => query(2))).toEqual({ reused: 0, built: 1, unplannable: 1 });
    expect(await counted(() => query(3))).toEqual({ reused: 0, built: 1, unplannable: 0 });
    expect((await query(2))?.id).toBe(2);
  });

  it('builds queries with inlined parameters as drizzle does', async () => {
    const query = (id: number) =>
      ctx.db.db.query.papers.findFirst({
        columns: { id: true },
        where: { RAW: (table) => sql`${table.id} = ${id}`.inlineParams() },
      });
    await query(1);
    expect(await counted(() => query(2))).toEqual({ reused: 0, built: 1, unplannable: 0 });
  });

  it('serves a feed page through GraphQL from a plan, one statement, with the viewer in its values', async () => {
    const page = /* GraphQL */ `
      query ($after: String) {
        papers(first: 5, orderBy: NEWEST, after: $after) {
          edges {
            cursor
            node {
              arxivId
              viewerHasUpvoted
              authors {
                name
              }
              organization {
                name
              }
            }
          }
        }
      }
    `;
    type Page = { papers: { edges: Array<{ cursor: string; node: { arxivId: string } }> } };
    const first = await data<Page>(ctx.app, page);
    const cursor = first.papers.edges[1]!.cursor;
    await data(ctx.app, page, { after: first.papers.edges[0]!.cursor });
    ctx.db.statements.length = 0;
    const counts = await counted(() => data(ctx.app, page, { after: cursor }));
    expect(counts).toEqual({ reused: 1, built: 0, unplannable: 0 });
    expect(ctx.db.statements).toHaveLength(1);
    const again = await data<Page>(ctx.app, page, { after: cursor });
    expect(again.papers.edges.slice(0, 3).map((e) => e.node.arxivId)).toEqual(
      first.papers.edges.slice(2).map((e) => e.node.arxivId),
    );
  });
});
