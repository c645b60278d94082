// Users and their bearer tokens. Only token hashes are stored; see server/auth/tokens.ts.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './db.js';
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

/** The user a live (unexpired, not revoked) token belongs to. */
export async function findTokenUser(
  db: Db,
  tokenHash: string,
): Promise<{ id: number; username: string } | null> {
  const [row] = await db
    .select({ id: users.id, username: users.username })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(and(eq(authTokens.tokenHash, tokenHash), gt(authTokens.expiresAt, sql`now()`)));
  return row ?? null;
}

export async function deleteToken(db: Db, tokenHash: string): Promise<void> {
  await db.delete(authTokens).where(eq(authTokens.tokenHash, tokenHash));
}
