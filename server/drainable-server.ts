// An HTTP server that shuts down the way a load balancer expects: once draining starts it accepts
// no new connection and no new request, tells keep-alive clients to go (`Connection: close` on the
// responses still being written), and closes as soon as the requests in flight are answered, or
// when the grace period ends, whichever comes first.
import { ErrorCode } from '../schema/errors.js';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';

export interface DrainableServer {
  server: Server;
  /** Sets the handler of every request (until draining starts). */
  serve(app: RequestListener): void;
  isDraining(): boolean;
  /** Resolves when every connection is closed (at the latest `graceMs` after the call). */
  drain(graceMs: number): Promise<void>;
}

export function createDrainableServer(): DrainableServer {
  let draining = false;
  let app: RequestListener | undefined;
  const inFlight = new Set<ServerResponse>();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (draining) return refuse(response);
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    app!(request, response);
  });

  async function drain(graceMs: number) {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Node closes the connection after a response that says so; those already streaming
    // (subscriptions) were ended by the caller before.
    for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(timer);
  }

  return { server, serve: (handler) => void (app = handler), isDraining: () => draining, drain };
}

/** A request that reached a draining server on a connection it kept open. */
function refuse(response: ServerResponse) {
  response.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' });
  response.end(
    JSON.stringify({
      errors: [
        {
          message: 'The server is shutting down; retry on another instance.',
          extensions: { code: ErrorCode.SHUTTING_DOWN },
        },
      ],
    }),
  );
}
