// Anonymous reads answered from memory until a write changes what they show. Signed-in requests
// are never cached: their answers depend on the viewer (viewerHasUpvoted, me).
//
// Invalidation follows the event hub, which hears every committed write on every instance
// (PostgreSQL NOTIFY): an upvote recorded on instance B drops instance A's cached answers that
// show that paper's upvote count, and those listing upvotes; a new or re-imported paper drops every
// answer that can show papers or authors, since it may belong to any list. What no event names (a
// paper moving into a TOP page because another paper lost votes) is bounded by the time-to-live.
// When the instance was cut off from PostgreSQL, it cannot know what changed meanwhile: every
// cached answer is dropped.
//
// What an answer depends on is known without touching it (the getEntities option our patch of
// @envelop/response-cache adds): whether it can show papers or lists upvotes, from its document,
// once per document; whose upvote counts it shows, from Paper.upvoteCount's resolver
// (Context.showingUpvotesOf). The plugin's own way, adding __typename and id to every selection
// set and copying every result to take them out again, made a miss far slower than no cache.
// Answers are kept as their JSON text (kept-as-text.ts), which a hit sends as it is.
import { hash } from 'node:crypto';
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Context } from '../../schema/context.js';
import type { RunningEventHub } from '../events/event-hub.js';
import { answerEntities, entitiesChangedBy } from '../response-cache/answer-entities.js';
import { documentReads, type DocumentReads } from '../response-cache/document-reads.js';
import { keptAsText } from '../response-cache/kept-as-text.js';

/** Distinct cached answers kept per instance; the least recently used go first. The cache's index
 *  of what they depend on (paper → answers) holds only what these answers name, and loses an
 *  answer's entries when the answer leaves. */
const MAX_ENTRIES = 1_000;

/** What an execution that may be cached has shown so far. */
interface Answer {
  reads: DocumentReads;
  upvotesShown: Set<number>;
}

const isAnonymous = (request: Request) => !request.headers.has('authorization');

/** The response cache, and what records which entities each answer depends on. */
export function useAnonymousResponseCache(
  events: Pick<RunningEventHub, 'watch'>,
  ttlMs: number,
): [Plugin, Plugin<Context>] {
  const cache = keptAsText(createInMemoryCache({ max: MAX_ENTRIES }));
  // Part of every key: a new generation makes every earlier answer unreachable (they age out).
  let generation = 0;
  events.watch((message) => {
    const changed = entitiesChangedBy(message);
    if (changed === 'all') generation++;
    else if (changed.length > 0) void cache.invalidate(changed);
  });
  const answers = new WeakMap<object, Answer>();
  const responseCache = useResponseCache({
    cache,
    ttl: ttlMs,
    // One shared entry per operation and variables: only requests without a token get here.
    session: () => null,
    enabled: isAnonymous,
    // The plugin builds a key for every request, cached or not; signed-in requests skip the hash.
    buildResponseCacheKey: ({ request, documentString, operationName, variableValues }) =>
      isAnonymous(request)
        ? hash(
            'sha256',
            `${generation}|${documentString}|${operationName ?? ''}|${JSON.stringify(variableValues ?? {})}`,
          )
        : '',
    getEntities: ({ context }) => {
      const answer = answers.get(context);
      return answer ? answerEntities(answer.reads, answer.upvotesShown) : [];
    },
    // invalidateViaMutation stays on: off, the plugin would cache mutations (a logIn's token) as
    // queries. Writes with a token skip it (not enabled); only signUp and logIn run its rewrite.
    includeExtensionMetadata: false,
  });
  const recordWhatAnswersShow: Plugin<Context> = {
    onExecute({ args, extendContext }) {
      const context = args.contextValue as Context & YogaInitialContext;
      if (!isAnonymous(context.request)) return;
      const answer: Answer = { reads: documentReads(args.schema, args.document), upvotesShown: new Set() };
      answers.set(context, answer);
      extendContext({ showingUpvotesOf: (paperId) => void answer.upvotesShown.add(paperId) });
    },
  };
  return [responseCache, recordWhatAnswersShow];
}
