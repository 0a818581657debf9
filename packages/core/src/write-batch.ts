import { invalid, invalidState, notFound } from './errors.js';
import { TERMINAL_STATUSES, type KeyValue, type MetricPoint, type Run } from './types.js';

/** A validated batch: in-batch duplicates removed, defaults filled in. */
export interface ValidBatch {
  points: MetricPoint[];
  params: KeyValue[];
  tags: KeyValue[];
}

export interface BatchOutcome {
  run: Run;
  paramsStored: number;
  metricsStored: number;
}

/**
 * Writes a validated batch in one transaction after checking the run and the params; rejects (and
 * writes nothing) when a check fails. Two executors: write-batch-sqlite.ts and write-batch-prisma.ts.
 */
export type BatchWriter = (runId: string, batch: ValidBatch) => Promise<BatchOutcome>;

export function checkCanLog(runId: string, run: Run | null): Run {
  if (!run) throw notFound(`no run with id ${runId}`);
  if (run.lifecycleStage !== 'active') throw invalid(`run ${runId} is deleted: restore it before logging to it`);
  if (TERMINAL_STATUSES.has(run.status)) {
    throw invalidState(`run ${runId} is ${run.status}: set its status back to RUNNING to log more`);
  }
  return run;
}

/** Params are write-once: returns those not stored yet, or throws if one would change. */
export function checkParams(runId: string, params: KeyValue[], stored: KeyValue[]): KeyValue[] {
  const values = new Map(stored.map((p) => [p.key, p.value]));
  for (const param of params) {
    const old = values.get(param.key);
    if (old !== undefined && old !== param.value) {
      throw invalid(
        `param "${param.key}" of run ${runId} is already "${old}"; params are write-once, so it cannot become "${param.value}"`,
      );
    }
  }
  return params.filter((p) => !values.has(p.key));
}

// NaN cannot live in an SQLite REAL: stored as 0 with is_nan set, as MLflow does.
export const storedValue = (value: number) => (Number.isNaN(value) ? 0 : value);

/** Orders points as MLflow picks a metric's latest value: step, then timestamp, then value. */
export function isLater(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return storedValue(a.value) > storedValue(b.value);
}

export function latestPerKey(points: MetricPoint[]): MetricPoint[] {
  const latest = new Map<string, MetricPoint>();
  for (const point of points) {
    const current = latest.get(point.key);
    if (!current || isLater(point, current)) latest.set(point.key, point);
  }
  return [...latest.values()];
}

/** A point as the 6 values of a metrics / latest_metrics row. */
export const pointValues = (runId: string, p: MetricPoint): unknown[] => [
  runId,
  p.key,
  p.step,
  p.timestamp,
  storedValue(p.value),
  Number.isNaN(p.value),
];
