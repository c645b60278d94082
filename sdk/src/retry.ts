// How subscriptions ride out an unreachable or restarting server: `attempts` reconnections,
// `delayMs` apart, after the first failure; then the last failure is thrown.

export interface RetryOptions {
  /** Reconnections after a failure before giving up (0: none; Infinity: never give up). Default 3. */
  attempts?: number;
  /** Wait before each reconnection, in milliseconds. Default 1000. */
  delayMs?: number;
}

/** An unreachable server fails after about 3 s, not the 40 s of the transports' own back-off. */
export const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 3, delayMs: 1_000 };

export function retryOptions(options: RetryOptions | undefined): Required<RetryOptions> {
  const attempts = options?.attempts ?? DEFAULT_RETRY.attempts;
  const delayMs = options?.delayMs ?? DEFAULT_RETRY.delayMs;
  if (!(attempts >= 0) || !(delayMs >= 0) || !Number.isFinite(delayMs))
    throw new RangeError(
      `retry needs attempts >= 0 and a finite delayMs >= 0, got ${JSON.stringify(options)}`,
    );
  return { attempts, delayMs };
}

/** Resolves after `ms`, or at once when `cancel` is called. */
export function pause(ms: number): { done: Promise<void>; cancel(): void } {
  let cancel!: () => void;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cancel = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, cancel };
}
