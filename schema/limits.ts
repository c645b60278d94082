// Request limits: page size, query depth, breadth and cost. Cost, depth and breadth are checked
// together before any resolver runs (server/plugins/query-cost.ts); a connection's cost is its page
// size times the cost of one node, so page-size validation lives here too. The document limits
// (tokens, nesting, aliases, directives) are checked before parsing and while validating, before
// anything is cached or executed (server/plugins/document-limits.ts).
import { getNullableType, isListType, type GraphQLField } from 'graphql';
import { badInput, ErrorCode, userError } from './errors.js';

export const LIMITS = {
  defaultPageSize: 20,
  maxPageSize: 100,
  /** Nested selections below the operation root. */
  depth: 12,
  /** Selected fields in the whole operation. */
  breadth: 300,
  /** Sum of field costs, connections and lists multiplied by their size. */
  complexity: 20_000,
  /** Lists without a size argument are assumed to hold this many items. */
  listMultiplier: 10,
  /** Lexical tokens in a document; a larger one is refused before it is parsed or cached. */
  tokens: 2_000,
  /** Brackets, braces and parentheses open at once in a document, checked before parsing. */
  nesting: 50,
  /** Aliased fields in an operation, `__typename` included: each alias runs like another field. */
  aliases: 30,
  /** Directives in an operation. */
  directives: 50,
  /** Validation errors reported for one document: a broken document gets a list, not a flood. */
  errors: 20,
  /** Nesting of arrays and objects in a request's variables and extensions. */
  jsonDepth: 16,
} as const;

/**
 * What one call of a field costs when it does work beyond reading its rows, on the scale of the
 * rest: on 30,000 papers a feed page of 100 papers with bylines (cost 3,500) takes about 200 ms, so
 * a unit is about 60 µs. `similar` ranks the papers sharing this one's terms (about 25 ms per
 * paper), `search` ranks up to 1,000 candidates (about 20 ms), an author search compares every
 * name by trigrams (about 50 ms), `coAuthors` aggregates the author's bylines. Introspection
 * answers with the whole schema (`__schema`, at most four per query) or with one type (`__type`).
 */
const CALL_COSTS: Record<string, (args: Record<string, unknown>) => number> = {
  similar: () => 400,
  search: () => 400,
  authors: (args) => (args.search == null ? 1 : 800),
  coAuthors: () => 20,
  __schema: () => 5_000,
  __type: () => 100,
};

export function fieldComplexity(
  args: Record<string, unknown>,
  _ctx: unknown,
  field: GraphQLField<unknown, any>,
) {
  const { first, last, ids } = args as { first?: number | null; last?: number | null; ids?: unknown[] };
  const cost = callCost(field.name, args);
  // A connection asked for without a page size still returns a page: the default one.
  const paged = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
  if (!paged) return { field: cost, multiplier: listSize(field, ids) };
  if (first != null && last != null) {
    // A page is counted from one end: the drizzle plugin refuses both (without a code).
    throw badInput(`Pass "first" or "last" on ${field.name}, not both.`, 'last');
  }
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value == null) continue;
    if (value < 0) {
      throw badInput(`"${name}" on ${field.name} must not be negative.`, name);
    }
    if (value > LIMITS.maxPageSize) {
      throw userError(
        ErrorCode.PAGE_SIZE_TOO_LARGE,
        `"${name}" on ${field.name} is ${value}; at most ${LIMITS.maxPageSize} items fit on a page. Follow pageInfo.endCursor for more.`,
        { argument: name, max: LIMITS.maxPageSize },
      );
    }
  }
  return { field: cost, multiplier: first ?? last ?? LIMITS.defaultPageSize };
}

export function callCost(fieldName: string, args: Record<string, unknown> = {}): number {
  return CALL_COSTS[fieldName]?.(args) ?? 1;
}

/** How many items a list field is assumed to return; a connection's page size counts once. */
function listSize(field: GraphQLField<unknown, any>, ids: unknown[] | undefined): number {
  if (Array.isArray(ids)) return ids.length;
  if (!isListType(getNullableType(field.type))) return 1;
  const isConnectionPage = field.name === 'edges' || field.name === 'nodes';
  return isConnectionPage ? 1 : LIMITS.listMultiplier;
}

export type LimitName = 'depth' | 'breadth' | 'complexity' | 'tokens' | 'nesting' | 'aliases' | 'directives';

const OVER: Record<LimitName, string> = {
  depth: 'nests fields more than MAX deep',
  breadth: 'selects more than MAX fields',
  complexity: 'costs more than MAX',
  tokens: 'has more than MAX tokens',
  nesting: 'nests brackets more than MAX deep',
  aliases: 'has more than MAX aliases',
  directives: 'has more than MAX directives',
};

/** QUERY_TOO_COMPLEX, naming the limit; `actual` when known (a parser stops at the limit). */
export function limitError(limit: LimitName, max: number, actual?: number) {
  const measure =
    actual === undefined
      ? OVER[limit].replace('MAX', max.toLocaleString('en-US'))
      : `${limit} is ${actual}, over the limit of ${max}`;
  return userError(
    ErrorCode.QUERY_TOO_COMPLEX,
    `Query ${measure}. Ask for fewer or smaller pages, or split the query.`,
    { limit, max, ...(actual === undefined ? {} : { actual }) },
  );
}
