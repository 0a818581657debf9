import type { CoreContext } from './context.js';
import { byKey } from './order.js';
import type { KeyValue, MetricPoint } from './types.js';

/**
 * Params, tags and latest metrics of many runs in one query each, for lists (the GraphQL layer
 * batches per request so a page of runs costs a few queries, not a few per run).
 */
function groupByRun<T extends { runId: string; key: string }, U>(runIds: readonly string[], rows: T[], map: (row: T) => U) {
  const grouped = new Map<string, U[]>(runIds.map((id) => [id, []]));
  for (const row of rows.sort(byKey)) grouped.get(row.runId)?.push(map(row));
  return grouped;
}

export async function getParamsForRuns(ctx: CoreContext, runIds: readonly string[]): Promise<Map<string, KeyValue[]>> {
  const rows = await ctx.db.prisma.param.findMany({ where: { runId: { in: [...runIds] } } });
  return groupByRun(runIds, rows, ({ key, value }) => ({ key, value }));
}

export async function getTagsForRuns(ctx: CoreContext, runIds: readonly string[]): Promise<Map<string, KeyValue[]>> {
  const rows = await ctx.db.prisma.runTag.findMany({ where: { runId: { in: [...runIds] } } });
  return groupByRun(runIds, rows, ({ key, value }) => ({ key, value }));
}

export async function getLatestMetricsForRuns(
  ctx: CoreContext,
  runIds: readonly string[],
): Promise<Map<string, MetricPoint[]>> {
  const rows = await ctx.db.prisma.latestMetric.findMany({ where: { runId: { in: [...runIds] } } });
  return groupByRun(runIds, rows, (row) => ({
    key: row.key,
    value: row.isNan ? Number.NaN : row.value,
    timestamp: Number(row.timestamp),
    step: Number(row.step),
  }));
}

export const getRunParams = async (ctx: CoreContext, runId: string) => (await getParamsForRuns(ctx, [runId])).get(runId)!;
export const getRunTags = async (ctx: CoreContext, runId: string) => (await getTagsForRuns(ctx, [runId])).get(runId)!;
export const getLatestMetrics = async (ctx: CoreContext, runId: string) =>
  (await getLatestMetricsForRuns(ctx, [runId])).get(runId)!;
