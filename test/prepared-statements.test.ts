// On a PostgreSQL server, statements are prepared once per connection, but only up to a bound:
// clients can invent selections without end, and each prepared text costs server memory.
// Needs a PostgreSQL server (DATABASE_URL); PGlite has no connections to prepare on.
import { describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../drizzle/db.js';
import { createTestDatabase } from './support/test-database.js';

const describeOnPostgres = process.env.DATABASE_URL ? describe : describe.skip;

describeOnPostgres('prepared statements', () => {
  it('reuses a statement and prepares at most 500 distinct texts per connection', async () => {
    const copy = await createTestDatabase();
    const database = await openDatabase({ databaseUrl: copy.url!, poolSize: 1 });
    try {
      const prepared = async () => {
        const [row] = await database.rows<{ n: number }>(
          sql`select count(*)::int as n from pg_prepared_statements where ${'x'} = 'x'`,
        );
        return row!.n;
      };
      const distinct = (i: number) =>
        database.db.execute(sql`select ${i}::int as ${sql.identifier(`c${i}`)}`);

      await distinct(0);
      const start = await prepared(); // two of ours (this text, the counting query's) and the driver's own
      await distinct(0);
      expect(await prepared()).toBe(start); // the same text is not prepared again

      for (let i = 1; i < 600; i++) await distinct(i);
      expect(await prepared()).toBe(start + 498); // up to 500 of ours, then no more
    } finally {
      await database.close();
      await copy.close();
    }
  }, 60_000);
});
