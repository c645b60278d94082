// The shape of a relational query (db.query.x.findMany/findFirst config): everything that decides
// its SQL text, as a string key, apart from the values that only become parameters ($1, $2…).
// Two requests for the same GraphQL selection with different cursors, limits or viewers have the
// same shape, so the statement drizzle builds for one serves the other (relational-query-cache.ts).
//
// The parts of a config that hold values (where, orderBy, extras) are turned into SQL by drizzle's
// own functions, then walked chunk by chunk the way drizzle's SQL builder walks them: text and
// names go into the key, values into `values`. Anything the walk does not know (inlined
// parameters, caller placeholders, subquery objects) makes the query unshaped: it is built as usual.
import {
  Column,
  entityKind,
  getColumnTable,
  getTableName,
  Name,
  One,
  Param,
  Placeholder,
  relationExtrasToSQL,
  relationsFilterToSQL,
  relationsOrderToSQL,
  SQL,
  StringChunk,
  Subquery,
  Table,
  View,
  aliasedTable,
} from 'drizzle-orm';
import { PgAsyncCountBuilder } from 'drizzle-orm/pg-core';

/** What the walk reads off drizzle objects beyond their public types (marked @internal there). */
type WithDecoder = SQL & { decoder: unknown };
type SQLInternals = SQL & { shouldInlineParams: boolean };
type AliasedInternals = SQL.Aliased & { origin?: string };

/** What the walk needs of drizzle's relational schema: a table's columns and relations. */
export interface TableRelationalConfig {
  table: Table;
  relations: Record<string, { targetTableName: string }>;
}
export type RelationalSchema = Record<string, TableRelationalConfig>;

type QueryConfig = true | Record<string, unknown>;

export interface QueryShape {
  key: string;
  /** The values, in walk order; placeholder `String(i)` stands for `values[i]`. */
  values: unknown[];
}

/** Thrown inside the walk for anything it cannot shape; caught by `queryShape`. */
class Unshaped extends Error {}

/** Config keys the walk understands; any other makes the query unshaped. */
const KNOWN_KEYS = new Set(['columns', 'with', 'extras', 'where', 'orderBy', 'limit', 'offset', 'comment']);

/** The shape of `config` run against `tableConfig`'s table, or null when it cannot be shaped. */
export function queryShape(
  schema: RelationalSchema,
  tableConfig: TableRelationalConfig,
  config: QueryConfig,
  mode: 'many' | 'first',
): QueryShape | null {
  try {
    const walk = new ShapeWalk(schema, false);
    walk.level(tableConfig, config, mode, 0);
    return { key: walk.key.join(''), values: walk.values };
  } catch (error) {
    if (error instanceof Unshaped) return null;
    throw error;
  }
}

/**
 * `config` with its values replaced by placeholders, numbered as `queryShape` numbers them: the
 * statement to build once and keep.
 */
export function withPlaceholders(
  schema: RelationalSchema,
  tableConfig: TableRelationalConfig,
  config: QueryConfig,
  mode: 'many' | 'first',
): QueryConfig {
  const walk = new ShapeWalk(schema, true);
  return walk.level(tableConfig, config, mode, 0);
}

class ShapeWalk {
  key: string[] = [];
  values: unknown[] = [];
  constructor(
    private readonly schema: RelationalSchema,
    /** Build the placeholder config as well as the key. */
    private readonly rebuild: boolean,
  ) {}

