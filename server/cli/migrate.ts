// `npm run db:migrate`: applies pending drizzle-kit migrations to the configured database.
import { openDatabase } from '../../drizzle/db.js';
import { migrateDatabase } from '../../drizzle/migrate.js';
import { loadConfig } from '../config.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  await migrateDatabase(database);
  console.log(`Database is up to date (${database.kind}: ${database.location}).`);
} finally {
  await database.close();
}
