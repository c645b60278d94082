// Bearer tokens: 32 random bytes, shown to the client once; the database keeps only a SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const PREFIX = 'pgt_';

export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token in an `Authorization: Bearer <token>` header; undefined when there is no header. */
export function bearerToken(header: string | null): string | null | undefined {
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match && match[1]!.startsWith(PREFIX) ? match[1]! : null;
}
