// GraphQL over HTTP: a request without an Accept header is answered as if it accepted only
// application/json, which cannot carry a stream. Yoga reads a missing Accept as */* and answers a
// subscription with an event stream that never ends, which a client that did not ask for one
// waits on forever; it gets 406 instead, and the subscription is closed at once.
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.js';

const MESSAGE =
  'A subscription answers with a stream of events: send "Accept: text/event-stream" (GraphQL over SSE), or subscribe over WebSocket.';

export function useStreamOnlyWhenAccepted(): Plugin {
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (request.headers.has('accept') || !isAsyncIterable(result)) return;
      setResultProcessor((stream, fetchAPI) => {
        void (stream as AsyncGenerator).return?.(undefined);
        return new fetchAPI.Response(
          JSON.stringify({ errors: [{ message: MESSAGE, extensions: { code: ErrorCode.NOT_ACCEPTABLE } }] }),
          { status: 406, headers: { 'content-type': 'application/json; charset=utf-8' } },
        );
      }, 'application/json');
    },
  };
}
