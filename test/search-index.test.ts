// The stored search document and the indexes behind search: the triggers keep papers.search_vector
// in step with titles, abstracts and bylines whoever writes them, the highlights escape whatever a
// paper contains, and on a larger synthetic dataset the queries use their indexes.
import { describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { upsertPapers, type PaperInput } from '../drizzle/upsert-papers.js';
import {
  authorSearch,
  explain,
  paperSearch,
  searchCount,
  searchPage,
  similarPapers,
  titleFallback,
} from '../bench/search-queries.js';
import { insertSyntheticPapers, RARE_WORD } from '../bench/synthetic-papers.js';
import { data } from './support/graphql.js';
import { fullTextMatches } from './support/search.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();

const QUOKKA: PaperInput = {
  arxivId: '2999.01234',
  title: `Quokka <script>alert("x")</script> & 'friends'`,
  summary: 'Marsupial <b>field</b> studies on Rottnest & elsewhere, with 5 < 6 > 4.',
  authors: ['Zed Quintessa', 'Ann Other'],
  publishedAt: new Date('2025-05-05T00:00:00Z'),
  addedAt: new Date('2025-05-05T00:00:00Z'),
  sourceUpvotes: 0,
  githubRepo: null,
  projectPage: null,
  organization: null,
};

const found = async (query: string) => {
  const { search } = await data(
    ctx.app,
    `query($query: String!) { search(query: $query) { approximate nodes { titleHighlight summarySnippet paper { arxivId } } } }`,
    { query },
  );
  return search as {
    approximate: boolean;
    nodes: { titleHighlight: string; summarySnippet: string; paper: { arxivId: string } }[];
  };
};
const matches = (query: string) => fullTextMatches(ctx.app, query);

describe('search_vector maintenance', () => {
  it('indexes a new paper: title, abstract and authors', async () => {
    await upsertPapers(ctx.db.db, [QUOKKA]);
    expect(await matches('quokka')).toEqual([QUOKKA.arxivId]);
    expect(await matches('rottnest')).toEqual([QUOKKA.arxivId]);
    expect(await matches('quintessa')).toEqual([QUOKKA.arxivId]);
  });

  it('gets from the importer the vector the triggers would compute', async () => {
    // The importer writes vectors itself, set-based (drizzle/upsert-papers.ts); every paper here
    // came through it, the seed papers included.
    const rows = await ctx.db.rows<{ differing: number; papers: number }>(sql`
      select count(*) filter (where search_vector is distinct from
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
          || paper_author_search_vector(id))::int as differing,
        count(*)::int as papers
      from papers`);
    expect(rows[0]!.papers).toBeGreaterThan(30);
    expect(rows[0]!.differing).toBe(0);
  });

  it('escapes markup in titles and abstracts', async () => {
    const [hit] = (await found('quokka field')).nodes;
    expect(hit!.titleHighlight).toBe(
      '<mark>Quokka</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;',
    );
    expect(hit!.summarySnippet).toContain('&lt;b&gt;<mark>field</mark>&lt;/b&gt;');
    const [other] = (await found('elsewhere')).nodes;
    expect(other!.summarySnippet).toContain('Rottnest &amp; <mark>elsewhere</mark>');
    for (const snippet of [hit!.summarySnippet, other!.summarySnippet]) {
      const text = snippet.replace(/<\/?mark>/g, '');
      expect(text).not.toMatch(/[<>"']/);
      const unescaped = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      expect(QUOKKA.summary).toContain(unescaped);
    }
  });

  it('follows an edited title', async () => {
    await upsertPapers(ctx.db.db, [{ ...QUOKKA, title: 'Wombat burrows' }]);
    expect(await matches('wombat')).toEqual([QUOKKA.arxivId]);
    expect(await matches('quokka')).toEqual([]);
    // The byline is still indexed.
    expect(await matches('quintessa')).toEqual([QUOKKA.arxivId]);
  });

  it('follows a changed byline, a renamed author and a removed byline', async () => {
    await upsertPapers(ctx.db.db, [{ ...QUOKKA, title: 'Wombat burrows', authors: ['Ada Newname'] }]);
    expect(await matches('newname')).toEqual([QUOKKA.arxivId]);
    expect(await matches('quintessa')).toEqual([]);
    expect(await matches('wombat')).toEqual([QUOKKA.arxivId]);

    await ctx.db.db.execute(sql`update authors set name = 'Ada Renamed' where name = 'Ada Newname'`);
    expect(await matches('renamed')).toEqual([QUOKKA.arxivId]);
    expect(await matches('newname')).toEqual([]);

    await ctx.db.db.execute(
      sql`delete from paper_authors where paper_id = (select id from papers where arxiv_id = ${QUOKKA.arxivId})`,
    );
    expect(await matches('renamed')).toEqual([]);
    expect(await matches('wombat')).toEqual([QUOKKA.arxivId]);
  });
});

describe('indexes at scale', () => {
  it('serve search, its fallback, author search and similar papers on 5,000 more papers', async () => {
    const db = ctx.db.db;
    await insertSyntheticPapers(db, 5_000, { authors: 20_000 });
    const plans = {
      page: await explain(ctx.db, searchPage(db, paperSearch(RARE_WORD))),
      prefix: await explain(ctx.db, searchPage(db, paperSearch('zebra'))),
      count: await explain(ctx.db, searchCount(paperSearch(RARE_WORD))),
      fallback: await explain(ctx.db, titleFallback('lip raeding')),
      authors: await explain(ctx.db, authorSearch(db, 'Zhao')),
      similar: await explain(ctx.db, similarPapers(db, '1911.11502')),
    };
    expect(plans.page).toContain('papers_search_vector_idx');
    expect(plans.prefix).toContain('papers_search_vector_idx');
    expect(plans.count).toContain('papers_search_vector_idx');
    expect(plans.fallback).toContain('papers_title_lower_trgm_idx');
    expect(plans.authors).toContain('authors_name_lower_trgm_idx');
    expect(plans.similar).toContain('papers_search_vector_idx');
    // And no sequential scan of papers or authors anywhere.
    for (const plan of Object.values(plans)) expect(plan).not.toMatch(/Seq Scan on (papers|authors)/);
    // The page itself still answers.
    expect(await matches(RARE_WORD)).toEqual(['synthetic/0002000', 'synthetic/0004000']);
  }, 120_000);
});
