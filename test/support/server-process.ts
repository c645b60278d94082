// The real server in a child process, for tests that measure it from outside (memory, latency).
// Started from the run's template database (a PGlite dump, or a copy on DATABASE_URL's server).
// Extra environment is read by loadConfig as in production. Over IPC it reports its memory.
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/start.js';
import { createTestDatabase, templateDump } from './test-database.js';

const testDb = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
const server = await startServer(
  loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: testDb?.url }),
  testDb ? {} : { pgliteDir: 'memory://', pgliteDump: await templateDump() },
);

process.on('message', async (message) => {
  if (message === 'memory') {
    // With --expose-gc, what is kept is measured, not garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send!({ rss, heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 });
  } else if (message === 'close') {
    await server.close();
    await testDb?.close();
    process.exit(0);
  }
});
process.send!({ url: server.url });
