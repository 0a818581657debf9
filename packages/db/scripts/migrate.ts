/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (PostgreSQL or SQLite). On
 * PostgreSQL run it once per upgrade before starting the servers; SQLite also migrates at startup.
 */
import { maskUrl, migrateDatabase } from '../src/index.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('db:migrate: set DATABASE_URL (postgres://user:password@host:5432/db or file:path/to/contrail.db)');
  process.exit(2);
}

migrateDatabase(url, 'apply', (line) => console.log(line)).then(
  (result) => {
    const already = `${result.alreadyApplied} already applied`;
    console.log(result.applied.length ? `applied ${result.applied.length} migration(s) to ${maskUrl(url)} (${already})` : `${maskUrl(url)} is up to date (${already})`);
  },
  (error: Error) => {
    console.error(`db:migrate failed: ${error.message}`);
    process.exit(1);
  },
);
