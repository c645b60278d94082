// The one module that knows which PostgreSQL runs: a real server through postgres.js when a
// connection URL is given, otherwise PGlite (PostgreSQL compiled to WebAssembly) in-process.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgAsyncDatabase, PgAsyncTransaction, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDir } from './pglite-lock.js';
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
}

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, for the start-up log line (no credentials). */
  location: string;
  close(): Promise<void>;
  /**
   * LISTENs on a channel: a dedicated connection on a server (postgres.js keeps one for all
   * channels), in-process on PGlite. Resolves to a function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Embedded only: a dump of the data folder, used to clone test databases quickly. */
  dump?(): Promise<Blob>;
}

export async function openDatabase(options: DbOptions = {}): Promise<Database> {
  const logger = options.onQuery ? { logQuery: (query: string) => options.onQuery!(query) } : undefined;

  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      connection: { application_name: 'papergraph' },
    });
    const db = drizzlePostgres({ client, relations, logger });
    return {
      db,
      kind: 'postgres',
      location: redactUrl(options.databaseUrl),
      close: () => client.end({ timeout: 5 }),
      listen: async (channel, onPayload) => {
        const { unlisten } = await client.listen(channel, onPayload);
        return unlisten;
      },
    };
  }

  const dataDir = options.pgliteDir ?? 'memory://';
  const unlock = dataDir.startsWith('memory://') ? () => {} : lockDataDir(dataDir);
  // pg_trgm (typo-tolerant search) ships with PGlite as an extension bundle; it must be loaded
  // whenever the data folder has it installed, so it is always passed.
  const client = await PGlite.create(dataDir, { loadDataDir: options.pgliteDump, extensions: { pg_trgm } });
  const db = drizzlePglite({ client, relations, logger });
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    close: async () => {
      await client.close();
      unlock();
    },
    dump: () => client.dumpDataDir('none'),
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
  };
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
