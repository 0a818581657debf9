export { createDb, migrateDatabase, providerOf, maskUrl, DatabaseConfigError } from './create-db.js';
export type { Db, PrismaClient, CreateDbOptions } from './create-db.js';
export { applyMigrations, readMigrations, MigrationError } from './migrations.js';
export type { Migration, MigrationConnection, ApplyResult } from './migrations.js';
export { openSqliteForMigration, openPostgresForMigration } from './connections.js';
export { Prisma } from './generated/sqlite/client.js';
export type { Provider } from './paths.js';
export { prismaDir, schemaPath, migrationsDir } from './paths.js';
