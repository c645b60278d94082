// Relational queries (db.query.x.findMany/findFirst) built once per shape, then reused with new
// values. drizzle builds a relational query's SQL from scratch on every execution, which was a
// fifth of a feed request's CPU (drizzle-orm issue #5991 describes the same for one query object
// executed again; here every request makes a new object, so the cache is keyed by shape:
// query-shape.ts). The statement and the row mapper are kept; each execution only walks the parts
// that hold values (filters, cursors, the viewer in extras) to fill the parameters.
//
// A shape's plan is made the second time the shape is seen (a shape met once, as a hostile client
// making up selections would, costs only the walk), by building the query twice — with its values
// and with placeholders — and kept only if both give the same statement and parameters. With
// `verify`, every reuse is checked the same way (the test suite runs so).
import { fillPlaceholders, makeJitRqbMapper } from 'drizzle-orm';
import { PgAsyncRelationalQuery } from 'drizzle-orm/pg-core';
import { isDeepStrictEqual } from 'node:util';
import { LRUCache } from 'lru-cache';
import { queryShape, withPlaceholders, type QueryShape, type RelationalSchema } from './query-shape.js';

/** Distinct shapes kept per database: a bound on memory whatever selections clients send. */
const MAX_PLANS = 1_000;

export interface RelationalQueryCacheStats {
  /** Executions that reused a plan. */
  reused: number;
  /** Executions built the usual way: a shape's first sighting, or a query that cannot be shaped. */
  built: number;
  /** Shapes whose two builds differed (a value changes the statement's text): never planned. */
  unplannable: number;
}

interface Plan {
  sql: string;
  /** drizzle's parameters: constants, and placeholders named by the shape's value indices. */
  params: unknown[];
  mapper: (rows: unknown[]) => unknown;
}

/** drizzle's internals a relational query carries (marked @internal in its types). */
interface RelationalQueryInternals {
  schema: RelationalSchema;
  table: unknown;
  tableConfig: RelationalSchema[string];
  dialect: {
    sqlToQuery(sql: unknown): { sql: string; params: unknown[] };
  };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      mode: 'arrays',
      name: false,
      mapper: unknown,
    ): unknown;
  };
  config: true | Record<string, unknown>;
  mode: 'many' | 'first';
  parseJson: boolean;
  _toSQL(): { query: { selection: unknown }; builtQuery: { sql: string; params: unknown[] } };
  _prepare(name?: string, generateName?: boolean): unknown;
}

const drizzlePrepare = (PgAsyncRelationalQuery.prototype as unknown as RelationalQueryInternals)._prepare;

interface QueryBuilders {
  query: Record<string, { builder: unknown }>;
}

/** Makes `db.query.*` reuse built statements; returns live counters. Transactions build as usual. */
export function cacheRelationalQueries(db: unknown, { verify = false } = {}): RelationalQueryCacheStats {
  const stats: RelationalQueryCacheStats = { reused: 0, built: 0, unplannable: 0 };
  const plans = new LRUCache<string, Plan | 'unplannable'>({ max: MAX_PLANS });
  /** Shapes seen once, not yet planned. */
  const seen = new LRUCache<string, true>({ max: MAX_PLANS });

  /** The shape's plan: none on its first sighting, made on its second, kept (or refused) after. */
  function planFor(query: RelationalQueryInternals, shape: QueryShape): Plan | undefined {
    const kept = plans.get(shape.key);
    if (kept !== undefined) return kept === 'unplannable' ? undefined : kept;
    if (!seen.has(shape.key)) {
      seen.set(shape.key, true);
      return undefined;
    }
    seen.delete(shape.key);
    const made = makePlan(query, shape);
    if (!made) stats.unplannable++;
    plans.set(shape.key, made ?? 'unplannable');
    return made ?? undefined;
  }

  class CachedRelationalQuery extends PgAsyncRelationalQuery<unknown> {
    _prepare(name?: string, generateName = false) {
      const self = this as unknown as RelationalQueryInternals;
      const build = () => drizzlePrepare.call(this, name, generateName);
      // A query prepared by name is the caller's to keep: built as drizzle builds it.
      if (name !== undefined || generateName) return build();
      const shape = queryShape(self.schema, self.tableConfig, self.config, self.mode);
      const plan = shape && planFor(self, shape);
      if (!shape || !plan) {
        stats.built++;
        return build();
      }
      const params = fillPlaceholders(plan.params as never, shape.values as never);
      if (verify) checkReuse(self, plan, params);
      stats.reused++;
      return self.session.prepareQuery({ sql: plan.sql, params }, 'arrays', false, plan.mapper);
    }
  }

  for (const builder of Object.values((db as QueryBuilders).query)) builder.builder = CachedRelationalQuery;
  return stats;
}

/** The plan of `query`'s shape, or null when a value of it changes the statement's text. */
function makePlan(query: RelationalQueryInternals, shape: QueryShape): Plan | null {
  const { schema, table, tableConfig, dialect, session, config, mode, parseJson } = query;
  const asBuilt = query._toSQL().builtQuery;
  const withValuesAsPlaceholders = new PgAsyncRelationalQuery(
    schema as never,
    table as never,
    tableConfig as never,
    dialect as never,
    session as never,
    withPlaceholders(schema, tableConfig, config, mode) as never,
    mode,
    parseJson,
  ) as unknown as RelationalQueryInternals;
  const planned = withValuesAsPlaceholders._toSQL();
  const filled = fillPlaceholders(planned.builtQuery.params as never, shape.values as never);
  if (planned.builtQuery.sql !== asBuilt.sql || !isDeepStrictEqual(filled, asBuilt.params)) return null;
  // Compiled once per shape (drizzle's own generator, as `jit: true` would use per execution).
  const mapper = makeJitRqbMapper({
    selection: planned.query.selection as never,
    isFirst: mode === 'first',
    parseJson,
    parseJsonIfString: false,
    rootJsonMappers: false,
    arrayModeRoot: true,
  }) as Plan['mapper'];
  return { sql: planned.builtQuery.sql, params: planned.builtQuery.params, mapper };
}

/** Test mode: a reused plan must give exactly the statement a fresh build gives. */
function checkReuse(query: RelationalQueryInternals, plan: Plan, params: unknown[]) {
  const fresh = query._toSQL().builtQuery;
  if (fresh.sql !== plan.sql || !isDeepStrictEqual(fresh.params, params)) {
    throw new Error(
      `relational query cache: a reused plan differs from a fresh build.\nplan:  ${plan.sql} ${JSON.stringify(params)}\nfresh: ${fresh.sql} ${JSON.stringify(fresh.params)}`,
    );
  }
}
