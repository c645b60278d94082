// The HTTP request a GraphQL-over-WebSocket operation stands for: a POST of the same body, with
// the upgrade request's headers and the connection's token. Yoga's plugins read requests (the
// response cache serves only those without a token, the body limit reads Content-Length, the
// mutation guard wants a POST), so each operation gets the one an HTTP client would have sent.
import type { IncomingMessage } from 'node:http';
import type { App } from './yoga.js';

export function operationRequest(
  app: App,
  upgrade: IncomingMessage,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  payload: object,
): Request {
  const headers = new app.fetchAPI.Headers();
  for (const [name, value] of Object.entries(upgrade.headers)) {
    for (const each of [value ?? []].flat()) headers.append(name, each);
  }
  // Browsers cannot set headers on a WebSocket: the token may come in connectionParams instead,
  // and then it wins over the upgrade request's header.
  const token = connectionToken(connectionParams);
  if (token !== undefined) headers.set('authorization', token);
  headers.set('content-type', 'application/json');
  headers.set('content-length', String(Buffer.byteLength(JSON.stringify(payload))));
  return new app.fetchAPI.Request(`http://localhost${app.graphqlEndpoint}`, { method: 'POST', headers });
}

/** `connectionParams.authorization` (any case). A value that is not a string is passed on as
 *  text, so that it is refused as an invalid token rather than ignored. */
function connectionToken(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const entry = Object.entries(params ?? {}).find(([key]) => key.toLowerCase() === 'authorization');
  return entry === undefined || entry[1] == null ? undefined : String(entry[1]);
}
