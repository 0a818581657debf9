import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createExperiment, createRun, logBatch, searchRuns, type CoreContext, type SearchRunsOptions } from '@contrail/core';
import { createDb, Prisma, type Db } from '@contrail/db';
import type { BenchRow } from './table.js';
import { seededRandom } from '../support/seeded-random.js';


const PARAMS = 20;
const METRICS = 5;
const REPEATS = 20;


const log = (line: string) => process.stderr.write(`search bench: ${line}\n`);

async function withTempDb<T>(fn: (ctx: CoreContext) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'contrail-search-bench-'));
  const db = await createDb(`file:${path.join(dir, 'bench.db')}`);
  try {
    return await fn({ db, events: { publish: () => {} }, artifactRoot: `file://${dir}/artifacts` });
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median wall time of a search, after two warm-up calls; checks the search returns what it should. */
async function medianMs(ctx: CoreContext, options: SearchRunsOptions, expectItems: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS + 2; i++) {
    const start = performance.now();
    const page = await searchRuns(ctx, options);
    const elapsed = performance.now() - start;
    if (page.items.length !== expectItems) throw new Error(`expected ${expectItems} runs, got ${page.items.length}`);
    if (i >= 2) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** 2,000 runs through the real write path: one createRun and one logBatch per run. */
async function smallScenario(ctx: CoreContext): Promise<BenchRow[]> {
  const rand = seededRandom(2000);
  const experimentId = (await createExperiment(ctx, { name: 'search-2k' })).id;
  for (let i = 0; i < 2000; i++) {
    const run = await createRun(ctx, { experimentId, runName: `run-${i}`, startTime: 1_700_000_000_000 + i });
    await logBatch(ctx, {
      runId: run.id,
      params: Array.from({ length: PARAMS }, (_, p) => ({ key: `p${p}`, value: `v${Math.floor(rand() * 10)}` })),
      metrics: Array.from({ length: METRICS }, (_, m) => ({ key: `m${m}`, value: rand(), step: 0, timestamp: 1 })),
    });
    if ((i + 1) % 500 === 0) log(`created ${i + 1} of 2,000 runs`);
  }
  const filtered = await medianMs(ctx, { experimentIds: [experimentId], filter: 'metrics.m0 > 0.9', first: 100 }, 100);
  const ordered = await medianMs(
    ctx,
    { experimentIds: [experimentId], filter: 'metrics.m2 > 0.5', orderBy: ['metrics.m2 DESC'], first: 1000 },
    1000,
  );
  return [
    { benchmark: 'searchRuns metrics.m0 > 0.9, first 100 (2,000 runs)', result: ms(filtered), target: '< 10 ms', met: filtered < 10, reference: 'MLflow server ~113 ms' },
    {
      benchmark: 'searchRuns metrics.m2 > 0.5 by metrics.m2 DESC, first 1000 (2,000 runs)',
      result: ms(ordered),
      target: '< 100 ms',
      met: ordered < 100,
      reference: 'MLflow server ~1.95 s',
    },
  ];
}

/** 100,000 runs written with batched, parameterised INSERTs: the write path would take minutes. */
async function insertRuns(db: Db, experimentId: number, total: number): Promise<void> {
  const rand = seededRandom(100_000);
  const perStatement = 250;
  for (let first = 0; first < total; first += perStatement) {
    const ids = Array.from({ length: Math.min(perStatement, total - first) }, (_, i) => {
      const n = first + i;
      return { id: n.toString(16).padStart(32, '0'), n };
    });
    const runs = ids.map(({ id, n }) =>
      Prisma.sql`(${id}, ${experimentId}, ${`run-${n}`}, 'FINISHED', ${BigInt(1_700_000_000_000 + n)}, 'bench', ${`file:///bench/${id}`})`,
    );
    const params = ids.flatMap(({ id }) => Array.from({ length: PARAMS }, (_, p) => Prisma.sql`(${id}, ${`p${p}`}, ${`v${Math.floor(rand() * 10)}`})`));
    const metrics = ids.flatMap(({ id }) => Array.from({ length: METRICS }, (_, m) => Prisma.sql`(${id}, ${`m${m}`}, 0, 1, ${rand()}, ${false})`));
    await db.prisma.$transaction([
      db.prisma.$executeRaw`INSERT INTO runs (id, experiment_id, name, status, start_time, user_id, artifact_uri) VALUES ${Prisma.join(runs)}`,
      db.prisma.$executeRaw`INSERT INTO params (run_id, key, value) VALUES ${Prisma.join(params)}`,
      db.prisma.$executeRaw`INSERT INTO metrics (run_id, key, step, timestamp, value, is_nan) VALUES ${Prisma.join(metrics)}`,
      db.prisma.$executeRaw`INSERT INTO latest_metrics (run_id, key, step, timestamp, value, is_nan) VALUES ${Prisma.join(metrics)}`,
    ]);
    if ((first + perStatement) % 10_000 === 0) log(`inserted ${first + perStatement} of ${total.toLocaleString('en-US')} runs`);
  }
}

async function largeScenario(ctx: CoreContext): Promise<BenchRow> {
  const experimentId = Number((await createExperiment(ctx, { name: 'search-100k' })).id);
  await insertRuns(ctx.db, experimentId, 100_000);
  const options = {
    experimentIds: [String(experimentId)],
    filter: "params.p0 = 'v3' and metrics.m0 > 0.5",
    orderBy: ['metrics.m1 DESC'],
    first: 100,
  };
  const median = await medianMs(ctx, options, 100);
  return {
    benchmark: "searchRuns params.p0 = 'v3' and metrics.m0 > 0.5 by metrics.m1 DESC, first 100 (100,000 runs)",
    result: ms(median),
    target: '< 150 ms',
    met: median < 150,
    reference: 'MLflow: n/a',
  };
}

/**
 * Run search on a temporary SQLite database, through core directly. Each figure is the median of
 * 20 calls, and includes the total count of matches that every page carries.
 */
export async function benchSearch(): Promise<BenchRow[]> {
  log('2,000 runs with 20 params and 5 metrics each, through createRun + logBatch...');
  const small = await withTempDb(smallScenario);
  log('100,000 runs with 20 params and 5 metrics each, through batched INSERTs...');
  const large = await withTempDb(largeScenario);
  return [...small, large];
}
