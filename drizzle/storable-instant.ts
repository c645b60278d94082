// The instants a `timestamptz` column takes from this application. PostgreSQL stores years 4713 BC
// to 294276 AD, but instants travel as ISO 8601 strings (Date.toISOString), which it reads only
// with four-digit years and no year 0000: 0001-01-01 to 9999-12-31 UTC. Beyond, a statement fails.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

export const STORABLE_INSTANTS = 'an instant in the years 0001 to 9999 (UTC)';

export function isStorableInstant(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}
