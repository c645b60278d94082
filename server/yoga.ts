// The GraphQL HTTP app. It never listens: main.ts gives it a port, tests call yoga.fetch.
import { sql } from 'drizzle-orm';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Database } from '../drizzle/db.js';
import { schema } from '../schema/index.js';
import type { Config } from './config.js';
import { contextFactory } from './context.js';
import { defaultQuery } from './graphiql.js';
import { maskError } from './mask-error.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useRateLimit } from './plugins/rate-limit.js';
import { useAnonymousResponseCache } from './plugins/response-cache.js';
import type { RunningEventHub } from './events/event-hub.js';

export type App = ReturnType<typeof createApp>;

export function createApp(
  database: Database,
  events: RunningEventHub,
  config: Pick<Config, 'maxBodyBytes' | 'rateLimits' | 'responseCacheTtlMs'>,
) {
  const yoga = createYoga({
    schema,
    context: contextFactory(database.db, events),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'PaperGraph', defaultQuery },
    landingPage: false,
    // Liveness: the process answers. Readiness (/health): the database answers too.
    healthCheckEndpoint: '/health/live',
    // Expected errors carry extensions.code; anything else becomes "Unexpected error." with no stack.
    maskedErrors: { isDev: false, maskError },
    logging: process.env.NODE_ENV === 'test' ? false : 'info',
    plugins: [
      useBodyLimit(config.maxBodyBytes),
      useRateLimit(database.db, config.rateLimits),
      ...(config.responseCacheTtlMs > 0
        ? [useAnonymousResponseCache(events, config.responseCacheTtlMs)]
        : []),
      useReadinessCheck({
        endpoint: '/health',
        // A failure answers 503 without detail: the reason belongs in the server log, not the response.
        check: () =>
          database.db.execute(sql`select 1`).then(
            () => true,
            (error: unknown) => {
              console.error('Readiness check failed:', error);
              return false;
            },
          ),
      }),
    ],
  });
  // The WebSocket transport bounds its messages by the same limit (websocket.ts).
  return Object.assign(yoga, { maxBodyBytes: config.maxBodyBytes });
}
