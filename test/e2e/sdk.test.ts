import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contrail, ContrailError } from '@contrail/sdk';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the TypeScript SDK against the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('buffers points into batches, logs params and tags, and finishes the run', async () => {
    const contrail = new Contrail({ url: server.url });
    const runId = await contrail.withRun({ experiment: 'sdk', runName: 'sdk-run', tags: { team: 'nlp' } }, async (run) => {
      await run.logParam('lr', 0.001);
      await run.setTag('stage', 'dev');
      for (let step = 0; step < 2500; step++) run.logMetric('loss', 1 / (step + 1), { step });
      run.logMetric('loss', Number.NaN, { step: 2500 });
      return run.id;
    });
    const { run } = await server.ok<{ run: { status: string; params: unknown[]; tags: Array<{ key: string }>; latestMetrics: unknown[] } }>(
      'query($id: ID!) { run(id: $id) { status params { key value } tags { key } latestMetrics { key value step } } }',
      { id: runId },
    );
    expect(run.status).toBe('FINISHED');
    expect(run.params).toEqual([{ key: 'lr', value: '0.001' }]);
    expect(run.tags.map((t) => t.key)).toEqual(expect.arrayContaining(['team', 'stage']));
    expect(run.latestMetrics).toEqual([{ key: 'loss', value: 'NaN', step: 2500 }]);
    const history = await server.ok<{ metricHistory: { steps: number[] } }>('query($id: ID!) { metricHistory(runId: $id, key: "loss") { steps } }', { id: runId });
    expect(history.metricHistory.steps).toHaveLength(2501);
  });

  it('marks the run FAILED when the training function throws, and reports server errors with their code', async () => {
    const contrail = new Contrail({ url: server.url });
    let runId = '';
    await expect(
      contrail.withRun({ experiment: 'sdk' }, async (run) => {
        runId = run.id;
        await run.logParam('lr', 1);
        await run.logParam('lr', 2);
      }),
    ).rejects.toMatchObject({ name: 'ContrailError', code: 'INVALID_PARAMETER_VALUE' });
    const { run } = await server.ok<{ run: { status: string } }>('query($id: ID!) { run(id: $id) { status } }', { id: runId });
    expect(run.status).toBe('FAILED');
  });

  it('gives up with a clear error when the server stays unreachable', async () => {
    const contrail = new Contrail({ url: 'http://127.0.0.1:9', retries: 2, backoffMs: 10 });
    const error = await contrail.startRun({ experiment: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContrailError);
    expect((error as Error).message).toMatch(/cannot reach the server at http:\/\/127\.0\.0\.1:9/);
  });
});
