// The word being typed matches as a prefix ('benchmark':*). GIN answers a prefix by reading the
// posting list of every lexeme that starts with it, in full, into a bitmap: it cannot skip through
// them as it does for exact lexemes, and at a million papers that took 40–160 ms for one common
// word. Search pages therefore match with the prefix spelled out as the lexemes that exist
// ('benchmark' | 'benchmarks'), from the search_lexemes table (migration *_search_lexemes): the
// same papers, found by intersecting posting lists.
import { sql, type SQL } from 'drizzle-orm';

/** `query` with its prefix operand `prefix` spelled out, or as it is when that would not be exact
 *  (search_prefix_expanded() says when). Both are constants: the planner folds the call. */
export function prefixSpelledOut(query: SQL, prefix: SQL): SQL {
  return sql`search_prefix_expanded(${query}, ${prefix})`;
}
