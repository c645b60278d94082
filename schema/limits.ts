// Request limits: page size, query depth, breadth and cost. They are checked together, before any
// resolver runs, by the complexity plugin: a connection's cost is its page size times the cost of
// one node, so page-size validation lives here too.
import { ComplexityErrorKind, type ComplexityErrorFn } from '@pothos/plugin-complexity';
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
} as const;

export function fieldComplexity(
  args: Record<string, unknown>,
  _ctx: unknown,
  field: GraphQLField<unknown, any>,
) {
  const { first, last, ids } = args as { first?: number | null; last?: number | null; ids?: unknown[] };
  if (first === undefined && last === undefined) return { field: 1, multiplier: listSize(field, ids) };
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
  return { field: 1, multiplier: first ?? last ?? LIMITS.defaultPageSize };
}

/** How many items a list field is assumed to return; a connection's page size counts once. */
function listSize(field: GraphQLField<unknown, any>, ids: unknown[] | undefined): number {
  if (Array.isArray(ids)) return ids.length;
  if (!isListType(getNullableType(field.type))) return 1;
  const isConnectionPage = field.name === 'edges' || field.name === 'nodes';
  return isConnectionPage ? 1 : LIMITS.listMultiplier;
}

export const complexityError: ComplexityErrorFn = (kind, result) => {
  const [limit, actual, max] =
    kind === ComplexityErrorKind.Depth
      ? ['depth', result.depth, result.maxDepth]
      : kind === ComplexityErrorKind.Breadth
        ? ['breadth', result.breadth, result.maxBreadth]
        : ['complexity', result.complexity, result.maxComplexity];
  return userError(
    ErrorCode.QUERY_TOO_COMPLEX,
    `Query ${limit} is ${actual}, over the limit of ${max}. Ask for fewer or smaller pages, or split the query.`,
    { limit, actual, max },
  );
};
