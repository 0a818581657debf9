/**
 * Filter trees and order_by items as SQL fragments for SQLite and PostgreSQL alike. User values only
 * ever travel as parameters: every Prisma.raw below holds a table, column or operator of ours.
 *
 * Semantics (the same on both databases; test/data-layer/search.test.ts holds them to it):
 * - A comparison on a metric, param or tag never matches a run that lacks the key, `!=` and NOT IN
 *   included (as MLflow does).
 * - NOT is the complement: NOT (params.x = 'a') matches every run the inner filter does not,
 *   runs without x included. That keeps NOT / AND / OR an ordinary boolean algebra, and gives users
 *   the "missing or different" query that `!=` cannot express.
 * - Metrics compare their latest value with IEEE rules: NaN is unequal to everything, so it
 *   satisfies `!=` and no other comparator (MLflow compares the 0.0 it stores, so NaN matches
 *   `<= 0` there: a quirk we do not copy).
 * - A NULL end_time (a running run) satisfies no comparison; NOT of such a comparison does match it.
 * - `=`, `!=`, IN and LIKE are case-sensitive; ILIKE folds ASCII letters only, on both databases
 *   (SQLite's lower() knows no other letters, so PostgreSQL's lower() runs under the "C" collation to
 *   agree). `%` matches any run of characters and `_` one character; there is no escape character,
 *   as in MLflow. SQLite's LIKE ignores case, so there LIKE becomes GLOB with the pattern translated.
 * - Text sorts by code point on both (PostgreSQL's database collation would otherwise decide).
 */
import { Prisma, type Provider } from '@contrail/db';
import { invalid } from '../errors.js';
import type { ViewType } from '../experiments.js';
import { sqlDouble } from '../sql.js';
import type { SortKey } from './keyset.js';
import type { OrderItem } from './order-by.js';
import type { Comparison, FilterNode, NumberOp, StringOp } from './parse.js';

type KeyValueEntity = 'metric' | 'param' | 'tag';

/** Where the fields of one kind of search live. */
export interface SearchScope {
  provider: Provider;
  /** The searched row's id, which the key-value tables reference. */
  owner: string;
  tables: Partial<Record<KeyValueEntity, { table: string; fk: string }>>;
  attributes: Record<string, { column: string; nullable?: boolean }>;
}

export const runScope = (provider: Provider): SearchScope => ({
  provider,
  owner: 'r.id',
  tables: {
    metric: { table: 'latest_metrics', fk: 'run_id' },
    param: { table: 'params', fk: 'run_id' },
    tag: { table: 'run_tags', fk: 'run_id' },
  },
  attributes: {
    run_id: { column: 'r.id' },
    run_name: { column: 'r.name' },
    user_id: { column: 'r.user_id' },
    status: { column: 'r.status' },
    artifact_uri: { column: 'r.artifact_uri' },
    start_time: { column: 'r.start_time' },
    end_time: { column: 'r.end_time', nullable: true },
  },
});

export const experimentScope = (provider: Provider): SearchScope => ({
  provider,
  owner: 'e.id',
  tables: { tag: { table: 'experiment_tags', fk: 'experiment_id' } },
  attributes: {
    name: { column: 'e.name' },
    creation_time: { column: 'e.creation_time' },
    last_update_time: { column: 'e.last_update_time' },
    experiment_id: { column: 'e.id' },
  },
});

