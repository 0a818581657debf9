import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { migrationsDir, type Provider } from './paths.js';

/**
 * Applies pending migrations in Prisma's own format (prisma/migrations/<ts>_<name>/migration.sql,
 * table _prisma_migrations, checksum = sha256 of migration.sql), so that `prisma migrate deploy` on a
 * machine with Prisma's native engine accepts the same history. We apply them ourselves because the
 * Prisma CLI needs a native engine that cannot be downloaded everywhere, and because the embedded
 * SQLite default must upgrade itself at startup without a CLI.
 */

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** A minimal SQL connection: the two drivers we support both fit it. */
export interface MigrationConnection {
  provider: Provider;
  /** Runs a script of several statements with no parameters. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

export class MigrationError extends Error {}

export function readMigrations(provider: Provider, dir = migrationsDir(provider)): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

// The exact table Prisma's schema engine creates, per provider.
const MIGRATIONS_TABLE: Record<Provider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
};

export interface ApplyResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies every migration not yet recorded as finished, each in its own transaction. Refuses to run
 * when the database holds a failed migration or one whose file was edited after it was applied, the
 * same conditions under which `prisma migrate deploy` stops.
 */
export async function applyMigrations(
  conn: MigrationConnection,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<ApplyResult> {
  const migrations = readMigrations(conn.provider, options.dir);
  await conn.exec(MIGRATIONS_TABLE[conn.provider]);
  const rows = await conn.query<AppliedMigration>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
  );
  const finished = new Map<string, AppliedMigration>();
  for (const row of rows) {
    if (row.rolled_back_at != null) continue;
    if (row.finished_at == null) {
      throw new MigrationError(
        `migration ${row.migration_name} failed earlier and was never finished; fix the database by hand, ` +
          'then mark it rolled back (prisma migrate resolve) before starting again',
      );
    }
    finished.set(row.migration_name, row);
  }
  for (const migration of migrations) {
    const done = finished.get(migration.name);
    if (done && done.checksum !== migration.checksum) {
      throw new MigrationError(
        `migration ${migration.name} was modified after it was applied (checksum mismatch); ` +
          'migrations are append-only: revert the edit and add a new migration instead',
      );
    }
  }
  const pending = migrations.filter((m) => !finished.has(m.name));
  const now = conn.provider === 'sqlite' ? 'current_timestamp' : 'now()';
  for (const migration of pending) {
    options.log?.(`applying migration ${migration.name}`);
    const id = randomUUID();
    await conn.exec('BEGIN');
    try {
      await conn.exec(migration.sql);
      await conn.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, started_at, applied_steps_count)
         VALUES (${conn.provider === 'sqlite' ? '?, ?, ?' : '$1, $2, $3'}, ${now}, ${now}, 1)`,
        [id, migration.checksum, migration.name],
      );
      await conn.exec('COMMIT');
    } catch (error) {
      await conn.exec('ROLLBACK');
      throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
    }
  }
  return { applied: pending.map((m) => m.name), alreadyApplied: finished.size };
}
