import { Prisma } from '@contrail/db';
import type { CoreContext } from '../context.js';
import { pageSize } from '../cursor.js';
import { invalid } from '../errors.js';
import { parseExperimentId, type ViewType } from '../experiments.js';
import { toRun } from '../mappers.js';
import type { Page, Run } from '../types.js';
import { filterSql, lifecycleSql, runScope, sortKeySql } from './build-sql.js';
import { attributeField } from './fields.js';
import { keysetPage } from './keyset.js';
import { parseOrderBy } from './order-by.js';
import { parseFilter } from './parse.js';

/** MLflow's max_results: 1000 by default, at most 50,000. */
export const SEARCH_PAGING = { defaultPageSize: 1000, maxPageSize: 50_000 } as const;

export interface SearchRunsOptions {
  experimentIds: string[];
  /** MLflow's filter language, plus OR, parentheses and NOT (see search/parse.ts). */
  filter?: string | null;
  /** e.g. ["metrics.rmse DESC", "params.lr"]; then start_time DESC, run id ASC break ties. */
  orderBy?: string[] | null;
  runView?: ViewType;
  first?: number | null;
  after?: string | null;
}

const RUN_COLUMNS = Prisma.sql`r.id, r.experiment_id AS "experimentId", r.name, r.status, r.start_time AS "startTime",
  r.end_time AS "endTime", r.lifecycle_stage AS "lifecycleStage", r.user_id AS "userId",
  r.artifact_uri AS "artifactUri", r.parent_run_id AS "parentRunId"`;

// MLflow's default order and final tie-break.
const TIE_BREAK = [
  { field: attributeField('start_time', 'integer'), descending: true },
  { field: attributeField('run_id', 'string'), descending: false },
];

/** Runs of some experiments that match a filter, in the requested order, one keyset page at a time. */
export async function searchRuns(ctx: CoreContext, options: SearchRunsOptions): Promise<Page<Run>> {
  if (!Array.isArray(options.experimentIds) || options.experimentIds.length === 0) {
    throw invalid('experimentIds must name at least one experiment');
  }
  const experimentIds = options.experimentIds.map((id) => parseExperimentId(id, 'experimentIds'));
  const take = pageSize(options.first, SEARCH_PAGING.maxPageSize, SEARCH_PAGING.defaultPageSize);
  const filter = parseFilter(options.filter, 'runs');
  const requested = parseOrderBy(options.orderBy, 'runs');
  const order = [...requested, ...TIE_BREAK];
  const scope = runScope(ctx.db.provider);
  const where = [
    Prisma.sql`r.experiment_id IN (${Prisma.join(experimentIds)})`,
    lifecycleSql('r.lifecycle_stage', options.runView),
    ...(filter ? [filterSql(filter, scope)] : []),
  ];
  const page = await keysetPage<Parameters<typeof toRun>[0]>(ctx.db, {
    select: RUN_COLUMNS,
    from: Prisma.sql`runs r`,
    where: Prisma.join(where, ' AND '),
    keys: order.map((item, i) => sortKeySql(scope, item, i)),
    take,
    after: options.after,
    // A requested order means sorting every match (the start_time index gives only the default one).
    countInPage: filter !== null && requested.length > 0,
  });
  return { items: page.rows.map(toRun), nextCursor: page.nextCursor, totalCount: page.totalCount };
}
