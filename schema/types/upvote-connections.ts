// Who upvoted a paper, and what a user upvoted: both page over upvote rows, most recent first,
// and expose the row's time on the edge.
import { drizzleConnectionHelpers } from '@pothos/plugin-drizzle';
import { builder } from '../builder.js';
import { checkCursors } from '../cursor-guard.js';
import { Paper } from './paper.js';
import { User } from './user.js';

// Upvote rows are keyed (user, paper): cursors hold (time, user id, paper id).
const byRecency = (args: { after?: string | null; before?: string | null }) => {
  checkCursors(args, ['date', 'integer', 'integer']);
  return { orderBy: { createdAt: 'desc' } } as const;
};

const upvoters = drizzleConnectionHelpers(builder, 'upvotes', {
  query: byRecency,
  select: (nestedSelection) => ({ columns: { createdAt: true }, with: { user: nestedSelection() } }),
  resolveNode: (upvote) => upvote.user,
});

const upvotedPapers = drizzleConnectionHelpers(builder, 'upvotes', {
  query: byRecency,
  select: (nestedSelection) => ({ columns: { createdAt: true }, with: { paper: nestedSelection() } }),
  resolveNode: (upvote) => upvote.paper,
});

builder.drizzleObjectField('papers', 'upvoters', (t) =>
  t.connection(
    {
      type: User,
      description: 'Users who upvoted this paper here, most recent first.',
      select: (args, ctx, nestedSelection) => ({
        with: { upvotes: upvoters.getQuery(args, ctx, nestedSelection) },
      }),
      resolve: (paper, args, ctx) => upvoters.resolve(paper.upvotes, args, ctx),
    },
    { name: 'PaperUpvoterConnection' },
    {
      name: 'PaperUpvoterEdge',
      fields: (edge) => ({ upvotedAt: edge.expose('createdAt', { type: 'DateTime' }) }),
    },
  ),
);

builder.drizzleObjectField('users', 'upvotedPapers', (t) =>
  t.connection(
    {
      type: Paper,
      description: 'Papers this user upvoted, most recent upvote first.',
      select: (args, ctx, nestedSelection) => ({
        with: { upvotes: upvotedPapers.getQuery(args, ctx, nestedSelection) },
      }),
      resolve: (user, args, ctx) => upvotedPapers.resolve(user.upvotes, args, ctx),
    },
    { name: 'UserUpvotedPaperConnection' },
    {
      name: 'UserUpvotedPaperEdge',
      fields: (edge) => ({ upvotedAt: edge.expose('createdAt', { type: 'DateTime' }) }),
    },
  ),
);
