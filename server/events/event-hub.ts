// One LISTEN per server instance, fanned out in-process to every subscriber. Events carry paper
// ids; each subscription loads what its client selected.
import { GraphQLError } from 'graphql';
import type { Database } from '../../drizzle/db.js';
import { EVENTS_CHANNEL, parseEventMessage, type EventMessage, type Topic } from '../../drizzle/events.js';
import type { EventHub } from '../../schema/context.js';

/** Events a subscriber may fall behind by before it is disconnected (it can resume with `after`). */
export const MAX_PENDING_EVENTS = 1_024;

export interface RunningEventHub extends EventHub {
  /** Live subscriptions on this instance. */
  subscriberCount(): number;
  /** Ends every subscription (their streams complete) and stops listening: for shutdown. */
  close(): Promise<void>;
  /** Calls `listener` with every message as it arrives, before any subscriber sees it; returns an unwatch. */
  watch(listener: (message: EventMessage) => void): () => void;
}

export async function startEventHub(database: Database): Promise<RunningEventHub> {
  const target = new EventTarget();
  const stops = new Set<() => void>();
  const watchers = new Set<(message: EventMessage) => void>();
  const unlisten = await database.listen(EVENTS_CHANNEL, (payload) => {
    const message = parseEventMessage(payload);
    if (!message) return;
    for (const watcher of watchers) watcher(message);
    for (const id of message.ids) target.dispatchEvent(new CustomEvent(message.topic, { detail: id }));
  });

  /** Listens from the moment it is called (nothing is missed while the caller catches up),
   *  queues per subscriber (a slow one delays nobody else), and stops listening on return(). */
  function subscribe(topic: Topic): AsyncIterableIterator<number> {
    const queue: number[] = [];
    let wake: (() => void) | undefined;
    let overflowed = false;
    let listening = true;
    const listener = (event: Event) => {
      if (queue.length >= MAX_PENDING_EVENTS) overflowed = true;
      else queue.push((event as CustomEvent<number>).detail);
      wake?.();
    };
    const stop = () => {
      if (listening) {
        listening = false;
        stops.delete(stop);
        target.removeEventListener(topic, listener);
      }
      wake?.();
    };
    target.addEventListener(topic, listener);
    stops.add(stop);

    return {
      async next() {
        for (;;) {
          if (overflowed) {
            overflowed = false;
            stop();
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
        stop();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  function watch(listener: (message: EventMessage) => void) {
    watchers.add(listener);
    return () => void watchers.delete(listener);
  }

  async function close() {
    for (const stop of [...stops]) stop();
    await unlisten();
  }

  return { subscribe, subscriberCount: () => stops.size, watch, close };
}
