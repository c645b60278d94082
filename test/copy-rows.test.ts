import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inArray } from 'drizzle-orm';
import { copyTarget, copyText } from '../drizzle/copy-rows.js';
import { organizations } from '../drizzle/schema.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('copyRows', () => {
  const rows: [string, string | null][] = [
    ['tab\tand newline\nand return\r', 'back\\slash'],
    ['\\N is text, not null', null],
    ['Zoë, Yılmaz, 中文, 🦜', ''],
    ...Array.from({ length: 50 }, (_, i): [string, string] => [`org ${i}`, 'x'.repeat(i * 7)]),
  ];

  it('writes any text exactly, through COPY on this driver, across chunk boundaries', async () => {
    expect(copyTarget(organizations, ['name', 'fullName'])).toBe('"organizations" ("name", "full_name")');
    const chunks = [...copyText(rows, 64)];
    expect(chunks.length).toBeGreaterThan(10);

    await db.db.transaction((tx) => db.copyRows(tx, copyTarget(organizations, ['name', 'fullName']), chunks));
    const stored = await db.db
      .select({ name: organizations.name, fullName: organizations.fullName })
      .from(organizations)
      .where(
        inArray(
          organizations.name,
          rows.map(([name]) => name),
        ),
      );
    expect(new Map(stored.map((r) => [r.name, r.fullName]))).toEqual(new Map(rows));
  });

  it('rolls back with its transaction', async () => {
    await expect(
      db.db.transaction(async (tx) => {
        await db.copyRows(tx, copyTarget(organizations, ['name']), copyText([['rolled back']]));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.db.$count(organizations, inArray(organizations.name, ['rolled back']))).toBe(0);
  });
});
