// COPY's text format, the fastest way to bulk-load PostgreSQL: one line per row, tab-separated
// fields, \N for NULL, and backslash escapes for the characters that would break the framing.
// The driver-specific part (stdin on a server, a blob on PGlite) is Database.copyRows in db.ts.
import { getColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

export type CopyValue = string | number | Date | null;

/** `"table" ("column", ...)` for a COPY statement, from drizzle's table and column keys. */
export function copyTarget<T extends PgTable>(
  table: T,
  columns: readonly (keyof T['_']['columns'] & string)[],
) {
  const all = getColumns(table) as Record<string, { name: string }>;
  const names = columns.map((key) => quote(all[key]!.name));
  return `${quote(getTableName(table))} (${names.join(', ')})`;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;

function field(value: CopyValue): string {
  if (typeof value === 'string') {
    return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
  }
  if (typeof value === 'number') return String(value); // shortest text that reads back exactly
  if (value === null) return '\\N';
  return value.toISOString();
}

/**
 * The rows as COPY text, UTF-8 encoded into buffers of about `chunkBytes`: each line is written
 * straight into the buffer, so no large string is built, flattened and encoded again.
 */
export function* copyText(rows: Iterable<readonly CopyValue[]>, chunkBytes = 1 << 20): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  for (const row of rows) {
    let line = field(row[0]!);
    for (let i = 1; i < row.length; i++) line += '\t' + field(row[i]!);
    line += '\n';
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (used + line.length * 3 > chunk.length) {
      if (used > 0) yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(Math.max(chunkBytes, line.length * 3));
      used = 0;
    }
    used += chunk.write(line, used);
  }
  if (used > 0) yield chunk.subarray(0, used);
}
