// `npm start`: one server process, or with WORKERS > 1 a primary that forks that many (cluster.ts),
// each of them a server (cluster-worker.ts). Only these open the port and handle process signals.
import './node-env.js';
import cluster from 'node:cluster';
import { loadConfig, type Config } from './config.js';
import { startCluster } from './cluster.js';
import { runWorker } from './cluster-worker.js';
import { startServer } from './start.js';
import { listeningLine, startUpFailure } from './start-up-report.js';
import { stopOnSignal } from './stop-on-signal.js';

if (cluster.isWorker) {
  await runWorker();
} else {
  let config: Config | undefined;
  try {
    config = loadConfig();
    if (config.workers > 1) {
      const running = await startCluster(config);
      console.log(listeningLine(running.url, running.database, running.seeded, config.workers));
    } else {
      const running = await startServer(config);
      console.log(listeningLine(running.url, running.database, running.seeded));
      stopOnSignal(running, (signal) =>
        console.log(`${signal} received: finishing in-flight requests, then closing the database.`),
      );
    }
  } catch (error) {
    // One line with the cause and the fix, and a failing exit code; DEBUG=1 for the whole error.
    console.error(`PaperGraph could not start: ${startUpFailure(error, config?.databaseUrl)}`);
    if (process.env.DEBUG) console.error(error);
    process.exit(1);
  }
}
