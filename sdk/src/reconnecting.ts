// One subscription through its connections. The transports do not retry on their own: this loop
// does, the same for SSE and WebSocket. A refused operation (bad token, bad variables) fails at
// once; a connection that failed or was cut, or a stream the server ended (it restarts), is opened
// again `retry.delayMs` later, up to `retry.attempts` times in a row; a subscription that can
// resume passes the `id` of the last result as `after`, so no event is lost or repeated.
import type { GraphQLErrorJson, PaperGraphError } from './errors.js';
import { pause } from './retry.js';
import { failureOf, failureOfErrors } from './transport-errors.js';

export type Attempt = AsyncIterableIterator<{ data?: unknown; errors?: readonly GraphQLErrorJson[] }>;

export interface Reconnection {
  /** Opens one connection; calls `connected` once it reached the server. */
  open(variables: Record<string, unknown>, connected: () => void): Attempt;
  retry: { attempts: number; delayMs: number };
  /** For a subscription that can resume: the root field whose `id` is passed as `after`. */
  resumeField?: string;
}

export function reconnecting<Result>(
  connection: Reconnection,
  firstVariables: Record<string, unknown>,
): AsyncIterableIterator<Result> {
  let variables = firstVariables;
  let attempt: Attempt | undefined;
  let waiting: ReturnType<typeof pause> | undefined;
  let stopped = false;

  async function* results(): AsyncGenerator<Result, undefined> {
    let failures = 0; // in a row; an attempt that reached the server counts as the first
    for (;;) {
      let connected = false;
      let failure: PaperGraphError | undefined;
      attempt = connection.open(variables, () => (connected = true));
      try {
        for (;;) {
          const step = await attempt.next();
          if (step.done) break;
          connected = true;
          if (step.value.errors?.length) {
            const failed = failureOfErrors(step.value.errors);
            // Too slow a subscriber is dropped by the server; one that can resume loses nothing.
            const resumes = connection.resumeField && failed.error.code === 'SUBSCRIBER_TOO_SLOW';
            if (!failed.retryable && !resumes) throw failed.error;
            failure = failed.error;
            break;
          }
          const data = step.value.data as Record<string, { id?: unknown } | null>;
          const id = connection.resumeField && data[connection.resumeField]?.id;
          if (typeof id === 'string') variables = { ...variables, after: id };
          yield data as Result;
        }
      } catch (cause) {
        if (stopped) return undefined;
        const failed = await failureOf(cause);
        if (!failed.retryable) throw failed.error;
        failure = failed.error;
      } finally {
        await attempt.return?.();
      }
      if (stopped) return undefined;
      failures = connected ? 1 : failures + 1;
      if (failures > connection.retry.attempts) {
        if (failure) throw failure;
        return undefined; // the server ended it, and reconnecting is off
      }
      waiting = pause(connection.retry.delayMs);
      await waiting.done;
      if (stopped) return undefined;
    }
  }

  const generator = results();
  return {
    next: () => generator.next(),
    /** Ends the subscription, even while a `next()` waits for an event. */
    async return() {
      stopped = true;
      waiting?.cancel();
      await attempt?.return?.();
      return generator.return(undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
