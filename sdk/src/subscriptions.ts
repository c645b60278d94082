// Subscriptions as async iterables over GraphQL-over-SSE (default) or graphql-ws. Breaking out of
// a `for await` loop closes the stream. Failures and reconnections: reconnecting.ts.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { queryText, type Fetch } from './http.js';
import { reconnecting, type Attempt } from './reconnecting.js';
import { retryOptions, type RetryOptions } from './retry.js';

export type Transport = 'sse' | 'websocket';

export interface SubscriptionOptions {
  url: string;
  transport: Transport;
  fetch: Fetch;
  headers: () => Record<string, string>;
  /** A WebSocket class, where there is no global one (Node.js 20: `import WebSocket from 'ws'`). */
  webSocketImpl?: unknown;
  retry?: RetryOptions;
}

export function createSubscriber(options: SubscriptionOptions) {
  const retry = retryOptions(options.retry);
  const live = new Set<AsyncIterableIterator<unknown>>();
  let sse: SseClient | undefined;
  let ws: WsClient | undefined;
  // One socket serves every WebSocket subscription: those opened while it connects hear when it is up.
  let socketUp = false;
  let awaitingSocket: Array<() => void> = [];

  function overSse(payload: Payload, connected: () => void): Attempt {
    sse ??= createSseClient({
      url: options.url,
      fetchFn: options.fetch as never,
      headers: options.headers,
      retryAttempts: 0,
    });
    return sse.iterate(payload, { connected }) as Attempt;
  }

  function overWebSocket(payload: Payload, connected: () => void): Attempt {
    ws ??= createWsClient({
      url: options.url.replace(/^http/, 'ws'),
      webSocketImpl: options.webSocketImpl,
      connectionParams: () => options.headers(),
      lazy: true,
      retryAttempts: 0,
      on: {
        connected: () => {
          socketUp = true;
          for (const hear of awaitingSocket) hear();
          awaitingSocket = [];
        },
        closed: () => void (socketUp = false),
      },
    });
    if (socketUp) connected();
    else awaitingSocket.push(connected);
    return ws.iterate(payload) as Attempt;
  }

  return {
    subscribe<Result, Variables>(
      document: TypedDocumentNode<Result, Variables>,
      variables?: Variables,
      resumeField?: string,
    ): AsyncIterableIterator<Result> {
      const query = queryText(document);
      const subscription = reconnecting<Result>(
        {
          open: (current, connected) =>
            (options.transport === 'websocket' ? overWebSocket : overSse)(
              { query, variables: current },
              connected,
            ),
          retry,
          resumeField,
        },
        { ...variables },
      );
      live.add(subscription);
      const ended = <T>(value: T) => (live.delete(subscription), value);
      return {
        next: () =>
          subscription.next().then(
            (step) => (step.done ? ended(step) : step),
            (error: unknown) => Promise.reject(ended(error)),
          ),
        return: () => subscription.return!().then(ended),
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
    async close() {
      await Promise.all([...live].map((subscription) => subscription.return?.()));
      live.clear();
      sse?.dispose();
      await ws?.dispose();
      [sse, ws, socketUp, awaitingSocket] = [undefined, undefined, false, []];
    },
  };
}

type Payload = { query: string; variables: Record<string, unknown> };
