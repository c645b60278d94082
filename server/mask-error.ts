// Unexpected errors reach clients as "Unexpected error." with code INTERNAL_SERVER_ERROR and no
// stack; the details go to the server log. One library error is the client's fault and becomes
// BAD_USER_INPUT: a cursor the server never issued, which the drizzle plugin cannot decode.
// (A well-formed cursor of another connection is caught earlier, by schema/cursor-guard.ts.)
// Variable values that do not fit their types are BAD_USER_INPUT too (graphql-js gives no code).
// A database that cannot answer (down, restarting, past a deadline) is not a bug either: it is
// DATABASE_UNAVAILABLE with HTTP 503, so clients and load balancers retry.
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type YogaServerOptions } from 'graphql-yoga';
import { isDatabaseUnavailable } from '../drizzle/database-unavailable.js';
import { ErrorCode } from '../schema/errors.js';

type MaskError = NonNullable<
  Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']
>;

const CURSOR_MESSAGE = /cursor|serialized/i;

/** Seconds a client should wait before retrying when the database is unavailable. */
const DATABASE_RETRY_AFTER_S = 2;

/** During an outage every request fails alike: one log line per 10 s says how many did. */
let unavailableSince = 0;
let unavailableCount = 0;
function logUnavailable(error: unknown) {
  unavailableCount++;
  if (Date.now() - unavailableSince < 10_000) return;
  if (process.env.NODE_ENV !== 'test' || process.env.DEBUG) {
    console.error(
      `Database unavailable (${unavailableCount} request(s) answered 503 since the last report):`,
      String(error),
    );
  }
  unavailableSince = Date.now();
  unavailableCount = 0;
}

export const maskError: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof PothosValidationError && CURSOR_MESSAGE.test(original.message)) {
    return new GraphQLError(
      'Invalid cursor: pass a cursor returned by this connection with the same arguments.',
      {
        nodes: error instanceof GraphQLError ? error.nodes : undefined,
        path: error instanceof GraphQLError ? error.path : undefined,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      },
    );
  }
  if (isDatabaseUnavailable(original)) {
    logUnavailable(original);
    return new GraphQLError('The database is unavailable right now; try again shortly.', {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: {
        code: ErrorCode.DATABASE_UNAVAILABLE,
        http: { status: 503, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_S) } },
      },
    });
  }
  if (isVariableError(error)) {
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT },
    });
  }
  const expected = original instanceof GraphQLError && !(original instanceof PothosValidationError);
  if (expected) return yogaMaskError(error, message, isDev);
  if (process.env.NODE_ENV !== 'test' || process.env.DEBUG) console.error('Unexpected error:', original);
  // Pothos validation errors are GraphQLErrors too, but they describe our schema, not the request:
  // behind a plain Error, yoga masks them (a GraphQLError behind a GraphQLError it would pass on).
  const located = error instanceof GraphQLError ? error : undefined;
  const unexpected =
    original instanceof PothosValidationError
      ? new GraphQLError(original.message, {
          nodes: located?.nodes,
          path: located?.path,
          originalError: new Error(original.message),
        })
      : error;
  return yogaMaskError(unexpected, message, isDev);
};

/**
 * A variable value that does not fit its type: graphql-js reports it before execution (no path),
 * from errors of its own or of a scalar's parser, with no code unless the scalar gave one (Int,
 * String, enums give none). An error with no code and nothing but GraphQL errors behind it is that.
 */
function isVariableError(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError) || error.path || error.extensions.code !== undefined) return false;
  let cause: unknown = error;
  while (cause instanceof GraphQLError && !(cause instanceof PothosValidationError))
    cause = cause.originalError;
  return cause == null;
}
