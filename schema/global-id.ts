// Global ids are base64 of "Typename:id" (the Relay plugin's format). A malformed one is the
// client's mistake, so it gets BAD_USER_INPUT instead of an internal error.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

export function decodeId(globalId: string, argument = 'id'): { typename: string; id: string } {
  try {
    return decodeGlobalID(globalId);
  } catch {
    throw badInput(`"${globalId}" is not a valid id.`, argument);
  }
}

/** The numeric key of a global id that must name `typename`. */
export function decodeIdOf(typename: string, globalId: string, argument = 'id'): number {
  const decoded = decodeId(globalId, argument);
  const id = Number(decoded.id);
  if (decoded.typename !== typename || !Number.isSafeInteger(id)) {
    throw badInput(`"${globalId}" is not a ${typename} id.`, argument);
  }
  return id;
}
