import { similarPaperIds } from '../../drizzle/similar-papers.js';
import type { papers } from '../../drizzle/schema.js';
import { builder } from '../builder.js';
import { Paper } from './paper.js';

type PaperRow = typeof papers.$inferSelect;

/** The ids are an extra of the statement that loads the paper, one per page size asked for. */
const similarKey = (first: number) => `similarIds${first}`;

// The papers behind the ids are then loaded by the drizzle plugin (from rows holding only their id),
// in one statement for every `similar` list in the request, with whatever fields the client selected.
builder.drizzleObjectField(Paper, 'similar', (t) =>
  t.field({
    type: [Paper],
    description:
      "Papers on the same subject, most similar first: those sharing the most of this paper's distinctive terms (prominent in its title and abstract, rare in other papers). Never the paper itself.",
    args: {
      first: t.arg.int({ required: true, defaultValue: 5, description: 'At most this many (up to 100).' }),
    },
    select: (args) => ({
      extras: { [similarKey(args.first)]: (table) => similarPaperIds(table, args.first) },
    }),
    resolve: (paper, args) =>
      ((paper as Record<string, unknown>)[similarKey(args.first)] as number[]).map(
        (id) => ({ id }) as PaperRow,
      ),
  }),
);
