// Streams the elements of a JSON array, one at a time, so memory stays flat however large the
// file. A byte-level scanner finds where each top-level element ends (it only has to follow
// strings, escapes and nesting depth: UTF-8 never hides an ASCII byte inside a multi-byte
// character) and hands that slice to the native JSON.parse. No dependency, native parsing speed,
// and an element that does not parse is reported on its own while the rest of the file imports.
// An element over MAX_RECORD_BYTES or nested deeper than MAX_RECORD_DEPTH is skipped unread, so
// memory stays flat on any input: nothing is buffered past the limit.
import { ImportFileError, UnreadableRecord } from './record-format.js';

/** A daily-papers record takes a few kilobytes (5,000 authors: under 1 MB). */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;
/** A daily-papers record nests four levels (record, paper, authors, author). */
export const MAX_RECORD_DEPTH = 32;

const enum Byte {
  Quote = 0x22,
  Backslash = 0x5c,
  Comma = 0x2c,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
}

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** The array's elements, parsed, or UnreadableRecord for one that is not valid JSON. */
export async function* jsonArrayRecords(
  chunks: AsyncIterable<Buffer>,
  fileName: string,
): AsyncGenerator<unknown> {
  let state = 'start' as 'start' | 'element' | 'after-comma' | 'inside' | 'end';
  let offset = 0; // file offset of the current chunk's first byte
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: Buffer[] = [];
  let elementStart = 0;
  let index = 0;
  let buffered = 0; // bytes of the current element in `parts`
  let tooLarge = false;
  let tooDeep = false;

  const fail = (message: string, at: number): never => {
    throw new ImportFileError(`${fileName}: not a valid JSON array at byte ${at}: ${message}.`);
  };
  const keep = (part: Buffer) => {
    buffered += part.length;
    if (tooLarge || tooDeep || buffered > MAX_RECORD_BYTES) {
      tooLarge ||= buffered > MAX_RECORD_BYTES;
      parts = []; // skipped: only its end is still looked for
    } else {
      parts.push(part);
    }
  };
  const skipReason = (): string | null => {
    const where = `the record starts at byte ${elementStart}`;
    if (tooDeep) {
      return `nested deeper than ${MAX_RECORD_DEPTH} levels (${where}); a daily-papers record nests four: fix or remove it`;
    }
    if (tooLarge) {
      return `larger than ${MAX_RECORD_BYTES / 1024 / 1024} MiB (${where}); a daily-papers record takes a few kilobytes: fix or remove it`;
    }
    return null;
  };
  const finishElement = (): unknown => {
    const skipped = skipReason();
    const text = skipped ? '' : Buffer.concat(parts).toString('utf8');
    parts = [];
    index++;
    if (skipped) return new UnreadableRecord(skipped);
    try {
      return JSON.parse(text);
    } catch (error) {
      return new UnreadableRecord(
        `not valid JSON (the record starts at byte ${elementStart}): ${(error as Error).message}`,
      );
    }
  };

  for await (const chunk of chunks) {
    let from = 0; // where the current element's bytes start in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (state === 'inside') {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === Byte.Backslash) escaped = true;
          else if (b === Byte.Quote) inString = false;
          continue;
        }
        if (b === Byte.Quote) inString = true;
        else if (b === Byte.OpenBrace || b === Byte.OpenBracket) {
          if (++depth > MAX_RECORD_DEPTH) tooDeep = true;
        } else if ((b === Byte.CloseBrace || b === Byte.CloseBracket) && depth > 0) depth--;
        else if (depth === 0 && (b === Byte.Comma || b === Byte.CloseBracket)) {
          keep(chunk.subarray(from, i));
          yield finishElement();
          state = b === Byte.Comma ? 'after-comma' : 'end';
        }
        continue;
      }
      if (isSpace(b)) continue;
      const at = offset + i;
      if (state === 'start') {
        // A UTF-8 byte order mark is allowed before the array.
        if (at < 3 && b === [0xef, 0xbb, 0xbf][at]) continue;
        if (b !== Byte.OpenBracket) {
          fail(`expected "[" (an array of records), found ${describe(b)}`, at);
        }
        state = 'element';
      } else if (state === 'element' || state === 'after-comma') {
        if (b === Byte.CloseBracket) {
          if (state === 'after-comma') fail('a comma before "]" (remove it)', at);
          state = 'end';
        } else {
          state = 'inside';
          elementStart = at;
          from = i;
          depth = 0;
          buffered = 0;
          tooLarge = tooDeep = false;
          i--; // scan this byte again as part of the element
        }
      } else if (state === 'end') {
        fail(`unexpected ${describe(b)} after the closing "]"`, at);
      }
    }
    if (state === 'inside') keep(chunk.subarray(from));
    offset += chunk.length;
  }

  if (state === 'start') fail('the file is empty', offset);
  if (state !== 'end') {
    fail(
      state === 'inside'
        ? `the file ends inside record ${index} (which starts at byte ${elementStart}); it may be truncated`
        : 'the file ends before the closing "]"; it may be truncated',
      offset,
    );
  }
}

function describe(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? `"${String.fromCharCode(byte)}"` : `byte 0x${byte.toString(16)}`;
}
