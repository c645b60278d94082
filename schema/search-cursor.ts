// Search cursors: base64 of "SC:" + JSON. Unlike feed cursors they carry more than the ordering's
// values: the match mode (a search that fell back to fuzzy title matching keeps paging fuzzily),
// the ordering, and a fingerprint of the query and filter, so a cursor from another search (or
// another connection) is refused as BAD_USER_INPUT instead of silently skipping results.
import { decodeBase64, encodeBase64 } from '@pothos/core';
import {
  searchKeyLength,
  type SearchKey,
  type SearchMode,
  type SearchOrder,
} from '../drizzle/paper-search.js';
import { badInput } from './errors.js';

const PREFIX = 'SC:';

export interface SearchCursorScope {
  order: SearchOrder;
  /** Identifies the query and filter the cursor belongs to. */
  fingerprint: string;
}

interface SearchCursor {
  mode: SearchMode;
  key: SearchKey;
}

export function encodeSearchCursor(scope: SearchCursorScope, cursor: SearchCursor): string {
  return encodeBase64(
    PREFIX + JSON.stringify({ m: cursor.mode, o: scope.order, f: scope.fingerprint, k: cursor.key }),
  );
}

/** The cursor passed as `argument`, or BAD_USER_INPUT when this search did not issue it. */
export function decodeSearchCursor(
  raw: string,
  argument: 'after' | 'before',
  scope: SearchCursorScope,
): SearchCursor {
  const parsed = parse(raw);
  const ok =
    parsed !== null &&
    (parsed.m === 'text' || parsed.m === 'fuzzy') &&
    parsed.o === scope.order &&
    parsed.f === scope.fingerprint &&
    Array.isArray(parsed.k) &&
    parsed.k.length === searchKeyLength(scope.order) &&
    parsed.k.every((value) => typeof value === 'number' && Number.isFinite(value)) &&
    Number.isSafeInteger(parsed.k.at(-1));
  if (!ok) {
    throw badInput(
      `"${argument}" is not a cursor of this search: pass a cursor it returned, with the same query, filter and orderBy.`,
      argument,
    );
  }
  return { mode: parsed.m as SearchMode, key: parsed.k as SearchKey };
}

function parse(raw: string): { m?: unknown; o?: unknown; f?: unknown; k?: unknown[] } | null {
  try {
    const text = decodeBase64(raw);
    if (!text.startsWith(PREFIX)) return null;
    const value: unknown = JSON.parse(text.slice(PREFIX.length));
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

/** A short, stable digest (FNV-1a, 32 bits): a cursor only needs to tell searches apart. */
export function fingerprint(value: unknown): string {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(value)) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
