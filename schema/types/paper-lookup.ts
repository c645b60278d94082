import { arxivIdArg } from '../arxiv-id-arg.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { Paper } from './paper.js';

const MAX_BATCH = 100;

builder.queryFields((t) => ({
  paper: t.drizzleField({
    type: Paper,
    nullable: true,
    description: 'One paper by arXiv id (a version suffix such as v2 is ignored); null when unknown.',
    args: { arxivId: t.arg.string({ required: true }) },
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.papers.findFirst(query({ where: { arxivId: arxivIdArg(args.arxivId, 'arxivId') } })),
  }),
  papersByArxivIds: t.drizzleField({
    type: ['papers'],
    nullable: { list: false, items: true },
    description: `Up to ${MAX_BATCH} papers in the order asked, null where unknown, in one round trip.`,
    args: { arxivIds: t.arg.stringList({ required: true }) },
    resolve: async (query, _parent, args, ctx) => {
      if (args.arxivIds.length > MAX_BATCH) {
        throw badInput(`At most ${MAX_BATCH} arXiv ids per call; got ${args.arxivIds.length}.`, 'arxivIds');
      }
      const ids = args.arxivIds.map((raw) => arxivIdArg(raw, 'arxivIds'));
      const rows = await ctx.db.query.papers.findMany(
        query({ columns: { arxivId: true }, where: { arxivId: { in: ids } } }),
      );
      const byId = new Map(rows.map((row) => [row.arxivId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    },
  }),
}));
