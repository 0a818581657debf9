import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository's prisma/ folder, which holds both schemas and both migration histories. */
export const prismaDir = fileURLToPath(new URL('../../../prisma/', import.meta.url));

export type Provider = 'sqlite' | 'postgresql';

export const schemaPath = (provider: Provider): string =>
  provider === 'sqlite'
    ? path.join(prismaDir, 'schema.prisma')
    : path.join(prismaDir, 'postgres', 'schema.prisma');

export const migrationsDir = (provider: Provider): string =>
  path.join(path.dirname(schemaPath(provider)), 'migrations');
