/**
 * The SQL of the metric write path, shared by its two executors (write-batch-prisma.ts builds
 * multi-row statements with Prisma.sql; write-batch-sqlite.ts prepares single-row ones). Only
 * column lists and conflict clauses live here: values are always bound as parameters.
 */
export const INSERT_PARAM = 'INSERT INTO params (run_id, key, value) VALUES';
export const PARAM_CONFLICT = 'ON CONFLICT (run_id, key) DO NOTHING';

export const INSERT_TAG = 'INSERT INTO run_tags (run_id, key, value) VALUES';
export const TAG_CONFLICT = 'ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value';

export const INSERT_POINT = 'INSERT INTO metrics (run_id, key, step, timestamp, value, is_nan) VALUES';
/** A point already stored (every column equal) is not stored twice. */
export const POINT_CONFLICT = 'ON CONFLICT DO NOTHING';

export const INSERT_LATEST = 'INSERT INTO latest_metrics (run_id, key, step, timestamp, value, is_nan) VALUES';
/** Only moves a key's latest point forward: a batch may carry older steps than one already stored. */
export const LATEST_CONFLICT = `ON CONFLICT (run_id, key) DO UPDATE SET
    step = excluded.step, timestamp = excluded.timestamp, value = excluded.value, is_nan = excluded.is_nan
  WHERE excluded.step > latest_metrics.step
     OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp)
     OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp
         AND excluded.value > latest_metrics.value)`;

export const INSERT_BLOCK = `INSERT INTO metric_blocks (run_id, key, block, count, min_step, min_timestamp, min_value,
  max_step, max_timestamp, max_value, last_step, last_timestamp, last_value, last_is_nan) VALUES`;

const LOWER = 'metric_blocks.min_value IS NULL OR excluded.min_value < metric_blocks.min_value';
const HIGHER = 'metric_blocks.max_value IS NULL OR excluded.max_value > metric_blocks.max_value';
const LATER = `excluded.last_step > metric_blocks.last_step OR (excluded.last_step = metric_blocks.last_step
  AND excluded.last_timestamp >= metric_blocks.last_timestamp)`;
const pick = (condition: string, column: string) =>
  `${column} = CASE WHEN ${condition} THEN excluded.${column} ELSE metric_blocks.${column} END`;

/** Merges a block summary into the stored one; every SET reads the row as it was before. */
export const BLOCK_CONFLICT = `ON CONFLICT (run_id, key, block) DO UPDATE SET
  count = metric_blocks.count + excluded.count,
  ${['min_step', 'min_timestamp', 'min_value'].map((c) => pick(LOWER, c)).join(',\n  ')},
  ${['max_step', 'max_timestamp', 'max_value'].map((c) => pick(HIGHER, c)).join(',\n  ')},
  ${['last_step', 'last_timestamp', 'last_value', 'last_is_nan'].map((c) => pick(LATER, c)).join(',\n  ')}`;
