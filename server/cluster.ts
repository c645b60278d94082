// `npm start` with WORKERS > 1, the primary process. It serves no request itself: it checks the
// port, migrates and seeds once, then forks the workers (server/cluster-worker.ts), which share the
// port through node:cluster. It replaces a worker that dies, and on SIGINT/SIGTERM has every worker
// drain before it exits itself.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';
import type { WorkerMessage } from './cluster-worker.js';
import { createHttpServer } from './http-server.js';
import { setUpDatabase } from './start.js';
import type { DatabaseDescription } from './start-up-report.js';

/** After the workers' grace period: time for each to close its database before it is killed. */
const SHUTDOWN_MARGIN_MS = 5_000;
/** The back-off counts the deaths of the last minute. */
const DEATHS_WINDOW_MS = 60_000;
const MAX_REPLACEMENT_DELAY_MS = 30_000;

export interface RunningCluster {
  url: string;
  database: DatabaseDescription;
  seeded: number;
}

/**
 * Resolves once every worker listens. Rejects, after stopping the others, with the cause when the
 * port or the database cannot be set up or a worker cannot start: the server does not run short.
 */
export async function startCluster(config: Config): Promise<RunningCluster> {
  // As with one process: a port in use or a foreign HOST is reported before the database is touched.
  const probe = createHttpServer();
  await probe.listen(config.port, config.host);
  await probe.drain(0);
  const seeded = await setUpDatabase(config);

  const live = new Set<Worker>();
  const deaths: number[] = [];
  const pendingReplacements = new Set<NodeJS.Timeout>();
  let started = false;
  let announced: string | undefined;
  let stopped: Promise<boolean> | undefined;

  /** Signals every worker and resolves once all exited: true if each drained and exited cleanly. */
  function stopWorkers(signal: NodeJS.Signals): Promise<boolean> {
    stopped ??= new Promise((resolve) => {
      for (const timer of pendingReplacements) clearTimeout(timer);
      let clean = true;
      const stragglers = setTimeout(() => {
        for (const worker of live) {
          console.error(`Worker ${worker.process.pid} still running after the grace period: killed.`);
          clean = false;
          worker.process.kill('SIGKILL');
        }
      }, config.shutdownGraceMs + SHUTDOWN_MARGIN_MS);
      const exited = (worker: Worker, code: number | null, exitSignal: string | null) => {
        // A worker still starting has no handler yet and dies of the signal itself: that is clean too.
        if (code !== 0 && exitSignal !== signal) clean = false;
        live.delete(worker);
        if (live.size > 0) return;
        clearTimeout(stragglers);
        resolve(clean);
      };
      if (live.size === 0) {
        clearTimeout(stragglers);
        return resolve(clean);
      }
      for (const worker of live) {
        worker.once('exit', (code, exitSignal) => exited(worker, code, exitSignal));
        worker.process.kill(signal);
      }
    });
    return stopped;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopped) return;
      console.log(
        `${signal} received: stopping ${live.size} worker${live.size === 1 ? '' : 's'}; each finishes its in-flight requests, then closes its database.`,
      );
      void stopWorkers(signal).then((clean) => process.exit(clean ? 0 : 1));
    });
  }

  return new Promise((resolve, reject) => {
    let waiting = config.workers;

    function fork(replacing?: number) {
      // Replacements listen with the same PORT as the others: node:cluster hands them the port they
      // hold (with PORT=0, a new one only if none is left holding it).
      const worker = cluster.fork();
      live.add(worker);
      let failure: string | undefined;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'failed') failure = message.cause;
        if (message.type !== 'listening') return;
        if (replacing !== undefined) {
          const moved = message.url === announced ? '' : ` on ${message.url}`;
          console.log(`Worker ${worker.process.pid} serves${moved} in place of worker ${replacing}.`);
        } else if (--waiting === 0) {
          started = true;
          announced = message.url;
          resolve({ url: message.url, database: message.database, seeded });
        }
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        if (stopped) return; // expected: stopWorkers counts it
        const exited = `exited (${signal ?? `exit code ${code}`})`;
        if (started)
          return replace(worker.process.pid!, failure ? `could not start: ${failure}` : `${exited}.`);
        void stopWorkers('SIGTERM').then(() =>
          reject(new Error(failure ?? `a worker ${exited} during start-up.`)),
        );
      });
    }

    /**
     * `what` says what happened, as a sentence. What died with the worker is lost: its requests in
     * flight, and a connection the primary was handing over to it at that instant, which node:cluster
     * keeps unanswered until the client gives up (it waits for an acknowledgement that never comes).
     */
    function replace(pid: number, what: string) {
      const now = Date.now();
      while (deaths.length > 0 && now - deaths[0]! > DEATHS_WINDOW_MS) deaths.shift();
      deaths.push(now);
      // The first death in a minute is replaced at once, each further one twice as late as the one
      // before (1 s, 2 s, … 30 s): a worker that cannot start does not keep the CPU busy forking.
      const delay =
        deaths.length === 1 ? 0 : Math.min(MAX_REPLACEMENT_DELAY_MS, 1_000 * 2 ** (deaths.length - 2));
      const when = delay === 0 ? 'now' : `in ${delay / 1_000} s (${deaths.length} deaths in the last minute)`;
      console.error(`Worker ${pid} ${what} Replacing it ${when}.`);
      const timer = setTimeout(() => {
        pendingReplacements.delete(timer);
        fork(pid);
      }, delay);
      pendingReplacements.add(timer);
    }

    for (let i = 0; i < config.workers; i++) fork();
  });
}
