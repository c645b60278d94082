import { sql } from 'drizzle-orm';
import { addUpvote, hasUpvoted, removeUpvote, type UpvoteChange } from '../../drizzle/upvotes.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { arxivIdArg } from '../arxiv-id-arg.js';
import { ErrorCode, userError } from '../errors.js';
import { Paper } from './paper.js';

builder.drizzleObjectField('papers', 'viewerHasUpvoted', (t) =>
  t.boolean({
    description: 'Whether the signed-in user upvoted this paper (false when anonymous).',
    // Computed in the page's own SQL statement: no extra query per paper.
    select: (_args, ctx) => ({
      extras: {
        viewerHasUpvoted: (paper) => (ctx.viewer ? hasUpvoted(paper.id, ctx.viewer.id) : sql<boolean>`false`),
      },
    }),
    resolve: (paper) => paper.viewerHasUpvoted,
  }),
);

type VoteChange = (db: Context['db'], userId: number, arxivId: string) => Promise<UpvoteChange>;

const voteField = (name: string, change: VoteChange, description: string) =>
  builder.mutationField(name, (t) =>
    t.drizzleField({
      type: Paper,
      description,
      authScopes: { signedIn: true },
      args: { arxivId: t.arg.string({ required: true }) },
      resolve: async (query, _parent, args, ctx) => {
        const result = await change(ctx.db, ctx.viewer!.id, arxivIdArg(args.arxivId));
        if (!result)
          throw userError(ErrorCode.NOT_FOUND, `No paper with arXiv id "${args.arxivId}".`, {
            argument: 'arxivId',
          });
        const paper = await ctx.db.query.papers.findFirst(query({ where: { id: result.paperId } }));
        return paper!;
      },
    }),
  );

voteField(
  'upvotePaper',
  addUpvote,
  'Upvotes a paper as the signed-in user. Idempotent: a second upvote changes nothing.',
);
voteField(
  'removeUpvote',
  removeUpvote,
  "Removes the signed-in user's upvote. Idempotent: removing a missing upvote changes nothing.",
);
