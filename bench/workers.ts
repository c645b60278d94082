// PaperGraph with WORKERS=2 (node:cluster), for W1 on two processes. A server/main.ts that does
// not know WORKERS starts one process and says nothing about workers: the row is then skipped with
// a note rather than reported as a second measurement of one worker.
import { nodeChildPids, stopProcess, type Started } from './processes.js';

export interface WorkersProcess {
  process?: Started;
  /** What was seen: why the row runs, or why it is skipped. */
  note: string;
}

const SETTLE_MS = 5_000;

export async function startWorkers(start: () => Promise<Started>, workers: number): Promise<WorkersProcess> {
  let child: Started;
  try {
    child = await start();
  } catch (error) {
    return { note: `WORKERS=${workers} did not start: ${firstLine(String(error))}` };
  }
  // The first "listening on" may come from the first worker: give the others time to say so too.
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline && !(mentionsWorkers(child) && nodeChildPids(child.pid!).length >= workers)) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const processes = nodeChildPids(child.pid!).length;
  if (!mentionsWorkers(child)) {
    await stopProcess(child);
    return {
      note: `with WORKERS=${workers} the server printed nothing about workers (${processes} child processes): this server/main.ts does not support WORKERS yet, so the row is skipped`,
    };
  }
  return {
    process: child,
    note: `WORKERS=${workers}: ${processes} worker processes; the server said: ${firstLine(child.output().match(/.*worker.*/i)![0])}`,
  };
}

const mentionsWorkers = (child: Started) => /worker/i.test(child.output());
const firstLine = (text: string) => text.split('\n')[0]!.trim();
