// One autocannon run: `connections` clients sending requests back to back for `duration` seconds.
import autocannon from 'autocannon';
import type { Request } from './workloads.js';

export interface LoadOptions {
  connections: number;
  duration: number;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors (timeouts included) and non-2xx answers. */
  errors: number;
}

/** Request numbers that go on from one run to the next, so repetitions never replay a sequence
 *  (which the response cache would answer). */
export class Sequence {
  private i = 0;
  next(): number {
    return this.i++;
  }
}

export async function load(
  port: string,
  make: (i: number) => Request,
  sequence: Sequence,
  options: LoadOptions,
): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: options.duration,
    requests: [{ setupRequest: (request) => ({ ...request, ...make(sequence.next()) }) }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}
