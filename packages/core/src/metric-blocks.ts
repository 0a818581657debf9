import { Prisma, type Provider } from '@contrail/db';
import { sqlDouble } from './sql.js';
import type { Tx } from './context.js';
import type { MetricPoint } from './types.js';

/** Steps per block of the metric_blocks summary table. */
export const BLOCK_STEPS = 256;
export const blockOf = (step: number) => Math.floor(step / BLOCK_STEPS);

export interface BlockSummary {
  key: string;
  block: number;
  count: number;
  min: MetricPoint | null;
  max: MetricPoint | null;
  last: MetricPoint;
}

const laterThan = (a: MetricPoint, b: MetricPoint) =>
  a.step !== b.step ? a.step > b.step : a.timestamp >= b.timestamp;

/** Summarises a batch's points per (key, block); NaN points count and can be last, never min/max. */
export function summarise(points: MetricPoint[]): BlockSummary[] {
  const blocks = new Map<string, BlockSummary>();
  for (const point of points) {
    const block = blockOf(point.step);
    const id = `${point.key}\u0000${block}`;
    const finite = !Number.isNaN(point.value);
    let summary = blocks.get(id);
    if (!summary) {
      summary = { key: point.key, block, count: 0, min: null, max: null, last: point };
      blocks.set(id, summary);
    }
    summary.count++;
    if (finite && (summary.min === null || point.value < summary.min.value)) summary.min = point;
    if (finite && (summary.max === null || point.value > summary.max.value)) summary.max = point;
    if (laterThan(point, summary.last)) summary.last = point;
  }
  return [...blocks.values()];
}

const big = (n: number | undefined) => (n === undefined ? null : BigInt(n));

export async function mergeBlocks(tx: Tx, provider: Provider, runId: string, points: MetricPoint[]): Promise<void> {
  const summaries = summarise(points);
  if (summaries.length === 0) return;
  const rows = summaries.map(
    (s) => Prisma.sql`(${runId}, ${s.key}, ${BigInt(s.block)}, ${s.count},
      ${big(s.min?.step)}, ${big(s.min?.timestamp)}, ${sqlDouble(provider, s.min?.value ?? null)},
      ${big(s.max?.step)}, ${big(s.max?.timestamp)}, ${sqlDouble(provider, s.max?.value ?? null)},
      ${BigInt(s.last.step)}, ${BigInt(s.last.timestamp)}, ${sqlDouble(provider, Number.isNaN(s.last.value) ? 0 : s.last.value)},
      ${Number.isNaN(s.last.value)})`,
  );
  // Every SET expression reads the row as it was, so each CASE compares against the old values.
  await tx.$executeRaw`
    INSERT INTO metric_blocks (run_id, key, block, count, min_step, min_timestamp, min_value,
      max_step, max_timestamp, max_value, last_step, last_timestamp, last_value, last_is_nan)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (run_id, key, block) DO UPDATE SET
      count = metric_blocks.count + excluded.count,
      min_step = CASE WHEN metric_blocks.min_value IS NULL OR excluded.min_value < metric_blocks.min_value
        THEN excluded.min_step ELSE metric_blocks.min_step END,
      min_timestamp = CASE WHEN metric_blocks.min_value IS NULL OR excluded.min_value < metric_blocks.min_value
        THEN excluded.min_timestamp ELSE metric_blocks.min_timestamp END,
      min_value = CASE WHEN metric_blocks.min_value IS NULL OR excluded.min_value < metric_blocks.min_value
        THEN excluded.min_value ELSE metric_blocks.min_value END,
      max_step = CASE WHEN metric_blocks.max_value IS NULL OR excluded.max_value > metric_blocks.max_value
        THEN excluded.max_step ELSE metric_blocks.max_step END,
      max_timestamp = CASE WHEN metric_blocks.max_value IS NULL OR excluded.max_value > metric_blocks.max_value
        THEN excluded.max_timestamp ELSE metric_blocks.max_timestamp END,
      max_value = CASE WHEN metric_blocks.max_value IS NULL OR excluded.max_value > metric_blocks.max_value
        THEN excluded.max_value ELSE metric_blocks.max_value END,
      last_step = CASE WHEN excluded.last_step > metric_blocks.last_step OR (excluded.last_step = metric_blocks.last_step
        AND excluded.last_timestamp >= metric_blocks.last_timestamp) THEN excluded.last_step ELSE metric_blocks.last_step END,
      last_timestamp = CASE WHEN excluded.last_step > metric_blocks.last_step OR (excluded.last_step = metric_blocks.last_step
        AND excluded.last_timestamp >= metric_blocks.last_timestamp) THEN excluded.last_timestamp ELSE metric_blocks.last_timestamp END,
      last_value = CASE WHEN excluded.last_step > metric_blocks.last_step OR (excluded.last_step = metric_blocks.last_step
        AND excluded.last_timestamp >= metric_blocks.last_timestamp) THEN excluded.last_value ELSE metric_blocks.last_value END,
      last_is_nan = CASE WHEN excluded.last_step > metric_blocks.last_step OR (excluded.last_step = metric_blocks.last_step
        AND excluded.last_timestamp >= metric_blocks.last_timestamp) THEN excluded.last_is_nan ELSE metric_blocks.last_is_nan END`;
}
