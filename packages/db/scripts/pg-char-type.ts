import pg from 'pg';

/**
 * @prisma/adapter-pg 7.10 cannot read PostgreSQL's internal "char" type (OID 18, e.g.
 * pg_class.relkind), which the schema engine's catalog queries return. Reporting such columns as
 * text (OID 25) is enough. Only the migration tooling needs this; application queries never select
 * "char" columns.
 */
let patched = false;
export function patchPgCharType(): void {
  if (patched) return;
  patched = true;
  // The adapter queries through Pool#query with a promise (no callback).
  const query = pg.Pool.prototype.query as (...args: unknown[]) => unknown;
  pg.Pool.prototype.query = function patchedQuery(this: pg.Pool, ...args: unknown[]) {
    const result = query.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<pg.QueryResult>).then((res) => {
        for (const field of res?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
        return res;
      });
    }
    return result;
  } as typeof pg.Pool.prototype.query;
}
