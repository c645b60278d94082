// The word being typed, spelled out as the lexemes that exist (drizzle/prefix-search.ts): the
// search_lexemes table follows every writer, the spelling out is exact or not done at all, and a
// search page finds the same papers, in the same order, as with the prefix left to the index.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { paperSearch, searchPage } from '../bench/search-queries.js';
import { upsertPapers, type PaperInput } from '../drizzle/upsert-papers.js';
import { seedSynthetic } from '../server/synthetic/seed-synthetic.js';
import { fullTextMatches } from './support/search.js';
import { setupApp } from './support/setup-app.js';

const ctx = setupApp();
beforeAll(() => seedSynthetic(ctx.db, { papers: 2_000, seed: 5, append: true }), 60_000);

const expanded = async (query: string, prefix: string) => {
  const [row] = await ctx.db.rows<{ q: string }>(
    sql`select search_prefix_expanded(to_tsquery('english', ${query}), to_tsquery('english', ${prefix}))::text as q`,
  );
  return row!.q;
};

describe('search_prefix_expanded()', () => {
  it('spells a prefix out as the lexemes papers hold that start with it', async () => {
    const [{ n } = { n: 0 }] = await ctx.db.rows<{ n: number }>(
      sql`select count(*)::int as n from search_lexemes where lexeme like 'benchmark%'`,
    );
    expect(n).toBeGreaterThan(0);
    const q = await expanded(`'graphs' & 'benchmark':*`, `'benchmark':*`);
    expect(q).not.toContain(':*');
    expect(q).toContain(`'benchmark'`);
  });

  it('leaves the query as it is when spelling out would not be exact or would not pay', async () => {
    // The lexeme also occurs exactly: ts_rewrite would replace that occurrence too.
    expect(await expanded(`'benchmark' & 'benchmark':*`, `'benchmark':*`)).toBe(
      `'benchmark' & 'benchmark':*`,
    );
    // No paper holds a lexeme starting with it.
    expect(await expanded(`'graphs' & 'zqxv':*`, `'zqxv':*`)).toBe(`'graph' & 'zqxv':*`);
    // More than 64 lexemes start with it.
    const [{ n } = { n: 0 }] = await ctx.db.rows<{ n: number }>(
      sql`select count(*)::int as n from search_lexemes where lexeme like 'c%'`,
    );
    expect(n).toBeGreaterThan(64);
    expect(await expanded(`'graphs' & 'c':*`, `'c':*`)).toBe(`'graph' & 'c':*`);
    // A phrase is not one prefix lexeme.
    expect(await expanded(`'graphs' & ('pre' <-> 'trai':*)`, `'pre' <-> 'trai':*`)).toBe(
      `'graph' & 'pre' <-> 'trai':*`,
    );
  });
});

describe('search_lexemes', () => {
  const paper: PaperInput = {
    arxivId: '2999.07777',
    title: 'Zorblatt attention',
    summary: 'A study of quux.',
    authors: ['Vel Strandqvist'],
    publishedAt: new Date('2025-06-01T00:00:00Z'),
    addedAt: new Date('2025-06-01T00:00:00Z'),
    sourceUpvotes: 0,
    githubRepo: null,
    projectPage: null,
    organization: null,
  };
  const found = (query: string) => fullTextMatches(ctx.app, query);

  it('learns the words of new papers, edited abstracts and new bylines, so prefixes find them', async () => {
    await upsertPapers(ctx.db.db, [paper]);
    expect(await found('attention zorbl')).toEqual([paper.arxivId]);
    await upsertPapers(ctx.db.db, [{ ...paper, summary: 'A study of flibbertigibbets.' }]);
    expect(await found('zorblatt flibbert')).toEqual([paper.arxivId]);
    await upsertPapers(ctx.db.db, [{ ...paper, authors: ['Vel Strandqvist', 'Ona Quillfeather'] }]);
    expect(await found('zorblatt quillfeat')).toEqual([paper.arxivId]);
  });
});

describe('search pages', () => {
  it('are the same with the prefix spelled out as with the prefix left to the index', async () => {
    const queries = [
      'language mod',
      'speech recog',
      'benchmark',
      'model',
      'large language models',
      'pre-trai',
      'align -safe',
    ];
    for (const text of queries) {
      const search = paperSearch(text);
      const page = async (s: typeof search) => (await searchPage(ctx.db.db, s)) as unknown as unknown[];
      const spelled = await page(search);
      const plain = await page({ ...search, query: { ...search.query, prefix: null } });
      expect(spelled.length).toBeGreaterThan(0);
      expect(spelled).toEqual(plain);
    }
  });
});
