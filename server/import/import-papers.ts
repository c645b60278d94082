// Validates records and writes them in batches. Invalid records are reported by position and
// skipped; every valid one is upserted, a batch per transaction.
import type { Db } from '../../drizzle/db.js';
import { type PaperInput, upsertPapers } from '../../drizzle/upsert-papers.js';
import { parseHfRecord } from './hf-daily-papers.js';

export interface InvalidRecord {
  /** 0-based position of the record in the file. */
  index: number;
  arxivId?: string;
  reason: string;
}

export interface ImportReport {
  total: number;
  added: string[];
  updated: string[];
  unchanged: number;
  invalid: InvalidRecord[];
}

export interface ImportOptions {
  batchSize?: number;
  /** Called after each batch with the number of records read so far. */
  onProgress?: (recordsDone: number) => void;
}

export async function importPapers(
  db: Db,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  { batchSize = 500, onProgress }: ImportOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = { total: 0, added: [], updated: [], unchanged: 0, invalid: [] };
  const firstSeenAt = new Map<string, number>();
  let batch: PaperInput[] = [];

  const flush = async () => {
    const result = await upsertPapers(db, batch);
    report.added.push(...result.added);
    report.updated.push(...result.updated);
    report.unchanged += result.unchanged;
    batch = [];
    onProgress?.(report.total);
  };

  for await (const record of records) {
    const index = report.total++;
    const parsed = parseHfRecord(record);
    if (!parsed.ok) {
      report.invalid.push({ index, arxivId: rawId(record), reason: parsed.reason });
      continue;
    }
    const { arxivId } = parsed.paper;
    const earlier = firstSeenAt.get(arxivId);
    if (earlier !== undefined) {
      report.invalid.push({ index, arxivId, reason: `arXiv id ${arxivId} repeats record ${earlier}` });
      continue;
    }
    firstSeenAt.set(arxivId, index);
    batch.push(parsed.paper);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return report;
}

function rawId(record: unknown): string | undefined {
  const paper = (record as { paper?: { id?: unknown } } | null)?.paper;
  return typeof paper?.id === 'string' ? paper.id : undefined;
}
