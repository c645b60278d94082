import { ilike, type SQL } from 'drizzle-orm';
import type { authors } from './schema.js';

/** `_%\` are wildcards to LIKE; a name prefix must match them literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case-insensitive name prefix over `table` (the authors table or a query's alias of it). */
export function authorNameStartsWith(
  table: typeof authors,
  prefix: string | null | undefined,
): SQL | undefined {
  return prefix ? ilike(table.name, `${escapeLike(prefix)}%`) : undefined;
}
