// Real subscription clients for tests: graphql-sse (over yoga.fetch or HTTP) and graphql-ws.
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscription<T = any> {
  /** The next result, or a failure after `timeoutMs`. */
  next(timeoutMs?: number): Promise<T>;
  /** Resolves true if no result arrives within `ms`. */
  quietFor(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

interface Sink {
  next(value: any): void;
  error(error: unknown): void;
  complete(): void;
}

function queue(): { sink: Sink; subscription: Omit<Subscription, 'close'> } {
  const results: any[] = [];
  const waiters: Array<(value: any) => void> = [];
  let failure: unknown;
  const push = (value: any) => {
    const waiter = waiters.shift();
    if (waiter) waiter(value);
    else results.push(value);
  };
  const take = (timeoutMs: number) =>
    new Promise<any>((resolve, reject) => {
      if (failure) return reject(failure);
      if (results.length > 0) return resolve(results.shift());
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no subscription result within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (value: any) => {
        clearTimeout(timer);
        resolve(value);
      };
      waiters.push(waiter);
    });
  return {
    sink: {
      next: (value) => push(value),
      error: (error) => {
        failure = error;
      },
      complete: () => {},
    },
    subscription: {
      next: (timeoutMs = 5_000) => take(timeoutMs),
      quietFor: (ms) =>
        take(ms).then(
          () => false,
          () => true,
        ),
    },
  };
}

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Subscribes over GraphQL-over-SSE; resolves once the server has answered, which it does only
 *  after the subscription is listening. */
export async function subscribeSse(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; headers?: Record<string, string>; fetchFn?: Fetch } = {},
): Promise<Subscription> {
  const { sink, subscription } = queue();
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const fetchFn: Fetch = async (input, init) => {
    const response = await (options.fetchFn ?? fetch)(input, init);
    connected();
    return response;
  };
  const client = createSseClient({ url, fetchFn, headers: options.headers, retryAttempts: 0 });
  const unsubscribe = client.subscribe({ query, variables: options.variables }, sink);
  await ready;
  return {
    ...subscription,
    close: async () => {
      unsubscribe();
      client.dispose();
    },
  };
}

/** Subscribes over graphql-ws; resolves once `subscribed()` says the server is listening. */
export async function subscribeWs(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; subscribed: () => Promise<void> },
): Promise<Subscription> {
  const { sink, subscription } = queue();
  let acknowledged!: () => void;
  const ready = new Promise<void>((resolve) => (acknowledged = resolve));
  const client = createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
    retryAttempts: 0,
    on: { connected: () => acknowledged() },
  });
  const unsubscribe = client.subscribe({ query, variables: options.variables }, sink);
  await ready;
  await options.subscribed();
  return {
    ...subscription,
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}

/** Resolves when `condition` holds, polling every few milliseconds (fails after `timeoutMs`). */
export async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
