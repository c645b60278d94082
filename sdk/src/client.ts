// createClient: one typed method per operation in sdk/operations/, plus `request` for any typed
// document, `subscribe.*` async iterables and `paginate.*` node iterators.
import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { connections, mutations, queries, resumable, subscriptions } from './generated/operations.js';
import { post, type Fetch } from './http.js';
import { paginate } from './paginate.js';
import type { RetryOptions } from './retry.js';
import { createSubscriber, type Transport } from './subscriptions.js';

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A token from signUp/logIn, sent as `Authorization: Bearer <token>`. */
  token?: string | null;
  /** A fetch implementation; defaults to the global one (Node.js 18+, browsers). */
  fetch?: Fetch;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** How subscriptions travel: Server-Sent Events (default) or WebSocket (graphql-ws). */
  transport?: Transport;
  /** For `transport: 'websocket'` where there is no global WebSocket (Node.js 20): the `ws` package's class. */
  webSocketImpl?: unknown;
  /**
   * Subscriptions whose connection fails or drops (server down or restarting) reconnect `attempts`
   * times in a row, `delayMs` apart, then throw NETWORK_ERROR. Default `{ attempts: 3, delayMs: 1000 }`.
   */
  retry?: RetryOptions;
}

/** The variables argument: optional when every variable is. */
type Args<D> = {} extends VariablesOf<D> ? [variables?: VariablesOf<D>] : [variables: VariablesOf<D>];

type Operations<Map> = {
  [K in keyof Map]: (...args: Args<Map[K]>) => Promise<ResultOf<Map[K]>>;
};

type Streams<Map> = {
  [K in keyof Map]: (...args: Args<Map[K]>) => AsyncIterableIterator<ResultOf<Map[K]>>;
};

type At<T, Path> = Path extends readonly [infer Head, ...infer Rest]
  ? At<NonNullable<T>[Head & keyof NonNullable<T>], Rest>
  : NonNullable<T>;
type NodeOf<Connection> = Connection extends { edges: ReadonlyArray<{ node: infer Node }> } ? Node : never;

type Pagers<Map> = {
  [K in keyof Map]: Map[K] extends { document: infer D; path: infer P }
    ? (...args: Args<D>) => AsyncIterableIterator<NodeOf<At<ResultOf<D>, P>>>
    : never;
};

export type PaperGraphClient = Operations<typeof queries> &
  Operations<typeof mutations> & {
    /** Runs any typed document (your own codegen'd operations too). */
    request<Result, Variables>(
      document: TypedDocumentNode<Result, Variables>,
      variables?: Variables,
    ): Promise<Result>;
    /** Sends this token from now on (null to act anonymously). */
    setToken(token: string | null): void;
    /** `for await (const { paperAdded } of client.subscribe.paperAdded())`; `break` closes the stream. */
    subscribe: Streams<typeof subscriptions>;
    /** Every node of a connection, fetching page after page as the loop asks for more. */
    paginate: Pagers<typeof connections>;
    /** Closes open subscription connections. */
    close(): Promise<void>;
  };

export function createClient(options: ClientOptions): PaperGraphClient {
  let token = options.token ?? null;
  const fetchFn: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers = () => ({ ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) });
  const request = <R, V>(document: TypedDocumentNode<R, V>, variables?: V) =>
    post(fetchFn, options.url, headers(), document, variables);
  const subscriber = createSubscriber({
    url: options.url,
    transport: options.transport ?? 'sse',
    fetch: fetchFn,
    headers,
    webSocketImpl: options.webSocketImpl,
    retry: options.retry,
  });

  const methods = (map: Record<string, TypedDocumentNode<any, any>>) =>
    Object.fromEntries(
      Object.entries(map).map(([name, document]) => [
        name,
        (variables?: object) => request(document, variables),
      ]),
    );

  return {
    ...(methods(queries) as Operations<typeof queries>),
    ...(methods(mutations) as Operations<typeof mutations>),
    request,
    setToken: (next) => {
      token = next;
    },
    subscribe: Object.fromEntries(
      Object.entries(subscriptions).map(([name, document]) => [
        name,
        (variables?: object) =>
          subscriber.subscribe(
            document as TypedDocumentNode<unknown, object>,
            variables,
            (resumable as Record<string, string>)[name],
          ),
      ]),
    ) as unknown as Streams<typeof subscriptions>,
    paginate: Object.fromEntries(
      Object.entries(connections).map(([name, { document, path }]) => [
        name,
        (variables?: object) =>
          paginate(request, document as TypedDocumentNode<unknown, object>, path, variables),
      ]),
    ) as unknown as Pagers<typeof connections>,
    close: () => subscriber.close(),
  };
}
