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

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value); // shortest text that reads back exactly
  if (value instanceof Date) return value.toISOString();
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}

/** The rows as COPY text, in chunks of about `chunkChars` characters. */
export function* copyText(rows: Iterable<readonly CopyValue[]>, chunkChars = 1 << 20): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(field).join('\t') + '\n';
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
