// @papergraph/sdk: a typed client for the PaperGraph GraphQL API.
export { createClient, type ClientOptions, type PaperGraphClient } from './client.js';
export { ERROR_CODES, PaperGraphError, type ErrorCode, type GraphQLErrorJson } from './errors.js';
export type { RetryOptions } from './retry.js';
export type { Transport } from './subscriptions.js';
// Every operation's typed document, and every schema type, for Apollo Client, urql or `request`.
export * from './generated/graphql.js';
