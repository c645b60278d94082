// Seeded randomness for synthetic data. Every paper draws from its own generator, derived from
// (seed, paper number), so a paper's content depends on neither batch sizes nor the papers
// before it: `--append` and a one-shot run with the same seed produce the same papers.

/** Uniform numbers in [0, 1). */
export type Random = () => number;

/** murmur3's 32-bit finalizer: spreads nearby inputs (paper 7, paper 8) far apart. */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: tiny and fast, statistically fine for test data (not for secrets). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The generator for item `index` of a named stream ("paper", "user", ...) under `seed`. */
export function randomFor(seed: number, stream: number, index: number): Random {
  const high = Math.floor(index / 4_294_967_296);
  return seededRandom(mix32(mix32(mix32(seed ^ 0x9e3779b9) ^ stream) ^ index) ^ mix32(high));
}

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** A whole number in [min, max]. */
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

/**
 * A rank in [0, n) with Zipf–Mandelbrot odds, P(k) ∝ 1 / (k + q): rank 0 is the most likely and a
 * long tail shares the rest. A larger `q` flattens the head. Sampled by inverting the continuous
 * CDF, so it costs O(1) whatever n is.
 */
export function zipfRank(random: Random, n: number, q: number): number {
  const rank = Math.floor(q * Math.pow((n + q) / q, random()) - q);
  return Math.min(Math.max(rank, 0), n - 1);
}

/**
 * A heavy-tailed count ≥ 0 (discrete Pareto): P(count ≥ k) = (1 + k/scale)^-alpha. Most draws are
 * small and a few are very large, like upvotes. Smaller alpha means a heavier tail.
 */
export function paretoCount(random: Random, alpha: number, scale = 1): number {
  return Math.floor(scale * (Math.pow(1 - random(), -1 / alpha) - 1));
}

/** Picks `k` distinct ranks in [0, n) with `draw`'s odds (rejection), topping up in order if unlucky. */
export function distinctRanks(random: Random, k: number, n: number, draw: () => number): number[] {
  const chosen = new Set<number>();
  const wanted = Math.min(k, n);
  for (let tries = 0; chosen.size < wanted && tries < wanted * 4; tries++) chosen.add(draw());
  for (let next = Math.floor(random() * n); chosen.size < wanted; next = (next + 1) % n) chosen.add(next);
  return [...chosen];
}
