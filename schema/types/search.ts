import { resolveCursorConnection } from '@pothos/plugin-relay';
import {
  countSearch,
  SEARCH_ORDERS,
  searchHighlightExtras,
  searchKeyExtras,
  searchKeyOf,
  searchPageQuery,
  searchScore,
  type PaperSearch,
  type SearchKey,
  type SearchMode,
  RELEVANCE_CANDIDATES,
} from '../../drizzle/paper-search.js';
import type { papers } from '../../drizzle/schema.js';
import { parseSearchQuery } from '../../drizzle/search-query.js';
import type { BoundedCount } from '../../drizzle/bounded-count.js';
import { totalCountDescription, TOTAL_COUNT_IS_EXACT_DESCRIPTION } from '../bounded-total-count.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { LIMITS } from '../limits.js';
import { selectedFieldNames } from '../selected-fields.js';
import {
  decodeSearchCursor,
  encodeSearchCursor,
  fingerprint,
  type SearchCursorScope,
} from '../search-cursor.js';
import { Paper } from './paper.js';

const MAX_QUERY_LENGTH = 200;

const NOTHING: BoundedCount = { count: 0, isExact: true };

/** `make`'s promise, made on the first call. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

interface Hit {
  paper: typeof papers.$inferSelect;
  score: number;
  /** Loaded only when the request selects it. */
  titleHighlight?: string;
  summarySnippet?: string;
  /** Where the hit sits in the ordering, and how it was found: its cursor. */
  key: SearchKey;
  mode: SearchMode;
}

const SearchHit = builder.objectRef<Hit>('SearchHit').implement({
  description: 'A paper found by a search, with its relevance and the matched words marked.',
  fields: (t) => ({
    paper: t.field({ type: Paper, resolve: (hit) => hit.paper }),
    score: t.exposeFloat('score', {
      description:
        'Relevance: the weighted full-text rank in [0, 1) (title over abstract over author names; title similarity when `approximate`), times a mild upvote boost of 1 + ln(1 + upvotes) / 20. Comparable within one search only.',
    }),
    titleHighlight: t.string({
      description:
        'The title, HTML-escaped, with the matched words wrapped in <mark>…</mark>: safe to insert as HTML.',
      resolve: (hit) => hit.titleHighlight!,
    }),
    summarySnippet: t.string({
      description:
        'One or two short excerpts of the abstract around the matches (joined by " … "), HTML-escaped, matched words in <mark>…</mark>. The abstract\'s opening words when the match was elsewhere.',
      resolve: (hit) => hit.summarySnippet!,
    }),
  }),
});

const SearchOrder = builder.enumType('SearchOrder', {
  description: 'How search results are ranked.',
  values: {
    RELEVANCE: {
      description: `Best match first (see SearchHit.score). A query matching more than ${RELEVANCE_CANDIDATES.toLocaleString('en-US')} papers ranks the ${RELEVANCE_CANDIDATES.toLocaleString('en-US')} most recently added; NEWEST and TOP page through every match.`,
    },
    NEWEST: { description: 'Most recently added to the feed first.' },
    TOP: { description: 'Most upvoted first; equal upvotes by relevance.' },
  } satisfies Record<(typeof SEARCH_ORDERS)[number], object>,
});

const SearchFilter = builder.inputType('SearchFilter', {
  description: 'Narrows a search; all given conditions apply.',
  fields: (t) => ({
    publishedFrom: t.field({ type: 'DateTime', description: 'Published at or after this instant.' }),
    publishedTo: t.field({ type: 'DateTime', description: 'Published before this instant.' }),
    author: t.string({ description: "An author's name contains this text (case-insensitive)." }),
    organization: t.string({
      description:
        'Published under this organization: its name or full name, case-insensitive (e.g. "google").',
    }),
  }),
});

