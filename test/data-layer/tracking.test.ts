import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExperiment,
  createRun,
  deleteExperiment,
  deleteRun,
  ensureDefaultExperiment,
  getExperiment,
  getExperimentByName,
  getLatestMetrics,
  getMetricHistory,
  getMetricKeys,
  getOrCreateExperiment,
  getRun,
  getRunParams,
  getRunTags,
  listExperiments,
  listRuns,
  logBatch,
  renameExperiment,
  restoreExperiment,
  restoreRun,
  setExperimentTag,
  getExperimentTags,
  updateRun,
  deleteTag,
  listChildRuns,
  TOPICS,
  ALL_EXPERIMENTS,
  createRegisteredModel,
  createModelVersion,
  setRegisteredModelAlias,
  type CoreContext,
} from '@contrail/core';
import { openTestDatabase, TEST_PROVIDERS, type TestDatabase } from '../support/databases.js';
import { recordingContext, type RecordedEvent } from '../support/core-context.js';
import { expectError } from '../support/expect-error.js';

describe.each(TEST_PROVIDERS)('data layer on %s', (provider) => {
  let database: TestDatabase;
  let ctx: CoreContext & { published: RecordedEvent[] };
  let experimentId: string;
  let counter = 0;
  const newRun = async (extra: Partial<Parameters<typeof createRun>[1]> = {}) =>
    createRun(ctx, { experimentId, runName: `run-${++counter}`, ...extra });

  beforeAll(async () => {
    database = await openTestDatabase(provider);
    ctx = recordingContext(database.db);
    experimentId = (await createExperiment(ctx, { name: 'core-rules' })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  describe('experiments', () => {
    it('creates the Default experiment with id 0 once', async () => {
      await ensureDefaultExperiment(ctx);
      await ensureDefaultExperiment(ctx);
      const experiment = await getExperiment(ctx, '0');
      expect(experiment.name).toBe('Default');
      expect(experiment.artifactLocation).toBe('file:///tmp/contrail-test-artifacts/0');
    });

    it('rejects a duplicate name, and getOrCreate returns the existing one', async () => {
      const created = await createExperiment(ctx, { name: 'dup', tags: [{ key: 'team', value: 'nlp' }] });
      await expectError(createExperiment(ctx, { name: 'dup' }), 'RESOURCE_ALREADY_EXISTS', /"dup" already exists/);
      expect((await getOrCreateExperiment(ctx, 'dup')).id).toBe(created.id);
      const fresh = await getOrCreateExperiment(ctx, 'brand-new');
      expect(fresh.name).toBe('brand-new');
      expect(await getExperimentTags(ctx, created.id)).toEqual([{ key: 'team', value: 'nlp' }]);
    });

    it('renames, tags, deletes with its runs and restores them', async () => {
      const experiment = await createExperiment(ctx, { name: 'to-rename' });
      const run = await createRun(ctx, { experimentId: experiment.id });
      await expectError(renameExperiment(ctx, experiment.id, 'dup'), 'RESOURCE_ALREADY_EXISTS');
      expect((await renameExperiment(ctx, experiment.id, 'renamed')).name).toBe('renamed');
      await setExperimentTag(ctx, experiment.id, { key: 'owner', value: 'ana' });
      await setExperimentTag(ctx, experiment.id, { key: 'owner', value: 'bo' });
      expect(await getExperimentTags(ctx, experiment.id)).toEqual([{ key: 'owner', value: 'bo' }]);

      await deleteExperiment(ctx, experiment.id);
      expect((await getRun(ctx, run.id)).lifecycleStage).toBe('deleted');
      await expectError(createRun(ctx, { experimentId: experiment.id }), 'INVALID_PARAMETER_VALUE', /deleted/);
      await expectError(getOrCreateExperiment(ctx, 'renamed'), 'INVALID_PARAMETER_VALUE', /deleted/);
      const active = await listExperiments(ctx, { first: 1000 });
      expect(active.items.map((e) => e.name)).not.toContain('renamed');
      const deleted = await listExperiments(ctx, { view: 'DELETED_ONLY' });
      expect(deleted.items.map((e) => e.name)).toEqual(['renamed']);

      await restoreExperiment(ctx, experiment.id);
      expect((await getRun(ctx, run.id)).lifecycleStage).toBe('active');
      await expectError(deleteExperiment(ctx, '0'), 'INVALID_PARAMETER_VALUE', /Default/);
    });

    it('gives typed errors for unknown and malformed ids', async () => {
      await expectError(getExperiment(ctx, '987654'), 'RESOURCE_DOES_NOT_EXIST');
      await expectError(getExperiment(ctx, 'abc'), 'INVALID_PARAMETER_VALUE', /numeric/);
      await expectError(getExperimentByName(ctx, 'nope'), 'RESOURCE_DOES_NOT_EXIST');
      await expectError(createExperiment(ctx, { name: '  ' }), 'INVALID_PARAMETER_VALUE', /name/);
      await expectError(createExperiment(ctx, { name: 'x'.repeat(501) }), 'INVALID_PARAMETER_VALUE', /limit is 500/);
    });

    it('pages experiments newest first', async () => {
      const first = await listExperiments(ctx, { first: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = await listExperiments(ctx, { first: 1000, after: first.nextCursor });
      const ids = [...first.items, ...second.items].map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(ids.length).toBe(first.totalCount);
    });
  });

  describe('params', () => {
    it('are write-once: the same value again is fine, another value fails the whole batch', async () => {
      const run = await newRun();
      await logBatch(ctx, { runId: run.id, params: [{ key: 'lr', value: '0.1' }] });
      await logBatch(ctx, { runId: run.id, params: [{ key: 'lr', value: '0.1' }] });
      await expectError(
        logBatch(ctx, {
          runId: run.id,
          params: [{ key: 'lr', value: '0.2' }],
          metrics: [{ key: 'loss', value: 1, step: 0, timestamp: 1 }],
          tags: [{ key: 'stage', value: 'x' }],
        }),
        'INVALID_PARAMETER_VALUE',
        /param "lr".*already "0\.1".*"0\.2"/,
      );
      expect(await getRunParams(ctx, run.id)).toEqual([{ key: 'lr', value: '0.1' }]);
      expect((await getMetricHistory(ctx, { runId: run.id, key: 'loss' })).points).toEqual([]);
      expect((await getRunTags(ctx, run.id)).map((t) => t.key)).not.toContain('stage');
    });

    it('rejects the same key twice in one batch with different values', async () => {
      const run = await newRun();
      await expectError(
        logBatch(ctx, { runId: run.id, params: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }),
        'INVALID_PARAMETER_VALUE',
        /params\[1\]/,
      );
    });
  });

  describe('limits and validation', () => {
    it('rejects 1001 metrics, 101 params and bad keys, naming the field', async () => {
      const run = await newRun();
      const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, step: i }));
      await expectError(logBatch(ctx, { runId: run.id, metrics }), 'INVALID_PARAMETER_VALUE', /at most 1000 metrics, got 1001/);
      const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' }));
      await expectError(logBatch(ctx, { runId: run.id, params }), 'INVALID_PARAMETER_VALUE', /at most 100 params/);
      await expectError(
        logBatch(ctx, { runId: run.id, metrics: [{ key: 'ok', value: 1 }, { key: 'bad key!', value: 1 }] }),
        'INVALID_PARAMETER_VALUE',
        /metrics\[1\]\.key "bad key!"/,
      );
      await expectError(logBatch(ctx, { runId: run.id, params: [{ key: '../etc', value: '1' }] }), 'INVALID_PARAMETER_VALUE', /\.\./);
      await expectError(
        logBatch(ctx, { runId: run.id, params: [{ key: 'long', value: 'x'.repeat(6001) }] }),
        'INVALID_PARAMETER_VALUE',
        /params\[0\]\.value .*limit is 6000/,
      );
      await expectError(
        logBatch(ctx, { runId: run.id, metrics: [{ key: 'm', value: 1, step: 1.5 }] }),
        'INVALID_PARAMETER_VALUE',
        /metrics\[0\]\.step must be an integer/,
      );
      await expectError(
        logBatch(ctx, { runId: run.id, tags: [{ key: 'note', value: 'a\u0000b' }] }),
        'INVALID_PARAMETER_VALUE',
        /tags\[0\]\.value must not contain the NUL character/,
      );
      const accepted = Array.from({ length: 1000 }, (_, i) => ({ key: 'm', value: i, step: i }));
      expect((await logBatch(ctx, { runId: run.id, metrics: accepted })).metricsStored).toBe(1000);
    });

    it('rejects logging to an unknown run', async () => {
      await expectError(logBatch(ctx, { runId: 'f'.repeat(32), metrics: [{ key: 'm', value: 1 }] }), 'RESOURCE_DOES_NOT_EXIST');
    });
  });

  describe('metric points', () => {
    it('round-trip NaN and ±Infinity through history and latest values', async () => {
      const run = await newRun();
      await logBatch(ctx, {
        runId: run.id,
        metrics: [
          { key: 'nan', value: Number.NaN, step: 0, timestamp: 10 },
          { key: 'inf', value: Number.POSITIVE_INFINITY, step: 0, timestamp: 10 },
          { key: 'ninf', value: Number.NEGATIVE_INFINITY, step: 0, timestamp: 10 },
          { key: 'tiny', value: 5e-324, step: 0, timestamp: 10 },
        ],
      });
      const value = async (key: string) => (await getMetricHistory(ctx, { runId: run.id, key })).points[0]?.value;
      expect(await value('nan')).toBeNaN();
      expect(await value('inf')).toBe(Number.POSITIVE_INFINITY);
      expect(await value('ninf')).toBe(Number.NEGATIVE_INFINITY);
      expect(await value('tiny')).toBe(5e-324);
      const latest = Object.fromEntries((await getLatestMetrics(ctx, run.id)).map((m) => [m.key, m.value]));
      expect(latest.nan).toBeNaN();
      expect(latest.inf).toBe(Number.POSITIVE_INFINITY);
      expect(latest.ninf).toBe(Number.NEGATIVE_INFINITY);
    });

    it('keeps as latest the greatest step, then timestamp, whatever order points arrive in', async () => {
      const run = await newRun();
      await logBatch(ctx, { runId: run.id, metrics: [{ key: 'acc', value: 0.9, step: 5, timestamp: 100 }] });
      await logBatch(ctx, { runId: run.id, metrics: [{ key: 'acc', value: 0.1, step: 3, timestamp: 200 }] });
      let [latest] = await getLatestMetrics(ctx, run.id);
      expect(latest).toEqual({ key: 'acc', value: 0.9, step: 5, timestamp: 100 });
      await logBatch(ctx, {
        runId: run.id,
        metrics: [
          { key: 'acc', value: 0.5, step: 5, timestamp: 150 },
          { key: 'acc', value: 0.4, step: 4, timestamp: 900 },
        ],
      });
      [latest] = await getLatestMetrics(ctx, run.id);
      expect(latest).toEqual({ key: 'acc', value: 0.5, step: 5, timestamp: 150 });
      const history = await getMetricHistory(ctx, { runId: run.id, key: 'acc' });
      expect(history.points.map((p) => p.step)).toEqual([3, 4, 5, 5]);
    });

    it('stores a repeated point once, within a batch and across batches', async () => {
      const run = await newRun();
      const point = { key: 'loss', value: 0.25, step: 7, timestamp: 1234 };
      const first = await logBatch(ctx, { runId: run.id, metrics: [point, point] });
      const again = await logBatch(ctx, { runId: run.id, metrics: [point] });
      expect(first.metricsStored).toBe(1);
      expect(again.metricsStored).toBe(0);
      expect((await getMetricHistory(ctx, { runId: run.id, key: 'loss' })).points).toEqual([point]);
      expect(await getMetricKeys(ctx, run.id)).toEqual(['loss']);
    });

    it('returns every point below maxPoints and downsamples longer series keeping extremes and ends', async () => {
      const run = await newRun();
      const total = 20_000;
      const value = (step: number) => (step === 12_345 ? 1000 : step === 777 ? -1000 : Math.sin(step / 100));
      for (let start = 0; start < total; start += 1000) {
        const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'wave', value: value(start + i), step: start + i, timestamp: start + i }));
        await logBatch(ctx, { runId: run.id, metrics });
      }
      const all = await getMetricHistory(ctx, { runId: run.id, key: 'wave', maxPoints: 20_000 });
      expect(all.downsampled).toBe(false);
      expect(all.points).toHaveLength(total);
      const small = await getMetricHistory(ctx, { runId: run.id, key: 'wave', maxPoints: 300 });
      expect(small.downsampled).toBe(true);
      expect(small.points.length).toBeLessThanOrEqual(300);
      expect(small.points.length).toBeGreaterThan(200);
      expect(small.points[0]).toEqual({ key: 'wave', value: value(0), step: 0, timestamp: 0 });
      expect(small.points.at(-1)).toEqual({ key: 'wave', value: value(total - 1), step: total - 1, timestamp: total - 1 });
      expect(small.points.find((p) => p.value === 1000)?.step).toBe(12_345);
      expect(small.points.find((p) => p.value === -1000)?.step).toBe(777);
      const steps = small.points.map((p) => p.step);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      // Dense steps (many points per step) take the other path and keep the same guarantees.
      const dense = await newRun();
      const points = Array.from({ length: 1000 }, (_, i) => ({ key: 'd', value: i === 500 ? 99 : i % 7, step: Math.floor(i / 100), timestamp: i }));
      await logBatch(ctx, { runId: dense.id, metrics: points });
      const summary = await getMetricHistory(ctx, { runId: dense.id, key: 'd', maxPoints: 30 });
      expect(summary.points.length).toBeLessThanOrEqual(30);
      expect(summary.points.some((p) => p.value === 99)).toBe(true);
      await expectError(getMetricHistory(ctx, { runId: run.id, key: 'wave', maxPoints: 1 }), 'INVALID_PARAMETER_VALUE', /maxPoints/);
    });
  });

  describe('run lifecycle', () => {
    it('refuses logging to finished and deleted runs, allows it again after restore or reopening', async () => {
      const run = await newRun();
      const metric = { key: 'm', value: 1 };
      await updateRun(ctx, { runId: run.id, status: 'FINISHED' });
      const finished = await getRun(ctx, run.id);
      expect(finished.status).toBe('FINISHED');
      expect(finished.endTime).not.toBeNull();
      await expectError(logBatch(ctx, { runId: run.id, metrics: [metric] }), 'INVALID_STATE', /FINISHED/);
      await updateRun(ctx, { runId: run.id, status: 'RUNNING' });
      expect((await getRun(ctx, run.id)).endTime).toBeNull();
      await logBatch(ctx, { runId: run.id, metrics: [metric] });

      await deleteRun(ctx, run.id);
      await expectError(logBatch(ctx, { runId: run.id, metrics: [metric] }), 'INVALID_PARAMETER_VALUE', /deleted/);
      await expectError(deleteRun(ctx, run.id), 'INVALID_PARAMETER_VALUE', /already deleted/);
      await restoreRun(ctx, run.id);
      await logBatch(ctx, { runId: run.id, metrics: [metric] });
      await expectError(updateRun(ctx, { runId: run.id, status: 'DONE' }), 'INVALID_PARAMETER_VALUE', /RUNNING, SCHEDULED/);
    });

    it('keeps run names, users and parents in system tags; tags can be overwritten and deleted', async () => {
      const parent = await newRun({ userId: 'ana' });
      const child = await newRun({ parentRunId: parent.id, tags: [{ key: 'phase', value: 'a' }] });
      expect(child.parentRunId).toBe(parent.id);
      expect((await listChildRuns(ctx, parent.id)).map((r) => r.id)).toEqual([child.id]);
      await updateRun(ctx, { runId: child.id, runName: 'renamed-child' });
      await logBatch(ctx, { runId: child.id, tags: [{ key: 'phase', value: 'b' }] });
      const tags = Object.fromEntries((await getRunTags(ctx, child.id)).map((t) => [t.key, t.value]));
      expect(tags).toMatchObject({ 'mlflow.runName': 'renamed-child', 'mlflow.parentRunId': parent.id, phase: 'b' });
      expect((await getRunTags(ctx, parent.id)).find((t) => t.key === 'mlflow.user')?.value).toBe('ana');
      await deleteTag(ctx, child.id, 'phase');
      expect((await getRunTags(ctx, child.id)).map((t) => t.key)).not.toContain('phase');
      await expectError(deleteTag(ctx, child.id, 'phase'), 'RESOURCE_DOES_NOT_EXIST');
      await expectError(newRun({ parentRunId: 'e'.repeat(32) }), 'RESOURCE_DOES_NOT_EXIST', /parentRunId/);
    });

    it('pages runs newest first and the cursor stays right while runs arrive', async () => {
      const experiment = await createExperiment(ctx, { name: 'paging' });
      for (let i = 0; i < 5; i++) await createRun(ctx, { experimentId: experiment.id, startTime: 1000 + i });
      const page1 = await listRuns(ctx, { experimentIds: [experiment.id], first: 2 });
      expect(page1.items.map((r) => r.startTime)).toEqual([1004, 1003]);
      await createRun(ctx, { experimentId: experiment.id, startTime: 5000 });
      const page2 = await listRuns(ctx, { experimentIds: [experiment.id], first: 2, after: page1.nextCursor });
      expect(page2.items.map((r) => r.startTime)).toEqual([1002, 1001]);
      const page3 = await listRuns(ctx, { experimentIds: [experiment.id], first: 2, after: page2.nextCursor });
      expect(page3.items.map((r) => r.startTime)).toEqual([1000]);
      expect(page3.nextCursor).toBeNull();
      expect(page3.totalCount).toBe(6);
      await expectError(listRuns(ctx, { experimentIds: [experiment.id], after: 'garbage' }), 'INVALID_PARAMETER_VALUE', /cursor/);
    });
  });

  describe('events', () => {
    it('publishes every declared topic from some operation', async () => {
      ctx.published.length = 0;
      const experiment = await createExperiment(ctx, { name: 'all-topics' });
      const run = await createRun(ctx, { experimentId: experiment.id });
      await logBatch(ctx, { runId: run.id, metrics: [{ key: 'm', value: 1 }] });
      await createRegisteredModel(ctx, { name: 'all-topics' });
      await createModelVersion(ctx, { name: 'all-topics', runId: run.id });
      await setRegisteredModelAlias(ctx, { name: 'all-topics', alias: 'champion', version: 1 });
      expect(new Set(ctx.published.map((e) => e.topic))).toEqual(new Set(TOPICS));
      expect(ctx.published[0]).toMatchObject({ topic: 'experimentUpdated', key: ALL_EXPERIMENTS, payload: { change: 'CREATED' } });
    });

    it('publishes new points per run and run changes per experiment, after the write', async () => {
      ctx.published.length = 0;
      const run = await newRun();
      await logBatch(ctx, { runId: run.id, metrics: [{ key: 'm', value: 1, step: 1, timestamp: 5 }], tags: [{ key: 't', value: 'v' }] });
      await expectError(logBatch(ctx, { runId: run.id, metrics: [{ key: 'bad!', value: 1 }] }), 'INVALID_PARAMETER_VALUE');
      expect(ctx.published.map((e) => [e.topic, e.key])).toEqual([
        ['runUpdated', experimentId],
        ['runUpdated', ALL_EXPERIMENTS],
        ['metricsLogged', run.id],
        ['runUpdated', experimentId],
        ['runUpdated', ALL_EXPERIMENTS],
      ]);
      expect(ctx.published[2]!.payload).toEqual({ runId: run.id, experimentId, points: [{ key: 'm', value: 1, step: 1, timestamp: 5 }] });
    });
  });
});
