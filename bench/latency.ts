// Latency without queueing: requests sent one after another.
import type { Request } from './workloads.js';

/** Requests sent one at a time: latency without queueing. */
export interface LatencyResult {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** A warm-up round, then two measured rounds of `round` requests. */
export async function latencyOneAtATime(
  port: string,
  make: (i: number) => Request,
  round = 50,
): Promise<LatencyResult> {
  const times: number[] = [];
  for (let i = 0; i < round * 3; i++) {
    const request = make(i);
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, request);
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`request ${i} failed: ${JSON.stringify(body.errors)}`);
    if (i >= round) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => Math.round(times[Math.ceil(share * times.length) - 1]! * 10) / 10;
  return { requests: times.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}
