import { Kind } from 'graphql';
import { isStorableInstant, STORABLE_INSTANTS } from '../drizzle/storable-instant.js';
import { builder } from './builder.js';
import { badInput } from './errors.js';

builder.scalarType('DateTime', {
  description:
    'An instant, as an ISO 8601 string with time zone, e.g. 2025-07-20T00:00:00.000Z, in the years 0001 to 9999 (UTC).',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('Date', {
  description: 'A calendar day in UTC, as YYYY-MM-DD, in the years 0001 to 9999.',
  serialize: (value) => value,
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw badInput(
      `DateTime must be an ISO 8601 string with a time zone, such as 2025-07-20T00:00:00Z; got ${JSON.stringify(value)}.`,
    );
  }
  if (!isStorableInstant(date))
    throw badInput(`DateTime must be ${STORABLE_INSTANTS}; got ${JSON.stringify(value)}.`);
  return date;
}

function parseDate(value: unknown): string {
  const day =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  // Round-tripping rejects days that do not exist, such as 2025-02-30.
  const ok = day !== null && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value as string);
  if (!ok) throw badInput(`Date must be a calendar day as YYYY-MM-DD; got ${JSON.stringify(value)}.`);
  if (!isStorableInstant(day))
    throw badInput(`Date must be in the years 0001 to 9999; got ${JSON.stringify(value)}.`);
  return value as string;
}
