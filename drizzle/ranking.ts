// TRENDING rank, Hacker News-style but stable: every upvote (and the paper itself) is a weight
// that doubles each day, and a paper's score is log2 of its total weight. Using absolute time
// instead of "age now" means scores never change while nobody votes, so they can be stored,
// indexed and paged through with cursors. Doubling a paper's upvotes is worth one day of recency.
const MS_PER_DAY = 86_400_000;

/** Score of a paper with `upvotes` votes, all counted at the moment it entered the feed. */
export function trendingScore(addedAt: Date, upvotes: number): number {
  return Math.log2(1 + upvotes) + addedAt.getTime() / MS_PER_DAY;
}
