import { beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();
const TINY = '2507.14871';
const PAPER =
  'query($id: String!) { paper(arxivId: $id) { upvoteCount viewerHasUpvoted upvoters(first: 10) { totalCount: edges { upvotedAt node { username } } } } }'.replace(
    'totalCount: ',
    '',
  );
const UPVOTE =
  'mutation($id: String!) { upvotePaper(arxivId: $id) { arxivId upvoteCount viewerHasUpvoted } }';
const REMOVE =
  'mutation($id: String!) { removeUpvote(arxivId: $id) { arxivId upvoteCount viewerHasUpvoted } }';

let ann: Awaited<ReturnType<typeof signUp>>;
let ben: Awaited<ReturnType<typeof signUp>>;
const as = (user: { token: string }) => bearer(user.token);
const paperAs = async (user: { token: string } | null, id = TINY) =>
  (await graphql(ctx.app, PAPER, { id }, user ? as(user) : {})).data.paper;

beforeAll(async () => {
  ann = await signUp(ctx.app, 'ann');
  ben = await signUp(ctx.app, 'ben');
});

describe('upvotes', () => {
  it('counts an upvote once, however often it is made, and shows it per viewer', async () => {
    const before = (await paperAs(null)).upvoteCount;
    const first = await graphql(ctx.app, UPVOTE, { id: TINY }, as(ann));
    expect(first.data.upvotePaper).toEqual({
      arxivId: TINY,
      upvoteCount: before + 1,
      viewerHasUpvoted: true,
    });
    const again = await graphql(ctx.app, UPVOTE, { id: `${TINY}v2` }, as(ann));
    expect(again.data.upvotePaper.upvoteCount).toBe(before + 1);

    expect(await paperAs(ann)).toMatchObject({ upvoteCount: before + 1, viewerHasUpvoted: true });
    expect(await paperAs(ben)).toMatchObject({ upvoteCount: before + 1, viewerHasUpvoted: false });
    expect(await paperAs(null)).toMatchObject({ upvoteCount: before + 1, viewerHasUpvoted: false });
  });

  it("lists upvoters and the viewer's upvoted papers, most recent first", async () => {
    await graphql(ctx.app, UPVOTE, { id: TINY }, as(ben));
    await graphql(ctx.app, UPVOTE, { id: '2509.26514' }, as(ben));
    const paper = await paperAs(null);
    expect(paper.upvoters.edges.map((e: any) => e.node.username)).toEqual(['ben', 'ann']);
    expect(Date.parse(paper.upvoters.edges[0].upvotedAt)).toBeGreaterThanOrEqual(
      Date.parse(paper.upvoters.edges[1].upvotedAt),
    );

    const mine = await graphql(
      ctx.app,
      '{ viewer { upvotedPapers(first: 10) { edges { upvotedAt node { arxivId viewerHasUpvoted } } } } }',
      {},
      as(ben),
    );
    expect(mine.data.viewer.upvotedPapers.edges.map((e: any) => e.node)).toEqual([
      { arxivId: '2509.26514', viewerHasUpvoted: true },
      { arxivId: TINY, viewerHasUpvoted: true },
    ]);
  });

  it("removes only the viewer's own upvote, idempotently", async () => {
    const before = (await paperAs(null)).upvoteCount;
    const removed = await graphql(ctx.app, REMOVE, { id: TINY }, as(ben));
    expect(removed.data.removeUpvote).toEqual({
      arxivId: TINY,
      upvoteCount: before - 1,
      viewerHasUpvoted: false,
    });
    const twice = await graphql(ctx.app, REMOVE, { id: TINY }, as(ben));
    expect(twice.data.removeUpvote.upvoteCount).toBe(before - 1);
    // Ann's upvote is untouched by Ben's removals.
    expect(await paperAs(ann)).toMatchObject({ upvoteCount: before - 1, viewerHasUpvoted: true });
  });

  it('answers NOT_FOUND for an unknown paper and BAD_USER_INPUT for a malformed id', async () => {
    const unknown = await graphql(ctx.app, UPVOTE, { id: '2101.00001' }, as(ann));
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'arxivId' });
    const malformed = await graphql(ctx.app, REMOVE, { id: 'DROP TABLE' }, as(ann));
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'arxivId' });
  });

  it('moves a paper up the TOP feed', async () => {
    const top = async () =>
      (await graphql(ctx.app, '{ papers(first: 100, orderBy: TOP) { nodes { arxivId upvoteCount } } }')).data
        .papers.nodes;
    const target = '2305.13169'; // no upvotes at its source
    const rankBefore = (await top()).findIndex((p: any) => p.arxivId === target);
    for (const user of [ann, ben, await signUp(ctx.app), await signUp(ctx.app)]) {
      await graphql(ctx.app, UPVOTE, { id: target }, as(user));
    }
    const after = await top();
    expect(after.find((p: any) => p.arxivId === target).upvoteCount).toBe(4);
    expect(after[0].arxivId).toBe(target);
    expect(after.findIndex((p: any) => p.arxivId === target)).toBeLessThan(rankBefore);
  });

  it('weights fresh upvotes in TRENDING by their recency', async () => {
    const trending = async () =>
      (
        await graphql(ctx.app, '{ papers(first: 100, orderBy: TRENDING) { nodes { arxivId } } }')
      ).data.papers.nodes.map((p: any) => p.arxivId);
    const before = await trending();
    // 2303.18223 entered the feed in March 2023; an upvote cast today outweighs that by
    // 2^(days since), so it passes the newest paper in the feed, which has no votes.
    expect(before.indexOf('2303.18223')).toBeGreaterThan(before.indexOf('2510.25116'));
    await graphql(ctx.app, UPVOTE, { id: '2303.18223' }, as(ann));
    const after = await trending();
    expect(after.indexOf('2303.18223')).toBeLessThan(after.indexOf('2510.25116'));
    // Removing the vote restores the exact score: the whole order is as before.
    await graphql(ctx.app, REMOVE, { id: '2303.18223' }, as(ann));
    expect(await trending()).toEqual(before);
  });

  it('costs the same SQL for a signed-in feed page of any size', async () => {
    const query =
      'query($n: Int!) { papers(first: $n) { nodes { arxivId upvoteCount viewerHasUpvoted authors { name } } } }';
    await graphql(ctx.app, '{ __typename }', {}, as(ann)); // the instance now knows the token
    ctx.db.statements.length = 0;
    await graphql(ctx.app, query, { n: 2 }, as(ann));
    const small = ctx.db.statements.length;
    ctx.db.statements.length = 0;
    await graphql(ctx.app, query, { n: 100 }, as(ann));
    expect(small).toBe(1); // the page: the token is remembered (server/auth/token-cache.ts)
    expect(ctx.db.statements).toHaveLength(small);
  });
});
