// The GraphQL HTTP app. It never listens: main.ts gives it a port, tests call yoga.fetch.
import { sql } from 'drizzle-orm';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Database } from '../drizzle/db.js';
import { schema } from '../schema/index.js';
import type { Config } from './config.js';
import { contextFactory } from './context.js';
import { renderGraphiQLPage } from './graphiql/page.js';
import { sampleTabs } from './graphiql/sample-tabs.js';
import { maskError } from './mask-error.js';
import { parserAndValidationCache } from './parser-cache.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useDocumentLimits } from './plugins/document-limits.js';
import { useGraphiQLAssets } from './plugins/graphiql-assets.js';
import { useIntrospection } from './plugins/introspection.js';
import { useQueryCost } from './plugins/query-cost.js';
import { useRateLimit } from './plugins/rate-limit.js';
import { useRequestParams } from './plugins/request-params.js';
import { useAnonymousResponseCache } from './plugins/response-cache.js';
import { useSharedSubscriptionEvents } from './plugins/shared-subscription-events.js';
import { useStreamOnlyWhenAccepted } from './plugins/stream-accept.js';
import type { RunningEventHub } from './events/event-hub.js';

export type App = ReturnType<typeof createApp>;

export interface AppOptions
  extends Pick<
    Config,
    'maxBodyBytes' | 'rateLimits' | 'responseCacheTtlMs' | 'introspection' | 'trustedProxies'
  > {
  /** True once shutdown began: /ready then fails, so load balancers stop sending requests. */
  isDraining?: () => boolean;
}

/** How long /ready waits for the database before calling it not ready. */
const READINESS_TIMEOUT_MS = 1_000;

export function createApp(database: Database, events: RunningEventHub, config: AppOptions) {
  const yoga = createYoga({
    schema,
    context: contextFactory(database.db, events),
    graphqlEndpoint: '/graphql',
    // GraphiQL reads the schema by introspection: without it, it could not work.
    graphiql: config.introspection ? { title: 'PaperGraph', defaultTabs: sampleTabs } : false,
    renderGraphiQL: renderGraphiQLPage,
    landingPage: false,
    // No file uploads in this API: multipart bodies are not parsed at all.
    multipart: false,
    // useBodyLimit refuses oversize and length-less bodies before they are read, and Node's HTTP
    // parser never reads past Content-Length; Yoga's own limit re-streams every body through an
    // AbortSignal-guarded pipeline, which was half of a trivial request's CPU.
    maxRequestBodySize: false,
    parserAndValidationCache: parserAndValidationCache(),
    // Liveness (/health): the process answers. Readiness (/ready): the database answers too.
    healthCheckEndpoint: '/health',
    // Expected errors carry extensions.code; anything else becomes "Unexpected error." with no stack.
    maskedErrors: { isDev: false, maskError },
    logging: process.env.NODE_ENV === 'test' ? false : 'info',
    plugins: [
      ...(config.introspection ? [useGraphiQLAssets()] : []),
      // The request, then the document, then the operation: each refused before it costs more.
      useBodyLimit(config.maxBodyBytes),
      useRequestParams(),
      ...useDocumentLimits(),
      useIntrospection(config.introspection),
      useQueryCost(),
      useSharedSubscriptionEvents(events),
      useRateLimit(database.db, config.rateLimits, config.trustedProxies),
      useStreamOnlyWhenAccepted(),
      ...(config.responseCacheTtlMs > 0 ? useAnonymousResponseCache(events, config.responseCacheTtlMs) : []),
      useReadinessCheck({
        endpoint: '/ready',
        // A failure answers 503 without detail: the reason belongs in the server log, not the response.
        check: async () => !config.isDraining?.() && (await databaseAnswers(database)),
      }),
    ],
  });
  // The WebSocket transport bounds its messages by the same limit (websocket.ts).
  return Object.assign(yoga, { maxBodyBytes: config.maxBodyBytes });
}

async function databaseAnswers(database: Database): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)),
      READINESS_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([database.db.execute(sql`select 1`), timeout]);
    return true;
  } catch (error) {
    console.error('Readiness check failed:', String(error));
    return false;
  } finally {
    clearTimeout(timer);
  }
}
