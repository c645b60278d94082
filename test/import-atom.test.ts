import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { importPapers } from '../server/import/import-papers.js';
import { openPaperFile } from '../server/import/paper-file.js';
import { seedPapers } from './support/seed-data.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const FIXTURE = 'test/fixtures/arxiv-api-sample.atom.xml';

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'papergraph-atom-'));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const rows = (query: ReturnType<typeof sql>) => db.rows<any>(query);

async function paper(arxivId: string) {
  const [row] = await rows(sql`
    select p.arxiv_id, p.title, p.summary, p.published_at, p.added_at, p.github_repo, p.project_page,
           p.source_upvotes, o.name as organization,
           (select array_agg(a.name order by pa.position) from paper_authors pa join authors a on a.id = pa.author_id
            where pa.paper_id = p.id) as authors
    from papers p left join organizations o on o.id = p.organization_id
    where p.arxiv_id = ${arxivId}`);
  return row;
}

async function importAtom(path: string) {
  const file = await openPaperFile(path);
  return importPapers(db.db, file.records, { format: file.format });
}

async function atomFile(name: string, entries: string) {
  const path = join(dir, name);
  await writeFile(path, `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${entries}</feed>`);
  return path;
}

const entry = (
  id: string,
  { title = `Paper ${id}`, authors = '<author><name>Ada Lovelace</name></author>' } = {},
) =>
  `<entry><id>http://arxiv.org/abs/${id}</id><published>2025-11-01T10:00:00Z</published>
   <title>${title}</title><summary>An abstract.</summary>${authors}</entry>`;

