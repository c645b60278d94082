// Bulk loads and papers.search_vector. The search triggers (migration *_search_sql) recompute a
// paper's vector row by row, which a load of many papers cannot afford (and, with the load's
// indexes dropped, each recomputation scans the byline table). A load switches them off and
// computes the same vectors for its papers in one set-based statement instead.
import { gte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from './db.js';
import { papers } from './schema.js';

/**
 * A paper's search vector from its title, abstract and author names (a text[] in byline order):
 * the same vector as papers_search_vector_trigger computes, for writers that fill it themselves.
 */
export function searchVectorOf(title: SQL, summary: SQL, authorNames: SQL): SQL {
  return sql`setweight(to_tsvector('english', ${title}), 'A')
    || setweight(to_tsvector('english', ${summary}), 'B')
    || setweight(to_tsvector('english', array_to_string(${authorNames}, ' ')), 'C')`;
}

/**
 * Tells the search triggers to stand aside for the rest of the transaction (see the
 * *_import_name_lookups migration): the caller writes search_vector itself, set-based.
 */
export async function writeSearchVectorsInThisTransaction(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('papergraph.search_vectors', 'written', true)`);
}

/**
 * Runs `load` with the search triggers off, then fills in the vectors of papers with id ≥ `firstId`
 * (`onVectors` is called in between: the fill is the long, silent part of a bulk load).
 */
export async function withSearchVectorsAfter<T>(
  tx: Tx,
  firstId: number,
  load: () => Promise<T>,
  onVectors?: () => void,
): Promise<T> {
  await tx.execute(sql`alter table papers disable trigger papers_search_vector`);
  await tx.execute(sql`alter table paper_authors disable trigger paper_authors_search_vector_insert`);
  const result = await load();
  onVectors?.();
  // The same vector as papers_search_vector_trigger: title A, abstract B, author names C in order.
  await tx.execute(sql`
    with bylines as (
      select pa.paper_id, string_agg(a.name, ' ' order by pa.position) as names
      from paper_authors pa join authors a on a.id = pa.author_id
      where pa.paper_id >= ${firstId}
      group by pa.paper_id
    )
    update papers p set search_vector =
      setweight(to_tsvector('english', p.title), 'A')
      || setweight(to_tsvector('english', p.summary), 'B')
      || setweight(to_tsvector('english', coalesce(b.names, '')), 'C')
    from papers target left join bylines b on b.paper_id = target.id
    where p.id = target.id and ${gte(sql`target.id`, firstId)}`);
  await tx.execute(sql`alter table papers enable trigger papers_search_vector`);
  await tx.execute(sql`alter table paper_authors enable trigger paper_authors_search_vector_insert`);
  return result;
}

/** The id the next inserted paper will get at the earliest. */
export async function nextPaperId(tx: Tx): Promise<number> {
  const [row] = await tx.select({ last: sql<number | null>`max(${papers.id})` }).from(papers);
  return (row?.last ?? 0) + 1;
}
