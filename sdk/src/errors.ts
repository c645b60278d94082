/** Codes the PaperGraph server puts in `extensions.code`, plus the client's own. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'PAGE_SIZE_TOO_LARGE',
  'QUERY_TOO_COMPLEX',
  'SUBSCRIBER_TOO_SLOW',
  'PAYLOAD_TOO_LARGE',
  'LENGTH_REQUIRED',
  'BAD_REQUEST',
  'NOT_ACCEPTABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'INTERNAL_SERVER_ERROR',
  /** The server's database is down or did not answer in time: retry after `Retry-After`. */
  'DATABASE_UNAVAILABLE',
  /** The instance is shutting down: retry (on another instance). */
  'SHUTTING_DOWN',
  /** The instance is still starting (migrating its database): retry shortly. */
  'STARTING',
  /** The request never got an answer (server down, DNS, connection reset). */
  'NETWORK_ERROR',
  /** An answer that was not GraphQL (a proxy's error page, say). */
  'HTTP_ERROR',
] as const;

/** Known codes autocomplete; a code from a newer server still fits. */
export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

export interface GraphQLErrorJson {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/** Every failure the SDK reports: branch on `code`. */
export class PaperGraphError extends Error {
  override readonly name = 'PaperGraphError';
  readonly code: ErrorCode;
  /** Where in the result the first error happened, e.g. ["upvotePaper"]. */
  readonly path?: ReadonlyArray<string | number>;
  /** The HTTP status, when there was an HTTP answer. */
  readonly status?: number;
  /** The first error's extensions (e.g. `argument`, `field`, `retryAfterSeconds`). */
  readonly extensions: Record<string, unknown>;
  /** All errors the server returned. */
  readonly errors: readonly GraphQLErrorJson[];

  constructor(
    message: string,
    options: { code: ErrorCode; status?: number; errors?: readonly GraphQLErrorJson[]; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.status = options.status;
    this.errors = options.errors ?? [];
    this.path = this.errors[0]?.path;
    this.extensions = this.errors[0]?.extensions ?? {};
  }

  static fromGraphQL(errors: readonly GraphQLErrorJson[], status?: number): PaperGraphError {
    const first = errors[0]!;
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    return new PaperGraphError(first.message, { code, status, errors });
  }
}
