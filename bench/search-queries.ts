// The statements behind search and discovery, built with the same data-layer functions the
// resolvers use, for EXPLAIN: bench/search-explain.ts prints their plans, test/search-index.test.ts
// checks they use the indexes.
import { sql, type SQLWrapper } from 'drizzle-orm';
import { authorNameMatches, authorNameSimilarity } from '../drizzle/author-filter.js';
import { cappedCount } from '../drizzle/bounded-count.js';
import type { Database, Db } from '../drizzle/db.js';
import {
  searchHighlightExtras,
  searchKeyExtras,
  searchPageQuery,
  searchScore,
  searchWhere,
  type PaperSearch,
} from '../drizzle/paper-search.js';
import { papers } from '../drizzle/schema.js';
import { parseSearchQuery } from '../drizzle/search-query.js';
import { similarPaperIds } from '../drizzle/similar-papers.js';

export function paperSearch(text: string, mode: PaperSearch['mode'] = 'text'): PaperSearch {
  return { query: parseSearchQuery(text), mode, order: 'RELEVANCE', filter: {} };
}

/** A first page of 20 hits with their authors, as Query.search loads it. */
export function searchPage(db: Db, search: PaperSearch): SQLWrapper {
  return db.query.papers.findMany({
    ...searchPageQuery(search, { limit: 21, inverted: false }),
    columns: { id: true, arxivId: true, title: true },
    with: { authorships: { with: { author: { columns: { name: true } } } } },
    extras: {
      score: (t) => searchScore(t, search),
      ...searchHighlightExtras(search),
      ...searchKeyExtras(search),
    },
  });
}

/** The search's totalCount as it is first asked (drizzle/bounded-count.ts). */
export function searchCount(search: PaperSearch): SQLWrapper {
  return cappedCount(papers, searchWhere(papers, search));
}

/** The query inside papers_titled_like(), the typo fallback (at the default threshold). */
export function titleFallback(words: string): SQLWrapper {
  return sql`select id from papers where ${words} <% lower(title)`;
}

/** A first page of Query.authors(search:). */
export function authorSearch(db: Db, search: string): SQLWrapper {
  return db.query.authors.findMany({
    where: { RAW: (t) => authorNameMatches(t, search) },
    extras: { rank: (t) => authorNameSimilarity(t, search) },
    orderBy: (t) => [sql`${authorNameSimilarity(t, search)} desc`, t.name],
    limit: 21,
  });
}

/** Twenty authors with their first ten co-authors, as Author.coAuthors loads them. */
export function coAuthors(db: Db): SQLWrapper {
  return db.query.authors.findMany({
    where: { RAW: (t) => sql`${t.name} like 'Synth %'` },
    limit: 20,
    with: { coAuthorships: { orderBy: { sharedPaperCount: 'desc', coAuthorName: 'asc' }, limit: 10 } },
  });
}

/** Paper.similar(first: 5) of one paper. */
export function similarPapers(db: Db, arxivId: string): SQLWrapper {
  return db.query.papers.findFirst({
    where: { arxivId },
    columns: { id: true },
    extras: { similar: (t) => similarPaperIds(t, 5) },
  });
}

/** The plan of `query` as text; with `analyze`, run it and include timings. */
export async function explain(
  database: Pick<Database, 'rows'>,
  query: SQLWrapper,
  options: { analyze?: boolean } = {},
): Promise<string> {
  const rows = await database.rows<Record<string, string>>(
    options.analyze ? sql`explain (analyze, costs off) ${query}` : sql`explain ${query}`,
  );
  return rows.map((row) => Object.values(row)[0]).join('\n');
}
