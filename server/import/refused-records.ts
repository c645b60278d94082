// Upserts a batch so that a record the database refuses (a value out of a column's range, a row a
// trigger rejects: see drizzle/row-refusal.ts) costs only itself. The batch is one transaction;
// when it is refused, it is retried in halves until each refused record stands alone, and is
// reported. k refused records among n cost about 2k·log2(n) extra transactions; each paper still
// lands whole or not at all, so the import stays idempotent and resumable.
import type { Db } from '../../drizzle/db.js';
import { rowRefusal } from '../../drizzle/row-refusal.js';
import {
  type PaperInput,
  type UpsertFields,
  type UpsertResult,
  upsertPapers,
} from '../../drizzle/upsert-papers.js';

export interface PlacedPaper {
  /** 0-based position of the record in the file. */
  index: number;
  paper: PaperInput;
}

export async function upsertRefusingRecords(
  db: Db,
  batch: PlacedPaper[],
  fields: UpsertFields,
  onRefused: (record: PlacedPaper, reason: string) => void,
): Promise<UpsertResult> {
  try {
    return await upsertPapers(
      db,
      batch.map((record) => record.paper),
      fields,
    );
  } catch (error) {
    const reason = rowRefusal(error);
    if (reason === null) throw error;
    if (batch.length === 1) {
      onRefused(batch[0]!, reason);
      return { added: [], updated: [], unchanged: 0 };
    }
    const middle = Math.ceil(batch.length / 2);
    const first = await upsertRefusingRecords(db, batch.slice(0, middle), fields, onRefused);
    const second = await upsertRefusingRecords(db, batch.slice(middle), fields, onRefused);
    return {
      added: [...first.added, ...second.added],
      updated: [...first.updated, ...second.updated],
      unchanged: first.unchanged + second.unchanged,
    };
  }
}
