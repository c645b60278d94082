// `npm start`: the only place that opens a port and handles process signals.
import './node-env.js';
import { describeConnectionFailure } from '../drizzle/connection-failure.js';
import { loadConfig, type Config } from './config.js';
import { startServer, type RunningServer } from './start.js';

let config: Config | undefined;
let running: RunningServer;
try {
  config = loadConfig();
  running = await startServer(config);
} catch (error) {
  // One line with the cause and the fix, and a failing exit code; DEBUG=1 for the whole error.
  const cause =
    describeConnectionFailure(error, config?.databaseUrl) ?? (error as Error).message ?? String(error);
  console.error(`PaperGraph could not start: ${cause}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
}

const where =
  running.database.kind === 'pglite'
    ? `embedded PostgreSQL (PGlite) in ${running.database.location}`
    : `PostgreSQL at ${running.database.location}`;
const seeded = running.seeded > 0 ? `; loaded ${running.seeded} seed papers` : '';
console.log(`PaperGraph listening on ${running.url} (GraphiQL in a browser) — database: ${where}${seeded}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests, then closing the database.`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  });
}
