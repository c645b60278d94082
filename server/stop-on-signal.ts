// SIGINT/SIGTERM to a process that serves (alone, or as a cluster's worker): it drains, then exits.
import type { RunningServer } from './start.js';

/** The first signal closes `running` (see its close()); exit code 0 once it has, 1 if closing failed. */
export function stopOnSignal(running: RunningServer, announce?: (signal: NodeJS.Signals) => void): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // Ctrl-C reaches a cluster's workers twice: from the terminal and relayed by the primary.
      if (stopping) return;
      stopping = true;
      announce?.(signal);
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('Shutdown failed:', error);
          process.exit(1);
        },
      );
    });
  }
}
