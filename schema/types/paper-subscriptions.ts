import {
  matchingPaperIdsAfter,
  paperIdsByArxivIds,
  paperMatches,
  type PaperFilter,
} from '../../drizzle/paper-filter.js';
import { retryWhileUnavailable } from '../../drizzle/database-unavailable.js';
import { builder } from '../builder.js';
import { EVENTS_MISSED, type Context } from '../context.js';
import { arxivIdArg } from '../arxiv-id-arg.js';
import { decodeIdOf } from '../global-id.js';
import { Paper } from './paper.js';

const PaperFilterInput = builder.inputType('PaperFilter', {
  description: 'Narrows a subscription. All given conditions must hold.',
  fields: (t) => ({
    authorName: t.string({ description: 'A full author name, in any letter case.' }),
    organization: t.string({ description: 'An organization short name, e.g. "google", in any letter case.' }),
  }),
});

const CATCH_UP_PAGE = 500;

type Live = AsyncIterableIterator<number | typeof EVENTS_MISSED>;

/**
 * Runs `stream` over `live`, and stops `live` however the client leaves, even before the stream
 * started (a generator that never ran skips its `finally`). Subscribing eagerly, in the
 * subscribe resolver, means the server listens before it answers the request.
 */
function streamOver<T>(live: Live, stream: AsyncGenerator<T>): AsyncIterableIterator<T> {
  return {
    next: () => stream.next(),
    return: async () => {
      await live.return?.();
      return stream.return(undefined as never);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Missed papers first (after the one the client saw last), then live ones; none twice. When the
 * server was cut off from PostgreSQL (EVENTS_MISSED), the papers added meanwhile are read from
 * the table, after the last one this subscriber was sent, as a client resuming with `after` would.
 */
async function* papersAdded(
  ctx: Context,
  live: Live,
  filter: PaperFilter | null | undefined,
  afterId: number | null,
) {
  try {
    let lastSent = afterId ?? ctx.events.lastPaperAddedId();
    // Ids sent by the latest catch-up: their live events, still on the way, are not sent again.
    let caughtUp = new Set<number>();
    async function* catchUp() {
      caughtUp = new Set();
      for (;;) {
        const ids = await retryWhileUnavailable(() =>
          matchingPaperIdsAfter(ctx.db, lastSent, filter, CATCH_UP_PAGE),
        );
        for (const id of ids) {
          caughtUp.add(id);
          lastSent = id;
          yield id;
        }
        if (ids.length < CATCH_UP_PAGE) return;
      }
    }
    if (afterId !== null) yield* catchUp();
    for await (const id of live) {
      if (id === EVENTS_MISSED) yield* catchUp();
      else if (!caughtUp.has(id) && (await retryWhileUnavailable(() => paperMatches(ctx.db, id, filter)))) {
        lastSent = Math.max(lastSent, id);
        yield id;
      }
    }
  } finally {
    await live.return?.();
  }
}

/** After missed events, subscribers to listed papers get each one's current count again. */
async function* upvotesChanged(ctx: Context, live: Live, arxivIds: string[] | null) {
  try {
    if (!arxivIds) {
      for await (const id of live) if (id !== EVENTS_MISSED) yield id;
      return;
    }
    // A listed paper may not exist yet: look up the ones still unknown when an event does not match.
    const known = new Set<number>();
    let missing = [...new Set(arxivIds)];
    const lookUp = async () => {
      const found = await retryWhileUnavailable(() => paperIdsByArxivIds(ctx.db, missing));
      for (const [, id] of found) known.add(id);
      const foundIds = new Set(found.map(([arxivId]) => arxivId));
      missing = missing.filter((arxivId) => !foundIds.has(arxivId));
    };
    await lookUp();
    for await (const id of live) {
      if (id === EVENTS_MISSED) {
        if (missing.length > 0) await lookUp();
        yield* known;
        continue;
      }
      if (!known.has(id) && missing.length > 0) await lookUp();
      if (known.has(id)) yield id;
    }
  } finally {
    await live.return?.();
  }
}

/** The event's paper with the subscriber's selection. While the database is unavailable the event
 *  waits rather than fail. (Subscribers with the same subscription share one execution per event:
 *  server/plugins/shared-subscription-events.ts.) */
function loadPaper(ctx: Context, selection: Parameters<Context['db']['query']['papers']['findFirst']>[0]) {
  return retryWhileUnavailable(async () => (await ctx.db.query.papers.findFirst(selection))!);
}

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  paperAdded: t.drizzleField({
    type: Paper,
    description:
      'Every new paper, submitted or imported, on any server instance. To resume after a disconnect, pass the `id` of the last paper received as `after`: the papers added since arrive first, then live ones.',
    args: {
      filter: t.arg({ type: PaperFilterInput }),
      after: t.arg.id({ description: 'The id of the last paper this client received.' }),
    },
    subscribe: (_root, args, ctx) => {
      const afterId = args.after == null ? null : decodeIdOf('Paper', String(args.after), 'after');
      const live = ctx.events.subscribe('paperAdded');
      return streamOver(live, papersAdded(ctx, live, args.filter, afterId));
    },
    resolve: (query, paperId, _args, ctx) =>
      loadPaper(ctx, query({ where: { id: paperId as unknown as number } })),
  }),
  paperUpvotesChanged: t.drizzleField({
    type: Paper,
    description:
      "A paper whose upvote count changed, with its new count; only the listed papers' when `arxivIds` is given.",
    args: { arxivIds: t.arg.stringList() },
    subscribe: (_root, args, ctx) => {
      const arxivIds = args.arxivIds?.map((id) => arxivIdArg(id, 'arxivIds')) ?? null;
      const live = ctx.events.subscribe('paperUpvotesChanged');
      return streamOver(live, upvotesChanged(ctx, live, arxivIds));
    },
    resolve: (query, paperId, _args, ctx) =>
      loadPaper(ctx, query({ where: { id: paperId as unknown as number } })),
  }),
}));
