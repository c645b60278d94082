// Anonymous reads answered from memory until a write changes what they show. Signed-in requests
// are never cached: their answers depend on the viewer (viewerHasUpvoted, me).
//
// Invalidation follows the event hub, which hears every committed write on every instance
// (PostgreSQL NOTIFY): an upvote recorded on instance B drops instance A's cached answers that
// contain that paper; a new or re-imported paper drops every answer holding papers or authors,
// since it may belong to any list. What no event names (a paper moving into a TOP page because
// another paper lost votes) is bounded by the time-to-live. When the instance was cut off from
// PostgreSQL, it cannot know what changed meanwhile: every cached answer is dropped.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createInMemoryCache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import type { RunningEventHub } from '../events/event-hub.js';

/** Distinct cached answers kept per instance; the least recently used go first. */
const MAX_ENTRIES = 1_000;

export function useAnonymousResponseCache(events: Pick<RunningEventHub, 'watch'>, ttlMs: number): Plugin {
  const cache = createInMemoryCache({ max: MAX_ENTRIES });
  // Part of every key: a new generation makes every earlier answer unreachable (they age out).
  let generation = 0;
  events.watch((message) => {
    if (message.topic === 'eventsMissed') generation++;
    else if (message.topic === 'paperUpvotesChanged') {
      void cache.invalidate(
        message.ids.map((id) => ({ typename: 'Paper', id: encodeGlobalID('Paper', id) })),
      );
    } else {
      void cache.invalidate([{ typename: 'Paper' }, { typename: 'Author' }]);
    }
  });
  return useResponseCache({
    cache,
    ttl: ttlMs,
    // One shared entry per operation and variables: only requests without a token get here.
    session: () => null,
    enabled: (request) => !request.headers.has('authorization'),
    // The plugin builds a key for every request, cached or not; signed-in requests skip the hash.
    buildResponseCacheKey: ({ request, documentString, operationName, variableValues }) =>
      request.headers.has('authorization')
        ? ''
        : hashSHA256(
            `${generation}|${documentString}|${operationName ?? ''}|${JSON.stringify(variableValues ?? {})}`,
          ),
    includeExtensionMetadata: false,
  });
}
