// Opens the database, brings it up to date, and serves the app over HTTP.
import { openDatabase, type Database, type DbOptions } from '../drizzle/db.js';
import { migrateDatabase } from '../drizzle/migrate.js';
import type { Config } from './config.js';
import { createHttpServer } from './http-server.js';
import { startEventHub, type RunningEventHub } from './events/event-hub.js';
import { seedIfEmpty } from './seed.js';
import { attachWebSocket } from './websocket.js';
import { createApp } from './yoga.js';

export interface RunningServer {
  url: string;
  database: Database;
  events: RunningEventHub;
  seeded: number;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes the database. */
  close(): Promise<void>;
}

export interface StartOptions
  extends Pick<DbOptions, 'pgliteDir' | 'pgliteDump' | 'listener' | 'reuseQueryPlans'> {
  /**
   * A cluster's worker (server/cluster-worker.ts): the primary checked the port and migrated and
   * seeded before forking it, so it does neither. It binds last: node:cluster hands a worker its
   * share of connections as soon as it listens, and one still starting would refuse them with
   * 503 STARTING while the others could serve them.
   */
  clusterWorker?: boolean;
}

export async function startServer(
  config: Config,
  { clusterWorker = false, ...dbOptions }: StartOptions = {},
): Promise<RunningServer> {
  // The port first (a cluster's worker: last, see StartOptions): a port in use is reported at once,
  // before the database is opened or migrated.
  const http = createHttpServer();
  const listen = () => http.listen(config.port, config.host);
  let port = clusterWorker ? undefined : await listen();
  let database: Database | undefined;
  let events: RunningEventHub | undefined;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: config.pgliteDir,
      poolSize: config.databasePoolSize,
      timeouts: config.databaseTimeouts,
      ...dbOptions,
    });
    const seeded = clusterWorker
      ? 0
      : database.kind === 'pglite'
        ? await migrateAndSeed(database)
        : await setUpDatabase(config);
    events = await startEventHub(database);
    const app = createApp(database, events, { ...config, isDraining: http.isDraining });
    const closeWebSocket = attachWebSocket(http.server, app);
    http.serve(app);
    port ??= await listen();
    const opened = database;
    const hub = events;
    return {
      url: `http://localhost:${port}/graphql`,
      database: opened,
      events: hub,
      seeded,
      close: async () => {
        // Subscriptions first: their streams complete, so open SSE responses and WebSocket
        // operations end now instead of holding shutdown for the whole grace period.
        await hub.close();
        await closeWebSocket();
        await http.drain(config.shutdownGraceMs);
        await opened.close();
      },
    };
  } catch (error) {
    await events?.close();
    await http.drain(0);
    await database?.close();
    throw error;
  }
}

/**
 * Migrates and seeds a PostgreSQL server (DATABASE_URL), on a connection of its own; resolves to the
 * number of seed papers loaded. A cluster's primary calls it once, before forking the workers.
 */
export function setUpDatabase(config: Config): Promise<number> {
  return withSetupConnection(config, migrateAndSeed);
}

async function migrateAndSeed(database: Database): Promise<number> {
  await migrateDatabase(database);
  return seedIfEmpty(database.db);
}

/**
 * On a server, migrating and seeding use a connection of their own without the request timeouts:
 * a migration may take longer than any request should. (PGlite is in-process, one connection.)
 */
async function withSetupConnection<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const setup = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  try {
    return await work(setup);
  } finally {
    await setup.close();
  }
}
