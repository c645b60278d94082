import { sql } from 'drizzle-orm';
import { authorNameStartsWith } from '../../drizzle/author-filter.js';
import { authors } from '../../drizzle/schema.js';
import { builder } from '../builder.js';
import { checkCursors } from '../cursor-guard.js';
import { decodeIdOf } from '../global-id.js';
import { Author } from './author.js';

builder.queryFields((t) => ({
  author: t.drizzleField({
    type: Author,
    nullable: true,
    description: 'One author by id; null when unknown.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.authors.findFirst(query({ where: { id: decodeIdOf('Author', String(args.id)) } })),
  }),
  authors: t.drizzleConnection(
    {
      type: 'authors',
      description: 'Authors in alphabetical order, optionally only those whose name starts with a prefix.',
      args: {
        nameStartsWith: t.arg.string({ description: 'Case-insensitive prefix of the full name.' }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.db.$count(authors, authorNameStartsWith(authors, args.nameStartsWith)),
      resolve: (query, _parent, args, ctx) => {
        checkCursors(args, ['string', 'integer']);
        return ctx.db.query.authors.findMany(
          query({
            where: { RAW: (table) => authorNameStartsWith(table, args.nameStartsWith) ?? sql`true` },
            orderBy: { name: 'asc' },
          }),
        );
      },
    },
    { name: 'AuthorConnection' },
    { name: 'AuthorEdge' },
  ),
}));
