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

export interface WsResult {
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** A graphql-ws connection used like Apollo's or urql's: queries, mutations and subscriptions all
 *  go over the one socket. `closes` records every time it closed. */
export function connectWs(
  url: string,
  options: { connectionParams?: Record<string, unknown>; headers?: Record<string, string> } = {},
) {
  const closes: Array<{ code: number; reason: string }> = [];
  const headers = options.headers;
  const client = createWsClient({
    url: url.replace(/^http/, 'ws'),
    // The upgrade request's own headers, as a Node.js client can send them.
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    connectionParams: options.connectionParams ?? {},
    // One socket for the client's whole life, as Apollo and urql keep it, however many operations.
    lazy: false,
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closes.push({ code, reason });
      },
    },
  });
  return {
    closes,
    /** The one result of a query or mutation, or the errors of an `error` message for it; rejects
     *  if the socket closes instead. */
    run(query: string, variables?: Record<string, unknown>): Promise<WsResult> {
      return new Promise((resolve, reject) => {
        let result: WsResult = {};
        client.subscribe(
          { query, variables },
          {
            next: (value) => void (result = value as WsResult),
            error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(closed(error))),
            complete: () => resolve(result),
          },
        );
      });
    },
    /** Subscribes on this socket; resolves once `subscribed()` says the server is listening. */
    async subscribe(query: string, subscribed: () => Promise<void>): Promise<Subscription> {
      const { sink, subscription } = queue();
      const unsubscribe = client.subscribe({ query }, sink);
      await subscribed();
      return { ...subscription, close: async () => unsubscribe() };
    },
    close: () => client.dispose(),
  };
}

/** The socket's close event as an error a test report can show. */
function closed(event: unknown): Error {
  const { code, reason } = event as { code?: number; reason?: string };
  return new Error(`socket closed: ${code} ${reason}`);
}

/** Resolves when `condition` holds, polling every few milliseconds (fails after `timeoutMs`). */
export async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
