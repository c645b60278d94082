// Users and their bearer tokens. Only token hashes are stored; see server/auth/tokens.ts.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { notify } from './events.js';
import { authTokens, users } from './schema.js';

export interface UserRow {
  id: number;
  username: string;
  passwordHash: string;
}

/** The new user's id, or null when the name is taken (in any letter case). */
export async function insertUser(db: Db, username: string, passwordHash: string): Promise<number | null> {
  const [row] = await db
    .insert(users)
    .values({ username, passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return row?.id ?? null;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | null> {
  const [row] = await db
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row ?? null;
}

export async function insertToken(db: Db, tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
  await db.insert(authTokens).values({ tokenHash, userId, expiresAt });
}

export interface TokenUser {
  id: number;
  username: string;
}

/** The user a live (unexpired, not revoked) token belongs to, and when the token expires. */
export async function findTokenUser(
  db: Db,
  tokenHash: string,
): Promise<(TokenUser & { expiresAt: Date }) | null> {
  const [row] = await db
    .select({ id: users.id, username: users.username, expiresAt: authTokens.expiresAt })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(and(eq(authTokens.tokenHash, tokenHash), gt(authTokens.expiresAt, sql`now()`)));
  return row ?? null;
}

/** Deletes the token and, in the same transaction, tells every instance to stop trusting what it
 *  remembers of the user's tokens (server/auth/token-cache.ts). */
export async function deleteToken(db: Db, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(authTokens)
      .where(eq(authTokens.tokenHash, tokenHash))
      .returning({ userId: authTokens.userId });
    // Already gone: whoever deleted it sent the event.
    if (row) await notify(tx, 'userTokensRevoked', [row.userId]);
  });
}
