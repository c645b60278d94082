import { GraphQLError } from 'graphql';
import { findTokenUser } from '../drizzle/accounts.js';
import type { Db } from '../drizzle/db.js';
import type { Context, EventHub } from '../schema/context.js';
import { ErrorCode } from '../schema/errors.js';
import { createAccounts } from './auth/accounts.js';
import { bearerToken, hashToken } from './auth/tokens.js';

/** Builds each request's GraphQL context, resolving the bearer token to its user. */
export function contextFactory(
  db: Db,
  events: EventHub,
): (initial: { request: Request }) => Promise<Context> {
  const accounts = createAccounts(db);
  return async ({ request }) => {
    const token = bearerToken(request.headers.get('authorization'));
    if (token === undefined) return { db, accounts, events, viewer: null };
    // A token that was sent but is not valid (malformed, unknown, expired, revoked) is refused
    // outright, not treated as anonymous: the client must learn that its session ended.
    if (token === null) throw invalidToken();
    const tokenHash = hashToken(token);
    const user = await findTokenUser(db, tokenHash);
    if (!user) throw invalidToken();
    return { db, accounts, events, viewer: { ...user, tokenHash } };
  };
}

const invalidToken = () =>
  new GraphQLError('Invalid or expired token: log in again, or send no Authorization header.', {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
