// Change events travel through PostgreSQL NOTIFY, sent inside the writing transaction: a rolled
// back write announces nothing, and every server instance LISTENing hears every committed one.
// Payloads carry ids only (NOTIFY payloads are limited to 8000 bytes); listeners load the rest.
import { sql } from 'drizzle-orm';
import type { Tx } from './db.js';

export const EVENTS_CHANNEL = 'papergraph_events';

/** paperUpdated: an import rewrote a paper's data (title, abstract, authors…); no subscription
 *  serves it, it lets caches drop what they hold of the paper. userTokensRevoked: a user's token
 *  was deleted (logOut); its ids are user ids, and instances drop the tokens they remember of them. */
export const TOPICS = ['paperAdded', 'paperUpvotesChanged', 'paperUpdated', 'userTokensRevoked'] as const;
export type Topic = (typeof TOPICS)[number];

export interface EventMessage {
  topic: Topic;
  /** Paper ids; user ids for userTokensRevoked. */
  ids: number[];
}

/** Ids per NOTIFY: 1,000 ids of up to 7 digits stay far below the 8000-byte payload limit. */
const IDS_PER_MESSAGE = 1_000;

export async function notify(tx: Tx, topic: Topic, ids: number[]): Promise<void> {
  for (let start = 0; start < ids.length; start += IDS_PER_MESSAGE) {
    const message: EventMessage = { topic, ids: ids.slice(start, start + IDS_PER_MESSAGE) };
    await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(message)})`);
  }
}

/** The message in a NOTIFY payload, or null for anything this version does not know. */
export function parseEventMessage(payload: string): EventMessage | null {
  try {
    const message = JSON.parse(payload) as EventMessage;
    const known = (TOPICS as readonly string[]).includes(message.topic);
    return known && Array.isArray(message.ids) && message.ids.every(Number.isSafeInteger) ? message : null;
  } catch {
    return null;
  }
}
