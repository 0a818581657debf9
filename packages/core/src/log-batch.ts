import { Prisma, type Provider } from '@contrail/db';
import { nowOf, write, type CoreContext, type Tx } from './context.js';
import { invalid, invalidState, notFound } from './errors.js';
import { LIMITS } from './limits.js';
import { mergeBlocks } from './metric-blocks.js';
import { publishRun } from './runs.js';
import { sqlDouble } from './sql.js';
import { toRun } from './mappers.js';
import { TERMINAL_STATUSES, type KeyValue, type MetricPoint, type RunStatus } from './types.js';
import { validateInt64, validateKey, validateLength, validateMetricValue } from './validate.js';

export interface MetricInput {
  key: string;
  value: number;
  /** epoch ms; defaults to now */
  timestamp?: number | null;
  /** defaults to 0 */
  step?: number | null;
}

export interface LogBatchInput {
  runId: string;
  metrics?: MetricInput[] | null;
  params?: KeyValue[] | null;
  tags?: KeyValue[] | null;
}

export interface LogBatchResult {
  runId: string;
  /** Points stored by this call (a point already stored is not counted again). */
  metricsStored: number;
  paramsStored: number;
  tagsSet: number;
}

interface ValidBatch {
  points: MetricPoint[];
  params: KeyValue[];
  tags: KeyValue[];
}

/** Checks MLflow's limits and rules before anything touches the database. */
export function validateBatch(input: LogBatchInput, now: number): ValidBatch {
  const metrics = input.metrics ?? [];
  const params = input.params ?? [];
  const tags = input.tags ?? [];
  if (metrics.length > LIMITS.batchMetrics) {
    throw invalid(`a batch may hold at most ${LIMITS.batchMetrics} metrics, got ${metrics.length}`);
  }
  if (params.length > LIMITS.batchParams) throw invalid(`a batch may hold at most ${LIMITS.batchParams} params, got ${params.length}`);
  if (tags.length > LIMITS.batchTags) throw invalid(`a batch may hold at most ${LIMITS.batchTags} tags, got ${tags.length}`);
  const total = metrics.length + params.length + tags.length;
  if (total > LIMITS.batchTotal) {
    throw invalid(`a batch may hold at most ${LIMITS.batchTotal} metrics, params and tags in all, got ${total}`);
  }

  // A batch usually repeats a few keys many times: check each distinct key once.
  const validKeys = new Set<string>();
  const seen = new Set<string>();
  const points: MetricPoint[] = [];
  metrics.forEach((metric, i) => {
    if (!validKeys.has(metric.key)) validKeys.add(validateKey(metric.key, `metrics[${i}].key`));
    const point = {
      key: metric.key,
      value: validateMetricValue(metric.value, `metrics[${i}].value`),
      timestamp: metric.timestamp == null ? now : validateInt64(metric.timestamp, `metrics[${i}].timestamp`),
      step: metric.step == null ? 0 : validateInt64(metric.step, `metrics[${i}].step`),
    };
    // The same point twice is stored once (MLflow's primary key includes every field).
    const identity = `${point.key}\u0000${point.step}\u0000${point.timestamp}\u0000${point.value}`;
    if (seen.has(identity)) return;
    seen.add(identity);
    points.push(point);
  });

  const paramValues = new Map<string, string>();
  params.forEach((param, i) => {
    const key = validateKey(param.key, `params[${i}].key`);
    const value = validateLength(String(param.value), LIMITS.paramValueLength, `params[${i}].value`);
    const earlier = paramValues.get(key);
    if (earlier !== undefined && earlier !== value) {
      throw invalid(`params[${i}]: param "${key}" appears twice in the batch with different values`);
    }
    paramValues.set(key, value);
  });

  // Tags may be overwritten: within a batch the last value wins.
  const tagValues = new Map<string, string>();
  tags.forEach((tag, i) => {
    tagValues.set(validateKey(tag.key, `tags[${i}].key`), validateLength(tag.value, LIMITS.runTagValueLength, `tags[${i}].value`));
  });

  return {
    points,
    params: [...paramValues].map(([key, value]) => ({ key, value })),
    tags: [...tagValues].map(([key, value]) => ({ key, value })),
  };
}

/** Orders points as MLflow picks a metric's latest value: step, then timestamp, then value. */
export function isLater(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return storedValue(a.value) > storedValue(b.value);
}

// NaN cannot live in an SQLite REAL: stored as 0 with is_nan set, as MLflow does.
const storedValue = (value: number) => (Number.isNaN(value) ? 0 : value);

function latestPerKey(points: MetricPoint[]): MetricPoint[] {
  const latest = new Map<string, MetricPoint>();
  for (const point of points) {
    const current = latest.get(point.key);
    if (!current || isLater(point, current)) latest.set(point.key, point);
  }
  return [...latest.values()];
}

