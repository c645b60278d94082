// Identical reads in flight at the same time share one statement. An event reaches every
// subscriber at once, and subscribers of one app usually send the same subscription: without
// this, a new paper would cost one SELECT per listening client.

type Statement<T> = PromiseLike<T> & { toSQL(): { sql: string; params: unknown[] } };

// Per database: the same SQL means the same answer only on the same database.
const running = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `statement` on `db`, or joins the identical one (same SQL and parameters) in flight there. */
export function sharedLoad<T>(db: object, statement: Statement<T>): Promise<T> {
  const { sql, params } = statement.toSQL();
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  let inFlight = running.get(db);
  if (!inFlight) running.set(db, (inFlight = new Map()));
  let result = inFlight.get(key) as Promise<T> | undefined;
  if (!result) {
    const statements = inFlight;
    result = Promise.resolve(statement).finally(() => statements.delete(key));
    inFlight.set(key, result);
  }
  // Each caller gets its own copy: resolvers may annotate the rows they are given.
  return result.then((rows) => structuredClone(rows));
}
