// Which user a bearer token belongs to, remembered per instance: a signed-in request then costs
// no SQL round trip to authenticate. Keyed by the token's hash (the only form the server keeps),
// holding the user and the token's expiry, which is checked on every hit.
//
// Revocation reaches every instance through the event hub: logOut sends `userTokensRevoked` with
// the user's id in its own transaction (drizzle/accounts.ts), and each instance drops the cached
// tokens of that user; the instance that revoked drops the token at once, without waiting for
// PostgreSQL to deliver the notification. When the LISTEN connection was lost (`eventsMissed`),
// revocations may have gone unheard: everything is dropped. What no event covers (a token row
// deleted or its expiry changed by hand) lasts at most ENTRY_TTL_MS.
import { LRUCache } from 'lru-cache';
import { findTokenUser, type TokenUser } from '../../drizzle/accounts.js';
import type { Db } from '../../drizzle/db.js';
import type { RunningEventHub } from '../events/event-hub.js';

/** Tokens remembered per instance, least recently used dropped first: a few MB when full. */
export const MAX_CACHED_TOKENS = 10_000;

/**
 * How long a lookup is trusted. Events revoke tokens at once; this bounds what no event reports:
 * a token deleted or shortened by hand in SQL, or a revocation sent while this instance's LISTEN
 * connection was down and before it noticed. A minute is one extra statement per active token per
 * minute, a negligible share of its requests.
 */
export const ENTRY_TTL_MS = 60_000;

export interface TokenCache {
  /** The user of a live token, or null when it is unknown, expired or revoked. */
  userFor(tokenHash: string): Promise<TokenUser | null>;
  /** For the instance that revoked the token: refused here from now on, notification or not. */
  forget(tokenHash: string): void;
}

interface Entry {
  user: TokenUser;
  expiresAtMs: number;
}

export function createTokenCache(
  db: Db,
  events: Pick<RunningEventHub, 'watch'>,
  { maxEntries = MAX_CACHED_TOKENS, ttlMs = ENTRY_TTL_MS } = {},
): TokenCache {
  // Only tokens that were found are kept. Unknown tokens are not: a client can send a new random
  // one with every request, and remembering them would push the real ones out (or, kept apart,
  // only ever hold garbage). Their lookup finds no row by primary key: one cheap statement each.
  const entries = new LRUCache<string, Entry>({
    max: maxEntries,
    ttl: ttlMs,
    dispose: ({ user }, tokenHash) => {
      const tokenHashes = tokensByUser.get(user.id);
      tokenHashes?.delete(tokenHash);
      if (tokenHashes?.size === 0) tokensByUser.delete(user.id);
    },
  });
  // Each instance hears every logOut of every instance: by user, a revocation touches only that
  // user's entries (a scan of 10,000 took milliseconds). Kept in step by the cache's dispose,
  // called whenever an entry leaves (deleted, pushed out, expired, replaced).
  const tokensByUser = new Map<number, Set<string>>();
  // Counts revocations: a lookup that a revocation overtook does not store what it read, which
  // may be the row as it was before the revocation committed.
  let revocations = 0;

  events.watch((message) => {
    if (message.topic === 'eventsMissed') {
      revocations++;
      entries.clear();
    } else if (message.topic === 'userTokensRevoked') {
      revocations++;
      for (const userId of message.ids) {
        for (const tokenHash of [...(tokensByUser.get(userId) ?? [])]) entries.delete(tokenHash);
      }
    }
  });

  return {
    async userFor(tokenHash) {
      const cached = entries.get(tokenHash);
      if (cached) {
        // This machine's clock here, PostgreSQL's in the lookup: they agree to well within a token's life.
        if (cached.expiresAtMs > Date.now()) return cached.user;
        entries.delete(tokenHash);
        return null;
      }
      const revocationsBefore = revocations;
      const found = await findTokenUser(db, tokenHash);
      if (!found) return null;
      const user = { id: found.id, username: found.username };
      if (revocations === revocationsBefore) {
        entries.set(tokenHash, { user, expiresAtMs: found.expiresAt.getTime() });
        // After set: replacing an entry (two lookups at once) disposes of the old one first.
        tokensByUser.set(user.id, (tokensByUser.get(user.id) ?? new Set()).add(tokenHash));
      }
      return user;
    },
    forget(tokenHash) {
      revocations++;
      entries.delete(tokenHash);
    },
  };
}
