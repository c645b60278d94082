// The postgres.js pool behind `openDatabase` on a PostgreSQL server: TCP without Nagle's delay,
// named prepared statements, and deadlines, so that no caller waits without end on a server that
// restarts, is cut off or stops answering. postgres.js reconnects by itself; the deadlines make
// what happens meanwhile fail fast with DatabaseUnavailableError.
import { Socket } from 'node:net';
import postgres from 'postgres';
import { DatabaseUnavailableError } from './database-unavailable.js';

export interface Timeouts {
  /** PostgreSQL's statement_timeout on every connection; 0: none. */
  statementTimeoutMs: number;
  /** How long a statement or transaction may wait to start (a free connection, the server back); 0: forever. */
  acquireTimeoutMs: number;
  /** How long opening a connection may take, in ms. */
  connectTimeoutMs: number;
}

/** No timeouts: command-line tools (imports, seeding, migrations) may run statements for minutes. */
export const NO_TIMEOUTS: Timeouts = { statementTimeoutMs: 0, acquireTimeoutMs: 0, connectTimeoutMs: 30_000 };

/** After statement_timeout, how long the server gets to report its own cancellation. */
const RUN_GRACE_MS = 2_000;

export function connectionOptions(timeouts: Timeouts, applicationName: string): postgres.Options<{}> {
  return {
    onnotice: () => {},
    connect_timeout: Math.max(1, Math.ceil(timeouts.connectTimeoutMs / 1000)),
    // Seconds before reconnecting after the n-th failure in a row. postgres.js's default grows to
    // 10–20 s, so reads stayed down that long after the server was back; this caps it at 1 s.
    backoff: (failures: number) => Math.min(0.05 * 2 ** failures, 1) * (0.5 + Math.random() / 2),
    // JIT compiles plans whose estimated cost is high, for 100–250 ms here: a loss for statements
    // that run in milliseconds (a prepared feed page's generic plan took 300 ms, 244 of them JIT).
    connection: {
      application_name: applicationName,
      jit: 'off',
      ...(timeouts.statementTimeoutMs > 0 ? { statement_timeout: timeouts.statementTimeoutMs } : {}),
    },
    ...({ socket: connectWithoutDelay } as object), // an option postgres.js has but does not type
  };
}

export function openPool(url: string, poolSize: number, timeouts: Timeouts): postgres.Sql {
  const client = postgres(url, { max: poolSize, ...connectionOptions(timeouts, 'papergraph') });
  return withDeadlines(preparingStatements(client), timeouts);
}

/**
 * A TCP connection with Nagle's algorithm off, as node-postgres and libpq use. postgres.js leaves
 * it on, so a short message sent while data is unacknowledged (the end of every COPY) waits for a
 * delayed ACK: about 40 ms each time, which halved bulk-load speed.
 *
 * The socket is returned while it connects, as postgres.js's own is: a refused or failed connect
 * then reaches postgres.js as the socket's `error` and `close` events and takes its reconnect
 * path. (Awaiting `connect` here and throwing instead left postgres.js's connection stuck in its
 * connecting state: after a server restart every query waited for ever.) Hosts of a multi-host
 * URL are tried in turn, one per attempt.
 */
function connectWithoutDelay(options: { host: string[]; port: number[]; path?: string | false }): Socket {
  const socket = new Socket();
  socket.setNoDelay(true);
  if (options.path) return socket.connect(options.path);
  const i = nextHost++ % options.host.length;
  return socket.connect(options.port[i] ?? options.port[0] ?? 5432, options.host[i]!);
}
let nextHost = 0;

/**
 * Put in a statement whose best plan depends on its parameters' values (how many papers a search
 * matches decides between walking the newest papers and a full-text index scan). It is sent
 * unprepared, so PostgreSQL plans it for the values given instead of reusing a generic plan.
 */
export const PLAN_FOR_VALUES = '/* planned for its values */';
/** Distinct statement texts prepared per process: a bound on PostgreSQL's memory per connection. */
const MAX_PREPARED_TEXTS = 500;

/**
 * drizzle asks postgres.js for unnamed statements unless a query is `.prepare()`d, and for those
 * postgres.js spends an extra round trip describing the parameters, then PostgreSQL parses and
 * plans again: half the time of a signed-in feed request. The plugin builds the same text for the
 * same GraphQL selection, so named statements, cached per connection by postgres.js, are reused.
 * Every distinct text would stay prepared on every connection (postgres.js keeps them until the
 * connection is recycled), and clients can make up selections without end: only the first
 * MAX_PREPARED_TEXTS distinct texts are prepared, later ones run as before. Statements marked with
 * `planForValues`, and transactions (writes), keep drizzle's default.
 */
