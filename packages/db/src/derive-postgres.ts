/**
 * The PostgreSQL schema is the SQLite schema with another provider and client output: one set of
 * models, two generated clients, two migration histories (Prisma allows one provider per schema).
 */
export const DERIVED_HEADER =
  '// GENERATED from prisma/schema.prisma by `npm run db:derive-postgres`. Do not edit: edit that file.\n';

export function derivePostgresSchema(sqliteSchema: string): string {
  let out = sqliteSchema;
  const swap = (from: RegExp, to: string, what: string) => {
    if (!from.test(out)) throw new Error(`cannot derive the PostgreSQL schema: ${what} not found`);
    out = out.replace(from, to);
  };
  swap(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"', 'provider = "sqlite"');
  swap(
    /output(\s*)=\s*"\.\.\/packages\/db\/src\/generated\/sqlite"/,
    'output$1= "../../packages/db/src/generated/postgres"',
    'the client output ../packages/db/src/generated/sqlite',
  );
  return DERIVED_HEADER + out;
}
