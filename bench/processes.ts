import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type Started = ChildProcess & {
  /** Everything the process printed on stdout so far. */
  output(): string;
};

/** Starts a TypeScript entry point and resolves once its stdout matches `ready`. */
export function startProcess(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  nodeArgs: string[] = [],
): Promise<Started> {
  // BENCH_NODE runs the servers on another Node.js than the bench's own (e.g. an LTS line).
  const child = spawn(process.env.BENCH_NODE || process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const started = Object.assign(child, { output: () => output });
  return new Promise((resolve, reject) => {
    // Read for the process's whole life: a pipe nobody reads would block its writes.
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (ready.test(output)) resolve(started);
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${output}`)));
  });
}

/** SIGTERM, then SIGKILL after `graceMs` for the process and any children it left behind
 *  (the workers of a cluster). */
export async function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const children = childPids(child.pid!).map((pid) => ({ pid, command: commandOf(pid) }));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Only a child still running the same command: its pid cannot have been reused.
  for (const { pid, command } of children) {
    if (command === undefined || commandOf(pid) !== command) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It exited meanwhile.
    }
  }
}

/** The processes whose parent is `pid` (Linux /proc; none elsewhere). */
export function childPids(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry) && parentOf(entry) === pid).map(Number);
}

/** The children of `pid` running the same executable (node): a cluster's workers, not tsx's
 *  esbuild service. */
export function nodeChildPids(pid: number): number[] {
  const executable = (command?: string) => command?.split('\0')[0];
  const own = executable(commandOf(pid));
  return childPids(pid).filter((child) => own !== undefined && executable(commandOf(child)) === own);
}

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
}

function parentOf(pid: string): number | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
