import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '@contrail/db';
import {
  BLOCK_CONFLICT,
  INSERT_BLOCK,
  INSERT_LATEST,
  INSERT_PARAM,
  INSERT_POINT,
  INSERT_TAG,
  LATEST_CONFLICT,
  PARAM_CONFLICT,
  POINT_CONFLICT,
  TAG_CONFLICT,
} from './batch-sql.js';
import { toRun, type RunRow } from './mappers.js';
import { blockValues, summarise } from './metric-blocks.js';
import { checkCanLog, checkParams, latestPerKey, pointValues, type BatchOutcome, type BatchWriter, type ValidBatch } from './write-batch.js';

const CHUNK = 100;

/**
 * The metric write path on SQLite: cached prepared statements on the direct connection, in one
 * synchronous transaction (nothing else in this process runs until it commits), under the process
 * write lock so that it never waits on a transaction the Prisma connection holds open.
 */
export function sqliteBatchWriter(db: BetterSqlite3.Database, exclusive: Db['exclusive']): BatchWriter {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const row = (n: number) => `(${Array(n).fill('?').join(', ')})`;

  const bind = (values: unknown[]) => values.map((v) => (typeof v === 'boolean' ? Number(v) : v));
  const writeSync = db.transaction((runId: string, batch: ValidBatch): BatchOutcome => {
      const found = prepare(
        `SELECT id, experiment_id AS "experimentId", name, status, start_time AS "startTime", end_time AS "endTime",
          lifecycle_stage AS "lifecycleStage", user_id AS "userId", artifact_uri AS "artifactUri", parent_run_id AS "parentRunId"
         FROM runs WHERE id = ?`,
      ).get(runId) as RunRow | undefined;
      const run = checkCanLog(runId, found ? toRun(found) : null);
      const getParam = prepare('SELECT key, value FROM params WHERE run_id = ? AND key = ?');
      const existing = batch.params.flatMap((p) => (getParam.get(runId, p.key) as { key: string; value: string } | undefined) ?? []);
      const fresh = checkParams(runId, batch.params, existing);

      const insertParam = prepare(`${INSERT_PARAM} ${row(3)} ${PARAM_CONFLICT}`);
      for (const p of fresh) insertParam.run(runId, p.key, p.value);
      const upsertTag = prepare(`${INSERT_TAG} ${row(3)} ${TAG_CONFLICT}`);
      for (const t of batch.tags) upsertTag.run(runId, t.key, t.value);
      let metricsStored = 0;
      // Points go in chunks of CHUNK rows per statement: far fewer calls into SQLite than one per row.
      const points = batch.points;
      const chunked = points.length - (points.length % CHUNK);
      const insertChunk = prepare(`${INSERT_POINT} ${Array(CHUNK).fill(row(6)).join(', ')} ${POINT_CONFLICT}`);
      for (let i = 0; i < chunked; i += CHUNK) {
        metricsStored += insertChunk.run(points.slice(i, i + CHUNK).flatMap((p) => bind(pointValues(runId, p)))).changes;
      }
      const insertPoint = prepare(`${INSERT_POINT} ${row(6)} ${POINT_CONFLICT}`);
      for (let i = chunked; i < points.length; i++) metricsStored += insertPoint.run(bind(pointValues(runId, points[i]!))).changes;
      const upsertLatest = prepare(`${INSERT_LATEST} ${row(6)} ${LATEST_CONFLICT}`);
      for (const p of latestPerKey(batch.points)) upsertLatest.run(bind(pointValues(runId, p)));
      const mergeBlock = prepare(`${INSERT_BLOCK} ${row(14)} ${BLOCK_CONFLICT}`);
      for (const s of summarise(batch.points)) mergeBlock.run(bind(blockValues(runId, s)));
      return { run, paramsStored: fresh.length, metricsStored };
    });
  // IMMEDIATE takes the write lock at BEGIN, so the run checks read what the writes will build on.
  return (runId, batch) => exclusive(async () => writeSync.immediate(runId, batch));
}
