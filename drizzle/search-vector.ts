// Bulk writes and papers.search_vector. The search triggers (migration *_search_sql) recompute a
// paper's vector row by row, and again for its byline, which a write of many papers cannot afford.
// The importer and the synthetic seed tell the triggers to stand aside and compute the same
// vectors in the statement that writes their papers.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from './db.js';

/**
 * A paper's search vector from its title, abstract and author names (one text, in byline order,
 * separated by spaces): the same vector as papers_search_vector_trigger computes, for writers
 * that fill it themselves.
 */
export function searchVectorOf(title: SQL, summary: SQL, authorNames: SQL): SQL {
  return sql`setweight(to_tsvector('english', ${title}), 'A')
    || setweight(to_tsvector('english', ${summary}), 'B')
    || setweight(to_tsvector('english', ${authorNames}), 'C')`;
}

/**
 * Tells the search triggers to stand aside for the rest of the transaction (see the
 * *_import_name_lookups migration): the caller writes search_vector itself, set-based.
 */
export async function writeSearchVectorsInThisTransaction(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('papergraph.search_vectors', 'written', true)`);
}