  /** One table of the query tree, aliased as drizzle aliases it (d0, d1, …). */
  level(tableConfig: TableRelationalConfig, config: QueryConfig, mode: string, depth: number): QueryConfig {
    // The table itself: its columns appear in the key under the alias (d0.id), not its name.
    this.key.push(`{${mode} ${tableName(tableConfig.table)}`);
    if (config === true) {
      this.key.push('*}');
      return true;
    }
    const table = aliasedTable(tableConfig.table, `d${depth}`);
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(config)) {
      if (!KNOWN_KEYS.has(name)) throw new Unshaped();
    }
    const { columns, with: joins, extras, where, orderBy, limit, offset, comment } = config;
    if (columns !== undefined) {
      this.key.push('|c');
      for (const [name, on] of Object.entries(columns as Record<string, boolean | undefined>)) {
        this.key.push(`,${name}=${on}`);
      }
      out.columns = columns;
    }
    if (where !== undefined) {
      this.key.push('|w');
      const condition = relationsFilterToSQL(
        table,
        where as never,
        tableConfig.relations as never,
        this.schema as never,
      );
      const rebuilt = this.chunk(condition);
      // No condition at all (an empty filter) must stay none, not become `where true`.
      if (this.rebuild && rebuilt !== undefined) out.where = { RAW: rebuilt };
    }
    if (orderBy !== undefined) {
      this.key.push('|o');
      const order = this.chunk(relationsOrderToSQL(table, orderBy as never));
      if (this.rebuild && order !== undefined) out.orderBy = () => order;
    }
    if (extras !== undefined) {
      this.key.push('|x');
      // drizzle's own conversion: it calls each extra with the aliased table and drops empty ones.
      const { selection } = relationExtrasToSQL(table, extras as never);
      const rebuilt: Record<string, SQL> = {};
      for (const { key, field } of selection as Array<{ key: string; field: SQL }>) {
        // field is `(${extra}) as "key"`: its second chunk is the extra's own SQL.
        const extra = field.queryChunks[1] as SQL;
        // The decoder (`.mapWith`) maps the extra's value in the kept row mapper: part of the shape.
        // A count ($count) gets a new but always identical decoder from its constructor.
        const decoder =
          extra instanceof PgAsyncCountBuilder ? 'count' : decoderId((field as WithDecoder).decoder);
        this.key.push(`,${key}#${decoder}:`);
        rebuilt[key] = Object.assign(this.chunk(extra) as SQL, { decoder: (field as WithDecoder).decoder });
      }
      if (this.rebuild) out.extras = rebuilt;
    }
    // drizzle loads one row of a findFirst or a one-relation (`limit 1`) whatever the limit says.
    if (mode === 'many' && limit !== undefined) out.limit = this.countValue('|l', limit);
    if (offset !== undefined) out.offset = this.countValue('|f', offset);
    if (comment !== undefined) {
      this.key.push(`|m${JSON.stringify(comment)}`);
      out.comment = comment;
    }
    if (joins !== undefined) {
      this.key.push('|j');
      const rebuilt: Record<string, QueryConfig> = {};
      for (const [name, join] of Object.entries(joins as Record<string, QueryConfig | undefined | false>)) {
        if (!join) continue;
        const relation = tableConfig.relations[name];
        const target = relation && this.schema[relation.targetTableName];
        if (!target) throw new Unshaped();
        this.key.push(`,${name}:`);
        // drizzle loads a one-relation with `limit 1` and a many-relation as a list.
        rebuilt[name] = this.level(target, join, relation instanceof One ? 'first' : 'many', depth + 1);
      }
      out.with = rebuilt;
    }
    this.key.push('}');
    return out;
  }

  /** limit and offset: a number is a value (a parameter in the statement). */
  private countValue(tag: string, value: unknown): unknown {
    if (typeof value !== 'number') throw new Unshaped();
    this.key.push(tag);
    return this.value(value);
  }

  /** Takes `value` out of the key; its placeholder when rebuilding. */
  private value(value: unknown): Placeholder | undefined {
    const index = this.values.push(value) - 1;
    return this.rebuild ? new Placeholder(String(index)) : undefined;
  }

  /**
   * One chunk of drizzle SQL, as drizzle's builder (SQL.buildQueryFromSourceParams) reads it:
   * text into the key, values out. Returns the chunk with placeholders when rebuilding. Each token
   * starts with \u0001 and its kind, so that no two different chunk sequences read the same.
   */
  private chunk(chunk: unknown): unknown {
    const key = this.key;
    if (chunk instanceof StringChunk) {
      key.push(`\u0001s${chunk.value.join('')}`);
      return chunk;
    }
    if (chunk instanceof SQL) {
      if ((chunk as SQLInternals).shouldInlineParams) throw new Unshaped();
      key.push('\u0001(');
      const chunks = chunk.queryChunks.map((c) => this.chunk(c));
      key.push('\u0001)');
      return this.rebuild ? copySQL(chunk, chunks) : chunk;
    }
    if (chunk instanceof Param) {
      if (chunk.value instanceof SQL) {
        const inner = this.chunk(chunk.value);
        return this.rebuild ? new Param(inner, chunk.encoder) : chunk;
      }
      if (chunk.value instanceof Placeholder || isDrizzleEntity(chunk.value)) throw new Unshaped();
      // The encoder decides the cast drizzle writes around the parameter.
      key.push(`\u0001$${encoderName(chunk.encoder)}`);
      const placeholder = this.value(chunk.value);
      return placeholder ? new Param(placeholder, chunk.encoder) : chunk;
    }
    if (chunk instanceof Column) {
      const table = getColumnTable(chunk as never);
      key.push(`\u0001c${tableName(table)}.${chunk.name}${chunk.isAlias ? '@' : ''}`);
      return chunk;
    }
    if (chunk instanceof Name) {
      key.push(`\u0001n${chunk.value}`);
      return chunk;
    }
    if (chunk instanceof Table) {
      key.push(`\u0001t${tableName(chunk)}`);
      return chunk;
    }
    if (chunk === undefined) {
      key.push('\u0001u');
      return chunk;
    }
    if (Array.isArray(chunk)) {
      key.push(`\u0001[${chunk.length}`);
      const items = chunk.map((c) => this.chunk(c));
      key.push('\u0001]');
      return this.rebuild ? items : chunk;
    }
    if (chunk instanceof SQL.Aliased) {
      key.push(`\u0001a${(chunk as AliasedInternals).origin}.${chunk.fieldAlias}`);
      if (chunk.fieldAlias === undefined) throw new Unshaped();
      return chunk;
    }
    if (
      chunk instanceof View ||
      chunk instanceof Placeholder ||
      chunk instanceof Subquery ||
      typeof chunk === 'function' ||
      isDrizzleEntity(chunk) ||
      hasGetSQL(chunk)
    ) {
      // Rare in relational queries: built the usual way.
      throw new Unshaped();
    }
    // A plain value written into sql`…`: drizzle sends it as a parameter, unencoded.
    key.push('\u0001v');
    return this.value(chunk) ?? chunk;
  }
}

