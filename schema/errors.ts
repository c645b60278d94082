// Expected errors: each carries a stable `extensions.code` that clients can branch on. Anything
// else thrown by a resolver is masked by the server as "Unexpected error.".
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  RATE_LIMITED: 'RATE_LIMITED',
  PAGE_SIZE_TOO_LARGE: 'PAGE_SIZE_TOO_LARGE',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  STARTING: 'STARTING',
  /** The HTTP request itself is unusable (not JSON, parameters nested too deep): HTTP 400. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A subscription asked for without accepting a stream: HTTP 406. */
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function userError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Invalid argument value; `argument` names it so a client can point at the field. */
export function badInput(message: string, argument?: string): GraphQLError {
  return userError(ErrorCode.BAD_USER_INPUT, message, argument ? { argument } : {});
}