const SQL_OPS: Record<NumberOp, string> = { '=': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

/** LIKE's % and _ as GLOB's * and ?, with GLOB's own metacharacters made literal. */
const likeToGlob = (pattern: string): string =>
  pattern.replace(/[%_*?[]/g, (c) => ({ '%': '*', '_': '?', '*': '[*]', '?': '[?]', '[': '[[]' })[c]!);

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A text expression that compares and sorts by code point on both databases. */
const byCodePoint = (provider: Provider, column: Prisma.Sql): Prisma.Sql =>
  provider === 'postgresql' ? Prisma.sql`${column} COLLATE "C"` : column;

function stringTest(provider: Provider, column: Prisma.Sql, op: StringOp, value: string): Prisma.Sql {
  switch (op) {
    case '=':
      return Prisma.sql`${column} = ${value}`;
    case '!=':
      return Prisma.sql`${column} <> ${value}`;
    case 'LIKE':
      return provider === 'sqlite'
        ? Prisma.sql`${column} GLOB ${likeToGlob(value)}`
        : Prisma.sql`${column} LIKE ${value} ESCAPE ''`;
    case 'ILIKE':
      return provider === 'sqlite'
        ? Prisma.sql`lower(${column}) GLOB ${likeToGlob(asciiLower(value))}`
        : Prisma.sql`lower(${column} COLLATE "C") LIKE ${asciiLower(value)} ESCAPE ''`;
  }
}

function valueTest(node: Comparison, column: Prisma.Sql, provider: Provider) {
  switch (node.type) {
    case 'string':
      return stringTest(provider, column, node.op, node.value);
    case 'list': {
      const values = Prisma.join(node.values.map((v) => Prisma.sql`${v}`));
      return node.negated ? Prisma.sql`${column} NOT IN (${values})` : Prisma.sql`${column} IN (${values})`;
    }
    case 'number': {
      const isDouble = node.field.entity === 'metric';
      const value = isDouble ? sqlDouble(provider, node.value) : Prisma.sql`${BigInt(node.value)}`;
      const test = Prisma.sql`${column} ${Prisma.raw(SQL_OPS[node.op])} ${value}`;
      if (!isDouble) return test;
      // NaN is stored as 0 with is_nan set; IEEE: it is unequal to everything and ordered with nothing.
      return node.op === '!=' ? Prisma.sql`(t.is_nan OR ${test})` : Prisma.sql`(NOT t.is_nan AND ${test})`;
    }
  }
}

function tableOf(scope: SearchScope, entity: KeyValueEntity) {
  const table = scope.tables[entity];
  // The parser only lets through the entities of its target, so this is a programming error.
  if (!table) throw new Error(`no ${entity} table in this search scope`);
  return table;
}

function attributeOf(scope: SearchScope, key: string) {
  const attribute = scope.attributes[key];
  if (!attribute) throw new Error(`no attribute ${key} in this search scope`);
  return attribute;
}

export function filterSql(node: FilterNode, scope: SearchScope): Prisma.Sql {
  if (node.type === 'and' || node.type === 'or') {
    return Prisma.sql`(${Prisma.join(node.items.map((item) => filterSql(item, scope)), node.type === 'and' ? ' AND ' : ' OR ')})`;
  }
  if (node.type === 'not') return Prisma.sql`NOT (${filterSql(node.item, scope)})`;
  const { field } = node;
  if (field.entity === 'attribute') {
    const { column, nullable } = attributeOf(scope, field.key);
    const test = valueTest(node, Prisma.raw(column), scope.provider);
    // IS NOT NULL keeps the test true or false, never NULL, so that NOT of it is its complement.
    return nullable ? Prisma.sql`(${Prisma.raw(column)} IS NOT NULL AND ${test})` : test;
  }
  const { table, fk } = tableOf(scope, field.entity);
  return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(table)} t WHERE t.${Prisma.raw(fk)} = ${Prisma.raw(scope.owner)}
    AND t.key = ${field.key} AND ${valueTest(node, Prisma.raw('t.value'), scope.provider)})`;
}

/**
 * The sort key of an order_by item. Rows rank 0 with a value, 1 with NaN, 2 without the key (or a
 * NULL end_time), ascending in both directions, so values come first, then NaN, then missing.
 */
export function sortKeySql(scope: SearchScope, item: OrderItem, index: number): SortKey {
  const { field, descending } = item;
  const id = JSON.stringify([field.entity, field.key, descending]);
  if (field.entity === 'attribute') {
    const { column, nullable } = attributeOf(scope, field.key);
    const value = Prisma.raw(column);
    return {
      id,
      descending,
      kind: field.kind,
      value: field.kind === 'string' ? byCodePoint(scope.provider, value) : value,
      rank: nullable ? Prisma.sql`(CASE WHEN ${value} IS NULL THEN 2 ELSE 0 END)` : null,
    };
  }
  const { table, fk } = tableOf(scope, field.entity);
  const alias = Prisma.raw(`o${index}`);
  const present = Prisma.sql`${alias}.${Prisma.raw(fk)}`;
  const value = Prisma.sql`${alias}.value`;
  const isMetric = field.entity === 'metric';
  return {
    id,
    descending,
    kind: isMetric ? 'double' : 'string',
    value: isMetric ? value : byCodePoint(scope.provider, value),
    rank: isMetric
      ? Prisma.sql`(CASE WHEN ${present} IS NULL THEN 2 WHEN ${alias}.is_nan THEN 1 ELSE 0 END)`
      : Prisma.sql`(CASE WHEN ${present} IS NULL THEN 2 ELSE 0 END)`,
    join: Prisma.sql`LEFT JOIN ${Prisma.raw(table)} ${alias} ON ${present} = ${Prisma.raw(scope.owner)} AND ${alias}.key = ${field.key}`,
  };
}

/** Rows of a lifecycle view; `column` is one of ours. */
export function lifecycleSql(column: string, view: ViewType | undefined): Prisma.Sql {
  switch (view ?? 'ACTIVE_ONLY') {
    case 'ACTIVE_ONLY':
      return Prisma.sql`${Prisma.raw(column)} = 'active'`;
    case 'DELETED_ONLY':
      return Prisma.sql`${Prisma.raw(column)} = 'deleted'`;
    case 'ALL':
      return Prisma.sql`1 = 1`;
    default:
      throw invalid(`view must be ACTIVE_ONLY, DELETED_ONLY or ALL, got "${String(view)}"`);
  }
}
