import type { Db } from '../drizzle/db.js';
import type { Context } from '../schema/context.js';

/** Builds each request's GraphQL context. */
export function contextFactory(db: Db): () => Context {
  return () => ({ db });
}
