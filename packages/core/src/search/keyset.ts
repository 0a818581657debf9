/**
 * Keyset paging over any list of sort keys. A cursor holds the last row's position (rank and value of
 * each key) instead of an offset, so runs created or deleted between two pages neither repeat nor
 * skip rows; it also carries a fingerprint of the ordering so that a cursor is not silently reused
 * with another one.
 */
import { createHash } from 'node:crypto';
import { Prisma, type Db, type Provider } from '@contrail/db';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { invalid } from '../errors.js';
import { sqlDouble } from '../sql.js';
import type { ValueKind } from './fields.js';

export interface SortKey {
  /** Identifies the key in cursor fingerprints. */
  id: string;
  /** 0 for a value, 1 for NaN, 2 for none (sorted ascending); null when every row has a value. */
  rank: Prisma.Sql | null;
  value: Prisma.Sql;
  kind: ValueKind;
  descending: boolean;
  /** The join that brings the value, when it lives in another table. */
  join?: Prisma.Sql;
}

type Value = number | string | null;
/** Per key: its rank and, for rank 0, its value. */
type Position = Array<[number, Value]>;

const fingerprint = (keys: SortKey[]) =>
  createHash('sha256').update(keys.map((k) => k.id).join('\n')).digest('base64url').slice(0, 12);

const rankColumn = (i: number) => `k${i}r`;
const valueColumn = (i: number) => `k${i}v`;

/** Extra select-list columns that carry each row's position. */
const positionColumns = (keys: SortKey[]): Prisma.Sql =>
  Prisma.join(
    keys.map((k, i) => Prisma.sql`${k.rank ?? Prisma.sql`0`} AS ${Prisma.raw(rankColumn(i))}, ${k.value} AS ${Prisma.raw(valueColumn(i))}`),
  );

const orderBySql = (keys: SortKey[]): Prisma.Sql =>
  Prisma.join(
    keys.flatMap((k) => [
      ...(k.rank ? [Prisma.sql`${k.rank} ASC`] : []),
      Prisma.sql`${k.value} ${Prisma.raw(k.descending ? 'DESC' : 'ASC')}`,
    ]),
  );

// JSON has no Infinity: ±Infinity (a legal metric value) travel as strings.
const encodeValue = (kind: ValueKind, value: unknown): Value => {
  if (value === null || value === undefined) return null;
  if (kind === 'string') return String(value);
  const number = Number(value);
  return Number.isFinite(number) ? number : String(number);
};

function cursorOf(keys: SortKey[], row: Record<string, unknown>): string {
  const position = keys.flatMap((k, i) => {
    const rank = Number(row[rankColumn(i)]);
    return [rank, rank === 0 ? encodeValue(k.kind, row[valueColumn(i)]) : null];
  });
  return encodeCursor([fingerprint(keys), ...position]);
}

function decodeValue(provider: Provider, kind: ValueKind, value: unknown): Value | undefined {
  // Our PostgreSQL values never hold NUL (it cannot store it), and the driver would fail on one.
  if (kind === 'string') {
    const storable = typeof value === 'string' && !(provider === 'postgresql' && value.includes('\u0000'));
    return storable ? (value as string) : undefined;
  }
  if (kind === 'integer') return Number.isSafeInteger(value) ? (value as number) : undefined;
  if (typeof value === 'number') return value;
  return value === 'Infinity' || value === '-Infinity' ? Number(value) : undefined;
}

function decodePosition(provider: Provider, cursor: string, keys: SortKey[]): Position {
  const [print, ...flat] = decodeCursor(cursor, 1 + keys.length * 2);
  const wrong = () => invalid('after is not a cursor this server issued for this orderBy');
  if (print !== fingerprint(keys)) throw wrong();
  return keys.map((key, i) => {
    const rank = flat[i * 2];
    if (rank !== 0 && rank !== 1 && rank !== 2) throw wrong();
    if (rank !== 0) {
      if (key.rank === null || flat[i * 2 + 1] !== null) throw wrong();
      return [rank, null];
    }
    const value = decodeValue(provider, key.kind, flat[i * 2 + 1]);
    if (value === undefined) throw wrong();
    return [0, value];
  });
}

function literal(provider: Provider, kind: ValueKind, value: Value): Prisma.Sql {
  if (kind === 'double') return sqlDouble(provider, value as number);
  return kind === 'integer' ? Prisma.sql`${BigInt(value as number)}` : Prisma.sql`${value}`;
}

