import { builder } from '../builder.js';
import { newestAddedFirst } from '../cursor-guard.js';

export const User = builder.drizzleNode('users', {
  name: 'User',
  description: 'A PaperGraph account. Only public facts are exposed: never its password or tokens.',
  id: { column: (user) => user.id },
  // Nothing by default: fields name the columns they need, so the password hash is never loaded.
  select: {},
  fields: (t) => ({
    username: t.exposeString('username'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    submittedPapers: t.relatedConnection(
      'submittedPapers',
      {
        description: 'Papers this user submitted, newest first.',
        query: newestAddedFirst,
        totalCount: true,
      },
      { name: 'UserSubmittedPaperConnection' },
      { name: 'UserSubmittedPaperEdge' },
    ),
  }),
});

builder.queryField('viewer', (t) =>
  t.drizzleField({
    type: User,
    nullable: true,
    description: 'The signed-in user, or null for anonymous requests.',
    resolve: (query, _parent, _args, ctx) =>
      ctx.viewer ? ctx.db.query.users.findFirst(query({ where: { id: ctx.viewer.id } })) : null,
  }),
);
