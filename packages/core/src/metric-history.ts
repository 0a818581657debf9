import { Prisma } from '@contrail/db';
import type { CoreContext } from './context.js';
import { invalid } from './errors.js';
import { HISTORY } from './limits.js';
import { getRun } from './runs.js';
import type { MetricPoint } from './types.js';
import { validateKey } from './validate.js';

export interface MetricHistory {
  points: MetricPoint[];
  /** True when the series had more than maxPoints points and was summarised. */
  downsampled: boolean;
}

interface PointRow {
  step: bigint | number;
  timestamp: bigint | number;
  value: number;
  is_nan: boolean | number | bigint;
}

const toPoint = (key: string, row: PointRow): MetricPoint => ({
  key,
  step: Number(row.step),
  timestamp: Number(row.timestamp),
  value: Number(row.is_nan) ? Number.NaN : row.value,
});

type Direction = 'ASC' | 'DESC';
type PointReader = (runId: string, key: string, direction: Direction, limit: number | null) => Promise<PointRow[]>;

/**
 * Reads a series in step order. On SQLite through the direct connection (a 100,000-point series
 * comes back several times faster than through Prisma's row mapping); elsewhere through Prisma.
 */
function pointReader(ctx: CoreContext): PointReader {
  const sqlite = ctx.db.sqlite;
  if (sqlite) {
    return async (runId, key, direction, limit) => {
      const order = direction === 'ASC' ? 'step, timestamp, value' : 'step DESC, timestamp DESC, value DESC';
      const sql = `SELECT step, timestamp, value, is_nan FROM metrics WHERE run_id = ? AND key = ? ORDER BY ${order}`;
      return (limit === null ? sqlite.prepare(sql).all(runId, key) : sqlite.prepare(`${sql} LIMIT ?`).all(runId, key, limit)) as PointRow[];
    };
  }
  return (runId, key, direction, limit) => {
    const order = direction === 'ASC' ? Prisma.sql`step, timestamp, value` : Prisma.sql`step DESC, timestamp DESC, value DESC`;
    return ctx.db.prisma.$queryRaw<PointRow[]>`
      SELECT step, timestamp, value, is_nan FROM metrics WHERE run_id = ${runId} AND key = ${key}
      ORDER BY ${order} ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
  };
}

const identity = (p: MetricPoint) => `${p.step}\u0000${p.timestamp}\u0000${p.value}`;
const byStep = (a: MetricPoint, b: MetricPoint) => a.step - b.step || a.timestamp - b.timestamp;

/**
 * A metric's points in step order. With maxPoints, a longer series is summarised into buckets of
 * consecutive steps keeping each bucket's lowest, highest and last point, with the series' first and
 * last points exact, so spikes survive and at most maxPoints points come back.
 */
export async function getMetricHistory(
  ctx: CoreContext,
  input: { runId: string; key: string; maxPoints?: number | null },
): Promise<MetricHistory> {
  const { runId } = input;
  const key = validateKey(input.key, 'key');
  const maxPoints = input.maxPoints ?? null;
  if (maxPoints !== null && (!Number.isInteger(maxPoints) || maxPoints < 3 || maxPoints > HISTORY.maxMaxPoints)) {
    throw invalid(`maxPoints must be an integer between 3 and ${HISTORY.maxMaxPoints}, got ${maxPoints}`);
  }
  await getRun(ctx, runId);
  const prisma = ctx.db.prisma;
  const read = pointReader(ctx);
  const head = await read(runId, key, 'ASC', maxPoints === null ? null : maxPoints + 1);
  if (maxPoints === null || head.length <= maxPoints) {
    return { points: head.map((row) => toPoint(key, row)), downsampled: false };
  }

  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 3));
  const [lastRow] = await read(runId, key, 'DESC', 1);
  const first = toPoint(key, head[0]!);
  const last = toPoint(key, lastRow!);
  const blocks = await prisma.metricBlock.findMany({ where: { runId, key }, orderBy: { block: 'asc' } });

  let summaries: Array<{ step: number; candidates: MetricPoint[] }>;
  if (blocks.length >= buckets) {
    // Long series: the block summaries hold each block's min, max and last point.
    summaries = blocks.map((b) => {
      const candidates: MetricPoint[] = [];
      const point = (step: bigint | null, timestamp: bigint | null, value: number | null) =>
        step !== null && timestamp !== null && value !== null
          ? candidates.push({ key, step: Number(step), timestamp: Number(timestamp), value })
          : 0;
      point(b.minStep, b.minTimestamp, b.minValue);
      point(b.maxStep, b.maxTimestamp, b.maxValue);
      point(b.lastStep, b.lastTimestamp, b.lastIsNan ? Number.NaN : b.lastValue);
      return { step: Number(b.lastStep), candidates };
    });
  } else {
    // Many points over few steps: few enough rows to summarise here.
    const rows = await read(runId, key, 'ASC', null);
    summaries = rows.map((row) => {
      const p = toPoint(key, row);
      return { step: p.step, candidates: [p] };
    });
  }
  return { points: bucketise(summaries, buckets, first, last), downsampled: true };
}

/** Groups summaries into `buckets` step ranges, keeping each range's min, max and last point. */
export function bucketise(
  summaries: Array<{ step: number; candidates: MetricPoint[] }>,
  buckets: number,
  first: MetricPoint,
  last: MetricPoint,
): MetricPoint[] {
  const span = last.step - first.step + 1;
  const kept: Array<{ min?: MetricPoint; max?: MetricPoint; last?: MetricPoint }> = [];
  for (const summary of summaries) {
    for (const p of summary.candidates) {
      const b = Math.min(buckets - 1, Math.max(0, Math.floor(((p.step - first.step) * buckets) / span)));
      const bucket = (kept[b] ??= {});
      if (!Number.isNaN(p.value)) {
        if (!bucket.min || p.value < bucket.min.value) bucket.min = p;
        if (!bucket.max || p.value > bucket.max.value) bucket.max = p;
      }
      if (!bucket.last || byStep(p, bucket.last) >= 0) bucket.last = p;
    }
  }
  const out = new Map<string, MetricPoint>([[identity(first), first]]);
  for (const bucket of kept) {
    if (!bucket) continue;
    for (const p of [bucket.min, bucket.max, bucket.last].filter((x): x is MetricPoint => !!x).sort(byStep)) {
      out.set(identity(p), p);
    }
  }
  out.set(identity(last), last);
  return [...out.values()].sort(byStep);
}
