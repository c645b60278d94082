import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type Started = ChildProcess & {
  /** Everything the process printed on stdout so far. */
  output(): string;
};

export interface StartOptions {
  /** Options for node itself (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** The Node.js to run: BENCH_NODE (e.g. an LTS line) or the bench's own by default. */
  node?: string;
}

/** Starts a TypeScript entry point and resolves once its stdout matches `ready`. */
export function startProcess(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  { nodeArgs = [], node = process.env.BENCH_NODE || process.execPath }: StartOptions = {},
): Promise<Started> {
  const child = spawn(node, [...nodeArgs, '--import', 'tsx', entry], {
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

/**
 * PaperGraph (`checkout`/server/main.ts) as the benchmarks run it: on `port` of 127.0.0.1 over the
 * bench database, rate limits out of the way (the load is many requests from one address and a
 * few users); `env` adds to or overrides that.
 */
export function startPaperGraph(
  databaseUrl: string,
  port: string,
  env: Record<string, string> = {},
  { checkout = '.', ...options }: StartOptions & { checkout?: string } = {},
): Promise<Started> {
  return startProcess(
    `${checkout}/server/main.ts`,
    {
      DATABASE_URL: databaseUrl,
      PORT: port,
      HOST: '127.0.0.1',
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      ...env,
    },
    /listening on/,
    options,
  );
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
  const ppid = procStat(pid)?.[1];
  return ppid === undefined ? undefined : Number(ppid);
}

/**
 * The fields of /proc/PID/stat after the command name, or undefined when there is no such process:
 * [0] the state (R, S, Z…), [1] the parent's pid, [11] and [12] user and system CPU in clock ticks.
 * The name is skipped by its closing parenthesis: it may hold spaces.
 */
export function procStat(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
