import { and, sql } from 'drizzle-orm';
import {
  authorNameMatches,
  authorNameSimilarity,
  authorNameStartsWith,
} from '../../drizzle/author-filter.js';
import { authors } from '../../drizzle/schema.js';
import { boundedCount } from '../../drizzle/bounded-count.js';
import { boundedTotalCount } from '../bounded-total-count.js';
import { builder } from '../builder.js';
import { checkCursors } from '../cursor-guard.js';
import { badInput } from '../errors.js';
import { lookupKeyOf } from '../global-id.js';
import { Author } from './author.js';

const MAX_SEARCH_LENGTH = 200;

interface AuthorFilterArgs {
  nameStartsWith?: string | null;
  search?: string | null;
}

function searchArg(args: AuthorFilterArgs): string | null {
  if (args.search == null) return null;
  const search = args.search.trim();
  if (search === '' || search.length > MAX_SEARCH_LENGTH) {
    throw badInput(`"search" must have 1 to ${MAX_SEARCH_LENGTH} characters besides spaces.`, 'search');
  }
  return search;
}

function authorWhere(
  table: typeof authors,
  nameStartsWith: string | null | undefined,
  search: string | null,
) {
  return and(
    authorNameStartsWith(table, nameStartsWith),
    search ? authorNameMatches(table, search) : undefined,
  );
}

const authorCount = boundedTotalCount('authors the list has', (args: AuthorFilterArgs, ctx) =>
  boundedCount(ctx.db, authors, authorWhere(authors, args.nameStartsWith, searchArg(args))),
);

builder.queryFields((t) => ({
  author: t.drizzleField({
    type: Author,
    nullable: true,
    description: 'One author by id; null when unknown.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _parent, args, ctx) => {
      const id = lookupKeyOf('Author', String(args.id));
      return id === null ? null : ctx.db.query.authors.findFirst(query({ where: { id } }));
    },
  }),
  authors: t.drizzleConnection(
    {
      type: 'authors',
      description:
        'Authors in alphabetical order, or best match first with `search`; optionally only those whose name starts with a prefix.',
      args: {
        nameStartsWith: t.arg.string({ description: 'Case-insensitive prefix of the full name.' }),
        search: t.arg.string({
          description: `Part of a name, for a people search box: any part of any name ("zha" finds Wayne Xin Zhao), case-insensitive, with small typos and other word orders tolerated. Best match first: a match at the start of a word before one inside it, then alphabetical. 1 to ${MAX_SEARCH_LENGTH} characters.`,
        }),
      },
      totalCount: authorCount.totalCount,
      resolve: (query, _parent, args, ctx) => {
        const search = searchArg(args);
        // The cursor holds the ordering's values: the name, or the match quality and the name.
        checkCursors(args, search ? ['number', 'string'] : ['string']);
        const where = {
          RAW: (table: typeof authors) => authorWhere(table, args.nameStartsWith, search) ?? sql`true`,
        };
        return ctx.db.query.authors.findMany(
          search
            ? query({
                where,
                extras: { searchRank: (table) => authorNameSimilarity(table, search) },
                orderBy: { searchRank: 'desc', name: 'asc' },
              })
            : query({ where, orderBy: { name: 'asc' } }),
        );
      },
    },
    { name: 'AuthorConnection', fields: authorCount.fields },
    { name: 'AuthorEdge' },
  ),
}));
