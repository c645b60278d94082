import type { Db } from '../drizzle/db.js';

/** The signed-in user of a request. */
export interface Viewer {
  id: number;
  username: string;
  /** Hash of the bearer token the request came with, so logOut can revoke exactly it. */
  tokenHash: string;
}

/** Account operations the schema calls; the server implements them (server/auth/accounts.ts). */
export interface Accounts {
  signUp(username: string, password: string): Promise<{ token: string; userId: number }>;
  logIn(username: string, password: string): Promise<{ token: string; userId: number }>;
  logOut(tokenHash: string): Promise<void>;
}

/**
 * Comes instead of an id when the server was cut off from PostgreSQL for a while: events sent
 * meanwhile are lost, so a subscription recovers what it may have missed from the tables.
 */
export const EVENTS_MISSED = Symbol('events missed');

/** Paper ids as they are added or their upvotes change, on any server instance. */
export interface EventHub {
  subscribe(
    topic: 'paperAdded' | 'paperUpvotesChanged',
  ): AsyncIterableIterator<number | typeof EVENTS_MISSED>;
  /** The highest paper id announced (or in the table when the hub started): a new subscription
   *  that later misses events catches up from here. */
  lastPaperAddedId(): number;
}

/** What every resolver receives. The server builds it per request (server/context.ts). */
export interface Context {
  db: Db;
  viewer: Viewer | null;
  accounts: Accounts;
  events: EventHub;
  /**
   * Set while the answer may be kept by the response cache: Paper.upvoteCount names its paper
   * here, so that an upvote of that paper drops the answer.
   */
  showingUpvotesOf?: (paperId: number) => void;
}
