// totalCount and totalCountIsExact of a connection whose matches grow with the tables (feeds,
// searches, author lists): both fields read one bounded count (drizzle/bounded-count.ts), made once
// per connection however many of them are selected.
import { COUNT_BOUND, type BoundedCount } from '../drizzle/bounded-count.js';
import { builder } from './builder.js';
import type { Context } from './context.js';

const bound = COUNT_BOUND.toLocaleString('en-US');

/** totalCount's description: what is counted, then how exactly. */
export const totalCountDescription = (what: string) =>
  `How many ${what} in all pages: exact up to ${bound}; above that a fast estimate (at least ${(COUNT_BOUND + 1).toLocaleString('en-US')}) and \`totalCountIsExact\` is false.`;

export const TOTAL_COUNT_IS_EXACT_DESCRIPTION = `True when \`totalCount\` is exact. Counts above ${bound} are the database's estimate: close for date ranges and single words, off by a factor of several for some multi-word searches. Show them as "about N" or "more than ${bound}"; page with \`pageInfo\`.`;

// Marks the fields as counts for the drizzle plugin: a selection of nothing else skips the page.
const COUNT_FIELD = { pothosDrizzleTotalCount: true };

/**
 * The `totalCount` option and the connection fields of a t.drizzleConnection counted by `count`.
 * The plugin calls totalCount with the field's arguments and keeps that same object as the
 * connection's `args`: the key under which the count is kept for totalCountIsExact.
 */
export function boundedTotalCount<Args extends object>(
  what: string,
  count: (args: Args, ctx: Context) => Promise<BoundedCount>,
) {
  const counts = new WeakMap<Args, Promise<BoundedCount>>();
  const once = (args: Args, ctx: Context) => {
    let counted = counts.get(args);
    if (!counted) counts.set(args, (counted = count(args, ctx)));
    return counted;
  };
  return {
    totalCount: async (_parent: unknown, args: Args, ctx: Context) => (await once(args, ctx)).count,
    fields: (t: PaperGraphConnectionFieldBuilder) => ({
      totalCount: t.int({
        description: totalCountDescription(what),
        extensions: COUNT_FIELD,
        resolve: (connection, _args, ctx) => once(argsOf<Args>(connection), ctx).then((c) => c.count),
      }),
      totalCountIsExact: t.boolean({
        description: TOTAL_COUNT_IS_EXACT_DESCRIPTION,
        extensions: COUNT_FIELD,
        resolve: (connection, _args, ctx) => once(argsOf<Args>(connection), ctx).then((c) => c.isExact),
      }),
    }),
  };
}

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type PaperGraphConnectionFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, object>;

/** The field arguments the drizzle plugin keeps on the connection it resolves (wrapConnectionResult). */
function argsOf<Args>(connection: object): Args {
  const { args } = connection as { args?: Args };
  if (!args) throw new Error('A drizzle connection without its arguments: the plugin changed.');
  return args;
}
