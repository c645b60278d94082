// What a file format gives the importer: a check that turns one record into a PaperInput (or a
// reason naming the bad field), and which paper fields the format is allowed to overwrite.
import { RuleViolation } from '../../drizzle/paper-rules.js';
import type { PaperInput, UpsertFields } from '../../drizzle/upsert-papers.js';

export type ParsedRecord = { ok: true; paper: PaperInput } | { ok: false; reason: string; arxivId?: string };

export interface RecordFormat {
  /** For messages: "Hugging Face daily-papers JSON". */
  name: string;
  parse(record: unknown): ParsedRecord;
  /** Fields an import in this format rewrites on papers that already exist (see upsertPapers). */
  updates: UpsertFields;
}

/** Why a record is invalid: a message that starts with the offending field. */
class InvalidField extends Error {}

export function fail(message: string): never {
  throw new InvalidField(message);
}

/** Runs a shared rule (drizzle/paper-rules.ts) and names the field in its message. */
export function field<T>(name: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof RuleViolation) fail(`${name}: ${error.message}`);
    throw error;
  }
}

/**
 * A format's parse: `toPaperInput` checks a record, calling `fail`/`field` on the first bad field;
 * `rawId` finds what arXiv id the record claims, to name it in the report.
 */
export function recordParser<R>(
  toPaperInput: (record: R) => PaperInput,
  rawId: (record: R) => string | undefined,
): (record: unknown) => ParsedRecord {
  return (record) => {
    try {
      return { ok: true, paper: toPaperInput(record as R) };
    } catch (error) {
      if (error instanceof InvalidField)
        return { ok: false, reason: error.message, arxivId: rawId(record as R) };
      throw error;
    }
  };
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
