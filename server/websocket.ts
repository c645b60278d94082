// GraphQL over WebSocket (the graphql-ws protocol) on the same port and path as HTTP. Every
// operation of a socket, query, mutation or subscription, goes through Yoga as the HTTP POST of the
// same body would (see websocket-request.ts): same token, limits, response cache and rate limits.
// A failing operation is answered for its own id; the socket and its other operations go on.
import type { IncomingMessage, Server } from 'node:http';
import {
  GraphQLError,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { schema } from '../schema/index.js';
import { maskError } from './mask-error.js';
import { operationRequest } from './websocket-request.js';
import type { App } from './yoga.js';

/** Ping interval: idle connections stay open through proxies, and dead peers are noticed. */
const KEEP_ALIVE_MS = 12_000;

type Answer = ExecutionResult | AsyncIterable<ExecutionResult>;
/** Yoga's answer, computed in onSubscribe, rides to graphql-ws's execute/subscribe as rootValue. */
type HandedOver = ExecutionArgs & { rootValue: Answer };
/** graphql-ws reads the operation type from the document only to choose execute or subscribe;
 *  both hand over Yoga's answer, so any one-operation document serves. */
const HANDED_OVER = parse('{ __typename }');
const handOver = (args: ExecutionArgs) => (args as HandedOver).rootValue;

export function attachWebSocket(server: Server, app: App): () => Promise<void> {
  // ws holds a whole message in memory before graphql-ws sees it (its default allows 100 MiB).
  // Up to twice the body limit an operation is refused with PAYLOAD_TOO_LARGE by the body limit
  // plugin; a larger message closes the socket with 1009 before it is read.
  const wss = new WebSocketServer({
    server,
    path: app.graphqlEndpoint,
    maxPayload: 2 * app.maxBodyBytes,
  });
  const disposable = useServer(
    {
      onSubscribe: async (ctx, _id, payload) => {
        const answer = await answerFor(app, ctx.extra.request, ctx.connectionParams, payload);
        // A request error (no `data`: parse, validation, token, size, rate limit) answers with an
        // `error` message, the protocol's way to refuse an operation before it runs.
        if (!(Symbol.asyncIterator in answer) && !('data' in answer) && answer.errors?.length) {
          return answer.errors;
        }
        const args: HandedOver = { schema, document: HANDED_OVER, rootValue: answer };
        return args;
      },
      execute: handOver,
      subscribe: handOver,
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result),
      onError: (_ctx, _id, _payload, errors) => errors.map(formatError),
    },
    wss,
    KEEP_ALIVE_MS,
  );
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

/** Yoga's answer to the operation: a result, or the stream of a subscription. */
async function answerFor(
  app: App,
  upgrade: IncomingMessage,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  payload: SubscribePayload,
): Promise<Answer> {
  try {
    const request = operationRequest(app, upgrade, connectionParams, payload);
    // A fresh server context per operation, as each HTTP request gets: Yoga adds the request and
    // params to it, and the response cache keys on it. The rate limit reads the client address
    // from `req`, as on HTTP.
    const serverContext = { request, req: upgrade };
    const params = {
      ...payload,
      operationName: payload.operationName ?? undefined,
      variables: payload.variables ?? undefined,
      extensions: payload.extensions ?? undefined,
    };
    const answer = await app.getResultForParams({ request, params }, serverContext);
    return answer ?? unexpected(new Error('Yoga gave no result'));
  } catch (error) {
    return unexpected(error);
  }
}

/** An error outside Yoga's own handling: logged, and masked as on HTTP. */
function unexpected(error: unknown): ExecutionResult {
  return { errors: [maskError(error, 'Unexpected error.', false) as GraphQLError] };
}

/** Without what Yoga keeps for HTTP (status codes, cache headers), as its HTTP responses are. */
function formatResult(result: ExecutionResult): FormattedExecutionResult {
  const { errors, extensions, ...rest } = result;
  const { http: _http, ...kept } = extensions ?? {};
  return {
    ...rest,
    ...(errors ? { errors: errors.map(formatError) } : {}),
    ...(Object.keys(kept).length > 0 ? { extensions: kept } : {}),
  };
}

function formatError(error: GraphQLError): GraphQLFormattedError {
  const { extensions, ...rest } = error instanceof GraphQLError ? error.toJSON() : error;
  const { http: _http, unexpected: _unexpected, ...kept } = extensions ?? {};
  return Object.keys(kept).length > 0 ? { ...rest, extensions: kept } : rest;
}
