// A against B in the same run: this machine is shared and noisy, so a throughput measured alone
// says little. Both sides are warmed up, then loaded in turn, R times, in alternating order
// (AB, BA, AB, ...); each repetition gives a ratio, and the median ratio with its min–max is the
// figure reported.
import { load, type LoadOptions, type LoadResult, type Sequence } from './load.js';
import type { Request } from './workloads.js';

export interface Side {
  label: string;
  port: string;
  request(i: number): Request;
  sequence: Sequence;
}

export interface Comparison {
  id: string;
  title: string;
  a: Side;
  b: Side;
  /** The ratio A ÷ B the issue asks for, if any. */
  target?: number;
}

export interface CompareOptions extends LoadOptions {
  repetitions: number;
  /** Seconds of load on each side before measuring (not recorded). */
  warmup: number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface ComparisonResult {
  title: string;
  a: string;
  b: string;
  target?: number;
  /** A ÷ B in requests per second, per repetition. */
  ratio: Spread;
  /** Medians over the repetitions. */
  aRps: number;
  bRps: number;
  aP99Ms: number;
  bP99Ms: number;
  errors: number;
  repetitions: Array<{ a: LoadResult; b: LoadResult; ratio: number }>;
}

export async function compare(
  c: Comparison,
  options: CompareOptions,
  progress: (line: string) => void,
): Promise<ComparisonResult> {
  const run = (side: Side, duration: number) =>
    load(side.port, side.request, side.sequence, { ...options, duration });
  if (options.warmup > 0) {
    await run(c.a, options.warmup);
    await run(c.b, options.warmup);
  }
  const repetitions: ComparisonResult['repetitions'] = [];
  for (let r = 0; r < options.repetitions; r++) {
    let a: LoadResult;
    let b: LoadResult;
    if (r % 2 === 0) {
      a = await run(c.a, options.duration);
      b = await run(c.b, options.duration);
    } else {
      b = await run(c.b, options.duration);
      a = await run(c.a, options.duration);
    }
    const ratio = round(a.rps / b.rps, 3);
    repetitions.push({ a, b, ratio });
    progress(
      `  ${r + 1}/${options.repetitions}: ${c.a.label} ${a.rps} req/s (p99 ${a.p99Ms} ms) · ${c.b.label} ${b.rps} req/s (p99 ${b.p99Ms} ms) · ${ratio}`,
    );
  }
  return {
    title: c.title,
    a: c.a.label,
    b: c.b.label,
    ...(c.target === undefined ? {} : { target: c.target }),
    ratio: spread(repetitions.map((r) => r.ratio)),
    aRps: median(repetitions.map((r) => r.a.rps)),
    bRps: median(repetitions.map((r) => r.b.rps)),
    aP99Ms: median(repetitions.map((r) => r.a.p99Ms)),
    bP99Ms: median(repetitions.map((r) => r.b.p99Ms)),
    errors: repetitions.reduce((sum, r) => sum + r.a.errors + r.b.errors, 0),
    repetitions,
  };
}

function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2, 3);
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