builder.queryField('search', (t) =>
  t.connection(
    {
      type: SearchHit,
      description: `Full-text search over titles, abstracts and author names, best match first.

Syntax, as in web search engines: all words must appear, in any form ("reading" finds "readers"); "quoted words" must appear together as a phrase; \`or\` between words accepts either side; \`-word\` or \`-"a phrase"\` excludes papers containing it; other punctuation is ignored. The last word also matches as a prefix ("contin" finds "continual"), so results can follow a search box as the user types; a quoted last word does not.

When nothing matches at all, the papers whose titles look like the words (trigram similarity, still without the excluded words) are returned instead, with \`approximate: true\`: typo tolerance, "contnual pretraning" finds "Continual Pre-training".

\`query\` must have a non-blank character and at most ${MAX_QUERY_LENGTH} characters (BAD_USER_INPUT otherwise). A query of only punctuation finds nothing.`,
      args: {
        query: t.arg.string({ required: true }),
        filter: t.arg({ type: SearchFilter }),
        orderBy: t.arg({ type: SearchOrder, required: true, defaultValue: 'RELEVANCE' }),
      },
      resolve: async (_root, args, ctx, info) => {
        if (args.query.trim() === '') throw badInput('"query" must not be blank.', 'query');
        if ([...args.query].length > MAX_QUERY_LENGTH) {
          throw badInput(`"query" is longer than ${MAX_QUERY_LENGTH} characters.`, 'query');
        }
        const filter = args.filter ?? {};
        const scope: SearchCursorScope = {
          order: args.orderBy,
          fingerprint: fingerprint([args.query, filter]),
        };
        const after = args.after ? decodeSearchCursor(args.after, 'after', scope) : undefined;
        const before = args.before ? decodeSearchCursor(args.before, 'before', scope) : undefined;
        if (after && before && after.mode !== before.mode) {
          throw badInput('"after" and "before" come from different searches.', 'before');
        }

        const query = parseSearchQuery(args.query);
        const search = (mode: SearchMode): PaperSearch => ({ query, mode, order: args.orderBy, filter });
        // Later pages keep the mode of the first: a cursor says how its page was found.
        let mode: SearchMode = after?.mode ?? before?.mode ?? 'text';

        // Highlighting runs the text through the parser again: only when asked for.
        const selected = selectedFieldNames(info);
        const highlights = (current: PaperSearch) =>
          Object.fromEntries(
            Object.entries(searchHighlightExtras(current)).filter(([name]) => selected.has(name)),
          ) as Partial<ReturnType<typeof searchHighlightExtras>>;

        // One statement: the ranked page and every paper field the client selected under it.
        const loadHits = async (page: { limit: number; inverted: boolean }, pageMode: SearchMode) => {
          const current = search(pageMode);
          const rows = await ctx.db.query.papers.findMany(
            t.drizzleQueryFromInfo('papers', {
              context: ctx,
              info,
              paths: [
                ['edges', 'node', 'paper'],
                ['nodes', 'paper'],
              ],
              ...searchPageQuery(current, { ...page, after: after?.key, before: before?.key }),
              extras: {
                score: (p: typeof papers) => searchScore(p, current),
                ...highlights(current),
                ...searchKeyExtras(current),
              },
            }),
          );
          return rows.map(
            (row): Hit => ({
              paper: row as unknown as typeof papers.$inferSelect,
              score: row.score,
              titleHighlight: row.titleHighlight as string | undefined,
              summarySnippet: row.summarySnippet as string | undefined,
              key: searchKeyOf(row, current),
              mode: pageMode,
            }),
          );
        };

        const connection = await resolveCursorConnection<Promise<Hit[]>>(
          {
            args,
            defaultSize: LIMITS.defaultPageSize,
            maxSize: LIMITS.maxPageSize,
            toCursor: (hit: Hit) => encodeSearchCursor(scope, hit),
          },
          async (page): Promise<Hit[]> => {
            // Only punctuation: nothing to look for, no need to ask the database.
            if (!query.tsquery) return [];
            const hits = await loadHits(page, mode);
            // Full text finds nothing at all: fall back to titles that look like the words.
            const letters = query.plainText.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
            if (hits.length > 0 || after || before || letters < 3) return hits;
            mode = 'fuzzy';
            return loadHits(page, mode);
          },
        );
        return {
          ...connection,
          approximate: mode === 'fuzzy',
          // Made once, when totalCount or totalCountIsExact first asks.
          count: once(() => (query.tsquery ? countSearch(ctx.db, search(mode)) : Promise.resolve(NOTHING))),
        };
      },
    },
    {
      name: 'SearchConnection',
      fields: (t) => ({
        approximate: t.boolean({
          description:
            'True when no paper matched the words themselves and these are papers whose titles look like them (typo tolerance), so a client can say "showing results for similar titles".',
          resolve: (connection) => connection.approximate,
        }),
        totalCount: t.int({
          description: totalCountDescription('papers the search finds'),
          resolve: async (connection) => (await connection.count()).count,
        }),
        totalCountIsExact: t.boolean({
          description: TOTAL_COUNT_IS_EXACT_DESCRIPTION,
          resolve: async (connection) => (await connection.count()).isExact,
        }),
      }),
    },
    { name: 'SearchEdge' },
  ),
);
