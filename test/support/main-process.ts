// `npm start`'s entry point (server/main.ts) in a child process, as an operator runs it: on a free
// port (PORT=0), configured by environment variables only.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect } from '@jest/globals';

const entryPoint = ['--import', 'tsx', 'server/main.ts'];

function spawnMain(env: Record<string, string>, stdout: 'pipe' | 'ignore'): ChildProcess {
  return spawn(process.execPath, entryPoint, {
    env: { ...process.env, NODE_OPTIONS: '', PORT: '0', HOST: '127.0.0.1', PGLITE_DIR: 'memory://', ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
}

export interface Outcome {
  code: number | null;
  stderr: string;
  ms: number;
}

/** Runs a server that is expected not to start, until it exits. */
export function runMain(env: Record<string, string>): Promise<Outcome> {
  const started = performance.now();
  const child = spawnMain(env, 'ignore');
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr, ms: performance.now() - started })),
  );
}

/** Exit code 1 and exactly one line on stderr, matching `pattern`. */
export function expectOneLine(outcome: Outcome, pattern: RegExp): void {
  expect(outcome.code).toBe(1);
  expect(outcome.stderr.trim().split('\n')).toEqual([expect.stringMatching(pattern)]);
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface MainProcess {
  /** The GraphQL URL from the "listening on" line. */
  url: string;
  process: ChildProcess;
  /** What it printed so far (read for its whole life: a full pipe would block its writes). */
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches `pattern`. */
  printed(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts a server; resolves once it says it listens. Its stderr goes to the test's too. */
export function startMain(env: Record<string, string>): Promise<MainProcess> {
  const child = spawnMain(env, 'pipe');
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    for (const waiter of waiters) waiter();
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    process.stderr.write(chunk);
  });
  const printed = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`not printed within ${timeoutMs} ms: ${pattern}; stdout: ${stdout}`));
      }, timeoutMs);
      const check = () => {
        if (!pattern.test(stdout)) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return new Promise((resolve, reject) => {
    const listening = () => {
      const url = /listening on (http:\/\/\S+\/graphql)/.exec(stdout)?.[1];
      if (!url) return;
      waiters.delete(listening);
      resolve({ url, process: child, stdout: () => stdout, stderr: () => stderr, printed });
    };
    waiters.add(listening);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stdout}${stderr}`)));
  });
}

/** SIGTERM, and the exit code once it exited (null if a signal ended it). */
export async function stopMain(server: MainProcess): Promise<number | null> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}
