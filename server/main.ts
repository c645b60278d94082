// `npm start`: the only place that opens a port and handles process signals.
import { loadConfig } from './config.js';
import { startServer } from './start.js';

const config = loadConfig();
const running = await startServer(config);
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
