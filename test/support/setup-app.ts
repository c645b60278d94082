import { afterAll, beforeAll } from '@jest/globals';
import { loadConfig } from '../../server/config.js';
import { startEventHub, type RunningEventHub } from '../../server/events/event-hub.js';
import type { RateLimits } from '../../server/plugins/rate-limit.js';
import { createApp, type App } from '../../server/yoga.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A fresh seeded database and the app over it, for the test file that calls this. */
export function setupApp(options: { maxBodyBytes?: number; rateLimits?: Partial<RateLimits> } = {}) {
  const ctx = {} as { db: TestDatabase; app: App; events: RunningEventHub };
  beforeAll(async () => {
    ctx.db = await createTestDatabase();
    ctx.events = await startEventHub(ctx.db);
    const defaults = loadConfig({});
    ctx.app = createApp(ctx.db, ctx.events, {
      maxBodyBytes: options.maxBodyBytes ?? defaults.maxBodyBytes,
      rateLimits: { ...defaults.rateLimits, ...options.rateLimits },
    });
  });
  afterAll(async () => {
    await ctx.events?.close();
    await ctx.db?.close();
  });
  return ctx;
}
