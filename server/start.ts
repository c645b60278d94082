// Opens the database, brings it up to date, and serves the app over HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database, type DbOptions } from '../drizzle/db.js';
import { migrateDatabase } from '../drizzle/migrate.js';
import type { Config } from './config.js';
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

export async function startServer(
  config: Config,
  dbOptions: Partial<DbOptions> = {},
): Promise<RunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    ...dbOptions,
  });
  try {
    await migrateDatabase(database);
    const seeded = await seedIfEmpty(database.db);
    const events = await startEventHub(database);
    const app = createApp(database, events, config);
    const server = createServer(app);
    const closeWebSocket = attachWebSocket(server, app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://localhost:${port}/graphql`,
      database,
      events,
      seeded,
      close: async () => {
        // Subscriptions first: their streams complete, so open SSE responses and WebSocket
        // operations end now instead of holding shutdown for the whole grace period.
        await events.close();
        await closeWebSocket();
        await closeServer(server, config.shutdownGraceMs);
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}
