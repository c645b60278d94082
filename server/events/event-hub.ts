// One LISTEN per server instance, fanned out in-process to every subscriber. Events carry paper
// ids; each subscription loads what its client selected.
import { GraphQLError } from 'graphql';
import type { Database } from '../../drizzle/db.js';
import { latestPaperId } from '../../drizzle/paper-filter.js';
import { EVENTS_CHANNEL, parseEventMessage, type EventMessage, type Topic } from '../../drizzle/events.js';
import { EVENTS_MISSED, type EventHub } from '../../schema/context.js';
import { takeTurn } from '../take-turns.js';

/** Events a subscriber may fall behind by before it is disconnected (it can resume with `after`). */
export const MAX_PENDING_EVENTS = 1_024;

/** Subscribers woken per turn (see deliverInTurns). */
const WAKE_TURN = 500;

type SubscribedTopic = Parameters<EventHub['subscribe']>[0];
type Item = number | typeof EVENTS_MISSED;

/** What watchers hear: every message, and `eventsMissed` when the LISTEN connection came back. */
export type HubMessage = EventMessage | { topic: 'eventsMissed' };

export interface RunningEventHub extends EventHub {
  /** Live subscriptions on this instance. */
  subscriberCount(): number;
  /** Ends every subscription (their streams complete) and stops listening: for shutdown. */
  close(): Promise<void>;
  /** Calls `listener` with every message as it arrives, before any subscriber sees it; returns an unwatch. */
  watch(listener: (message: HubMessage) => void): () => void;
}

interface Subscriber {
  deliver(item: Item): void;
  stop(): void;
}

export async function startEventHub(database: Database): Promise<RunningEventHub> {
  // Plain sets, not an EventTarget: no listener-count warnings, no event object per subscriber.
  const subscribers: Record<SubscribedTopic, Set<Subscriber>> = {
    paperAdded: new Set(),
    paperUpvotesChanged: new Set(),
  };
  const watchers = new Set<(message: HubMessage) => void>();
  const everyone = () => [...subscribers.paperAdded, ...subscribers.paperUpvotesChanged];
  let lastPaperAddedId = 0;
  const noteLatestPaper = async () => {
    lastPaperAddedId = Math.max(lastPaperAddedId, await latestPaperId(database.db));
  };

  const unlisten = await database.listen(EVENTS_CHANNEL, {
    onPayload: (payload) => {
      const message = parseEventMessage(payload);
      if (!message) return;
      for (const watcher of watchers) watcher(message);
      // A topic no subscription serves (paperUpdated, userTokensRevoked) is for watchers only.
      const targets = (subscribers as Partial<Record<Topic, Set<Subscriber>>>)[message.topic];
      if (!targets) return;
      if (message.topic === 'paperAdded') lastPaperAddedId = Math.max(lastPaperAddedId, ...message.ids);
      deliverInTurns([...targets], message.ids);
    },
    onReconnect: () => {
      void noteLatestPaper().catch(() => {}); // a guess for later subscribers; theirs is kept apart
      for (const watcher of watchers) watcher({ topic: 'eventsMissed' });
      deliverInTurns(everyone(), [EVENTS_MISSED]);
    },
  });
  /**
   * Waking a subscriber runs its stream up to its next wait (filters, the shared answer): a few
   * microseconds, but ten thousand in one go hold the event loop for 100 ms. They are woken
   * WAKE_TURN at a time, taking turns with other work; one event after the other, in order.
   */
  let delivering = Promise.resolve();
  function deliverInTurns(targets: Subscriber[], items: Item[]) {
    delivering = delivering.then(async () => {
      for (let start = 0; start < targets.length; start += WAKE_TURN) {
        if (start > 0) await takeTurn();
        for (const subscriber of targets.slice(start, start + WAKE_TURN)) {
          for (const item of items) subscriber.deliver(item);
        }
      }
    });
  }

  // After LISTEN: a paper added in between is both in the table and announced.
  await noteLatestPaper();

  /** Listens from the moment it is called (nothing is missed while the caller catches up),
   *  queues per subscriber (a slow one delays nobody else), and stops listening on return(). */
  function subscribe(topic: SubscribedTopic): AsyncIterableIterator<Item> {
    const queue: Item[] = [];
    let wake: (() => void) | undefined;
    let overflowed = false;
    let listening = true;
    const subscriber: Subscriber = {
      deliver(item) {
        if (!listening) return;
        if (item === EVENTS_MISSED && queue.includes(EVENTS_MISSED)) return;
        if (queue.length >= MAX_PENDING_EVENTS) overflowed = true;
        else queue.push(item);
        wake?.();
      },
      stop() {
        if (listening) {
          listening = false;
          subscribers[topic].delete(subscriber);
        }
        wake?.();
      },
    };
    subscribers[topic].add(subscriber);

    return {
      async next() {
        for (;;) {
          if (overflowed) {
            overflowed = false;
            subscriber.stop();
            throw new GraphQLError(
              `More than ${MAX_PENDING_EVENTS} events behind: resubscribe with "after".`,
              {
                extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
              },
            );
          }
          if (queue.length > 0) return { value: queue.shift()!, done: false };
          if (!listening) return { value: undefined, done: true };
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      },
      async return() {
        subscriber.stop();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  function watch(listener: (message: HubMessage) => void) {
    watchers.add(listener);
    return () => void watchers.delete(listener);
  }

  async function close() {
    for (const subscriber of everyone()) subscriber.stop();
    await unlisten();
  }

  return {
    subscribe,
    lastPaperAddedId: () => lastPaperAddedId,
    subscriberCount: () => subscribers.paperAdded.size + subscribers.paperUpvotesChanged.size,
    watch,
    close,
  };
}
