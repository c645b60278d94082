// "More like this": the papers that share the most distinctive terms with a paper. Its terms are the
// lexemes of its own search_vector (title and abstract), the most prominent first, leaving out words
// that are in a great many papers. Another paper scores, for each term it shares: the term's
// prominence in this paper, times its prominence in the other (ts_rank: title over abstract, more
// mentions more), times its rarity. Rarity is an inverse document frequency counted among the
// papers found through the terms, which is the exact frequency: every paper containing a term is
// one of them.
import { sql, type SQL } from 'drizzle-orm';
import type { papers } from './schema.js';

/** Terms taken from the paper: enough to characterise it, few enough to look up quickly. */
const TERMS = 24;
/** A word in more papers than this says little about a subject, and is slow to look up. */
const COMMON = 1000;

/**
 * The ids of the `limit` papers most similar to the paper in row `t`, best first, as an SQL array
 * expression correlated with that row (for a relational query's `extras`).
 */
export function similarPaperIds(t: typeof papers, limit: number): SQL<number[]> {
  return sql<number[]>`array(
    with common as (
      -- The frequent words, from the statistics ANALYZE keeps for the planner (none before the
      -- first ANALYZE, which only matters once there are many papers).
      select e.lexeme
      from pg_stats s
      cross join unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e(lexeme, frequency)
      where s.schemaname = current_schema() and s.tablename = 'papers' and s.attname = 'search_vector'
        and e.lexeme is not null
        and e.frequency * (select reltuples from pg_class where oid = 'papers'::regclass) > ${COMMON}
    ),
    term as (
      -- Prominence: a title occurrence (weight A) counts three, an abstract one (B); author names (C)
      -- are not subject matter. The lexeme is quoted for tsquery input, which then matches it exactly.
      select '''' || replace(replace(v.lexeme, '\\', '\\\\'), '''', '''''') || '''' as query,
             ln(1 + sum(case w when 'A' then 3 else 1 end)) as prominence
      from unnest(${t.searchVector}) v, unnest(v.weights) w
      where w in ('A', 'B') and v.lexeme not in (select lexeme from common)
      group by v.lexeme
      order by prominence desc, v.lexeme
      limit ${TERMS}
    ),
    shared as (
      select other.id, term.query,
             term.prominence * ts_rank('{0, 0, 0.2, 1}', other.search_vector, term.query::tsquery) as weight
      from term join papers other on other.search_vector @@ term.query::tsquery
      where other.id <> ${t.id}
    ),
    frequency as (select query, count(*)::float8 as papers from shared group by query),
    found as (select count(distinct id)::float8 as papers from shared)
    select shared.id
    from shared join frequency using (query) cross join found
    group by shared.id
    order by sum(shared.weight * ln(1 + found.papers / frequency.papers)) desc, shared.id
    limit ${limit}
  )`;
}
