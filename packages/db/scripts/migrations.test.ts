import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { derivePostgresSchema } from '../src/derive-postgres.js';
import { openSqliteForMigration } from '../src/connections.js';
import { applyMigrations, MigrationError, readMigrations } from '../src/migrations.js';
import { migrationsDir, schemaPath } from '../src/paths.js';
import { diffPostgres, diffSqlite } from './schema-diff.js';
import { loadSchemaEngine, noFilters } from './schema-engine.js';
import { postgresReady } from '../../../test/support/databases.js';

const schema = (provider: 'sqlite' | 'postgresql') => ({
  path: schemaPath(provider),
  content: readFileSync(schemaPath(provider), 'utf8'),
});

describe('schemas and migrations', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'contrail-migrations-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('keeps the PostgreSQL schema derived from the SQLite one (run `npm run db:derive-postgres`)', () => {
    expect(schema('postgresql').content).toBe(derivePostgresSchema(schema('sqlite').content));
  });

  it('has SQLite migrations that build exactly the schema (run `npm run db:new-migration`)', async () => {
    expect(await diffSqlite(schema('sqlite'))).toMatch(/^(-- This is an empty migration\.\s*)?$/);
  });

  it.runIf(postgresReady)('has PostgreSQL migrations that build exactly the schema', async () => {
    expect(await diffPostgres(schema('postgresql'))).toMatch(/^(-- This is an empty migration\.\s*)?$/);
  });

  it('writes a migration history that Prisma itself accepts as up to date', async () => {
    const url = `file:${path.join(scratch, 'history.db')}`;
    const conn = openSqliteForMigration(url);
    const result = await applyMigrations(conn);
    conn.close();
    expect(result.applied).toEqual(readMigrations('sqlite').map((m) => m.name));
    const engine = await loadSchemaEngine(schema('sqlite'), new PrismaBetterSqlite3({ url }));
    const dir = migrationsDir('sqlite');
    const migrationsList = {
      baseDir: dir,
      lockfile: { path: 'migration_lock.toml', content: readFileSync(path.join(dir, 'migration_lock.toml'), 'utf8') },
      shadowDbInitScript: '',
      migrationDirectories: readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => ({
          path: d.name,
          migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: readFileSync(path.join(dir, d.name, 'migration.sql'), 'utf8') } },
        })),
    };
    try {
      const applied = await engine.applyMigrations({ migrationsList, filters: noFilters });
      expect(applied.appliedMigrationNames).toEqual([]);
    } finally {
      engine.free();
    }
  });

  it('applies only what an older database lacks, and refuses edited or failed history', async () => {
    const dir = path.join(scratch, 'migrations');
    const all = readMigrations('sqlite');
    cpSync(migrationsDir('sqlite'), dir, { recursive: true });
    for (const m of all.slice(1)) rmSync(path.join(dir, m.name), { recursive: true });
    const url = `file:${path.join(scratch, 'older.db')}`;
    let conn = openSqliteForMigration(url);
    expect((await applyMigrations(conn, { dir })).applied).toEqual([all[0]!.name]);
    cpSync(migrationsDir('sqlite'), dir, { recursive: true });
    expect((await applyMigrations(conn, { dir })).applied).toEqual(all.slice(1).map((m) => m.name));
    expect((await applyMigrations(conn, { dir })).applied).toEqual([]);

    appendFileSync(path.join(dir, all[0]!.name, 'migration.sql'), '\n-- edited\n');
    await expect(applyMigrations(conn, { dir })).rejects.toThrow(/modified after it was applied/);
    conn.close();

    const failing = path.join(scratch, 'failing');
    cpSync(migrationsDir('sqlite'), failing, { recursive: true });
    mkdirSync(path.join(failing, '29990101000000_broken'));
    writeFileSync(path.join(failing, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE broken (id INTEGER);\nCREATE TABLE broken (;');
    conn = openSqliteForMigration(`file:${path.join(scratch, 'failing.db')}`);
    await expect(applyMigrations(conn, { dir: failing })).rejects.toThrow(MigrationError);
    // the broken migration rolled back whole: nothing of it is recorded, the earlier ones are
    const recorded = await conn.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
    expect(recorded.map((r) => r.migration_name).sort()).toEqual(all.map((m) => m.name));
    conn.close();
  });
});
