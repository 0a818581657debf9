// Generates the two Prisma clients (SQLite and PostgreSQL) from prisma/. Runs on `npm install`.
// `prisma generate` needs no schema engine, but the CLI still looks for (and tries to download) one
// first; pointing it at a no-op binary skips that, which matters where Prisma's binary host is
// unreachable. Never do this for migrate commands: see packages/db/scripts/new-migration.ts.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true',
};
for (const schema of ['prisma/schema.prisma', 'prisma/postgres/schema.prisma']) {
  execFileSync('npx', ['--no-install', 'prisma', 'generate', '--schema', schema], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`generated the Prisma client for ${schema}`);
}
