// Subscriptions as async iterables over GraphQL-over-SSE (default) or graphql-ws. Breaking out of
// a `for await` loop closes the stream.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { PaperGraphError, type GraphQLErrorJson } from './errors.js';
import { queryText, type Fetch } from './http.js';

export type Transport = 'sse' | 'websocket';

export interface SubscriptionOptions {
  url: string;
  transport: Transport;
  fetch: Fetch;
  headers: () => Record<string, string>;
  /** A WebSocket class, where there is no global one (Node.js 20: `import WebSocket from 'ws'`). */
  webSocketImpl?: unknown;
}

type Iterate = <R>(payload: { query: string; variables?: Record<string, unknown> }) => AsyncIterableIterator<{
  data?: R | null;
  errors?: readonly GraphQLErrorJson[];
}>;

export function createSubscriber(options: SubscriptionOptions) {
  let sse: SseClient | undefined;
  let ws: WsClient | undefined;
  const iterate: Iterate = (payload) => {
    if (options.transport === 'websocket') {
      ws ??= createWsClient({
        url: options.url.replace(/^http/, 'ws'),
        webSocketImpl: options.webSocketImpl,
        connectionParams: () => options.headers(),
        lazy: true,
      });
      return ws.iterate(payload) as never;
    }
    sse ??= createSseClient({ url: options.url, fetchFn: options.fetch as never, headers: options.headers });
    return sse.iterate(payload) as never;
  };

  return {
    subscribe<Result, Variables>(
      document: TypedDocumentNode<Result, Variables>,
      variables?: Variables,
    ): AsyncIterableIterator<Result> {
      const results = iterate<Result>({
        query: queryText(document),
        variables: (variables ?? {}) as Record<string, unknown>,
      });
      return {
        async next() {
          const step = await results.next().catch((cause: unknown) => {
            throw toError(cause);
          });
          if (step.done) return { done: true, value: undefined };
          if (step.value.errors?.length) throw PaperGraphError.fromGraphQL(step.value.errors);
          return { done: false, value: step.value.data as Result };
        },
        async return() {
          await results.return?.();
          return { done: true, value: undefined };
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
    async close() {
      sse?.dispose();
      await ws?.dispose();
    },
  };
}

function toError(cause: unknown): PaperGraphError {
  if (cause instanceof PaperGraphError) return cause;
  if (Array.isArray(cause)) return PaperGraphError.fromGraphQL(cause as GraphQLErrorJson[]);
  // graphql-ws rejects with the socket's CloseEvent when the connection ends abnormally.
  const close = cause as { code?: number; reason?: string };
  const message =
    cause instanceof Error
      ? cause.message
      : typeof close?.code === 'number'
        ? `Subscription connection closed (${close.code}${close.reason ? `: ${close.reason}` : ''})`
        : 'Subscription failed';
  return new PaperGraphError(message, { code: 'NETWORK_ERROR', cause });
}