/** A copy of `original` with other chunks, keeping what drizzle reads off it later. */
function copySQL(original: SQL, chunks: unknown[]): SQL {
  const copy = new SQL(chunks as never) as WithDecoder;
  copy.decoder = (original as WithDecoder).decoder;
  return copy;
}

/**
 * A decoder by what it does: a column decodes by its own type, anything else by its function
 * (`.mapWith(Number)` makes a new wrapper each call around the same `Number`).
 */
function decoderId(decoder: unknown): string {
  if (decoder instanceof Column) return objectId(decoder);
  const map = (decoder as { mapFromDriverValue?: unknown } | undefined)?.mapFromDriverValue;
  return objectId(map ?? decoder);
}

/** A number per object or function, for what belongs in a key by identity (decoders). */
const objectIds = new WeakMap<object, number>();
let lastObjectId = 0;
function objectId(value: unknown): string {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return String(value);
  let id = objectIds.get(value);
  if (id === undefined) objectIds.set(value, (id = ++lastObjectId));
  return String(id);
}

/** drizzle's Table.Symbol.Schema (exported, but not in its types). */
const TABLE_SCHEMA = Symbol.for('drizzle:Schema');

/** Schema and name (an alias's name when aliased), as drizzle writes them. */
function tableName(table: Table): string {
  return `${(table as unknown as Record<symbol, string | undefined>)[TABLE_SCHEMA]}.${getTableName(table)}`;
}

/** What decides how a parameter is written and encoded: a column's kind and type, else the encoder. */
function encoderName(encoder: unknown): string {
  if (encoder instanceof Column) return `${encoder.columnType}:${encoder.getSQLType()}`;
  const map = (encoder as { mapToDriverValue?: unknown } | undefined)?.mapToDriverValue;
  return `#${objectId(map ?? encoder)}`;
}

function isDrizzleEntity(value: unknown): boolean {
  return typeof value === 'object' && value !== null && entityKind in (value.constructor ?? {});
}

function hasGetSQL(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'getSQL' in value;
}
