// Refuses request bodies over the limit before they are read, with a GraphQL-shaped error.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const length = request.headers.get('content-length');
      // Without a length, a chunked body could be any size: ask the client to send one.
      if (length === null && request.body !== null && request.headers.has('transfer-encoding')) {
        endResponse(
          refuse(fetchAPI, 411, 'LENGTH_REQUIRED', 'Send a Content-Length header with the request body.'),
        );
      } else if (length !== null && Number(length) > maxBytes) {
        endResponse(refuse(fetchAPI, 413, 'PAYLOAD_TOO_LARGE', tooLarge(length, maxBytes)));
      }
    },
    // GraphQL over WebSocket skips onRequest: each of its operations arrives here as a request
    // whose Content-Length is its message's size (server/websocket-request.ts).
    onParams({ request, setResult }) {
      const length = request.headers.get('content-length');
      if (length !== null && Number(length) > maxBytes) {
        setResult({
          errors: [
            new GraphQLError(tooLarge(length, maxBytes), { extensions: { code: 'PAYLOAD_TOO_LARGE' } }),
          ],
        });
      }
    },
  };
}

const tooLarge = (length: string, maxBytes: number) =>
  `Request body is ${length} bytes; the limit is ${maxBytes}.`;

function refuse(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
