// Ranked search over papers: the SQL behind Query.search. A page is one statement: an inner query
// ranks the matching papers and keeps the ids of one page (keyset pagination over the ordering),
// and the outer relational query loads those papers with whatever the client selected.
import { and, asc, desc, gte, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { authorNameContains } from './author-filter.js';
import { boundedCount, type BoundedCount } from './bounded-count.js';
import { planForValues, type Db } from './db.js';
import { prefixSpelledOut } from './prefix-search.js';
import { authors, paperAuthors, papers } from './schema.js';
import type { SearchQuery } from './search-query.js';

export const SEARCH_ORDERS = ['RELEVANCE', 'NEWEST', 'TOP'] as const;
export type SearchOrder = (typeof SEARCH_ORDERS)[number];

/**
 * How papers were matched. `text`: full-text search on the stored search_vector. `fuzzy`: when
 * full text finds nothing, trigram word similarity on titles (pg_trgm), which forgives typos.
 */
export type SearchMode = 'text' | 'fuzzy';

export interface SearchFilter {
  /** Inclusive lower bound on publishedAt. */
  publishedFrom?: Date | null;
  /** Exclusive upper bound on publishedAt. */
  publishedTo?: Date | null;
  /** An author's name contains this (case-insensitive). */
  author?: string | null;
  /** The organization's name or full name is this (case-insensitive). */
  organization?: string | null;
}

export interface PaperSearch {
  query: SearchQuery;
  mode: SearchMode;
  order: SearchOrder;
  filter: SearchFilter;
}

// The inner query ranks papers under this name; the outer one gets drizzle's own alias.
const HIT = 'search_hit';
const hit = alias(papers, HIT);
type Papers = typeof papers | typeof hit;

/** The ordering's values at one hit, id last: what a cursor carries. */
export type SearchKey = number[];

export interface SearchPage {
  after?: SearchKey;
  before?: SearchKey;
  /** Rows to fetch (the relay helper asks for one more than the page, to see if there is a next). */
  limit: number;
  /** Fetching backwards (`last`/`before`): the rows come in reverse order. */
  inverted: boolean;
}

// Ranking weights for {D, C, B, A}: title A, abstract B, author names C (D is unused). A title
// match counts five abstract mentions: ts_rank_cd adds up every matching passage, and a long
// abstract that keeps repeating the words should not outrank a paper whose title they are.
const WEIGHTS = '{0.05, 0.1, 0.2, 1.0}';
// Normalization 32 scales a rank into [0, 1): rank / (rank + 1).
const RANK_NORMALIZATION = 32;

/**
 * RELEVANCE ranks at most this many matches, the most recently added (highest ids). Ranking reads
 * each candidate's whole search vector: a two-word query can match a third of all papers, and
 * ranking every match took seconds at 100,000 papers. A query that matches fewer papers ranks
 * them all. Ids, not addedAt, pick the candidates: ids follow the table's physical order, so
 * walking them backwards reads consecutive pages (4× faster than addedAt at a million papers).
 */
export const RELEVANCE_CANDIDATES = 1_000;

/**
 * The query as a constant: statements that search are planned for their values (planForValues),
 * so PostgreSQL folds to_tsquery() once and, from the lexemes' statistics, knows how many papers
 * match: few, and it reads them from the full-text index; many, and it walks the newest papers.
 */
const parsed = (text: string | null) => sql`to_tsquery('english', ${text}::text)`;
const tsquery = (search: PaperSearch) => parsed(search.query.tsquery);

/** The query pages match with: the same papers as tsquery(), which ranks and highlights, with the
 *  word being typed spelled out as the lexemes it starts (drizzle/prefix-search.ts). */
const pageTsquery = (search: PaperSearch) =>
  search.query.prefix ? prefixSpelledOut(tsquery(search), parsed(search.query.prefix)) : tsquery(search);

function matches(t: Papers, search: PaperSearch, query = tsquery(search)): SQL {
  if (search.mode === 'text') return sql`${t.searchVector} @@ ${query}`;
  // Titles with a stretch similar to the words (the function sets the trigram threshold, see the
  // *_search_sql migration; papers_title_lower_trgm_idx serves it). What the user excluded stays out.
  const similar = sql`${t.id} in (select papers_titled_like(${search.query.plainText}))`;
  const { excluded } = search.query;
  return excluded ? sql`${similar} and not ${t.searchVector} @@ ${parsed(excluded)}` : similar;
}

/**
 * Relevance: the weighted rank, or trigram similarity in fuzzy mode, times a mild upvote boost:
 * 1 + ln(1 + upvotes) / 20, so 100 upvotes weigh 1.23 and 10,000 weigh 1.46. The same paper and
 * query always give the same float, so cursors can hold it.
 */
export function searchScore(t: Papers, search: PaperSearch): SQL<number> {
  const relevance =
    search.mode === 'text'
      ? sql`ts_rank_cd(${WEIGHTS}::float4[], ${t.searchVector}, ${tsquery(search)}, ${sql.raw(String(RANK_NORMALIZATION))})`
      : sql`word_similarity(${search.query.plainText}, ${t.title})`;
  return sql<number>`(${relevance} * (1 + ln(1 + ${t.sourceUpvotes}) / 20))::float8`;
}

/** The ordering's expressions, most significant first, id last; each is sorted descending.
 *  There are searchKeyLength(order) of them. */
function orderKeys(t: Papers, search: PaperSearch): SQL[] {
  const score = searchScore(t, search);
  switch (search.order) {
    case 'RELEVANCE':
      return [score, sql`${t.id}`];
    // Epoch milliseconds: addedAt has millisecond precision, so the number is exact.
    case 'NEWEST':
      return [sql`(extract(epoch from ${t.addedAt}) * 1000)::float8`, sql`${t.id}`];
    case 'TOP':
      return [sql`${t.sourceUpvotes}`, score, sql`${t.id}`];
  }
}

/** Expressions whose values form a hit's cursor: the extras the page selects. */
export function searchKeyExtras(search: PaperSearch) {
  return Object.fromEntries(
    Array.from({ length: searchKeyLength(search.order) }, (_, i) => [
      `searchKey${i}`,
      (t: typeof papers) => orderKeys(t, search)[i]!,
    ]),
  );
}

/** Reads a loaded row's cursor values (the extras of searchKeyExtras). */
export function searchKeyOf(row: Record<string, unknown>, search: PaperSearch): SearchKey {
  return Array.from({ length: searchKeyLength(search.order) }, (_, i) => Number(row[`searchKey${i}`]));
}

export function searchKeyLength(order: SearchOrder): number {
  return order === 'TOP' ? 3 : 2;
}

function filterConditions(t: Papers, filter: SearchFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.publishedFrom) conditions.push(gte(t.publishedAt, filter.publishedFrom));
  if (filter.publishedTo) conditions.push(lt(t.publishedAt, filter.publishedTo));
  if (filter.author) {
    conditions.push(sql`exists (select 1 from ${paperAuthors} join ${authors} on ${authors.id} = ${paperAuthors.authorId}
      where ${paperAuthors.paperId} = ${t.id} and ${authorNameContains(authors, filter.author)})`);
  }
  if (filter.organization) {
    conditions.push(sql`${t.organizationId} in (select o.id from organizations o
      where lower(o.name) = lower(${filter.organization}) or lower(o.full_name) = lower(${filter.organization}))`);
  }
  return conditions;
}

