// SQL statements per request, counted in-process: the same app PaperGraph serves, over the bench
// database, with every statement drizzle sends recorded.
import { openDatabase } from '../drizzle/db.js';
import { loadConfig } from '../server/config.js';
import { startEventHub } from '../server/events/event-hub.js';
import { createApp } from '../server/yoga.js';
import type { Request } from './workloads.js';

export interface StatementCounter {
  /** Statements per request over requests `first` to `first + samples - 1`, `concurrency` at a
   *  time. Fails on any GraphQL error: a failed request sends fewer statements. */
  count(
    make: (i: number) => Request,
    options: { samples: number; first?: number; concurrency?: number },
  ): Promise<number>;
  close(): Promise<void>;
}

/** An app as `npm start` builds it, the anonymous response cache on or off. */
export async function openStatementCounter(
  databaseUrl: string,
  { responseCache }: { responseCache: boolean },
): Promise<StatementCounter> {
  let statements = 0;
  const database = await openDatabase({ databaseUrl, onQuery: () => void statements++ });
  const events = await startEventHub(database);
  const config = loadConfig({
    RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
    ...(responseCache ? {} : { RESPONSE_CACHE_TTL_MS: '0' }),
  });
  const app = createApp(database, events, config);
  const send = async (request: Request) => {
    const response = await app.fetch(`http://localhost${request.path}`, request);
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`request failed: ${JSON.stringify(body.errors)}`);
  };
  return {
    async count(make, { samples, first = 0, concurrency = 1 }) {
      statements = 0;
      let next = first;
      const end = first + samples;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < end) await send(make(next++));
        }),
      );
      return Number((statements / samples).toFixed(2));
    },
    async close() {
      await events.close();
      await database.close();
    },
  };
}
