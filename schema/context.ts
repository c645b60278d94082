import type { Db } from '../drizzle/db.js';

/** What every resolver receives. The server builds it per request (server/context.ts). */
export interface Context {
  db: Db;
}
