// Many users voting on one paper at once: on the PostgreSQL server the requests really run
// concurrently (a pool of connections); on PGlite they queue on its single connection.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { bearer, signUp } from './support/accounts.js';
import { graphql } from './support/graphql.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp({ rateLimits: { authAttemptsPerMinute: 1_000, mutationsPerMinute: 1_000 } });
const UPVOTE = 'mutation($id: String!) { upvotePaper(arxivId: $id) { upvoteCount } }';
const REMOVE = 'mutation($id: String!) { removeUpvote(arxivId: $id) { upvoteCount } }';

let users: Array<{ token: string }>;
beforeAll(async () => {
  users = await Promise.all(Array.from({ length: 20 }, () => signUp(ctx.app)));
});

async function state(arxivId: string) {
  const [row] = await ctx.db.rows<any>(sql`
    select p.source_upvotes, p.local_upvotes, p.upvote_count, p.trending_score,
           (select count(*)::int from upvotes u where u.paper_id = p.id) as rows
    from papers p where p.arxiv_id = ${arxivId}`);
  return row;
}

/** The documented TRENDING score recomputed in JavaScript from the rows. */
async function expectedTrending(arxivId: string): Promise<number> {
  const [row] = await ctx.db.rows<any>(sql`
    select extract(epoch from p.added_at)::float8 as added, p.source_upvotes as source,
           coalesce(array_agg(extract(epoch from u.created_at)::float8) filter (where u.user_id is not null), '{}') as votes
    from papers p left join upvotes u on u.paper_id = p.id where p.arxiv_id = ${arxivId} group by p.id`);
  const days = (seconds: number) => seconds / 86_400;
  const weights: Array<[number, number]> = [
    [days(row.added), 1 + row.source],
    ...row.votes.map((v: number) => [days(v), 1] as [number, number]),
  ];
  const top = Math.max(...weights.map(([e]) => e));
  return top + Math.log2(weights.reduce((sum, [e, n]) => sum + n * 2 ** Math.max(e - top, -1000), 0));
}

describe('concurrent upvotes', () => {
  it('200 concurrent upvotes from 20 users on one paper end with exactly 20', async () => {
    const paper = '2406.02214';
    const before = await state(paper);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        graphql(ctx.app, UPVOTE, { id: paper }, bearer(users[i % 20]!.token)),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const after = await state(paper);
    expect(after.rows).toBe(20);
    expect(after.local_upvotes).toBe(20);
    expect(after.upvote_count).toBe(before.source_upvotes + 20);
    expect(after.trending_score).toBeCloseTo(await expectedTrending(paper), 9);
  });

  it('a storm of interleaved upvotes and removals leaves counts equal to the rows', async () => {
    const paper = '2509.20186';
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const requests = Array.from({ length: 300 }, () => {
      const user = users[Math.floor(random() * users.length)]!;
      return graphql(ctx.app, random() < 0.55 ? UPVOTE : REMOVE, { id: paper }, bearer(user.token));
    });
    const results = await Promise.all(requests);
    expect(results.filter((r) => r.errors)).toEqual([]);
    const after = await state(paper);
    expect(after.local_upvotes).toBe(after.rows);
    expect(after.upvote_count).toBe(after.source_upvotes + after.rows);
    expect(after.trending_score).toBeCloseTo(await expectedTrending(paper), 9);
  });
});
