// A worker of `npm start` with WORKERS > 1: a whole server (its own database pool, its own LISTEN
// connection) on the port node:cluster shares, started without migrating: the primary did, once,
// before forking it. It tells the primary over IPC that it listens, or why it could not start, and
// drains on SIGTERM as a single process does. Should the primary die, node:cluster itself ends the
// worker when the IPC channel closes, so no worker outlives it.
import { loadConfig, type Config } from './config.js';
import { startServer, type RunningServer } from './start.js';
import { startUpFailure, type DatabaseDescription } from './start-up-report.js';
import { stopOnSignal } from './stop-on-signal.js';

export type WorkerMessage =
  | { type: 'listening'; url: string; database: DatabaseDescription }
  | { type: 'failed'; cause: string };

export async function runWorker(): Promise<void> {
  let config: Config | undefined;
  let running: RunningServer;
  try {
    config = loadConfig();
    running = await startServer(config, { clusterWorker: true });
  } catch (error) {
    if (process.env.DEBUG) console.error(error);
    // The primary prints the cause; exit once the message is out.
    tell({ type: 'failed', cause: startUpFailure(error, config?.databaseUrl) }, () => process.exit(1));
    return;
  }
  stopOnSignal(running);
  const { kind, location } = running.database;
  tell({ type: 'listening', url: running.url, database: { kind, location } });
}

function tell(message: WorkerMessage, then?: () => void) {
  process.send!(message, undefined, undefined, then);
}