const pointRow = (provider: Provider, runId: string, p: MetricPoint) =>
  Prisma.sql`(${runId}, ${p.key}, ${BigInt(p.step)}, ${BigInt(p.timestamp)}, ${sqlDouble(provider, storedValue(p.value))}, ${Number.isNaN(p.value)})`;

async function insertPoints(tx: Tx, provider: Provider, runId: string, points: MetricPoint[]): Promise<number> {
  if (points.length === 0) return 0;
  return tx.$executeRaw`
    INSERT INTO metrics (run_id, key, step, timestamp, value, is_nan)
    VALUES ${Prisma.join(points.map((p) => pointRow(provider, runId, p)))}
    ON CONFLICT DO NOTHING`;
}

async function updateLatest(tx: Tx, provider: Provider, runId: string, points: MetricPoint[]): Promise<void> {
  const latest = latestPerKey(points);
  if (latest.length === 0) return;
  // Only move a key's latest point forward: a batch may carry older steps than one already stored.
  await tx.$executeRaw`
    INSERT INTO latest_metrics (run_id, key, step, timestamp, value, is_nan)
    VALUES ${Prisma.join(latest.map((p) => pointRow(provider, runId, p)))}
    ON CONFLICT (run_id, key) DO UPDATE SET
      step = excluded.step, timestamp = excluded.timestamp, value = excluded.value, is_nan = excluded.is_nan
    WHERE excluded.step > latest_metrics.step
       OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp)
       OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp
           AND excluded.value > latest_metrics.value)`;
}

async function insertParams(tx: Tx, runId: string, params: KeyValue[]): Promise<number> {
  if (params.length === 0) return 0;
  const existing = await tx.param.findMany({ where: { runId, key: { in: params.map((p) => p.key) } } });
  const stored = new Map(existing.map((p) => [p.key, p.value]));
  for (const param of params) {
    const old = stored.get(param.key);
    if (old !== undefined && old !== param.value) {
      throw invalid(
        `param "${param.key}" of run ${runId} is already "${old}"; params are write-once, so it cannot become "${param.value}"`,
      );
    }
  }
  const fresh = params.filter((p) => !stored.has(p.key));
  if (fresh.length) await tx.param.createMany({ data: fresh.map((p) => ({ runId, ...p })) });
  return fresh.length;
}

async function upsertTags(tx: Tx, runId: string, tags: KeyValue[]): Promise<void> {
  if (tags.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO run_tags (run_id, key, value)
    VALUES ${Prisma.join(tags.map((t) => Prisma.sql`(${runId}, ${t.key}, ${t.value})`))}
    ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value`;
}

/**
 * The one write path for params, tags and metric points (logParam, logMetric, setTag and logBatch all
 * come here). All checks that can fail run before the first write, so a rejected batch writes
 * nothing; everything is written in one transaction; subscribers hear about it after the commit.
 */
export async function logBatch(ctx: CoreContext, input: LogBatchInput): Promise<LogBatchResult> {
  const batch = validateBatch(input, nowOf(ctx));
  const { runId } = input;
  const { provider } = ctx.db;
  const outcome = await write(ctx, async (tx) => {
    const row = await tx.run.findUnique({ where: { id: runId } });
    if (!row) throw notFound(`no run with id ${runId}`);
    if (row.lifecycleStage !== 'active') throw invalid(`run ${runId} is deleted: restore it before logging to it`);
    if (TERMINAL_STATUSES.has(row.status as RunStatus)) {
      throw invalidState(`run ${runId} is ${row.status}: set its status back to RUNNING to log more`);
    }
    const paramsStored = await insertParams(tx, runId, batch.params);
    await upsertTags(tx, runId, batch.tags);
    const metricsStored = await insertPoints(tx, provider, runId, batch.points);
    await updateLatest(tx, provider, runId, batch.points);
    await mergeBlocks(tx, provider, runId, batch.points);
    return { run: toRun(row), paramsStored, metricsStored };
  });
  if (batch.points.length > 0) {
    ctx.events.publish('metricsLogged', runId, {
      runId,
      experimentId: outcome.run.experimentId,
      points: batch.points,
    });
  }
  if (batch.params.length > 0 || batch.tags.length > 0) publishRun(ctx, 'UPDATED', outcome.run);
  return { runId, metricsStored: outcome.metricsStored, paramsStored: outcome.paramsStored, tagsSet: batch.tags.length };
}

export const logMetric = (ctx: CoreContext, runId: string, metric: MetricInput) => logBatch(ctx, { runId, metrics: [metric] });
export const logParam = (ctx: CoreContext, runId: string, param: KeyValue) => logBatch(ctx, { runId, params: [param] });
export const setTag = (ctx: CoreContext, runId: string, tag: KeyValue) => logBatch(ctx, { runId, tags: [tag] });
