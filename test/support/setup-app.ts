import { afterAll, beforeAll } from '@jest/globals';
import { createApp, type App } from '../../server/yoga.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A fresh seeded database and the app over it, for the test file that calls this. */
export function setupApp(options: { maxBodyBytes?: number } = {}) {
  const ctx = {} as { db: TestDatabase; app: App };
  beforeAll(async () => {
    ctx.db = await createTestDatabase();
    ctx.app = createApp(ctx.db, { maxBodyBytes: options.maxBodyBytes ?? 100_000 });
  });
  afterAll(async () => {
    await ctx.db?.close();
  });
  return ctx;
}
