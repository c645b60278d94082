import { GraphQLError } from 'graphql';
import type { Db } from '../drizzle/db.js';
import type { Context } from '../schema/context.js';
import { ErrorCode } from '../schema/errors.js';
import { createAccounts } from './auth/accounts.js';
import { createTokenCache } from './auth/token-cache.js';
import { bearerToken, hashToken } from './auth/tokens.js';
import type { RunningEventHub } from './events/event-hub.js';

/** Builds each request's GraphQL context, resolving the bearer token to its user. */
export function contextFactory(
  db: Db,
  events: RunningEventHub,
): (initial: { request: Request }) => Promise<Context> {
  const tokens = createTokenCache(db, events);
  const accounts = createAccounts(db, tokens);
  return async ({ request }) => {
    const token = bearerToken(request.headers.get('authorization'));
    if (token === undefined) return { db, accounts, events, viewer: null };
    // A token that was sent but is not valid (malformed, unknown, expired, revoked) is refused
    // outright, not treated as anonymous: the client must learn that its session ended.
    if (token === null) throw invalidToken();
    const tokenHash = hashToken(token);
    const user = await tokens.userFor(tokenHash);
    if (!user) throw invalidToken();
    return { db, accounts, events, viewer: { ...user, tokenHash } };
  };
}

const invalidToken = () =>
  new GraphQLError('Invalid or expired token: log in again, or send no Authorization header.', {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
