import { Prisma, type Provider } from '@contrail/db';
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
import { write, type CoreContext, type Tx } from './context.js';
import { toRun } from './mappers.js';
import { blockValues, summarise } from './metric-blocks.js';
import { sqlDouble } from './sql.js';
import { checkCanLog, checkParams, latestPerKey, pointValues, type BatchWriter } from './write-batch.js';

const DOUBLE_COLUMNS = {
  point: new Set([4]),
  block: new Set([6, 9, 12]),
};
const INT64_COLUMNS = {
  point: new Set([2, 3]),
  block: new Set([2, 4, 5, 7, 8, 10, 11]),
};

/** One row of values as SQL: int64 columns as BigInt, doubles via sqlDouble (±Infinity). */
function valuesRow(provider: Provider, values: unknown[], kind: 'point' | 'block'): Prisma.Sql {
  const cells = values.map((value, i) => {
    if (value !== null && DOUBLE_COLUMNS[kind].has(i)) return sqlDouble(provider, value as number);
    if (value !== null && INT64_COLUMNS[kind].has(i)) return Prisma.sql`${BigInt(value as number)}`;
    return Prisma.sql`${value}`;
  });
  return Prisma.sql`(${Prisma.join(cells)})`;
}

const statement = (head: string, rows: Prisma.Sql[], conflict: string) =>
  Prisma.sql`${Prisma.raw(head)} ${Prisma.join(rows)} ${Prisma.raw(conflict)}`;

async function executeIfAny(tx: Tx, head: string, rows: Prisma.Sql[], conflict: string): Promise<number> {
  return rows.length === 0 ? 0 : tx.$executeRaw(statement(head, rows, conflict));
}

/** The metric write path through Prisma (PostgreSQL): multi-row statements in one transaction. */
export function prismaBatchWriter(ctx: CoreContext): BatchWriter {
  const { provider } = ctx.db;
  return (runId, batch) =>
    write(ctx, async (tx) => {
      const found = await tx.run.findUnique({ where: { id: runId } });
      const run = checkCanLog(runId, found ? toRun(found) : null);
      const stored = batch.params.length
        ? await tx.param.findMany({ where: { runId, key: { in: batch.params.map((p) => p.key) } }, select: { key: true, value: true } })
        : [];
      const fresh = checkParams(runId, batch.params, stored);
      await executeIfAny(tx, INSERT_PARAM, fresh.map((p) => Prisma.sql`(${runId}, ${p.key}, ${p.value})`), PARAM_CONFLICT);
      await executeIfAny(tx, INSERT_TAG, batch.tags.map((t) => Prisma.sql`(${runId}, ${t.key}, ${t.value})`), TAG_CONFLICT);
      const points = batch.points.map((p) => valuesRow(provider, pointValues(runId, p), 'point'));
      const metricsStored = await executeIfAny(tx, INSERT_POINT, points, POINT_CONFLICT);
      const latest = latestPerKey(batch.points).map((p) => valuesRow(provider, pointValues(runId, p), 'point'));
      await executeIfAny(tx, INSERT_LATEST, latest, LATEST_CONFLICT);
      const blocks = summarise(batch.points).map((s) => valuesRow(provider, blockValues(runId, s), 'block'));
      await executeIfAny(tx, INSERT_BLOCK, blocks, BLOCK_CONFLICT);
      return { run, paramsStored: fresh.length, metricsStored };
    });
}
