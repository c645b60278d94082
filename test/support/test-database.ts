// A private copy of the seeded template database for one test file, on PGlite (default) or on
// the PostgreSQL server named by DATABASE_URL. Every SQL statement drizzle sends is recorded.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { openDatabase, withDatabase, type Database } from '../../drizzle/db.js';
import { templateDbName, templateDumpPath } from './template.js';

export interface TestDatabase extends Database {
  /** SQL statements sent since the last reset. */
  statements: string[];
  /** postgres:// URL of this copy, when running on a real server (for child processes). */
  url?: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const statements: string[] = [];
  const onQuery = (sql: string) => void statements.push(sql);
  const serverUrl = process.env.DATABASE_URL;

  if (!serverUrl) {
    const database = await openDatabase({
      pgliteDump: await templateDump(),
      onQuery,
      verifyQueryPlans: true,
    });
    return Object.assign(database, { statements });
  }

  const name = `papergraph_test_${process.env.PAPERGRAPH_TEST_RUN}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${templateDbName()}`);
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, onQuery, verifyQueryPlans: true });
  const closeConnections = database.close;
  return Object.assign(database, {
    statements,
    url,
    close: async () => {
      await closeConnections();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  });
}

/** The seeded template as a PGlite dump: `openDatabase({ pgliteDump })` starts from it in ~1 s. */
export async function templateDump(): Promise<Blob> {
  return new Blob([await readFile(templateDumpPath)]);
}
