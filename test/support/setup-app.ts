import { afterAll, beforeAll } from '@jest/globals';
import { loadConfig } from '../../server/config.js';
import { startEventHub, type RunningEventHub } from '../../server/events/event-hub.js';
import type { RateLimits } from '../../server/plugins/rate-limit.js';
import { createApp, type App } from '../../server/yoga.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A fresh seeded database and the app over it, for the test file that calls this. */
export function setupApp(
  options: {
    maxBodyBytes?: number;
    rateLimits?: Partial<RateLimits>;
    responseCacheTtlMs?: number;
    introspection?: boolean;
    /** TRUSTED_PROXIES as the environment would set it. */
    trustedProxies?: string;
  } = {},
) {
  const ctx = { beforeClose: [] } as unknown as {
    db: TestDatabase;
    app: App;
    events: RunningEventHub;
    /** Run before the database closes: for what a test file opened on it. */
    beforeClose: Array<() => Promise<void>>;
  };
  beforeAll(async () => {
    ctx.db = await createTestDatabase();
    ctx.events = await startEventHub(ctx.db);
    const defaults = loadConfig({ TRUSTED_PROXIES: options.trustedProxies });
    ctx.app = createApp(ctx.db, ctx.events, {
      maxBodyBytes: options.maxBodyBytes ?? defaults.maxBodyBytes,
      rateLimits: { ...defaults.rateLimits, ...options.rateLimits },
      // Off unless asked for: tests read right after writing, often straight through SQL.
      responseCacheTtlMs: options.responseCacheTtlMs ?? 0,
      introspection: options.introspection ?? defaults.introspection,
      trustedProxies: defaults.trustedProxies,
    });
  });
  afterAll(async () => {
    for (const close of ctx.beforeClose) await close();
    await ctx.events?.close();
    await ctx.db?.close();
  });
  return ctx;
}
