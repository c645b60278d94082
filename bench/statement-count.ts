// SQL statements per request, counted in-process: the same app PaperGraph serves, over the bench
// database, with every statement drizzle sends recorded.
import { openDatabase } from '../drizzle/db.js';
import { loadConfig } from '../server/config.js';
import { startEventHub } from '../server/events/event-hub.js';
import { createApp } from '../server/yoga.js';
import type { Workload } from './workloads.js';

const SAMPLES = 20;

export async function countStatements(databaseUrl: string, workload: Workload): Promise<number> {
  let statements = 0;
  const database = await openDatabase({ databaseUrl, onQuery: () => void statements++ });
  const events = await startEventHub(database);
  const config = loadConfig({ RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000' });
  const app = createApp(database, events, config);
  try {
    statements = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const request = workload.papergraph(i);
      const response = await app.fetch(`http://localhost${request.path}`, request);
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${workload.id} sample failed: ${JSON.stringify(body.errors)}`);
    }
    return statements / SAMPLES;
  } finally {
    await events.close();
    await database.close();
  }
}
