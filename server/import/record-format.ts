// What a file format gives the importer: a check that turns one record into a PaperInput (or a
// reason naming the bad field), and which paper fields the format is allowed to overwrite.
import type { PaperInput, UpsertFields } from '../../drizzle/upsert-papers.js';

export type ParsedRecord = { ok: true; paper: PaperInput } | { ok: false; reason: string; arxivId?: string };

export interface RecordFormat {
  /** For messages: "Hugging Face daily-papers JSON". */
  name: string;
  parse(record: unknown): ParsedRecord;
  /** Fields an import in this format rewrites on papers that already exist (see upsertPapers). */
  updates: UpsertFields;
}

/**
 * A record a streaming reader could delimit but not decode (say, JSON with a stray comma): the
 * importer reports it by position like an invalid record and carries on with the next one.
 */
export class UnreadableRecord {
  constructor(readonly reason: string) {}
}

/** A file the importer cannot go on reading; the message names the file, the place and the fix. */
export class ImportFileError extends Error {}
