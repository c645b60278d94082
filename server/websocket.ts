// GraphQL over WebSocket (the graphql-ws protocol) on the same port and path as HTTP, running
// each operation through the same Yoga pipeline: same schema, context, plugins and limits.
import type { Server } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { App } from './yoga.js';

/** Ping interval: idle connections stay open through proxies, and dead peers are noticed. */
const KEEP_ALIVE_MS = 12_000;

type Enveloped = ReturnType<App['getEnveloped']>;
type OperationArgs = ExecutionArgs & {
  rootValue: { execute: Enveloped['execute']; subscribe: Enveloped['subscribe'] };
};

export function attachWebSocket(server: Server, app: App): () => Promise<void> {
  const wss = new WebSocketServer({ server, path: app.graphqlEndpoint });
  const disposable = useServer(
    {
      execute: (args) => (args as OperationArgs).rootValue.execute(args),
      subscribe: (args) => (args as OperationArgs).rootValue.subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        // Browsers cannot set headers on a WebSocket: the token may come in connectionParams.
        const authorization =
          (ctx.connectionParams?.authorization as string | undefined) ??
          ctx.extra.request.headers.authorization;
        const request = new Request(`http://localhost${app.graphqlEndpoint}`, {
          headers: authorization ? { authorization } : {},
        });
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({
          ...ctx,
          request,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const args: OperationArgs = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
    },
    wss,
    KEEP_ALIVE_MS,
  );
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
