// Builds the run's template database (see template.ts). Run by global-setup.js through tsx.
import { writeFile } from 'node:fs/promises';
import postgres from 'postgres';
import { openDatabase, withDatabase } from '../../drizzle/db.js';
import { migrateDatabase } from '../../drizzle/migrate.js';
import { seedIfEmpty } from '../../server/seed.js';
import { templateDbName, templateDumpPath } from './template.js';

const url = process.env.DATABASE_URL;
if (process.argv.includes('--drop')) {
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${templateDbName()} with (force)`);
    await admin.end();
  }
} else if (url) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${templateDbName()} with (force)`);
  await admin.unsafe(`create database ${templateDbName()}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(url, templateDbName()) });
  await migrateDatabase(database);
  await seedIfEmpty(database.db);
  await database.close();
} else {
  const database = await openDatabase();
  await migrateDatabase(database);
  await seedIfEmpty(database.db);
  await writeFile(templateDumpPath, Buffer.from(await (await database.dump!()).arrayBuffer()));
  await database.close();
}
