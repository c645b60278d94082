import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { papers } from '../drizzle/schema.js';
import { importPapers } from '../server/import/import-papers.js';
import { jsonArrayRecords } from '../server/import/json-array-records.js';
import { openPaperFile } from '../server/import/paper-file.js';
import { UnreadableRecord } from '../server/import/record-format.js';
import { SeenArxivIds } from '../server/import/seen-arxiv-ids.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Feeds `text` to the reader in pieces of `size` bytes. */
async function elements(text: string, size: number) {
  const bytes = Buffer.from(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const out: unknown[] = [];
  for await (const element of jsonArrayRecords(chunks(), 'test.json')) out.push(element);
  return out;
}

describe('jsonArrayRecords', () => {
  const tricky = [
    { paper: { id: '2511.00001', title: 'Brackets ] } [ { and "quotes", commas, \\ backslashes' } },
    { paper: { title: 'Unicode: Zoë 🦜 中文', nested: [[1, [2]], { a: { b: [] } }] } },
    'a string',
    42,
    null,
    [],
    {},
  ];

  it('yields each top-level element, whatever the chunk boundaries', async () => {
    const text = `\uFEFF \n${JSON.stringify(tricky, null, 2)}\n`;
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) expect(await elements(text, size)).toEqual(tricky);
    expect(await elements('[]', 1)).toEqual([]);
  });

  it('hands back an element that is not valid JSON as unreadable, then goes on', async () => {
    const text = '[{"a": 1}, {"paper": {"id": "x",}}, {"a": 3}]';
    const out = await elements(text, 5);
    expect(out[0]).toEqual({ a: 1 });
    expect(out[1]).toBeInstanceOf(UnreadableRecord);
    expect((out[1] as UnreadableRecord).reason).toMatch(/^not valid JSON \(the record starts at byte 11\): /);
    expect(out[2]).toEqual({ a: 3 });
  });

  it('skips, unparsed, an element nested too deeply or too large, and goes on with the next', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const large = JSON.stringify({ paper: { summary: 'x'.repeat(5 * 1024 * 1024) } });
    const text = `[{"a": 1}, ${deep}, {"b": 2}, ${large}, {"c": 3}]`;
    for (const size of [4096, 1 << 20]) {
      const out = await elements(text, size);
      expect(out).toHaveLength(5);
      expect(out[0]).toEqual({ a: 1 });
      expect((out[1] as UnreadableRecord).reason).toBe(
        'nested deeper than 32 levels (the record starts at byte 11); a daily-papers record nests four: fix or remove it',
      );
      expect(out[2]).toEqual({ b: 2 });
      expect((out[3] as UnreadableRecord).reason).toMatch(
        /^larger than 4 MiB \(the record starts at byte \d+\); a daily-papers record takes a few kilobytes: fix or remove it$/,
      );
      expect(out[4]).toEqual({ c: 3 });
    }
  });

  it('names the byte where the file stops being a JSON array', async () => {
    await expect(elements('{"a": 1}', 4)).rejects.toThrow(
      'test.json: not a valid JSON array at byte 0: expected "[" (an array of records), found "{".',
    );
    await expect(elements('[1, 2,]', 4)).rejects.toThrow('at byte 6: a comma before "]" (remove it).');
    await expect(elements('[1] x', 4)).rejects.toThrow('at byte 4: unexpected "x" after the closing "]".');
    await expect(elements('[{"a": "b"}, {"c": ', 4)).rejects.toThrow(
      'at byte 19: the file ends inside record 1 (which starts at byte 13); it may be truncated.',
    );
    await expect(elements('  ', 4)).rejects.toThrow('the file is empty');
  });
});

describe('SeenArxivIds', () => {
  it('remembers the first record of every id across table growth', () => {
    const seen = new SeenArxivIds();
    const id = (n: number) => `${2001 + (n % 900)}.${String(n).padStart(5, '0')}`;
    for (let n = 0; n < 200_000; n++) expect(seen.firstUse(id(n), n)).toBeUndefined();
    for (let n = 0; n < 200_000; n += 997) expect(seen.firstUse(id(n), 1_000_000 + n)).toBe(n);
    expect(seen.firstUse('0704.0001', 1)).toBeUndefined();
    expect(seen.firstUse('0704.00001', 2)).toBeUndefined(); // a different id
    expect(seen.firstUse('0704.0001', 3)).toBe(1);
    expect(seen.firstUse('hep-th/9901001', 4)).toBeUndefined();
    expect(seen.firstUse('hep-th/9901001', 5)).toBe(4);
  });
});

describe('streaming JSON import', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'papergraph-stream-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const record = (n: number) =>
    JSON.stringify({
      paper: {
        id: `2512.${String(n).padStart(5, '0')}`,
        title: `Streamed paper ${n}`,
        summary: 'An abstract.',
        authors: [{ name: `Author ${n % 7}` }, { name: 'Ada Lovelace' }],
        publishedAt: '2025-12-01T00:00:00.000Z',
        upvotes: n % 5,
      },
    });

  it('imports a file record by record, reporting bad ones in the middle by index', async () => {
    const count = 1_200;
    const parts = Array.from({ length: count }, (_, n) => record(n));
    parts[400] = '{"paper": {"id": "2512.00400", "title": }}'; // not JSON
    parts[401] = record(401).replace('Streamed paper 401', ''); // not a valid paper
    const path = join(dir, 'papers.json');
    await writeFile(path, `[\n${parts.join(',\n')}\n]\n`);

    const file = await openPaperFile(path);
    expect(file.format.name).toBe('Hugging Face daily-papers JSON');
    const progress: number[] = [];
    const report = await importPapers(db.db, file.records, {
      format: file.format,
      batchSize: 250,
      onProgress: () => progress.push(file.bytesRead()),
    });
    expect(report).toMatchObject({
      total: count,
      added: count - 2,
      updated: 0,
      unchanged: 0,
      invalidCount: 2,
    });
    expect(report.invalid).toEqual([
      { index: 400, reason: expect.stringMatching(/^not valid JSON \(the record starts at byte \d+\)/) },
      { index: 401, arxivId: '2512.00401', reason: expect.stringMatching(/^paper\.title:/) },
    ]);
    expect(await db.db.$count(papers, sql`${papers.arxivId} like '2512.%'`)).toBe(count - 2);
    expect(progress.at(-1)).toBe(file.size);

    // Idempotent: a second run writes nothing.
    const again = await openPaperFile(path);
    expect(await importPapers(db.db, again.records, { format: again.format })).toMatchObject({
      total: count,
      added: 0,
      updated: 0,
      unchanged: count - 2,
    });
  });
});
