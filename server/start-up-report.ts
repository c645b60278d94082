// What `npm start` prints about starting: the line once it listens, and the one line naming why it
// could not start (the cause and the fix), whichever process found it.
import { describeConnectionFailure } from '../drizzle/connection-failure.js';
import type { Database } from '../drizzle/db.js';

export type DatabaseDescription = Pick<Database, 'kind' | 'location'>;

export function listeningLine(
  url: string,
  database: DatabaseDescription,
  seeded: number,
  workers = 1,
): string {
  const where =
    database.kind === 'pglite'
      ? `embedded PostgreSQL (PGlite) in ${database.location}`
      : `PostgreSQL at ${database.location}`;
  const loaded = seeded > 0 ? `; loaded ${seeded} seed papers` : '';
  const processes = workers > 1 ? ` with ${workers} workers` : '';
  return `PaperGraph listening on ${url}${processes} (GraphiQL in a browser) — database: ${where}${loaded}`;
}

/** Why start-up failed, in one line: the drivers' wrapped errors are reduced to their cause. */
export function startUpFailure(error: unknown, databaseUrl: string | undefined): string {
  return describeConnectionFailure(error, databaseUrl) ?? (error as Error)?.message ?? String(error);
}
