import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { refreshTrendingScores, trendingScore } from '../drizzle/ranking.js';
import { papers } from '../drizzle/schema.js';
import { SeedRefused, seedSynthetic } from '../server/synthetic/seed-synthetic.js';
import { syntheticArxivId, syntheticPaperNumber } from '../server/synthetic/synthetic-arxiv-id.js';
import { syntheticAuthorName, syntheticPaper } from '../server/synthetic/synthetic-papers.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const generator = {
  seed: 7,
  authors: 4_000,
  users: 200,
  from: new Date('2021-01-01T00:00:00Z'),
  to: new Date('2026-01-01T00:00:00Z'),
};

describe('synthetic papers', () => {
  const sample = Array.from({ length: 5_000 }, (_, n) => syntheticPaper(n, generator));

  it('are a function of (seed, number) alone', () => {
    expect(syntheticPaper(1234, generator)).toEqual(sample[1234]);
    expect(syntheticPaper(1234, { ...generator, seed: 8 })).not.toEqual(sample[1234]);
  });

  it('have arXiv ids that cannot collide with real ones', () => {
    expect([0, 99_999, 100_000, 123_456].map(syntheticArxivId)).toEqual([
      '9000.00000',
      '9000.99999',
      '9001.00000',
      '9001.23456',
    ]);
    expect(syntheticPaperNumber('9001.23456')).toBe(123_456);
    expect(syntheticPaperNumber('2507.14871')).toBeNull();
  });

  it('look like a daily-papers feed', () => {
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const share = (test: (p: (typeof sample)[number]) => boolean) =>
      sample.filter(test).length / sample.length;
    const text = (p: (typeof sample)[number]) => `${p.title} ${p.summary}`.toLowerCase();

    expect(mean(sample.map((p) => p.authors.length))).toBeGreaterThan(4);
    expect(mean(sample.map((p) => p.authors.length))).toBeLessThan(6);
    expect(sample.every((p) => new Set(p.authors).size === p.authors.length)).toBe(true);
    // Two-word searches hit a realistic share of papers.
    expect(share((p) => /language model/.test(text(p)))).toBeGreaterThan(0.2);
    expect(share((p) => /language model/.test(text(p)))).toBeLessThan(0.5);
    expect(share((p) => /speech recognition/.test(text(p)))).toBeGreaterThan(0.01);
    expect(share((p) => /speech recognition/.test(text(p)))).toBeLessThan(0.08);
    // A few prolific authors, a long tail of occasional ones.
    const papersByAuthor = new Map<string, number>();
    for (const p of sample)
      for (const a of p.authors) papersByAuthor.set(a, (papersByAuthor.get(a) ?? 0) + 1);
    const counts = [...papersByAuthor.values()].sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThan(50);
    expect(counts.filter((c) => c === 1).length).toBeGreaterThan(counts.length / 4);
    // Heavy-tailed upvotes: most papers have few, some have many.
    const votes = sample.map((p) => p.votes.length).sort((a, b) => a - b);
    expect(votes[Math.floor(votes.length / 2)]).toBeLessThanOrEqual(1);
    expect(votes.at(-1)).toBeGreaterThan(30);
    const source = sample.map((p) => p.sourceUpvotes).sort((a, b) => a - b);
    expect(source.at(-1)).toBeGreaterThan(20 * source[Math.floor(source.length / 2)]!);
    // Several years, more papers in later ones.
    const years = sample.map((p) => p.publishedAt.getUTCFullYear());
    expect(Math.min(...years)).toBe(2021);
    expect(Math.max(...years)).toBe(2025);
    expect(years.filter((y) => y === 2025).length).toBeGreaterThan(
      2 * years.filter((y) => y === 2021).length,
    );
    expect(share((p) => p.organization !== null)).toBeGreaterThan(0.3);
    expect(sample.every((p) => p.addedAt >= p.publishedAt)).toBe(true);
  });

  it('give authors distinct names', () => {
    const names = Array.from({ length: 50_000 }, (_, rank) => syntheticAuthorName(rank));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('seedSynthetic', () => {
  let db: TestDatabase;
  let other: TestDatabase;
  beforeAll(async () => {
    [db, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([db?.close(), other?.close()]);
  });

  const rows = (database: TestDatabase, query: ReturnType<typeof sql>) => database.rows<any>(query);
  /** Everything a seed writes, by natural keys (ids may differ between databases). */
  const digest = async (database: TestDatabase) =>
    (
      await rows(
        database,
        sql`select md5(string_agg(line, E'\n' order by line)) as digest, count(*)::int as papers from (
          select concat_ws('|', p.arxiv_id, p.title, p.summary, p.published_at, p.added_at, p.github_repo,
            p.project_page, o.name, o.full_name, p.source_upvotes, p.local_upvotes, p.upvote_count, p.trending_score,
            (select string_agg(a.name, ',' order by pa.position) from paper_authors pa join authors a on a.id = pa.author_id where pa.paper_id = p.id),
            (select string_agg(u.username || '@' || v.created_at, ',' order by u.username) from upvotes v join users u on u.id = v.user_id where v.paper_id = p.id)
          ) as line
          from papers p left join organizations o on o.id = p.organization_id) lines`,
      )
    )[0];
  const catalog = (database: TestDatabase) =>
    rows(
      database,
      sql`select definition from (
        select indexdef as definition from pg_indexes where schemaname = 'public'
        union all
        select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
        where connamespace = 'public'::regnamespace) d order by definition`,
    );
  const options = { seed: 7, authors: 400, users: 40, batchSize: 120 };

  it('refuses a database that has papers, unless appending', async () => {
    await expect(seedSynthetic(db, { ...options, papers: 10 })).rejects.toThrow(SeedRefused);
    await expect(seedSynthetic(db, { ...options, papers: 10 })).rejects.toThrow(
      /^The database already has 36 papers\. Pass --append/,
    );
  });

  it('fills an empty database and leaves every index, key and count right', async () => {
    await db.db.execute(sql`delete from papers`);
    const before = await catalog(db);
    const progress: number[] = [];
    const report = await seedSynthetic(db, {
      ...options,
      papers: 300,
      onProgress: (done) => progress.push(done),
    });
    expect(report).toMatchObject({ first: 0, papers: 300, users: 40, rebuiltIndexes: true });
    expect(progress).toEqual([120, 240, 300]);
    expect(await catalog(db)).toEqual(before);

    const [counts] = await rows(
      db,
      sql`select (select count(*)::int from papers) as papers, (select count(*)::int from paper_authors) as byline_rows,
        (select count(*)::int from upvotes) as upvotes, (select count(*)::int from users where username like 'synth\_%') as users`,
    );
    expect(counts).toEqual({
      papers: 300,
      byline_rows: report.bylineRows,
      upvotes: report.upvotes,
      users: 40,
    });
    expect(report.bylineRows / 300).toBeGreaterThan(4);
    expect(report.upvotes).toBeGreaterThan(100);

    // Upvote rows and counters agree, paper by paper.
    const mismatched = await rows(
      db,
      sql`select p.arxiv_id from papers p
        where p.local_upvotes <> (select count(*) from upvotes v where v.paper_id = p.id)
           or p.upvote_count <> p.source_upvotes + p.local_upvotes`,
    );
    expect(mismatched).toEqual([]);

    // Search vectors, computed as the papers are written, are what the triggers would compute.
    const wrongVectors = await rows(
      db,
      sql`select arxiv_id from papers where search_vector is distinct from
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
        || paper_author_search_vector(id)`,
    );
    expect(wrongVectors).toEqual([]);
  });

  it('stores the trending scores a from-scratch refresh computes', async () => {
    const scores = async () =>
      rows(
        db,
        sql`select arxiv_id, trending_score, local_upvotes, added_at, source_upvotes from papers order by id`,
      );
    const before = await scores();
    expect(before.filter((p) => p.local_upvotes > 0).length).toBeGreaterThan(50);
    for (const p of before.filter((p) => p.local_upvotes === 0)) {
      expect(p.trending_score).toBe(trendingScore(new Date(p.added_at), p.source_upvotes));
    }
    await db.db.execute(refreshTrendingScores(sql`select id from ${papers} where local_upvotes > 0`));
    const after = await scores();
    expect(after.map((p) => p.arxiv_id)).toEqual(before.map((p) => p.arxiv_id));
    // Equal up to the order PostgreSQL happens to sum a paper's weights in: a few ulps at most.
    after.forEach((p, i) => expect(p.trending_score).toBeCloseTo(before[i].trending_score, 9));
  });

  it('gives the same data for the same seed, in one run or appended in two', async () => {
    await other.db.execute(sql`delete from papers`);
    await seedSynthetic(other, { ...options, papers: 180 });
    const appended = await seedSynthetic(other, { ...options, papers: 120, append: true });
    expect(appended).toMatchObject({ first: 180, papers: 120, rebuiltIndexes: false });
    expect(await digest(other)).toEqual(await digest(db));
    expect((await digest(db)).papers).toBe(300);

    // Appending with a different seed writes other papers after these.
    await seedSynthetic(other, { ...options, seed: 8, papers: 5, append: true });
    const [last] = await rows(other, sql`select max(arxiv_id) as id from papers`);
    expect(last.id).toBe('9000.00304');
  });
});
