// The one module that knows which PostgreSQL runs: a real server through postgres.js when a
// connection URL is given, otherwise PGlite (PostgreSQL compiled to WebAssembly) in-process.
import type { Transaction } from '@electric-sql/pglite';
import type { PgAsyncDatabase, PgAsyncTransaction, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import { lockDataDir } from './pglite-lock.js';
import { NO_TIMEOUTS, openPool, PLAN_FOR_VALUES, type Timeouts } from './postgres-pool.js';
import { listenResiliently, type ListenerOptions, type ListenHandlers } from './resilient-listener.js';
import { cacheRelationalQueries, type RelationalQueryCacheStats } from './relational-query-cache.js';
import { relations, type Relations } from './relations.js';

/** Both drivers' databases share this type, so no other module knows which one runs. */
export type Db = PgAsyncDatabase<PgQueryResultHKT, Relations>;
export type Tx = PgAsyncTransaction<PgQueryResultHKT, Relations>;

export interface DbOptions {
  /** postgres:// URL of a real server. When absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` keeps everything in memory. */
  pgliteDir?: string;
  /** A PGlite data dump (from `dumpDataDir`) to start from: fast test databases. */
  pgliteDump?: Blob;
  /** Connection pool size for postgres.js. */
  poolSize?: number;
  /** Called with every SQL statement drizzle sends (statement counting, debugging). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL server only: statement, acquire and connect timeouts. Default: none (tools). */
  timeouts?: Timeouts;
  /** PostgreSQL server only: how the LISTEN connection notices a loss and comes back. */
  listener?: ListenerOptions;
  /** Reuse built relational queries (relational-query-cache.ts); default true. False: for comparisons. */
  reuseQueryPlans?: boolean;
  /** Check every reuse of a built relational query against a fresh build (tests). */
  verifyQueryPlans?: boolean;
}

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, for the start-up log line (no credentials). */
  location: string;
  close(): Promise<void>;
  /** The rows of a raw SQL statement (the drivers shape `db.execute` results differently). */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * LISTENs on a channel: a dedicated connection on a server, re-established whenever it is lost
   * (then `onReconnect` is called: notifications sent meanwhile are gone), in-process on PGlite.
   * Resolves to a function that stops listening.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /**
   * Bulk-loads rows with COPY inside `tx`, a transaction opened on this database's `db`: the
   * fastest way in. `target` and `text` (UTF-8 chunks) come from drizzle/copy-rows.ts. Plain COPY
   * into the real table, so defaults, generated columns, constraints and triggers all apply.
   */
  copyRows(tx: Tx, target: string, text: Iterable<Buffer>): Promise<void>;
  /** Embedded only: a dump of the data folder, used to clone test databases quickly. */
  dump?(): Promise<Blob>;
  /** How often relational queries reused a built statement (relational-query-cache.ts). */
  queryPlans: RelationalQueryCacheStats;
}

/**
 * The driver's own connection under a drizzle transaction. drizzle keeps it as `session.client`
 * (a postgres.js TransactionSql, or PGlite's Transaction); its API has no other way to run COPY.
 * The tests run COPY on both drivers, so an upgrade that moves it fails loudly.
 */
function driverClient<T>(tx: Tx): T {
  const client = (tx as unknown as { session?: { client?: T } }).session?.client;
  if (!client) throw new Error('copyRows needs a transaction opened with db.transaction()');
  return client;
}

export async function openDatabase(options: DbOptions = {}): Promise<Database> {
  const logger = options.onQuery ? { logQuery: (query: string) => options.onQuery!(query) } : undefined;

  if (options.databaseUrl) {
    const url = options.databaseUrl;
    const timeouts = options.timeouts ?? NO_TIMEOUTS;
    const client = openPool(url, options.poolSize ?? 10, timeouts);
    const db = drizzlePostgres({ client, relations, logger });
    return {
      db,
      queryPlans: reuseQueryPlans(db, options),
      kind: 'postgres',
      location: redactUrl(url),
      close: () => client.end({ timeout: 5 }),
      rows: async <T>(query: SQL) => [...((await db.execute(query)) as Iterable<T>)],
      copyRows: async (tx, target, text) => {
        const sql = driverClient<postgres.TransactionSql>(tx);
        // Streamed: the server parses one chunk while the next is being produced.
        await pipeline(Readable.from(text), await sql.unsafe(`copy ${target} from stdin`).writable());
      },
      listen: (channel, handlers) =>
        listenResiliently(url, channel, handlers, {
          connectTimeoutMs: timeouts.connectTimeoutMs,
          ...options.listener,
        }),
    };
  }

  // Loaded only when used: PGlite's module alone adds ~45 MB to a process that never opens it.
  const [{ PGlite }, { drizzle: drizzlePglite }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  const dataDir = options.pgliteDir ?? 'memory://';
  const unlock = dataDir.startsWith('memory://') ? () => {} : lockDataDir(dataDir);
  // pg_trgm (typo-tolerant search) ships with PGlite as an extension bundle; it must be loaded
  // whenever the data folder has it installed, so it is always passed.
  const client = await PGlite.create(dataDir, { loadDataDir: options.pgliteDump, extensions: { pg_trgm } });
  const db = drizzlePglite({ client, relations, logger });
  return {
    db,
    queryPlans: reuseQueryPlans(db, options),
    kind: 'pglite',
    location: dataDir,
    close: async () => {
      await client.close();
      unlock();
    },
    dump: () => client.dumpDataDir('none'),
    rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    copyRows: async (tx, target, text) => {
      // PGlite reads COPY data from a virtual /dev/blob file that holds the whole blob.
      const blob = new Blob([...text].map((chunk) => new Uint8Array(chunk)));
      await driverClient<Transaction>(tx).query(`copy ${target} from '/dev/blob'`, [], { blob });
    },
    // In-process: the channel cannot be cut off, so onReconnect is never called.
    listen: async (channel, { onPayload }) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
  };
}

function reuseQueryPlans(db: Db, options: DbOptions): RelationalQueryCacheStats {
  if (options.reuseQueryPlans === false) return { reused: 0, built: 0, unplannable: 0 };
  return cacheRelationalQueries(db, { verify: options.verifyQueryPlans });
}

/** The rows of a raw statement, in a transaction or not (the drivers shape results differently). */
export async function rowsIn<T>(executor: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/**
 * Put in a statement whose best plan depends on its parameters' values: it is sent unprepared, so
 * PostgreSQL plans it for the values given (see drizzle/postgres-pool.ts).
 */
export const planForValues = sql.raw(PLAN_FOR_VALUES);

/** The same server URL with another database name (scratch, template and benchmark databases). */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable DATABASE_URL)';
  }
}
