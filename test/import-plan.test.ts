// The importer's name lookups are btree lookups, on a nearly empty database and on a full one.
// pg_trgm's GIN indexes answer `=` too, and the planner once served the importer's author lookup
// from authors_name_trgm_idx: seconds per batch. The trigram indexes are now over lower(name) and
// lower(title), which an equality on the column cannot use. This EXPLAINs the importer's real
// statement, built by drizzle/upsert-papers.ts over a staged batch, not a copy of it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { rowsIn } from '../drizzle/db.js';
import { stageImportBatch } from '../drizzle/import-batch-table.js';
import { writeSearchVectorsInThisTransaction } from '../drizzle/search-vector.js';
import { insertStagedNames, upsertPapers, upsertPapersAndBylines } from '../drizzle/upsert-papers.js';
import { insertSyntheticPapers } from '../bench/synthetic-papers.js';
import { syntheticPaper } from '../server/synthetic/synthetic-papers.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const generator = {
  seed: 7,
  authors: 5_000,
  users: 1,
  from: new Date('2024-01-01T00:00:00Z'),
  to: new Date('2025-01-01T00:00:00Z'),
};
const batch = Array.from({ length: 500 }, (_, i) => syntheticPaper(i, generator));

/** The plan of the importer's papers-and-bylines statement for `batch`; nothing is written. */
async function importPlan(): Promise<string> {
  let plan = '';
  try {
    await database.db.transaction(async (tx) => {
      await writeSearchVectorsInThisTransaction(tx);
      await stageImportBatch(tx, batch);
      await insertStagedNames(tx);
      const rows = await rowsIn<Record<string, string>>(tx, sql`explain ${upsertPapersAndBylines('all')}`);
      plan = rows.map((row) => Object.values(row)[0]).join('\n');
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return plan;
}

describe('a batch', () => {
  it('costs the same statements whatever its size', async () => {
    const statementsFor = async (papers: typeof batch) => {
      database.statements.length = 0;
      await upsertPapers(database.db, papers);
      return database.statements.length;
    };
    const small = await statementsFor(
      batch.slice(0, 5).map((p) => ({ ...p, arxivId: `9901.${p.arxivId.slice(-5)}` })),
    );
    const large = await statementsFor(
      batch.slice(5, 405).map((p) => ({ ...p, arxivId: `9902.${p.arxivId.slice(-5)}` })),
    );
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });
});

describe('the importer’s author lookup', () => {
  it('never uses a trigram index, on a database holding only the seed papers', async () => {
    const plan = await importPlan();
    expect(plan).toMatch(/authors/);
    expect(plan).not.toMatch(/trgm/);
  });

  it('is an index scan of the unique btree on a database holding many authors', async () => {
    await insertSyntheticPapers(database.db, 2_000, { authors: 50_000 });
    const plan = await importPlan();
    expect(plan).toMatch(/Index (Only )?Scan using authors_name_key on authors/);
    expect(plan).not.toMatch(/Seq Scan on authors/);
    expect(plan).not.toMatch(/trgm/);
  }, 60_000);
});
