import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@contrail/db';
import { createTestDatabase } from '../support/postgres.js';
import { postgresReady } from '../support/databases.js';
import { REDIS_TEST_URL, redisUnavailableReason } from '../support/redis.js';
import { startTestServer, subscribe, untilLive, type TestServer } from '../support/server.js';

const ready = postgresReady && (await redisUnavailableReason()) === null;

describe.runIf(ready)('two server instances over PostgreSQL and Redis', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateDatabase(database.url, 'apply');
    a = await startTestServer({ databaseUrl: database.url, redisUrl: REDIS_TEST_URL });
    b = await startTestServer({ databaseUrl: database.url, redisUrl: REDIS_TEST_URL });
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await database?.drop();
  });

  it("fans one instance's writes out to the other instance's subscribers, NaN and Infinity included", async () => {
    const { getOrCreateExperiment } = await a.ok<{ getOrCreateExperiment: { id: string } }>('mutation { getOrCreateExperiment(name: "fanout") { id } }');
    const runs = subscribe<{ runUpdated: { change: string; run: { name: string } } }>(
      a.wsClient(),
      'subscription($e: ID!) { runUpdated(experimentId: $e) { change run { name } } }',
      { e: getOrCreateExperiment.id },
    );
    let n = 0;
    await untilLive(runs, () => b.ok('mutation($e: ID!, $n: String) { createRun(input: { experimentId: $e, runName: $n }) { id } }', { e: getOrCreateExperiment.id, n: `probe-${n++}` }));
    expect(runs.events[0]!.runUpdated.change).toBe('CREATED');

    const { createRun } = await b.ok<{ createRun: { id: string } }>('mutation($e: ID!) { createRun(input: { experimentId: $e, runName: "watched" }) { id } }', { e: getOrCreateExperiment.id });
    const points = subscribe<{ runMetrics: { points: Array<{ step: number; value: unknown }> } }>(
      a.wsClient(),
      'subscription($r: ID!) { runMetrics(runId: $r) { points { step value } } }',
      { r: createRun.id },
    );
    let step = 0;
    await untilLive(points, () => b.ok('mutation($r: ID!, $s: Long) { logMetric(runId: $r, key: "probe", value: 0, step: $s) { metricsStored } }', { r: createRun.id, s: step++ }));
    const seen = points.events.length;
    await b.ok('mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }', {
      input: { runId: createRun.id, metrics: [{ key: 'loss', value: 'NaN', step: 100 }, { key: 'loss', value: '-Infinity', step: 101 }, { key: 'loss', value: 0.5, step: 102 }] },
    });
    const events = await points.waitFor(seen + 1);
    expect(events[seen]!.runMetrics.points).toEqual([
      { step: 100, value: 'NaN' },
      { step: 101, value: '-Infinity' },
      { step: 102, value: 0.5 },
    ]);
  });
});
