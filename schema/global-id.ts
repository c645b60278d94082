// Global ids are base64 of "Typename:key" (the Relay plugin's format). One that is not is the
// client's mistake: BAD_USER_INPUT. A well-formed id that names no row (a key no row can have, a
// type that is not a node) is an object that does not exist: lookups answer null, as for a
// deleted one. Keys are accepted only as the server writes them, so a node's id is the id asked.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

/** Every table is keyed by a PostgreSQL `serial`: a positive integer up to 2^31 - 1. */
const MAX_KEY = 2 ** 31 - 1;
const CANONICAL_KEY = /^[1-9]\d{0,9}$/;

export function decodeId(globalId: string, argument = 'id'): { typename: string; id: string } {
  try {
    return decodeGlobalID(globalId);
  } catch {
    throw badInput(`"${globalId}" is not a valid id.`, argument);
  }
}

/** The row key in a decoded id, or null when no row can have it. */
export function rowKey(key: string): number | null {
  if (!CANONICAL_KEY.test(key)) return null;
  const value = Number(key);
  return value <= MAX_KEY ? value : null;
}

/**
 * The row key of a global id that must name `typename`, or null when no row can have it.
 * Malformed ids and ids of other types are BAD_USER_INPUT naming `argument`.
 */
export function lookupKeyOf(typename: string, globalId: string, argument = 'id'): number | null {
  const decoded = decodeId(globalId, argument);
  if (decoded.typename !== typename) throw badInput(`"${globalId}" is not a ${typename} id.`, argument);
  return rowKey(decoded.id);
}

/** Like lookupKeyOf, for a position (such as `after`) rather than a lookup: a key is required. */
export function decodeIdOf(typename: string, globalId: string, argument = 'id'): number {
  const key = lookupKeyOf(typename, globalId, argument);
  if (key === null) throw badInput(`"${globalId}" is not a ${typename} id.`, argument);
  return key;
}
