// What a failed subscription attempt means: a typed PaperGraphError, and whether reconnecting can
// help (the server was out of reach or about to answer again) or not (it refused the operation).
import { NetworkError } from 'graphql-sse';
import { PaperGraphError, type GraphQLErrorJson } from './errors.js';

export interface Failure {
  error: PaperGraphError;
  retryable: boolean;
}

/** Codes of a server that will answer again shortly. */
const PASSING = new Set(['SHUTTING_DOWN', 'STARTING', 'DATABASE_UNAVAILABLE']);
/** Close codes of a connection that went away rather than refused (graphql-ws retries these too). */
const TRANSIENT_CLOSES = new Set([1000, 1001, 1005, 1006, 1012, 1013, 1014, 4499]);

export function failureOfErrors(errors: readonly GraphQLErrorJson[], status?: number): Failure {
  const error = PaperGraphError.fromGraphQL(errors, status);
  return { error, retryable: PASSING.has(error.code) };
}

export async function failureOf(cause: unknown): Promise<Failure> {
  if (cause instanceof PaperGraphError) return { error: cause, retryable: false };
  // graphql-ws: the `error` message of an operation the server refused.
  if (Array.isArray(cause)) return failureOfErrors(cause as GraphQLErrorJson[]);
  // graphql-sse: an answer that is not a stream, such as 401 for a bad token or 503 while starting.
  if (cause instanceof NetworkError && cause.response) return answered(cause.response as Response);
  // graphql-ws: the socket's CloseEvent.
  const close = cause as { code?: unknown; reason?: string };
  if (!(cause instanceof Error) && typeof close?.code === 'number') {
    const reason = close.reason ? `: ${close.reason}` : '';
    return {
      error: new PaperGraphError(`Subscription connection closed (${close.code}${reason})`, {
        code: 'NETWORK_ERROR',
        cause,
      }),
      retryable: TRANSIENT_CLOSES.has(close.code),
    };
  }
  // No answer: connection refused, DNS, a stream cut short (graphql-sse), a socket error event (ws).
  const noAnswer = cause instanceof NetworkError || (cause as { type?: unknown })?.type === 'error';
  const { message } = cause as { message?: unknown };
  return {
    error: new PaperGraphError(typeof message === 'string' ? message : 'Subscription failed', {
      code: 'NETWORK_ERROR',
      cause,
    }),
    retryable: noAnswer,
  };
}

async function answered(response: Response): Promise<Failure> {
  const errors = await errorsIn(response).catch(() => undefined);
  if (errors?.length) return failureOfErrors(errors, response.status);
  return {
    error: new PaperGraphError(`The server answered HTTP ${response.status} to a subscription.`, {
      code: 'HTTP_ERROR',
      status: response.status,
    }),
    retryable: [502, 503, 504].includes(response.status),
  };
}

/** The GraphQL errors of a JSON body, or of the `next` events of an event stream (Yoga refuses a
 *  subscription over SSE that way, with a 4xx status). */
async function errorsIn(response: Response): Promise<GraphQLErrorJson[] | undefined> {
  const text = await response.text();
  if (!response.headers.get('content-type')?.includes('text/event-stream'))
    return (JSON.parse(text) as { errors?: GraphQLErrorJson[] }).errors;
  return text.split(/\r?\n\r?\n/).flatMap((event) => {
    const lines = event.split(/\r?\n/);
    if (!lines.includes('event: next')) return [];
    const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart());
    return (JSON.parse(data.join('\n')) as { errors?: GraphQLErrorJson[] }).errors ?? [];
  });
}
