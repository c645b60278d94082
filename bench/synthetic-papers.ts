// Synthetic papers and authors for checking query plans at scale: titles and abstracts drawn from a
// made-up vocabulary of 4,000 words with a Zipf-like skew (a few words everywhere, most words rare),
// plus a marker word in one paper in 2,000 (RARE_WORD), so that a search can be selective.
// Deterministic (setseed) and pure SQL, so it runs the same on PGlite and PostgreSQL.
import { sql } from 'drizzle-orm';
import type { Db } from '../drizzle/db.js';

export const RARE_WORD = 'zebrafish';

const SYLLABLES = `array['ka','lo','mi','ne','ru','sa','te','vo','zi','pe','do','fu','gi','ha','ju','ba']`;
/** Word number `r` (0 to 3,999) of the vocabulary: "kakaka", "lokaka", ... */
const word = (r: string) =>
  `(${SYLLABLES})[1 + ${r} % 16] || (${SYLLABLES})[1 + (${r} / 16) % 16] || (${SYLLABLES})[1 + (${r} / 256) % 16] || (array['', 'n', 'r', 's'])[1 + (${r} / 4096) % 4]`;
/** `n` words, the low-numbered ones far more often; correlated with `i` so each row draws anew. */
const words = (n: number) =>
  sql.raw(`(select string_agg(${word('r')}, ' ')
    from (select floor(4000 * power(random(), 3))::int as r from generate_series(1, ${n} + 0 * i)) drawn)`);

export interface SyntheticOptions {
  /** Authors to add, named "Synth <Word> <Word>" (at most 52,000). */
  authors: number;
  /** Give every synthetic paper three of them (slow: the byline trigger updates every paper). */
  bylines?: boolean;
}

export async function insertSyntheticPapers(db: Db, count: number, options: SyntheticOptions) {
  await db.execute(sql`select setseed(0.42)`);
  await db.execute(sql`insert into papers
      (arxiv_id, title, summary, published_at, added_at, source_upvotes, trending_score)
    select 'synthetic/' || lpad(i::text, 7, '0'),
           initcap(${words(7)}) || case when i % 2000 = 0 then ${' ' + RARE_WORD} else '' end,
           ${words(40)},
           timestamptz '2020-01-01' + (i % 2000) * interval '1 day',
           timestamptz '2020-01-01' + (i % 2000) * interval '1 day',
           i % 97,
           0
    from generate_series(1, ${count}) i`);
  // Distinct names (no pair of words repeats below 52,000), with consecutive ids.
  await db.execute(
    sql.raw(`insert into authors (name)
      select 'Synth ' || initcap(${word('(j % 4000)')}) || ' ' || initcap(${word('((j / 4000 * 331 + j * 7) % 4000)')})
      from generate_series(0, ${options.authors - 1}) j`),
  );
  if (options.bylines) {
    await db.execute(sql`analyze`);
    await db.execute(sql`insert into paper_authors (paper_id, author_id, position)
      select p.id, first_author.id + (p.id * 31 + k * 1009) % ${options.authors}, k
      from papers p
      cross join generate_series(0, 2) k
      cross join (select min(id) as id from authors where name like 'Synth %') first_author
      where p.arxiv_id like 'synthetic/%'`);
  }
  // As autovacuum soon would: statistics for the planner, and the GIN pending lists merged.
  await db.execute(sql`vacuum analyze`);
}
