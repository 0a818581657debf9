import type { MetricPoint } from './types.js';

/**
 * Block summaries (table metric_blocks) let a long series be downsampled without reading every point:
 * each block covers BLOCK_STEPS consecutive steps and keeps its lowest, highest and last point.
 */
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

/** A summary as the 14 values of a metric_blocks row (NaN stored as 0 with a flag). */
export function blockValues(runId: string, s: BlockSummary): unknown[] {
  const lastNan = Number.isNaN(s.last.value);
  return [
    runId, s.key, s.block, s.count,
    s.min?.step ?? null, s.min?.timestamp ?? null, s.min?.value ?? null,
    s.max?.step ?? null, s.max?.timestamp ?? null, s.max?.value ?? null,
    s.last.step, s.last.timestamp, lastNan ? 0 : s.last.value, lastNan,
  ];
}
