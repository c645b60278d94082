// The HTTP server around the app, through its life: bound before the database is touched (a port
// in use is reported at once, not after migrating), answering 503 STARTING until the app is ready,
// and at shutdown draining the way a load balancer expects: no new connection and no new request,
// `Connection: close` on the responses still being written, closed as soon as they are answered or
// when the grace period ends, whichever comes first.
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { ErrorCode } from '../schema/errors.js';

export interface HttpServer {
  server: Server;
  /** Binds the port; fails with a one-line reason when it cannot. */
  listen(port: number, host: string): Promise<number>;
  /** Hands every request from now on to `app` (503 STARTING before). */
  serve(app: RequestListener): void;
  isDraining(): boolean;
  /** Resolves when every connection is closed (at the latest `graceMs` after the call). */
  drain(graceMs: number): Promise<void>;
}

export function createHttpServer(): HttpServer {
  let draining = false;
  let app: RequestListener | undefined;
  const inFlight = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    if (draining)
      return refuse(
        response,
        ErrorCode.SHUTTING_DOWN,
        'The server is shutting down; retry on another instance.',
      );
    if (!app)
      return refuse(
        response,
        ErrorCode.STARTING,
        'The server is starting (migrating the database); retry shortly.',
      );
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    app(request, response);
  });

  function listen(port: number, host: string) {
    return new Promise<number>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new Error(listenFailure(error, port, host))),
      );
      server.listen(port, host, () => resolve((server.address() as { port: number }).port));
    });
  }

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

  return { server, listen, serve: (handler) => void (app = handler), isDraining: () => draining, drain };
}

function listenFailure(error: NodeJS.ErrnoException, port: number, host: string): string {
  if (error.code === 'EADDRINUSE')
    return `Port ${port} is in use — set PORT to a free one, or stop what holds it.`;
  if (error.code === 'EACCES') return `Port ${port} needs privileges on this system — set PORT above 1023.`;
  if (error.code === 'EADDRNOTAVAIL')
    return `HOST ${host} is not an address of this machine — set HOST (default 0.0.0.0).`;
  return `Cannot listen on ${host}:${port}: ${error.message}`;
}

/** A request the server will not run: starting up, or draining (on a connection kept open). */
function refuse(response: ServerResponse, code: ErrorCode, message: string) {
  response.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' });
  response.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