function preparingStatements(client: postgres.Sql): postgres.Sql {
  const prepared = new Set<string>();
  const shouldPrepare = (query: string) => {
    if (prepared.has(query)) return true;
    if (prepared.size >= MAX_PREPARED_TEXTS || query.includes(PLAN_FOR_VALUES)) return false;
    prepared.add(query);
    return true;
  };
  const unsafe: postgres.Sql['unsafe'] = (query, parameters, options) =>
    client.unsafe(query, parameters, { ...options, prepare: shouldPrepare(query) });
  return new Proxy(client, { get: (target, key) => (key === 'unsafe' ? unsafe : Reflect.get(target, key)) });
}

/**
 * Statements (drizzle runs each through `unsafe`) and transactions (`begin`) that have not started
 * within the acquire timeout, or not finished within it plus the statement timeout, fail with
 * DatabaseUnavailableError. PostgreSQL enforces statement_timeout itself while it answers; this
 * bounds the wait when it does not (a paused or cut-off server, a pool waiting to reconnect).
 * A statement past its deadline is cancelled (dropped from the queue, or a cancel request sent);
 * a transaction past it is left to roll back when its connection fails or the server returns.
 */
function withDeadlines(client: postgres.Sql, timeouts: Timeouts): postgres.Sql {
  const { acquireTimeoutMs, statementTimeoutMs } = timeouts;
  if (acquireTimeoutMs <= 0) return client;
  // Without a statement timeout, a statement that started may run as long as it needs.
  const runLimitMs = statementTimeoutMs > 0 ? acquireTimeoutMs + statementTimeoutMs + RUN_GRACE_MS : 0;

  const unsafe = ((...args: Parameters<postgres.Sql['unsafe']>) => {
    // postgres.js's query: a promise with its state (set once handed to a connection) and cancel().
    const pending = client.unsafe(...args) as unknown as Promise<unknown> & {
      state: unknown;
      cancel(): unknown;
    };
    const then = pending.then;
    // postgres.js sends a query when it is first awaited: the clock starts there.
    pending.then = function (onFulfilled, onRejected) {
      return deadline(
        (resolve, reject) => void then.call(pending, resolve, reject),
        () => pending.state !== null,
        () => void pending.cancel(),
      ).then(onFulfilled, onRejected);
    } as typeof then;
    return pending;
  }) as unknown as postgres.Sql['unsafe'];

  const begin = ((...args: unknown[]) => {
    const body = args.pop() as (sql: postgres.TransactionSql) => unknown;
    let started = false;
    let abandoned = false;
    return deadline<unknown>(
      (resolve, reject) =>
        void (client.begin as (...a: unknown[]) => Promise<unknown>)(
          ...args,
          (sql: postgres.TransactionSql) => {
            // Too late: the caller was already told the database is unavailable.
            if (abandoned)
              throw new DatabaseUnavailableError(
                'Transaction abandoned after its deadline.',
                'acquire-timeout',
              );
            started = true;
            return body(sql);
          },
        ).then(resolve, reject),
      () => started,
      () => void (abandoned = true),
    );
  }) as postgres.Sql['begin'];

  /** Runs `start`, failing it when it has not `begun()` by the acquire timeout or finished by the run limit. */
  function deadline<T>(
    start: (resolve: (value: T) => void, reject: (error: unknown) => void) => void,
    begun: () => boolean,
    abandon: () => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const giveUp = (message: string, reason: 'acquire-timeout' | 'run-timeout') => {
        abandon();
        reject(new DatabaseUnavailableError(message, reason));
      };
      let timer = setTimeout(() => {
        if (!begun())
          return giveUp(`No database connection within ${acquireTimeoutMs} ms.`, 'acquire-timeout');
        if (runLimitMs === 0) return;
        timer = setTimeout(
          () => giveUp(`The database did not answer within ${runLimitMs} ms.`, 'run-timeout'),
          runLimitMs - acquireTimeoutMs,
        );
      }, acquireTimeoutMs);
      start(
        (value) => (clearTimeout(timer), resolve(value)),
        (error) => (clearTimeout(timer), reject(error)),
      );
    });
  }

  return new Proxy(client, {
    get: (target, key) => (key === 'unsafe' ? unsafe : key === 'begin' ? begin : Reflect.get(target, key)),
  });
}
