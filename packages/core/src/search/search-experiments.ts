import { Prisma } from '@contrail/db';
import type { CoreContext } from '../context.js';
import { pageSize } from '../cursor.js';
import type { ViewType } from '../experiments.js';
import { toExperiment } from '../mappers.js';
import type { Experiment, Page } from '../types.js';
import { experimentScope, filterSql, lifecycleSql, sortKeySql } from './build-sql.js';
import { attributeField } from './fields.js';
import { keysetPage } from './keyset.js';
import { parseOrderBy, type OrderItem } from './order-by.js';
import { parseFilter } from './parse.js';
import { SEARCH_PAGING } from './search-runs.js';

export interface SearchExperimentsOptions {
  /** `name LIKE 'nlp-%' AND tags.team = 'vision' AND creation_time > 1700000000000` */
  filter?: string | null;
  /** name, creation_time, last_update_time, experiment_id, each with ASC or DESC. */
  orderBy?: string[] | null;
  view?: ViewType;
  first?: number | null;
  after?: string | null;
}

const EXPERIMENT_COLUMNS = Prisma.sql`e.id, e.name, e.artifact_location AS "artifactLocation",
  e.lifecycle_stage AS "lifecycleStage", e.creation_time AS "creationTime", e.last_update_time AS "lastUpdateTime"`;

const byId = (descending: boolean): OrderItem => ({ field: attributeField('experiment_id', 'integer'), descending });

/**
 * MLflow's order: creation_time DESC, experiment_id ASC by default; a custom order without
 * experiment_id gets experiment_id DESC as its tie-break (MLflow's choice, kept for equal results).
 */
function withTieBreak(order: OrderItem[]): OrderItem[] {
  if (order.length === 0) return [{ field: attributeField('creation_time', 'integer'), descending: true }, byId(false)];
  const hasId = order.some((item) => item.field.entity === 'attribute' && item.field.key === 'experiment_id');
  return hasId ? order : [...order, byId(true)];
}

export async function searchExperiments(ctx: CoreContext, options: SearchExperimentsOptions = {}): Promise<Page<Experiment>> {
  const take = pageSize(options.first, SEARCH_PAGING.maxPageSize, SEARCH_PAGING.defaultPageSize);
  const filter = parseFilter(options.filter, 'experiments');
  const order = withTieBreak(parseOrderBy(options.orderBy, 'experiments'));
  const scope = experimentScope(ctx.db.provider);
  const where = [lifecycleSql('e.lifecycle_stage', options.view), ...(filter ? [filterSql(filter, scope)] : [])];
  const page = await keysetPage<Parameters<typeof toExperiment>[0]>(ctx.db, {
    select: EXPERIMENT_COLUMNS,
    from: Prisma.sql`experiments e`,
    where: Prisma.join(where, ' AND '),
    keys: order.map((item, i) => sortKeySql(scope, item, i)),
    take,
    after: options.after,
  });
  return { items: page.rows.map(toExperiment), nextCursor: page.nextCursor, totalCount: page.totalCount };
}
