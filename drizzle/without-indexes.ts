// PostgreSQL's advice for populating a database: load first, index after. Building an index over
// all rows at once beats updating it row by row, and checking a key with one join beats a check
// per row. Definitions are read from the catalog, so indexes added by later migrations (full-text
// search included) come back exactly as they were. All inside the caller's transaction: on
// failure the rollback restores everything, and re-creating a primary key, unique constraint or
// foreign key checks every row, so nothing invalid can be committed.
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './db.js';

interface Statement {
  drop: string;
  create: string;
}

/**
 * Runs `load` with the indexes, primary keys and unique constraints of `indexesOf` dropped, and
 * the foreign keys of `foreignKeysOf` and `indexesOf` (and those pointing at `indexesOf`), then
 * re-creates them. While `load` runs nothing may rely on what was dropped (ON CONFLICT on those
 * tables, say), and the tables are locked against all other sessions until the transaction
 * ends: meant for filling empty tables. Best for narrow tables with many rows: an index over a
 * wide table costs a scan of the whole heap to build, which row-by-row upkeep may beat.
 */
export async function withoutIndexes<T>(
  tx: Tx,
  { indexesOf, foreignKeysOf }: { indexesOf: PgTable[]; foreignKeysOf: PgTable[] },
  load: () => Promise<T>,
  onRebuild?: () => void,
): Promise<T> {
  const regclasses = (tables: PgTable[]) =>
    sql`${sql.param(tables.map((t) => `"${getTableName(t)}"`))}::regclass[]`;
  const indexed = regclasses(indexesOf);
  const referencing = regclasses([...foreignKeysOf, ...indexesOf]);
  const define = (kind: SQL) =>
    tx
      .select({
        drop: sql<string>`format('alter table %s drop constraint %I', conrelid::regclass, conname)`,
        create: sql<string>`format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))`,
      })
      .from(sql`pg_constraint`)
      .where(kind)
      .orderBy(sql`conrelid, conname`);
  const foreignKeys = await define(
    sql`contype = 'f' and (conrelid = any(${referencing}) or confrelid = any(${indexed}))`,
  );
  const keys = await define(sql`contype in ('p', 'u', 'x') and conrelid = any(${indexed})`);
  const indexes = await tx
    .select({
      drop: sql<string>`format('drop index %s', indexrelid::regclass)`,
      create: sql<string>`pg_get_indexdef(indexrelid)`,
    })
    .from(sql`pg_index`)
    .where(
      sql`indrelid = any(${indexed}) and not exists (select 1 from pg_constraint where conindid = indexrelid)`,
    )
    .orderBy(sql`indexrelid`);

  await run(tx, [...foreignKeys, ...keys, ...indexes], 'drop');
  const result = await load();
  onRebuild?.();
  await run(tx, [...keys, ...indexes, ...foreignKeys], 'create');
  return result;
}

async function run(tx: Tx, statements: Statement[], which: keyof Statement): Promise<void> {
  for (const statement of statements) await tx.execute(sql.raw(statement[which]));
}
