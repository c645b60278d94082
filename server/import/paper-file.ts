// Opens a file of papers for streaming import and tells its format by its first bytes: "[" is
// the Hugging Face daily-papers JSON array, "<" an arXiv API Atom feed. Whatever the extension.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { arxivAtom } from './arxiv-atom.js';
import { atomEntries } from './atom-entries.js';
import { hfDailyPapers } from './hf-daily-papers.js';
import { jsonArrayRecords } from './json-array-records.js';
import { ImportFileError, type RecordFormat } from './record-format.js';

export interface PaperFile {
  format: RecordFormat;
  /** File size in bytes. */
  size: number;
  /** The records, read as they are consumed. */
  records: AsyncIterable<unknown>;
  /** Bytes read from the file so far (for progress). */
  bytesRead(): number;
}

/** 1 MiB reads: few enough system calls, small enough to keep memory flat. */
const READ_SIZE = 1 << 20;

export async function openPaperFile(path: string): Promise<PaperFile> {
  const { size, first } = await peek(path);
  let bytesRead = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(path, { highWaterMark: READ_SIZE })) {
      bytesRead += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  async function* text(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true }); // drops a byte order mark
    try {
      for await (const chunk of chunks()) yield decoder.decode(chunk, { stream: true });
      yield decoder.decode();
    } catch (error) {
      if (error instanceof TypeError)
        throw new ImportFileError(`${path}: not UTF-8 text (${error.message}).`);
      throw error;
    }
  }

  const base = { size, bytesRead: () => bytesRead };
  if (first === '[') return { ...base, format: hfDailyPapers, records: jsonArrayRecords(chunks(), path) };
  if (first === '<') return { ...base, format: arxivAtom, records: atomEntries(text(), path) };
  throw new ImportFileError(
    first === undefined
      ? `${path}: the file is empty; expected a JSON array of daily-papers entries or an arXiv Atom feed.`
      : first === '{'
        ? `${path}: a single JSON object; expected a JSON array of daily-papers entries ([{ "paper": {...} }, ...]).`
        : `${path}: not a JSON array or an Atom feed (it starts with ${JSON.stringify(first)}).`,
  );
}

/** The file's size and its first character that is not white space or a byte order mark. */
async function peek(path: string): Promise<{ size: number; first?: string }> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const head = Buffer.alloc(4096);
      const { bytesRead } = await file.read(head, 0, head.length, 0);
      const text = head
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      return { size, first: /\S/.exec(text)?.[0] };
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${(error as Error).message})`,
    );
  }
}
