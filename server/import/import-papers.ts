// Validates records and writes them in batches. Invalid records are reported by position and
// skipped; every valid one is upserted, a batch per transaction. Records are pulled one at a time
// from any (async) iterable and nothing grows with the file but a 16-byte note per arXiv id (to
// report repeats), so a streamed file of any size imports in flat memory.
//
// Re-running an import changes nothing (unchanged papers are not rewritten), and a run that
// stops midway leaves only whole batches behind: running it again skips what is already there
// and finishes the rest. That is the resume.
import type { Db } from '../../drizzle/db.js';
import type { UpsertResult } from '../../drizzle/upsert-papers.js';
import { hfDailyPapers } from './hf-daily-papers.js';
import { ImportFileError, type RecordFormat, UnreadableRecord } from './record-format.js';
import { type PlacedPaper, upsertRefusingRecords } from './refused-records.js';
import { SeenArxivIds } from './seen-arxiv-ids.js';

export interface InvalidRecord {
  /** 0-based position of the record in the file. */
  index: number;
  arxivId?: string;
  reason: string;
}

export interface ImportReport {
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  /**
   * Invalid records, in file order: those the checks refuse, and those the database refuses (see
   * refused-records.ts). At most MAX_LISTED_INVALID; `invalidCount` counts them all.
   */
  invalid: InvalidRecord[];
  invalidCount: number;
}

export interface ImportOptions {
  /** How to read each record; default: the Hugging Face daily-papers JSON shape. */
  format?: RecordFormat;
  batchSize?: number;
  /**
   * Batches written at once, each in its own transaction on its own connection: the database
   * computes one batch's search vectors while the next is read. Default 2.
   */
  writers?: number;
  /** Called after each batch with the number of records read so far. */
  onProgress?: (recordsDone: number) => void;
  /** Called after each batch is committed, with the arXiv ids it added and updated. */
  onBatch?: (result: UpsertResult) => void;
}

/** Enough to fix a broken file by; a file of nothing but bad records must not fill memory. */
export const MAX_LISTED_INVALID = 1_000;
/** A record may quote a huge value back (a 4 MB "id"): what a report keeps of it stays small. */
const MAX_NOTE_LENGTH = 300;
const clip = (text: string) => (text.length > MAX_NOTE_LENGTH ? `${text.slice(0, MAX_NOTE_LENGTH)}…` : text);

export async function importPapers(
  db: Db,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  { format = hfDailyPapers, batchSize = 500, writers = 2, onProgress, onBatch }: ImportOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = { total: 0, added: 0, updated: 0, unchanged: 0, invalid: [], invalidCount: 0 };
  const seen = new SeenArxivIds();
  let batch: PlacedPaper[] = [];

  const invalid = ({ index, arxivId, reason }: InvalidRecord) => {
    report.invalidCount++;
    if (report.invalid.length >= MAX_LISTED_INVALID) return;
    report.invalid.push({
      index,
      arxivId: arxivId === undefined ? undefined : clip(arxivId),
      reason: clip(reason),
    });
  };
  const refused = ({ index, paper }: PlacedPaper, reason: string) =>
    invalid({ index, arxivId: paper.arxivId, reason: `the database refused it: ${reason}` });
  // Batches being written. Batches never share a paper, and names are inserted in a fixed order
  // (upsert-papers.ts), so concurrent batches wait for each other at worst, never deadlock.
  const writing = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const flush = async () => {
    const records = batch;
    batch = [];
    const write = upsertRefusingRecords(db, records, format.updates, refused).then(
      (result) => {
        report.added += result.added.length;
        report.updated += result.updated.length;
        report.unchanged += result.unchanged;
        onBatch?.(result);
        onProgress?.(report.total);
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    writing.add(write);
    void write.finally(() => writing.delete(write));
    while (writing.size >= writers) await Promise.race(writing);
    if (failure) throw failure.error;
  };
  const finish = async () => {
    await flush();
    await Promise.all(writing);
    if (failure) throw failure.error;
  };

  try {
    for await (const record of records) {
      const index = report.total++;
      if (record instanceof UnreadableRecord) {
        invalid({ index, reason: record.reason });
        continue;
      }
      const parsed = format.parse(record);
      if (!parsed.ok) {
        invalid({ index, arxivId: parsed.arxivId, reason: parsed.reason });
        continue;
      }
      const { arxivId } = parsed.paper;
      const earlier = seen.firstUse(arxivId, index);
      if (earlier !== undefined) {
        invalid({ index, arxivId, reason: `arXiv id ${arxivId} repeats record ${earlier}` });
        continue;
      }
      batch.push({ index, paper: parsed.paper });
      if (batch.length >= batchSize) await flush();
    }
  } catch (error) {
    // The file broke off: the records read before are whole and valid, so keep them too.
    if (error instanceof ImportFileError) await finish();
    throw error;
  } finally {
    // Whatever happened, no write goes on after the import returns.
    await Promise.allSettled(writing);
  }
  await finish();
  // A refused record is found when its batch is written, after the records read behind it.
  report.invalid.sort((a, b) => a.index - b.index);
  return report;
}
