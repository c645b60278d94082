// First start: an empty database gets the seed papers shipped in data/.
import { fileURLToPath } from 'node:url';
import type { Db } from '../drizzle/db.js';
import { papers } from '../drizzle/schema.js';
import { importPapers } from './import/import-papers.js';
import { openPaperFile } from './import/paper-file.js';

export const seedFile = fileURLToPath(new URL('../data/hf-daily-papers.seed.json', import.meta.url));

/** Loads the seed papers when there are no papers yet; returns how many were added. */
export async function seedIfEmpty(db: Db): Promise<number> {
  if ((await db.$count(papers)) > 0) return 0;
  const file = await openPaperFile(seedFile);
  const report = await importPapers(db, file.records, { format: file.format });
  return report.added;
}