const escapeHtml = (text: SQL | typeof papers.title) =>
  sql`replace(replace(replace(replace(replace(${text}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')`;

// ts_headline copies its input's tokens and adds the markers: given escaped text, the only markup
// in its output is <mark>. (The parser keeps entities such as &amp; whole.)
const MARK = 'StartSel="<mark>", StopSel="</mark>"';

/** The title with the matched words marked, and a short abstract excerpt around the matches. */
export function searchHighlightExtras(search: PaperSearch) {
  return {
    titleHighlight: (t: typeof papers) =>
      sql<string>`ts_headline('english', ${escapeHtml(t.title)}, ${tsquery(search)}, ${`HighlightAll=true, ${MARK}`})`,
    summarySnippet: (t: typeof papers) =>
      sql<string>`ts_headline('english', ${escapeHtml(t.summary)}, ${tsquery(search)}, ${`MaxFragments=2, MaxWords=18, MinWords=8, FragmentDelimiter=" … ", ${MARK}`})`,
  };
}

/** Every paper the search finds (all pages): for totalCount. */
export function searchWhere(t: Papers, search: PaperSearch): SQL {
  return and(matches(t, search), ...filterConditions(t, search.filter))!;
}

/** searchWhere's papers, matched the fast way for a page (pageTsquery). */
function pageWhere(t: Papers, search: PaperSearch): SQL {
  return and(matches(t, search, pageTsquery(search)), ...filterConditions(t, search.filter))!;
}

/** Rows after (or before) a cursor: a row comparison, which follows the (all descending) ordering. */
function keyset(keys: SQL[], page: SearchPage): SQL | undefined {
  const row = sql`(${sql.join(keys, sql`, `)})`;
  const values = (key: SearchKey) =>
    sql`(${sql.join(
      key.map((v) => sql`${v}`),
      sql`, `,
    )})`;
  const conditions: SQL[] = [];
  if (page.after) conditions.push(sql`${row} < ${values(page.after)}`);
  if (page.before) conditions.push(sql`${row} > ${values(page.before)}`);
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/**
 * Query options for db.query.papers.findMany that load one page of hits: the ids come from the
 * ranked inner query, the outer query orders those few rows the same way.
 */
export function searchPageQuery(search: PaperSearch, page: SearchPage) {
  const direction = page.inverted ? asc : desc;
  const innerKeys = orderKeys(hit, search);
  const pageIds = sql`${planForValues} select ${hit.id} from ${papers} as ${sql.identifier(HIT)}
    where ${and(candidates(search), keyset(innerKeys, page))}
    order by ${sql.join(
      innerKeys.map((key) => direction(key)),
      sql`, `,
    )}
    limit ${page.limit}`;
  return {
    where: { RAW: (t: typeof papers) => sql`${t.id} = any(array(${pageIds}))` },
    orderBy: (t: typeof papers) => orderKeys(t, search).map((key) => direction(key)),
  };
}

/** The papers a page is chosen from: every match, or the latest matches when ranking by relevance. */
function candidates(search: PaperSearch): SQL {
  if (search.order !== 'RELEVANCE' || search.mode !== 'text') return pageWhere(hit, search);
  return sql`${hit.id} = any(array(select ${papers.id} from ${papers} where ${pageWhere(papers, search)}
    order by ${papers.id} desc limit ${RELEVANCE_CANDIDATES}))`;
}

/**
 * How many papers the search finds: exact up to a bound, estimated above (bounded-count.ts).
 * Matched as pages are (pageWhere: the typed prefix spelled out), the same papers, faster.
 */
export function countSearch(db: Db, search: PaperSearch, bound?: number): Promise<BoundedCount> {
  return boundedCount(db, papers, pageWhere(papers, search), { bound });
}
