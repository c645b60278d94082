// Connection cursors (the drizzle plugin's format: base64 of "DC:" + a typed tuple) hold the
// values of the connection's ordering. A cursor from another connection or ordering would compare
// a column with a value of another type, which PostgreSQL rejects as an internal error; checking
// the tuple's shape first turns that client mistake into BAD_USER_INPUT.
import { decodeBase64, decodeCursorChunk } from '@pothos/core';
import { badInput } from './errors.js';

export type CursorKey = 'date' | 'integer' | 'number' | 'string';

const fits: Record<CursorKey, (value: unknown) => boolean> = {
  date: (value) => value instanceof Date,
  integer: (value) => Number.isSafeInteger(value),
  number: (value) => typeof value === 'number',
  string: (value) => typeof value === 'string',
};

/**
 * Checks `after`/`before` against an ordering: of (key, integer id) when given one key, else of
 * exactly the listed values (an ordering by one unique column, such as a name, has a bare value).
 */
export function checkCursors(
  args: { after?: string | null; before?: string | null },
  shape: CursorKey | readonly CursorKey[],
): void {
  const keys: readonly CursorKey[] = typeof shape === 'string' ? [shape, 'integer'] : shape;
  for (const argument of ['after', 'before'] as const) {
    const cursor = args[argument];
    if (cursor == null) continue;
    const decoded = decode(cursor);
    const values = keys.length === 1 ? [decoded] : decoded;
    const ok =
      Array.isArray(values) && values.length === keys.length && keys.every((key, i) => fits[key](values[i]));
    if (!ok) {
      throw badInput(
        `"${argument}" is not a cursor of this connection: pass a cursor it returned, with the same orderBy.`,
        argument,
      );
    }
  }
}

function decode(cursor: string): unknown {
  try {
    const text = decodeBase64(cursor);
    return text.startsWith('DC:') ? decodeCursorChunk(text.slice(3)) : null;
  } catch {
    return null;
  }
}

/** A papers connection newest in the feed first; its cursors hold (addedAt, id). */
export function newestAddedFirst(args: { after?: string | null; before?: string | null }) {
  checkCursors(args, 'date');
  return { orderBy: { addedAt: 'desc' } } as const;
}
