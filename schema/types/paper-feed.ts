import { sql } from 'drizzle-orm';
import {
  PAPER_ORDERS,
  paperFeedWhere,
  paperOrderBy,
  paperOrderKey,
  type FeedPeriod,
  type PaperFeedFilter,
} from '../../drizzle/paper-feed.js';
import { papers } from '../../drizzle/schema.js';
import { boundedCount } from '../../drizzle/bounded-count.js';
import { boundedTotalCount } from '../bounded-total-count.js';
import { builder } from '../builder.js';
import { checkCursors } from '../cursor-guard.js';
import { badInput } from '../errors.js';

const PaperOrder = builder.enumType('PaperOrder', {
  description: 'How a feed of papers is ranked.',
  values: {
    NEWEST: { description: 'Most recently added to the feed first.' },
    TOP: { description: 'Most upvoted first.' },
    TRENDING: {
      description:
        'Recent papers with many recent upvotes first, Hacker News-style: each upvote weighs 2^(days since 1970 when cast), the paper itself (1 + source upvotes) such weights when added; the score is log2 of the sum. Doubling the upvotes is worth one day of recency.',
    },
  } satisfies Record<(typeof PAPER_ORDERS)[number], object>,
});

const FeedPeriodEnum = builder.enumType('FeedPeriod', {
  description:
    'A span of the feed by the day papers were added (UTC), as in daily, weekly and monthly listings.',
  values: {
    DAY: { description: 'The UTC calendar day of `date`.' },
    WEEK: { description: 'The ISO week of `date`: Monday 00:00 UTC to the next Monday.' },
    MONTH: { description: 'The calendar month of `date` (UTC).' },
  } satisfies Record<FeedPeriod, object>,
});

interface FeedArgs extends Omit<PaperFeedFilter, 'addedIn'> {
  period?: FeedPeriod | null;
  date?: string | null;
}

/** The feed's filter; a `date` without a `period` is refused rather than guessed at. */
function feedFilter(args: FeedArgs): PaperFeedFilter {
  if (args.date && !args.period) {
    throw badInput('"date" selects a day, week or month of the feed: pass "period" with it.', 'date');
  }
  const today = () => new Date().toISOString().slice(0, 10);
  return {
    ...args,
    addedIn: args.period ? { period: args.period, date: args.date ?? today() } : null,
  };
}

const feedCount = boundedTotalCount('papers the feed lists', (args: FeedArgs, ctx) =>
  boundedCount(ctx.db, papers, paperFeedWhere(papers, feedFilter(args))),
);

builder.queryField('papers', (t) =>
  t.drizzleConnection(
    {
      type: 'papers',
      description:
        'The feed: papers page by page, ranked by `orderBy`, optionally within publication dates or one day, week or month of the feed (`period`).',
      args: {
        orderBy: t.arg({ type: PaperOrder, defaultValue: 'NEWEST', required: true }),
        publishedOn: t.arg({ type: 'Date', description: 'Only papers published on this UTC day.' }),
        publishedFrom: t.arg({
          type: 'DateTime',
          description: 'Only papers published at or after this instant.',
        }),
        publishedTo: t.arg({ type: 'DateTime', description: 'Only papers published before this instant.' }),
        period: t.arg({
          type: FeedPeriodEnum,
          description:
            "Only papers added to the feed in this day, week or month (UTC) around `date`: the daily, weekly and monthly papers. Combines with `orderBy` (TOP: the month's most upvoted) and the other filters.",
        }),
        date: t.arg({
          type: 'Date',
          description:
            'The day whose `period` to list; today (UTC) when omitted. Only with `period`: a `date` alone is BAD_USER_INPUT (use `publishedOn` for papers published on a day).',
        }),
      },
      totalCount: feedCount.totalCount,
      resolve: (query, _parent, args, ctx) => {
        checkCursors(args, paperOrderKey[args.orderBy]);
        const filter = feedFilter(args);
        return ctx.db.query.papers.findMany(
          query({
            where: { RAW: (table) => paperFeedWhere(table, filter) ?? sql`true` },
            orderBy: paperOrderBy[args.orderBy],
          }),
        );
      },
    },
    { name: 'PaperConnection', fields: feedCount.fields },
    { name: 'PaperEdge' },
  ),
);