/**
 * Rows strictly after `position` in the sort order, written as
 * after(k0) OR (same(k0) AND (after(k1) OR (same(k1) AND ...))) so it grows linearly with the keys.
 */
function afterSql(provider: Provider, keys: SortKey[], position: Position): Prisma.Sql {
  let rest: Prisma.Sql | null = null;
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    const [rank, value] = position[i]!;
    let after: Prisma.Sql;
    let same: Prisma.Sql;
    if (rank !== 0) {
      after = Prisma.sql`${key.rank!} > ${rank}`;
      same = Prisma.sql`${key.rank!} = ${rank}`;
    } else {
      const v = literal(provider, key.kind, value);
      const beyond = Prisma.sql`${key.value} ${Prisma.raw(key.descending ? '<' : '>')} ${v}`;
      const equal = Prisma.sql`${key.value} = ${v}`;
      after = key.rank ? Prisma.sql`(${key.rank} > 0 OR (${key.rank} = 0 AND ${beyond}))` : beyond;
      same = key.rank ? Prisma.sql`(${key.rank} = 0 AND ${equal})` : equal;
    }
    rest = rest ? Prisma.sql`(${after} OR (${same} AND ${rest}))` : after;
  }
  return rest ?? Prisma.sql`1 = 1`;
}

export interface KeysetQuery {
  /** Columns of the row, e.g. r.id, r.name AS "name". */
  select: Prisma.Sql;
  /** The table and its alias, e.g. runs r. */
  from: Prisma.Sql;
  where: Prisma.Sql;
  keys: SortKey[];
  take: number;
  after?: string | null;
  /**
   * Set when the page must visit every matching row anyway (a filter, and an order no index gives):
   * the page then counts the matches in the same pass instead of evaluating the filter twice.
   * Otherwise a separate COUNT is cheaper, since the page query can stop after `take` rows.
   */
  countInPage?: boolean;
}

type Counted<Row> = Row & Record<string, unknown> & { total?: unknown };

/** One page of rows in key order, the cursor of the next page, and how many rows match in all. */
export async function keysetPage<Row>(
  db: Db,
  query: KeysetQuery,
): Promise<{ rows: Row[]; nextCursor: string | null; totalCount: number }> {
  const { keys, take } = query;
  const position = query.after ? decodePosition(db.provider, query.after, keys) : null;
  const joinList = keys.flatMap((k) => (k.join ? [k.join] : []));
  const joins = joinList.length ? Prisma.join(joinList, ' ') : Prisma.empty;
  const matches = Prisma.sql`SELECT ${query.select}, ${positionColumns(keys)} FROM ${query.from} ${joins} WHERE (${query.where})`;
  const count = () =>
    db.prisma.$queryRaw<Array<{ total: unknown }>>`SELECT COUNT(*) AS total FROM ${query.from} WHERE ${query.where}`;

  let rows: Array<Counted<Row>>;
  let totalCount: number;
  if (query.countInPage) {
    // The same keys, read from the columns the inner query selected.
    const outer = keys.map((k, i) => ({ ...k, rank: k.rank && Prisma.raw(rankColumn(i)), value: Prisma.raw(valueColumn(i)) }));
    rows = await db.prisma.$queryRaw<Array<Counted<Row>>>`
      SELECT * FROM (SELECT *, COUNT(*) OVER () AS total FROM (${matches}) matched) counted
      WHERE ${position ? afterSql(db.provider, outer, position) : Prisma.sql`1 = 1`}
      ORDER BY ${orderBySql(outer)}
      LIMIT ${take + 1}`;
    // A page past the last match (its rows deleted since the cursor was issued) carries no count.
    const counted = rows[0]?.total ?? (position ? (await count())[0]?.total : 0);
    totalCount = Number(counted);
  } else {
    const after = position ? afterSql(db.provider, keys, position) : Prisma.sql`1 = 1`;
    const [found, counted] = await Promise.all([
      db.prisma.$queryRaw<Array<Counted<Row>>>`${matches} AND ${after} ORDER BY ${orderBySql(keys)} LIMIT ${take + 1}`,
      count(),
    ]);
    rows = found;
    totalCount = Number(counted[0]?.total ?? 0);
  }
  const last = rows[take - 1];
  return { rows: rows.slice(0, take), nextCursor: rows.length > take && last ? cursorOf(keys, last) : null, totalCount };
}
