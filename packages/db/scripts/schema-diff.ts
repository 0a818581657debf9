/**
 * The SQL that takes a database built from the existing migrations to a Prisma schema, computed by
 * Prisma's schema engine (WebAssembly build) against a scratch database: a temporary SQLite file, or
 * a temporary PostgreSQL database on DATABASE_URL_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres).
 * Empty output means the migrations already produce the schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { applyMigrations } from '../src/migrations.js';
import { openPostgresForMigration, openSqliteForMigration } from '../src/connections.js';
import { loadSchemaEngine, noFilters } from './schema-engine.js';
import { patchPgCharType } from './pg-char-type.js';

export interface SchemaFile {
  path: string;
  content: string;
}

export async function diffSqlite(schema: SchemaFile, migrations?: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'contrail-migration-'));
  const url = `file:${path.join(dir, 'scratch.db')}`;
  try {
    const conn = openSqliteForMigration(url);
    await applyMigrations(conn, { dir: migrations });
    conn.close();
    return await diff(schema, new PrismaBetterSqlite3({ url }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function diffPostgres(schema: SchemaFile, migrations?: string): Promise<string> {
  const adminUrl = process.env.DATABASE_URL_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `contrail_migration_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `a PostgreSQL server is needed to write the PostgreSQL migration: cannot connect to ${adminUrl} ` +
        `(${(error as Error).message}); set DATABASE_URL_POSTGRES`,
    );
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const conn = await openPostgresForMigration(url.toString());
    await applyMigrations(conn, { dir: migrations });
    await conn.close();
    patchPgCharType();
    return await diff(schema, new PrismaPg({ connectionString: url.toString() }));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function diff(schema: SchemaFile, factory: Parameters<typeof loadSchemaEngine>[1]): Promise<string> {
  const engine = await loadSchemaEngine(schema, factory);
  try {
    const result = await engine.diff({
      // The live scratch database, reached through the adapter factory given to the engine.
      from: { tag: 'schemaDatasource', files: [schema], configDir: path.dirname(schema.path) },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}
