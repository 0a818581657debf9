import { Prisma, type Provider } from '@contrail/db';

/**
 * A double as an SQL value. Finite values are parameters; Prisma sends parameters as JSON, which has
 * no Infinity, so ±Infinity are written as constant expressions (never from user text).
 */
export function sqlDouble(provider: Provider, value: number | null): Prisma.Sql {
  if (value === Number.POSITIVE_INFINITY) return Prisma.raw(provider === 'sqlite' ? '9e999' : "'Infinity'::float8");
  if (value === Number.NEGATIVE_INFINITY) return Prisma.raw(provider === 'sqlite' ? '-9e999' : "'-Infinity'::float8");
  return Prisma.sql`${value}`;
}
