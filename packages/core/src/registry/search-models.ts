import { Prisma, type Provider } from '@contrail/db';
import type { CoreContext } from '../context.js';
import { pageSize } from '../cursor.js';
import type { Page } from '../types.js';
import { filterSql, sortKeySql, type SearchScope } from '../search/build-sql.js';
import { attributeField } from '../search/fields.js';
import { keysetPage } from '../search/keyset.js';
import { parseOrderBy, type OrderItem } from '../search/order-by.js';
import { parseFilter } from '../search/parse.js';
import { SEARCH_PAGING } from '../search/search-runs.js';
import { toModels, type ModelRow } from './store.js';
import type { RegisteredModel } from './types.js';

export interface SearchRegisteredModelsOptions {
  /** MLflow's filter: `name LIKE '%bert%'`, `name ILIKE 'Fraud%' AND tags.team = 'risk'`. */
  filter?: string | null;
  /** name, creation_timestamp (creation_time), last_updated_timestamp (last_update_time); ASC or DESC. */
  orderBy?: string[] | null;
  first?: number | null;
  after?: string | null;
}

const modelScope = (provider: Provider): SearchScope => ({
  provider,
  owner: 'm.id',
  tables: { tag: { table: 'registered_model_tags', fk: 'model_id' } },
  attributes: {
    name: { column: 'm.name' },
    creation_time: { column: 'm.creation_time' },
    last_update_time: { column: 'm.last_update_time' },
  },
});

const MODEL_COLUMNS = Prisma.sql`m.id, m.name, m.description, m.creation_time AS "creationTime",
  m.last_update_time AS "lastUpdateTime", m.last_version AS "lastVersion"`;

const byName: OrderItem = { field: attributeField('name', 'string'), descending: false };

/**
 * Registered models matching a filter, by name by default (MLflow's order). Names are unique, so a
 * custom order gets name as its tie-break and pages stay stable. Uses the run search's parser and
 * keyset paging: the same LIKE/ILIKE semantics on SQLite and PostgreSQL.
 */
export async function searchRegisteredModels(ctx: CoreContext, options: SearchRegisteredModelsOptions = {}): Promise<Page<RegisteredModel>> {
  const take = pageSize(options.first, SEARCH_PAGING.maxPageSize, SEARCH_PAGING.defaultPageSize);
  const filter = parseFilter(options.filter, 'registered_models');
  const order = parseOrderBy(options.orderBy, 'registered_models');
  if (!order.some((item) => item.field.entity === 'attribute' && item.field.key === 'name')) order.push(byName);
  const scope = modelScope(ctx.db.provider);
  const page = await keysetPage<ModelRow>(ctx.db, {
    select: MODEL_COLUMNS,
    from: Prisma.sql`registered_models m`,
    where: filter ? filterSql(filter, scope) : Prisma.sql`1 = 1`,
    keys: order.map((item, i) => sortKeySql(scope, item, i)),
    take,
    after: options.after,
  });
  // Raw rows: SQLite returns these columns as numbers or bigints depending on size; normalise.
  const rows = page.rows.map((row) => ({
    ...row,
    id: Number(row.id),
    creationTime: BigInt(row.creationTime),
    lastUpdateTime: BigInt(row.lastUpdateTime),
    lastVersion: Number(row.lastVersion),
  }));
  return { items: await toModels(ctx.db.prisma, rows), nextCursor: page.nextCursor, totalCount: page.totalCount };
}