describe('arXiv Atom import', () => {
  it('detects the format by content and maps every field', async () => {
    const file = await openPaperFile(FIXTURE);
    expect(file.format.name).toBe('arXiv Atom feed');
    const report = await importPapers(db.db, file.records, { format: file.format });
    expect(report).toEqual({ total: 4, added: 3, updated: 1, unchanged: 0, invalid: [], invalidCount: 0 });

    expect(await paper('2511.04321')).toEqual({
      arxiv_id: '2511.04321', // versionless
      title: 'Streaming Speech Recognition & Translation with Chunked Conformers', // entity decoded, folded
      summary:
        'Streaming automatic speech recognition (ASR) must emit words before an utterance ends, which limits ' +
        'the right context a model can use. We present ChunkFormer, a chunked conformer that shares computation ' +
        'across overlapping windows and reaches a word error rate within 4% of full-context models on ' +
        'LibriSpeech at 320 ms latency.\n\nWe release code and checkpoints.',
      published_at: expect.anything(),
      added_at: expect.anything(),
      github_repo: 'https://github.com/chunkformer/chunkformer', // from the comment, ".git." trimmed
      project_page: null,
      source_upvotes: 0,
      organization: null,
      authors: ['Zoë Müller', 'Wei Zhang', 'Priya Sharma'], // in order, whitespace folded
    });
    const added = await paper('2511.04321');
    expect(new Date(added.published_at).toISOString()).toBe('2025-11-06T18:59:58.000Z');
    expect(new Date(added.added_at).toISOString()).toBe('2025-11-06T18:59:58.000Z');

    expect(await paper('2511.08802')).toMatchObject({
      title: 'Whisper-Lite: Distilling <Large> Speech Models for On-Device Recognition', // CDATA
      authors: ['Hiroshi Tanaka', 'Amara Okafor'],
      github_repo: null,
    });
    expect(await paper('cs/0112017')).toMatchObject({ authors: ['Ingrid Hansen'] }); // old-style id
  });

  it('updates only bibliographic fields of a paper already imported from the daily feed', async () => {
    const seed = seedPapers.find((p) => p.id === '2509.26514')!;
    const row = await paper('2509.26514');
    expect(row).toMatchObject({
      title: seed.title,
      summary: (seed as unknown as { summary: string }).summary, // arXiv's line wrapping folded away
      source_upvotes: 2, // kept: arXiv has no upvotes
      organization: 'tencent', // kept
      authors: seed.authors.map((a) => a.name),
    });
    expect(new Date(row.published_at).toISOString()).toBe('2025-09-30T15:04:11.000Z'); // arXiv's time
    expect(new Date(row.added_at).toISOString()).toBe(seed.publishedAt); // kept
  });

  it('is idempotent: a second import changes nothing', async () => {
    const before = await rows(sql`select arxiv_id, xmin::text as version from papers order by arxiv_id`);
    expect(await importAtom(FIXTURE)).toMatchObject({ total: 4, added: 0, updated: 0, unchanged: 4 });
    expect(await rows(sql`select arxiv_id, xmin::text as version from papers order by arxiv_id`)).toEqual(
      before,
    );
  });

  it('reports bad entries by position with the field, and saves the others', async () => {
    const path = await atomFile(
      'bad-entries.xml',
      [
        entry('2511.09001v1'),
        entry('2511.09002v1', { authors: '' }),
        entry('2511.09003v1', { title: '   ' }),
        '<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>' +
          '<summary>incorrect id format for 1234</summary><author><name>arXiv api core</name></author>' +
          '<published>2025-11-01T00:00:00Z</published></entry>',
        entry('2511.09001v2'),
        entry('2511.09004v1'),
      ].join('\n'),
    );
    const report = await importAtom(path);
    expect(report).toMatchObject({ total: 6, added: 2, invalidCount: 4 });
    expect(report.invalid).toEqual([
      { index: 1, arxivId: '2511.09002v1', reason: 'entry.author: needs at least one <author><name>' },
      { index: 2, arxivId: '2511.09003v1', reason: 'entry.title: must be a non-empty string' },
      {
        index: 3,
        arxivId: 'http://arxiv.org/api/errors#incorrect_id_format_for_1234',
        reason: expect.stringMatching(/^entry\.id: .* is not an arXiv abstract URL/),
      },
      { index: 4, arxivId: '2511.09001', reason: 'arXiv id 2511.09001 repeats record 0' },
    ]);
    expect(await paper('2511.09004')).toBeDefined();
  });

  it('stops at malformed XML with the line and column, keeping the batches before it', async () => {
    const path = await atomFile(
      'broken.xml',
      `${entry('2511.09101')}\n${entry('2511.09102')}\n<entry><id>oops</entry>`,
    );
    const file = await openPaperFile(path);
    await expect(importPapers(db.db, file.records, { format: file.format, batchSize: 1 })).rejects.toThrow(
      /broken\.xml:5:\d+: unexpected close tag \(the file is not well-formed XML\)\./,
    );
    expect(await paper('2511.09102')).toBeDefined();
  });

  it('refuses XML that is not an Atom feed', async () => {
    const path = join(dir, 'rss.xml');
    await writeFile(path, '<?xml version="1.0"?><rss version="2.0"><channel/></rss>');
    const file = await openPaperFile(path);
    await expect(importPapers(db.db, file.records, { format: file.format })).rejects.toThrow(
      'expected an Atom feed (<feed xmlns="http://www.w3.org/2005/Atom">, as the arXiv API returns), found <rss>',
    );
  });

  it('skips an entry too large to keep, reporting it, and saves the others', async () => {
    const huge = `<summary>${'many words '.repeat(300_000)}</summary>`.repeat(2); // 6.6 M characters
    const path = await atomFile(
      'huge-entry.xml',
      [
        entry('2511.09201'),
        entry('2511.09202').replace('</entry>', `${huge}</entry>`),
        entry('2511.09203'),
      ].join('\n'),
    );
    const report = await importAtom(path);
    expect(report).toMatchObject({ total: 3, added: 2, invalidCount: 1 });
    expect(report.invalid).toEqual([
      {
        index: 1,
        arxivId: undefined,
        reason:
          'larger than 4 Mi characters (the entry starts at line 3); an arXiv entry takes a few kilobytes: fix or remove it',
      },
    ]);
    expect(await paper('2511.09203')).toBeDefined();
  });

  it('stops, saying where and why, at nesting or a text too deep or long to hold', async () => {
    const deep = await atomFile('deep.xml', `${entry('2511.09301')}\n<entry>${'<a>'.repeat(100_000)}`);
    let file = await openPaperFile(deep);
    await expect(importPapers(db.db, file.records, { format: file.format })).rejects.toThrow(
      /deep\.xml:3:\d+: elements nested deeper than 32 levels; an arXiv Atom feed nests four\./,
    );
    expect(await paper('2511.09301')).toBeDefined(); // the batch before is saved

    const long = await atomFile('long.xml', `${entry('2511.09302')}\n<!-- ${'x'.repeat(6_000_000)} -->`);
    file = await openPaperFile(long);
    await expect(importPapers(db.db, file.records, { format: file.format })).rejects.toThrow(
      /long\.xml:3:\d+: more than 4 Mi characters without markup/,
    );
  });
});
