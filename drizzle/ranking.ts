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
    from (${scoresOf(sql`
      select id as paper_id, ${days(sql`added_at`)} as e, (1 + source_upvotes)::float8 as n
      from ${papers} where id in (${paperIds})
      union all
      select paper_id, ${days(sql`created_at`)}, 1
      from ${upvotes} where paper_id in (${paperIds})`)}) scored
    where ${papers.id} = scored.paper_id`;
}

/**
 * The scores refreshTrendingScores would store, for papers not written yet: the same arithmetic
 * over their feed dates, source upvotes and local vote times, given as values. A bulk load can
 * then write each paper once, with its final score, instead of rewriting it after its votes.
 * Selects (paper_id, score).
 */
export function trendingScoresOf(
  paperRows: { id: number; addedAt: Date; sourceUpvotes: number }[],
  votes: { paperId: number; at: Date }[],
): SQL {
  // As text: drizzle hands timestamp arrays to postgres.js unserialized.
  const instants = (dates: Date[]) => sql`${sql.param(dates.map((d) => d.toISOString()))}::text[]`;
  return scoresOf(sql`
    select paper_id, ${days(sql`added_at`)} as e, (1 + source_upvotes)::float8 as n
    from unnest(${sql.param(paperRows.map((p) => p.id))}::int[], ${instants(paperRows.map((p) => p.addedAt))}::timestamptz[],
      ${sql.param(paperRows.map((p) => p.sourceUpvotes))}::int[]) as p(paper_id, added_at, source_upvotes)
    union all
    select paper_id, ${days(sql`created_at`)}, 1
    from unnest(${sql.param(votes.map((v) => v.paperId))}::int[], ${instants(votes.map((v) => v.at))}::timestamptz[])
      as v(paper_id, created_at)`);
}

const days = (instant: SQL) => sql`extract(epoch from ${instant})::float8 / 86400`;

/** log2 of each paper's summed weights, from rows (paper_id, e: days since 1970, n: how many). */
function scoresOf(weights: SQL): SQL {
  return sql`
    -- Below 2^-1000 a weight is negligible next to the largest, and PostgreSQL raises
    -- an underflow error rather than rounding to zero.
    select paper_id, max(e) + ln(sum(n * power(2::float8, greatest(e - top, -1000)))) / ln(2::float8) as score
    from (
      select paper_id, e, n, max(e) over (partition by paper_id) as top
      from (${weights}) weights
    ) normalized
    group by paper_id`;
}
