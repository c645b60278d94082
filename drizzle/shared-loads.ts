// Identical reads in flight at the same time share one statement. An event reaches every
// subscriber at once, and subscribers of one app usually send the same subscription: without
// this, a new paper would cost one SELECT per listening client.

type Statement<T> = PromiseLike<T> & { toSQL(): { sql: string; params: unknown[] } };

// Per database: the same SQL means the same answer only on the same database.
const running = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `statement` on `db`, or joins the identical one (same SQL and parameters) in flight there. */
export async function sharedLoad<T>(db: object, statement: Statement<T>): Promise<T> {
  const { sql, params } = statement.toSQL();
  // Each caller gets its own copy: resolvers may annotate the rows they are given.
  return structuredClone(await sharedLoadByKey(db, `${sql}\u0000${JSON.stringify(params)}`, () => statement));
}

/**
 * Runs the statement `build` makes, or joins the one in flight on `db` under the same `key`. For
 * callers that can name a statement more cheaply than by building its SQL (drizzle spends about
 * 0.3 ms on a relational query's SQL: for 10,000 subscribers, 3 s of CPU per event). Every caller
 * gets the same rows: copy them before changing them.
 */
export function sharedLoadByKey<T>(db: object, key: string, build: () => PromiseLike<T>): Promise<T> {
  let inFlight = running.get(db);
  if (!inFlight) running.set(db, (inFlight = new Map()));
  let result = inFlight.get(key) as Promise<T> | undefined;
  if (!result) {
    const statements = inFlight;
    // Kept until the current turn of the event loop ends: callers woken together by one event
    // reach here in the same turn, but not all before an in-process database (PGlite) answers.
    result = Promise.resolve(build()).finally(() => setImmediate(() => statements.delete(key)));
    inFlight.set(key, result);
  }
  return result;
}
