// TRENDING rank, Hacker News-style but stable. Every upvote is a weight that doubles each day
// (2^days-since-epoch at the moment it was cast); the paper itself, with the upvotes it brought
// from its source, counts as (1 + source upvotes) such weights at the moment it entered the feed.
// A paper's score is log2 of its total weight, so doubling the upvotes is worth one day of
// recency, and a fresh upvote counts for more than an old one. Scores use absolute time instead
// of "age now": they only change when votes do, so they can be stored, indexed and paged through.
import { sql, type SQL } from 'drizzle-orm';
import { papers, upvotes } from './schema.js';

const MS_PER_DAY = 86_400_000;

/** Score of a paper with `upvotes` source upvotes and no local ones. */
export function trendingScore(addedAt: Date, upvotes: number): number {
  return Math.log2(1 + upvotes) + addedAt.getTime() / MS_PER_DAY;
}

/**
 * Recomputes the scores of the given papers from all their weights. The largest exponent is
 * factored out before summing (log-sum-exp), so weights years apart neither overflow nor vanish.
 */
export function refreshTrendingScores(paperIds: SQL): SQL {
  return sql`
    update ${papers} set trending_score = scored.score
    from (
      -- Below 2^-1000 a weight is negligible next to the largest, and PostgreSQL raises
      -- an underflow error rather than rounding to zero.
      select paper_id, max(e) + ln(sum(n * power(2::float8, greatest(e - top, -1000)))) / ln(2::float8) as score
      from (
        select paper_id, e, n, max(e) over (partition by paper_id) as top
        from (
          select id as paper_id, extract(epoch from added_at)::float8 / 86400 as e, (1 + source_upvotes)::float8 as n
          from ${papers} where id in (${paperIds})
          union all
          select paper_id, extract(epoch from created_at)::float8 / 86400, 1
          from ${upvotes} where paper_id in (${paperIds})
        ) weights
      ) normalized
      group by paper_id
    ) scored
    where ${papers.id} = scored.paper_id`;
}
