import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '@contrail/db';
import { createTestDatabase, postgresUnavailableReason } from './postgres.js';

export type TestProvider = 'sqlite' | 'postgresql';

export interface TestDatabase {
  provider: TestProvider;
  url: string;
  db: Db;
  /** Closes the client and deletes the database. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database of the given kind: a temporary SQLite file, or a new PostgreSQL database. */
export async function openTestDatabase(provider: TestProvider): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'contrail-test-'));
    const url = `file:${path.join(dir, 'contrail.db')}`;
    const db = await createDb(url);
    return {
      provider,
      url,
      db,
      dispose: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await createTestDatabase();
  const db = await createDb(database.url, { migrations: 'apply' });
  return {
    provider,
    url: database.url,
    db,
    dispose: async () => {
      await db.close();
      await database.drop();
    },
  };
}

/** Providers whose suites run here: SQLite always, PostgreSQL when reachable. */
export const postgresReady = (await postgresUnavailableReason()) === null;
export const TEST_PROVIDERS: TestProvider[] = postgresReady ? ['sqlite', 'postgresql'] : ['sqlite'];
