// An event reaches every subscriber at once, and most subscribers of an app hold the same
// subscription. Executing it once per subscriber (loading the paper, resolving every field
// through the plugins) cost about 0.2 ms each: 2 s of CPU per event for 10,000 subscribers.
// Subscribers whose operation, variables and viewer are the same get the same answer, so they
// share one execution per event. Deliveries then take turns with the rest of the process
// (server/take-turns.ts), so that nobody else waits while the event goes out.
import { execute } from '@graphql-tools/executor';
import { createSourceEventStream, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../../schema/context.js';
import type { RunningEventHub } from '../events/event-hub.js';
import { takeTurn } from '../take-turns.js';

/** A number per parsed document: Yoga's parser cache hands clients that send the same text the
 *  same document, so identical subscriptions share one. */
const documentIds = new WeakMap<object, number>();
let nextDocumentId = 0;

export function useSharedSubscriptionEvents(events: Pick<RunningEventHub, 'watch'>): Plugin<Context> {
  // Answers to the latest event, by payload and everything the answer depends on. The hub wakes
  // subscribers in turns, so the answer must outlive the first execution; the next event (a new
  // upvote count for the same paper, say) makes them all stale.
  const answers = new Map<string, Promise<ExecutionResult>>();
  events.watch(() => answers.clear());
  const shared = (key: string, run: () => Promise<ExecutionResult>) => {
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = run().then(serializedOnce)));
    return answer;
  };
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args as ExecutionArgs);
        if (!(Symbol.asyncIterator in source)) return source;
        const payloads = source as AsyncGenerator<unknown>;
        const key = subscriberKey(args as ExecutionArgs);
        // Our events are paper ids; anything else is executed for this subscriber alone.
        const answerTo = (payload: unknown) => {
          const run = () =>
            execute({ ...(args as ExecutionArgs), rootValue: payload }) as Promise<ExecutionResult>;
          return typeof payload === 'number' ? shared(`${key} ${payload}`, run) : run();
        };
        // An iterator rather than a generator: return() (the client left) must reach the source
        // at once, even while it waits for an event; a generator would run it only after that.
        const results: AsyncIterableIterator<ExecutionResult> = {
          async next() {
            const event = await payloads.next();
            if (event.done) return { value: undefined, done: true };
            const result = await answerTo(event.value);
            await takeTurn();
            return { value: result, done: false };
          },
          async return() {
            await payloads.return?.(undefined);
            return { value: undefined, done: true };
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        };
        return results;
      });
    },
  };
}

/** What decides a subscriber's answer to an event: its operation, its variables, its viewer. */
function subscriberKey({ document, operationName, variableValues, contextValue }: ExecutionArgs): string {
  let id = documentIds.get(document);
  if (id === undefined) documentIds.set(document, (id = nextDocumentId++));
  const viewer = (contextValue as Context).viewer?.id ?? '-';
  return `${id} ${operationName ?? ''} ${viewer} ${JSON.stringify(variableValues ?? {})}`;
}

/** Yoga serializes each subscriber's copy of the answer with the result's own `stringify` when it
 *  has one: the shared answer is turned into JSON once, not once per subscriber. */
function serializedOnce(result: ExecutionResult): ExecutionResult {
  let json: string | undefined;
  let of: unknown;
  const stringify = (value: unknown) => {
    if (value !== of || json === undefined) [of, json] = [value, JSON.stringify(value)];
    return json;
  };
  return Object.defineProperty(result, 'stringify', { value: stringify, enumerable: false });
}
