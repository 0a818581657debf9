import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { MigrationConnection } from './migrations.js';

/** SQLite file path of a `file:` URL (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:(\/\/)?/, '').replace(/\?.*$/, ''));
}

/** Opens the SQLite file directly (not through Prisma) to migrate it and set its persistent pragmas. */
export function openSqliteForMigration(url: string): MigrationConnection & { close(): void } {
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  // WAL is a property of the file: set once here, every later connection uses it. It lets readers
  // (the dashboard, search) run while a training job writes.
  db.pragma('journal_mode = WAL');
  return {
    provider: 'sqlite',
    exec: async (sql) => void db.exec(sql),
    query: async <T>(sql: string, params: unknown[] = []) => {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    },
    close: () => db.close(),
  };
}

export async function openPostgresForMigration(
  url: string,
): Promise<MigrationConnection & { close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    provider: 'postgresql',
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}
