// Whether a failed statement was refused for the data of its rows, which would fail again however
// often it ran, rather than failing to run (a lost connection, a deadlock). By SQLSTATE class:
// 22 data exception (a value out of range, a character the encoding cannot hold), 23 integrity
// constraint violation, 54 program limit exceeded (an index row or a tsvector too large), P0 an
// exception raised by PL/pgSQL, such as a trigger refusing a row.
const REFUSAL_CLASSES = new Set(['22', '23', '54', 'P0']);

/** PostgreSQL's message when `error` is a refusal of the rows' data (no SQL text); else null. */
export function rowRefusal(error: unknown): string | null {
  // drizzle wraps the driver's error (postgres.js or PGlite), which carries the SQLSTATE.
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return REFUSAL_CLASSES.has(code.slice(0, 2)) ? cause.message : null;
    }
  }
  return null;
}
