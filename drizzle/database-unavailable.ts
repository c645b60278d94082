// Failures that say "the database cannot answer right now" rather than "this statement is wrong":
// the server is down or restarting, a connection was cut, or a deadline passed. Callers answer
// them with a retryable code (DATABASE_UNAVAILABLE, HTTP 503) instead of an internal error.

/** A statement gave up waiting: for a connection (acquire) or for its answer (run). */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'acquire-timeout' | 'run-timeout' | 'connection',
  ) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** postgres.js's own connection failures (see its errors.js) and Node's socket errors. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** SQLSTATEs of a server that is shutting down, starting up, out of connections or cancelling. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping, or pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout, or our own deadline's cancel request
]);

/**
 * True when `error`, or an error it wraps (drizzle wraps driver errors in `cause`), is one of these.
 * Duck-typed: socket errors may come from another realm (Node's core), where `instanceof` fails.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let current = error, depth = 0;
    typeof current === 'object' && current !== null && depth < 5;
    depth++
  ) {
    if ((current as Error).name === 'DatabaseUnavailableError') return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
      if (code.startsWith('08')) return true; // connection_exception class
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `work` again while the database is unavailable, waiting longer each time (up to 2 s), for
 * up to `patienceMs`: for work nobody waits on synchronously (a subscription's next event), where
 * late is better than lost. Any other failure, or the last unavailable one, is thrown.
 */
export async function retryWhileUnavailable<T>(work: () => Promise<T>, patienceMs = 60_000): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
    }
  }
}
