import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from './generated/postgres/client.js';
import { openPostgresForMigration, openSqliteForMigration, sqlitePath } from './connections.js';
import { startCheckpointer } from './checkpointer.js';
import { applyMigrations, MigrationError, readMigrations, type ApplyResult } from './migrations.js';
import type { Provider } from './paths.js';

/**
 * Both generated clients come from the same models, so they expose the same API; the SQLite one's
 * type stands for both.
 */
export type PrismaClient = SqliteClient;

export interface Db {
  provider: Provider;
  /** The URL with any password masked, for logs. */
  displayUrl: string;
  prisma: PrismaClient;
  /**
   * SQLite only: a second, direct better-sqlite3 connection for the metric write path, whose
   * prepared statements and synchronous transactions are several times faster than going through
   * Prisma for thousands of rows a second (see `npm run bench`). Null on PostgreSQL.
   */
  sqlite: BetterSqlite3.Database | null;
  /**
   * Runs `fn` while holding this process's write lock. On SQLite every write goes through it, so the
   * direct connection never has to wait (synchronously, blocking the event loop) for a transaction
   * the Prisma connection holds open across awaits. On PostgreSQL it is a pass-through.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A promise-chain mutex: each call starts when the previous one has settled. */
function createLock(): Db['exclusive'] {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

export interface CreateDbOptions {
  /**
   * 'apply' applies pending migrations (the default for SQLite: the embedded database upgrades
   * itself); 'verify' refuses to start when migrations are pending (the default for PostgreSQL,
   * where `npm run db:migrate` applies them once for every instance); 'skip' does neither.
   */
  migrations?: 'apply' | 'verify' | 'skip';
  log?: (line: string) => void;
}

export class DatabaseConfigError extends Error {}

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new DatabaseConfigError(
    `unsupported database URL "${maskUrl(url)}": use file:<path> for SQLite or postgres://... for PostgreSQL`,
  );
}

export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** Applies (or only checks) migrations on the database at `url` with a plain driver connection. */
export async function migrateDatabase(
  url: string,
  mode: 'apply' | 'verify',
  log?: (line: string) => void,
): Promise<ApplyResult> {
  const provider = providerOf(url);
  let conn;
  try {
    conn = provider === 'sqlite' ? openSqliteForMigration(url) : await openPostgresForMigration(url);
  } catch (error) {
    // A wrong host, database name, password or folder: the user's to fix, so a sentence, not a trace.
    throw new DatabaseConfigError(`cannot open the database at ${maskUrl(url)}: ${(error as Error).message}`);
  }
  try {
    if (mode === 'apply') return await applyMigrations(conn, { log });
    const applied = new Set(
      (
        await conn
          .query<{ migration_name: string }>(
            'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
          .catch(() => [])
      ).map((row) => row.migration_name),
    );
    const pending = readMigrations(provider).filter((m) => !applied.has(m.name));
    if (pending.length > 0) {
      throw new MigrationError(
        `the database at ${maskUrl(url)} has ${pending.length} pending migration(s) ` +
          `(${pending.map((m) => m.name).join(', ')}): run \`npm run db:migrate\` with this DATABASE_URL first`,
      );
    }
    return { applied: [], alreadyApplied: applied.size };
  } finally {
    await conn.close();
  }
}

/** The one place a Prisma client is made: the URL's scheme picks the database and the adapter. */
export async function createDb(url: string, options: CreateDbOptions = {}): Promise<Db> {
  const provider = providerOf(url);
  const mode = options.migrations ?? (provider === 'sqlite' ? 'apply' : 'verify');
  if (mode !== 'skip') await migrateDatabase(url, mode, options.log);

  if (provider === 'sqlite') {
    const adapter = new PrismaBetterSqlite3({ url: `file:${sqlitePath(url)}`, timeout: 10_000 });
    const prisma = new SqliteClient({ adapter });
    // Per-connection settings; the adapter keeps a single connection. NORMAL is safe in WAL mode
    // (a power cut can lose the last commits, never corrupt the file) and saves an fsync per write.
    await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    await prisma.$queryRawUnsafe('PRAGMA wal_autocheckpoint = 0');
    const sqlite = new Database(sqlitePath(url), { timeout: 10_000 });
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.pragma('foreign_keys = ON');
    const checkpointer = startCheckpointer(sqlitePath(url), 1000, (message) => options.log?.(`WAL checkpoint failed: ${message}`));
    return {
      provider,
      displayUrl: url,
      prisma,
      sqlite,
      exclusive: createLock(),
      close: async () => {
        await checkpointer.stop();
        sqlite.close();
        await prisma.$disconnect();
      },
    };
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const prisma = new PostgresClient({ adapter }) as unknown as PrismaClient;
  return {
    provider,
    displayUrl: maskUrl(url),
    prisma,
    sqlite: null,
    exclusive: (fn) => fn(),
    close: () => prisma.$disconnect(),
  };
}
