// A LISTEN that outlives its connection. postgres.js's `listen` re-listens only if it can reconnect
// at the moment the connection drops; during a restart that attempt fails and the channel is
// silently forgotten. This one owns a single-connection client, notices a lost or frozen
// connection (its close event, or a heartbeat that does not come back), and reconnects with
// backoff until it listens again. NOTIFYs sent while it was away are gone for good, so it then
// calls `onReconnect`: the caller recovers what it may have missed from the tables themselves.
import postgres from 'postgres';
import { connectionOptions, type Timeouts } from './postgres-pool.js';

export interface ListenHandlers {
  onPayload(payload: string): void;
  /** Listening again after the connection was lost: notifications may have been missed. */
  onReconnect(): void;
}

export interface ListenerOptions {
  /** How often the connection is checked with a round trip. */
  heartbeatMs?: number;
  /** Longest wait between reconnect attempts (they start at 100 ms and double). */
  maxBackoffMs?: number;
  /** Opening a connection, and a heartbeat's round trip, may take this long. */
  connectTimeoutMs?: number;
}

const FIRST_BACKOFF_MS = 100;

/** Listens on `channel`; resolves once listening (or rejects if the first attempt fails). */
export async function listenResiliently(
  url: string,
  channel: string,
  handlers: ListenHandlers,
  { heartbeatMs = 5_000, maxBackoffMs = 5_000, connectTimeoutMs = 5_000 }: ListenerOptions = {},
): Promise<() => Promise<void>> {
  const timeouts: Timeouts = { statementTimeoutMs: connectTimeoutMs, acquireTimeoutMs: 0, connectTimeoutMs };
  let client: postgres.Sql | undefined;
  let stopped = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;

  async function connect(): Promise<void> {
    const sql: postgres.Sql = postgres(url, {
      ...connectionOptions(timeouts, 'papergraph-listener'),
      max: 1,
      idle_timeout: 0,
      max_lifetime: 0,
      fetch_types: false,
      // Only the current connection's loss counts (not one that failed to start, nor one ended here).
      onclose: () => sql === client && lost(),
      // Options postgres.js has (its own listen uses them) but does not type.
      ...({
        onnotify: (from: string, payload: string) => from === channel && handlers.onPayload(payload),
      } as object),
    });
    try {
      await sql.unsafe(`listen "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      void sql.end({ timeout: 0 });
      throw error;
    }
    if (stopped) return void sql.end({ timeout: 0 });
    client = sql;
    heartbeat = setInterval(() => void check(sql), heartbeatMs);
    heartbeat.unref();
  }

  /** A server that is frozen or cut off closes nothing: only a round trip that never returns tells. */
  async function check(sql: postgres.Sql) {
    const late = setTimeout(() => sql === client && lost(), connectTimeoutMs);
    try {
      await sql`select 1`;
    } catch {
      if (sql === client) lost();
    } finally {
      clearTimeout(late);
    }
  }

  function lost() {
    if (stopped || client === undefined) return;
    const old = client;
    client = undefined;
    clearInterval(heartbeat);
    void old.end({ timeout: 0 });
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (stopped) return;
    const backoff = Math.min(maxBackoffMs, FIRST_BACKOFF_MS * 2 ** failures);
    // Jitter: instances that lost the server together do not all come back in the same instant.
    retry = setTimeout(reconnect, backoff * (0.5 + Math.random() / 2));
  }

  async function reconnect() {
    try {
      await connect();
    } catch {
      failures++;
      return scheduleReconnect();
    }
    failures = 0;
    if (stopped) return;
    handlers.onReconnect();
  }

  await connect();
  return async () => {
    stopped = true;
    clearInterval(heartbeat);
    clearTimeout(retry);
    const sql = client;
    client = undefined;
    await sql?.end({ timeout: 1 });
  };
}
