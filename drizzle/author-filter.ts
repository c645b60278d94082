import { sql, type SQL } from 'drizzle-orm';
import type { authors } from './schema.js';

/** `_%\` are wildcards to LIKE; a name prefix must match them literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

// Case-insensitive matching is written against lower(name): authors_name_lower_trgm_idx indexes
// that expression (not the column, so that the importer's `name = …` can only use the btree).
const lowerName = (table: typeof authors) => sql`lower(${table.name})`;

/** Case-insensitive name prefix over `table` (the authors table or a query's alias of it). */
export function authorNameStartsWith(
  table: typeof authors,
  prefix: string | null | undefined,
): SQL | undefined {
  return prefix ? sql`${lowerName(table)} like lower(${`${escapeLike(prefix)}%`})` : undefined;
}

/** Names that contain `text` (case-insensitive). */
export function authorNameContains(table: typeof authors, text: string): SQL {
  return sql`${lowerName(table)} like lower(${`%${escapeLike(text)}%`})`;
}

/**
 * Names that contain `search` (case-insensitive) or resemble it (pg_trgm word similarity of at least
 * 0.6, the default: small typos, words in another order). authors_name_lower_trgm_idx serves both
 * (trigrams ignore case: the similarity to lower(name) is the similarity to the name).
 */
export function authorNameMatches(table: typeof authors, search: string): SQL {
  return sql`(${authorNameContains(table, search)} or ${search} <% ${lowerName(table)})`;
}

/**
 * How well `search` matches the best stretch of the name, in [0, 1]: higher when it starts a word
 * ("sch" matches "Timo Schick" better than "Bosch"), 1 when it is a whole word of the name.
 */
export function authorNameSimilarity(table: typeof authors, search: string): SQL<number> {
  return sql<number>`word_similarity(${search}, ${table.name})`;
}
