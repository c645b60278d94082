import { sql } from 'drizzle-orm';
import { PAPER_ORDERS, paperFeedWhere, paperOrderBy, paperOrderKey } from '../../drizzle/paper-feed.js';
import { papers } from '../../drizzle/schema.js';
import { builder } from '../builder.js';
import { checkCursors } from '../cursor-guard.js';

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

builder.queryField('papers', (t) =>
  t.drizzleConnection(
    {
      type: 'papers',
      description: 'The feed: papers page by page, ranked by `orderBy`, optionally within publication dates.',
      args: {
        orderBy: t.arg({ type: PaperOrder, defaultValue: 'NEWEST', required: true }),
        publishedOn: t.arg({ type: 'Date', description: 'Only papers published on this UTC day.' }),
        publishedFrom: t.arg({
          type: 'DateTime',
          description: 'Only papers published at or after this instant.',
        }),
        publishedTo: t.arg({ type: 'DateTime', description: 'Only papers published before this instant.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.db.$count(papers, paperFeedWhere(papers, args)),
      resolve: (query, _parent, args, ctx) => {
        checkCursors(args, [paperOrderKey[args.orderBy], 'integer']);
        return ctx.db.query.papers.findMany(
          query({
            where: { RAW: (table) => paperFeedWhere(table, args) ?? sql`true` },
            orderBy: paperOrderBy[args.orderBy],
          }),
        );
      },
    },
    { name: 'PaperConnection' },
    { name: 'PaperEdge' },
  ),
);
