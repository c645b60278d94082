import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from '@jest/globals';
import { attachWebSocket } from '../../server/websocket.js';
import type { App } from '../../server/yoga.js';

/** Serves `app()` over HTTP and WebSocket on a free port for the test file; `url()` is its endpoint. */
export function serveOverHttp(app: () => App) {
  let server: Server;
  let closeWebSocket: () => Promise<void>;
  let url = '';
  beforeAll(async () => {
    server = createServer(app());
    closeWebSocket = attachWebSocket(server, app());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await closeWebSocket();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: () => url };
}
