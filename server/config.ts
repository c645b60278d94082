// Environment variables are read and checked here, once; everything else takes a Config.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Timeouts } from '../drizzle/postgres-pool.js';
import { parseTrustedProxies, type TrustProxy } from './client-address.js';
import type { RateLimits } from './plugins/rate-limit.js';

export interface Config {
  /** Server processes (node:cluster) sharing the port; 1 is a single process without a cluster. */
  workers: number;
  port: number;
  host: string;
  /** Set: a PostgreSQL server through postgres.js. Unset: embedded PGlite in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir: string;
  /** PostgreSQL server only: connections per instance. */
  databasePoolSize: number;
  /** PostgreSQL server only: how long the server waits on the database before answering 503. */
  databaseTimeouts: Timeouts;
  /** Requests with a larger body are refused with 413. */
  maxBodyBytes: number;
  /** How long shutdown waits for in-flight requests before closing their connections. */
  shutdownGraceMs: number;
  rateLimits: RateLimits;
  /** How long an anonymous read may be answered from the response cache; 0 turns it off. */
  responseCacheTtlMs: number;
  /** Introspection, GraphiQL (which needs it) and "Did you mean" suggestions in errors. */
  introspection: boolean;
  /** Which peers are believed when X-Forwarded-For names the client (rate limits by address). */
  trustedProxies: TrustProxy;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config: Config = {
    workers: workers(env.WORKERS),
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: databaseUrl(env.DATABASE_URL),
    pgliteDir: resolve(env.PGLITE_DIR || '.data'),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1_000),
    databaseTimeouts: {
      statementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 0, 3_600_000),
      acquireTimeoutMs: integer(env, 'DATABASE_ACQUIRE_TIMEOUT_MS', 3_000, 0, 600_000),
      connectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5_000, 1_000, 600_000),
    },
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 100_000, 1_000, 100_000_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    responseCacheTtlMs: integer(env, 'RESPONSE_CACHE_TTL_MS', 10_000, 0, 3_600_000),
    rateLimits: {
      mutationsPerMinute: integer(env, 'RATE_LIMIT_MUTATIONS_PER_MINUTE', 120, 1, 1_000_000),
      authAttemptsPerMinute: integer(env, 'RATE_LIMIT_AUTH_PER_MINUTE', 30, 1, 1_000_000),
    },
    // On by default except in production on a PostgreSQL server: the embedded database is the
    // machine someone explores PaperGraph on (`npm start` defaults NODE_ENV to production).
    introspection: boolean(env, 'GRAPHQL_INTROSPECTION', env.NODE_ENV !== 'production' || !env.DATABASE_URL),
    trustedProxies: trustedProxies(env.TRUSTED_PROXIES ?? ''),
  };
  if (config.workers > 1 && !config.databaseUrl) {
    const how =
      env.WORKERS === 'auto'
        ? `WORKERS=auto (${config.workers} on this machine)`
        : `WORKERS=${config.workers}`;
    throw new Error(
      `${how} needs DATABASE_URL: the embedded database (PGlite) belongs to one process, which locks its data folder — set DATABASE_URL to a PostgreSQL server, or WORKERS=1.`,
    );
  }
  return config;
}

/** A whole number of processes, or `auto`: one per core the process may use. */
function workers(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  if (raw === 'auto') return availableParallelism();
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_WORKERS) {
    throw new Error(
      `WORKERS must be a whole number from 1 to ${MAX_WORKERS}, or auto (one per CPU core); got "${raw}".`,
    );
  }
  return value;
}

/** Far above any core count: a typo such as 40000 is refused instead of forking for minutes. */
const MAX_WORKERS = 1_024;

/** A postgres:// URL, or unset. Anything else is refused here: `localhost:5432/db` parses as a
 *  URL of scheme "localhost:" and reached the driver as database "432/db". */
function databaseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let scheme: string | undefined;
  try {
    scheme = new URL(raw).protocol;
  } catch {
    // not a URL at all
  }
  if (scheme !== 'postgres:' && scheme !== 'postgresql:') {
    throw new Error(
      `DATABASE_URL must be a URL such as postgres://user:password@localhost:5432/papergraph; got "${raw.replace(/:[^:@/]*@/, ':***@')}".`,
    );
  }
  return raw;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new Error(`${name} must be true or false; got "${raw}".`);
  return raw === 'true';
}

function trustedProxies(raw: string): TrustProxy {
  try {
    return parseTrustedProxies(raw);
  } catch (error) {
    throw new Error(
      `TRUSTED_PROXIES must be a number of hops or a comma-separated list of addresses and CIDR ranges; got "${raw}" (${(error as Error).message}).`,
    );
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}
