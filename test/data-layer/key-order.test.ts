import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExperiment,
  createRun,
  getExperimentTags,
  getLatestMetrics,
  getMetricKeys,
  getRunParams,
  getRunTags,
  logBatch,
  setExperimentTag,
  type CoreContext,
} from '@contrail/core';
import { recordingContext } from '../support/core-context.js';
import { openTestDatabase, TEST_PROVIDERS, type TestDatabase } from '../support/databases.js';

// Code-point order, which SQLite uses; a locale collation would say a, b, B, _x.
const KEYS = ['b', 'B', '_x', 'a'];
const CODE_POINT_ORDER = ['B', '_x', 'a', 'b'];

describe.each(TEST_PROVIDERS)('key order on %s', (provider) => {
  let database: TestDatabase;
  let ctx: CoreContext;

  beforeAll(async () => {
    database = await openTestDatabase(provider);
    if (provider === 'postgresql') {
      // Production databases often compare text by locale; lists of keys must not depend on it.
      for (const table of ['params', 'run_tags', 'latest_metrics', 'experiment_tags']) {
        await database.db.prisma.$executeRawUnsafe(`ALTER TABLE ${table} ALTER COLUMN key TYPE text COLLATE "en-x-icu"`);
      }
    }
    ctx = recordingContext(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('lists params, tags, metric keys and experiment tags by code point on every database', async () => {
    const experiment = await createExperiment(ctx, { name: 'order' });
    for (const key of KEYS) await setExperimentTag(ctx, experiment.id, { key, value: '1' });
    const run = await createRun(ctx, { experimentId: experiment.id });
    await logBatch(ctx, {
      runId: run.id,
      params: KEYS.map((key) => ({ key, value: '1' })),
      tags: KEYS.map((key) => ({ key, value: '1' })),
      metrics: KEYS.map((key) => ({ key, value: 1 })),
    });
    const userTags = (await getRunTags(ctx, run.id)).map((t) => t.key).filter((k) => !k.startsWith('mlflow.'));
    expect((await getRunParams(ctx, run.id)).map((p) => p.key)).toEqual(CODE_POINT_ORDER);
    expect(userTags).toEqual(CODE_POINT_ORDER);
    expect((await getLatestMetrics(ctx, run.id)).map((m) => m.key)).toEqual(CODE_POINT_ORDER);
    expect(await getMetricKeys(ctx, run.id)).toEqual(CODE_POINT_ORDER);
    expect((await getExperimentTags(ctx, experiment.id)).map((t) => t.key)).toEqual(CODE_POINT_ORDER);
  });
});
