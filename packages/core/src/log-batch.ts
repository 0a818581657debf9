import { nowOf, type CoreContext } from './context.js';
import { invalid } from './errors.js';
import { LIMITS } from './limits.js';
import { publishRun } from './runs.js';
import type { KeyValue, MetricPoint } from './types.js';
import { prismaBatchWriter } from './write-batch-prisma.js';
import { sqliteBatchWriter } from './write-batch-sqlite.js';
import type { BatchWriter, ValidBatch } from './write-batch.js';
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

// One writer per database handle: the SQLite one caches its prepared statements.
const writers = new WeakMap<object, BatchWriter>();
function writerOf(ctx: CoreContext): BatchWriter {
  let writer = writers.get(ctx.db);
  if (!writer) writers.set(ctx.db, (writer = ctx.db.sqlite ? sqliteBatchWriter(ctx.db.sqlite, ctx.db.exclusive) : prismaBatchWriter(ctx)));
  return writer;
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

/**
 * The one write path for params, tags and metric points (logParam, logMetric, setTag and logBatch all
 * come here). All checks that can fail run before the first write, so a rejected batch writes
 * nothing; everything is written in one transaction; subscribers hear about it after the commit.
 */
export async function logBatch(ctx: CoreContext, input: LogBatchInput): Promise<LogBatchResult> {
  const batch = validateBatch(input, nowOf(ctx));
  const { runId } = input;
  const outcome = await writerOf(ctx)(runId, batch);
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
