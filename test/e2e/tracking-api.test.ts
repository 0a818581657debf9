import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, subscribe, untilLive, type TestServer } from '../support/server.js';

const RUN_FIELDS = 'id name status startTime endTime userId parentRunId params { key value } tags { key value } latestMetrics { key value step timestamp }';

describe('tracking API over HTTP and WebSocket', () => {
  let server: TestServer;
  let experimentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const data = await server.ok<{ getOrCreateExperiment: { id: string } }>(
      'mutation { getOrCreateExperiment(name: "llm-fine-tuning") { id } }',
    );
    experimentId = data.getOrCreateExperiment.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const createRun = async (runName: string, extra: Record<string, unknown> = {}) =>
    (
      await server.ok<{ createRun: { id: string } }>(
        'mutation($input: CreateRunInput!) { createRun(input: $input) { id } }',
        { input: { experimentId, runName, ...extra } },
      )
    ).createRun.id;

  it('serves /health with the database kind', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'sqlite' });
  });

  it('runs the whole flow of a training job', async () => {
    const again = await server.ok<{ getOrCreateExperiment: { id: string } }>(
      'mutation { getOrCreateExperiment(name: "llm-fine-tuning") { id } }',
    );
    expect(again.getOrCreateExperiment.id).toBe(experimentId);
    const runId = await createRun('gpt2-lora-baseline', { tags: [{ key: 'mlflow.user', value: 'ana' }] });
    expect(runId).toMatch(/^[0-9a-f]{32}$/);
    await server.ok('mutation($r: ID!) { logParam(runId: $r, key: "model", value: "gpt2") { paramsStored } }', { r: runId });
    await server.ok('mutation($r: ID!) { setTag(runId: $r, key: "dataset", value: "alpaca-52k") { tagsSet } }', { r: runId });
    for (let epoch = 0; epoch < 3; epoch++) {
      await server.ok('mutation($r: ID!, $v: MetricValue!, $s: Long) { logMetric(runId: $r, key: "train_loss", value: $v, step: $s) { metricsStored } }', {
        r: runId,
        v: 0.45 - epoch * 0.1,
        s: epoch,
      });
    }
    const batch = await server.ok<{ logBatch: { metricsStored: number; paramsStored: number; tagsSet: number } }>(
      'mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored paramsStored tagsSet } }',
      {
        input: {
          runId,
          metrics: [
            { key: 'val_loss', value: 0.52, step: 0, timestamp: 1000 },
            { key: 'val_loss', value: 0.35, step: 1, timestamp: 2000 },
            { key: 'val_loss', value: 'NaN', step: 2, timestamp: 3000 },
          ],
          params: [{ key: 'learning_rate', value: '2e-5' }, { key: 'batch_size', value: '16' }],
          tags: [{ key: 'stage', value: 'dev' }],
        },
      },
    );
    expect(batch.logBatch).toEqual({ metricsStored: 3, paramsStored: 2, tagsSet: 1 });
    await server.ok('mutation($r: ID!) { updateRun(input: { runId: $r, status: FINISHED }) { status } }', { r: runId });

    const { run } = await server.ok<{ run: Record<string, any> }>(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id: runId });
    expect(run.name).toBe('gpt2-lora-baseline');
    expect(run.status).toBe('FINISHED');
    expect(run.endTime).toBeGreaterThanOrEqual(run.startTime);
    expect(run.userId).toBe('ana');
    expect(run.params).toEqual([
      { key: 'batch_size', value: '16' },
      { key: 'learning_rate', value: '2e-5' },
      { key: 'model', value: 'gpt2' },
    ]);
    expect(run.tags).toEqual(
      expect.arrayContaining([{ key: 'dataset', value: 'alpaca-52k' }, { key: 'stage', value: 'dev' }, { key: 'mlflow.runName', value: 'gpt2-lora-baseline' }]),
    );
    const latest = Object.fromEntries(run.latestMetrics.map((m: { key: string; value: unknown; step: number }) => [m.key, [m.value, m.step]]));
    expect(latest.train_loss[1]).toBe(2);
    expect(latest.train_loss[0]).toBeCloseTo(0.25);
    expect(latest.val_loss).toEqual(['NaN', 2]);

    const history = await server.ok<{ metricHistory: { points: Array<{ value: unknown; step: number }>; downsampled: boolean } }>(
      'query($r: ID!) { metricHistory(runId: $r, key: "val_loss", maxPoints: 100) { downsampled points { value step timestamp } } }',
      { r: runId },
    );
    expect(history.metricHistory.downsampled).toBe(false);
    expect(history.metricHistory.points).toEqual([
      { value: 0.52, step: 0, timestamp: 1000 },
      { value: 0.35, step: 1, timestamp: 2000 },
      { value: 'NaN', step: 2, timestamp: 3000 },
    ]);
    const columns = await server.ok<{ metricHistory: { steps: number[]; timestamps: number[]; values: unknown[] } }>(
      'query($r: ID!) { metricHistory(runId: $r, key: "val_loss") { steps timestamps values } }',
      { r: runId },
    );
    expect(columns.metricHistory).toEqual({ steps: [0, 1, 2], timestamps: [1000, 2000, 3000], values: [0.52, 0.35, 'NaN'] });
    const keys = await server.ok<{ metricKeys: string[] }>('query($r: ID!) { metricKeys(runId: $r) }', { r: runId });
    expect(keys.metricKeys).toEqual(['train_loss', 'val_loss']);

    const listed = await server.ok<{ experiment: { runCount: number; runs: { nodes: Array<{ id: string }> } } }>(
      'query($id: ID!) { experiment(id: $id) { runCount runs(first: 10) { nodes { id } } } }',
      { id: experimentId },
    );
    expect(listed.experiment.runs.nodes.map((r) => r.id)).toContain(runId);
  });

  it('answers bad input with typed errors that name the problem, and writes nothing of a rejected batch', async () => {
    const runId = await createRun('errors');
    await server.ok('mutation($r: ID!) { logParam(runId: $r, key: "lr", value: "0.1") { paramsStored } }', { r: runId });
    const conflict = await server.gql(
      'mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }',
      { input: { runId, params: [{ key: 'lr', value: '0.2' }], metrics: [{ key: 'loss', value: 1 }] } },
    );
    expect(conflict.errors?.[0]?.extensions?.code).toBe('INVALID_PARAMETER_VALUE');
    expect(conflict.errors?.[0]?.message).toMatch(/param "lr"/);
    const keys = await server.ok<{ metricKeys: string[] }>('query($r: ID!) { metricKeys(runId: $r) }', { r: runId });
    expect(keys.metricKeys).toEqual([]);

    const tooMany = await server.gql('mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }', {
      input: { runId, metrics: Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, step: i })) },
    });
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_PARAMETER_VALUE' } });
    expect(tooMany.errors?.[0]?.message).toMatch(/at most 1000 metrics/);

    const unknown = await server.gql('{ run(id: "0123456789abcdef0123456789abcdef") { id } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('RESOURCE_DOES_NOT_EXIST');

    const badValue = await server.gql('mutation($r: ID!) { logMetric(runId: $r, key: "m", value: "lots") { metricsStored } }', { r: runId });
    expect(badValue.errors?.[0]?.message).toMatch(/MetricValue must be a number or one of "NaN"/);
    const badStep = await server.gql('mutation($r: ID!) { logMetric(runId: $r, key: "m", value: 1, step: 1.5) { metricsStored } }', { r: runId });
    expect(badStep.errors?.[0]?.message).toMatch(/Long must be an integer/);
    const badKey = await server.gql('mutation($r: ID!) { logMetric(runId: $r, key: "no!pe", value: 1) { metricsStored } }', { r: runId });
    expect(badKey.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_PARAMETER_VALUE' } });
    expect(badKey.errors?.[0]?.message).toMatch(/metrics\[0\]\.key "no!pe"/);

    await server.ok('mutation($r: ID!) { updateRun(input: { runId: $r, status: FINISHED }) { status } }', { r: runId });
    const finished = await server.gql('mutation($r: ID!) { logMetric(runId: $r, key: "m", value: 1) { metricsStored } }', { r: runId });
    expect(finished.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    await server.ok('mutation($r: ID!) { deleteRun(id: $r) { lifecycleStage } }', { r: runId });
    const deleted = await server.gql('mutation($r: ID!) { setTag(runId: $r, key: "k", value: "v") { tagsSet } }', { r: runId });
    expect(deleted.errors?.[0]?.message).toMatch(/deleted/);

    const syntax = await server.gql('{ run(id: ');
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
    const both = await server.gql('{ experiment(id: "1", name: "x") { id } }');
    expect(both.errors?.[0]?.message).toBe('experiment needs exactly one of id or name');

    const huge = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(huge.status).toBe(413);
    expect(JSON.stringify(await huge.json())).toMatch(/larger than 1048576 bytes/);
  });

  it('answers malformed HTTP requests clearly, on the fast JSON path and through yoga alike', async () => {
    const post = (body: string, accept = 'application/json') =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });
    const notJson = await post('{"query": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    const noQuery = await post('{"variables": {}}');
    expect((await noQuery.json()).errors[0].message).toBe('the request body must have a "query" string');
    const subscription = await post(JSON.stringify({ query: 'subscription { experimentUpdated { change } }' }));
    expect((await subscription.json()).errors[0].message).toMatch(/WebSocket/);
    const unknownField = await post(JSON.stringify({ query: '{ nope }' }));
    expect((await unknownField.json()).errors[0].message).toMatch(/Cannot query field "nope"/);

    // The GraphQL-over-HTTP media type goes through yoga itself, with the same typed errors.
    const viaYoga = await post(JSON.stringify({ query: '{ run(id: "0123456789abcdef0123456789abcdef") { id } }' }), 'application/graphql-response+json');
    expect(viaYoga.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    expect((await viaYoga.json()).errors[0].extensions.code).toBe('RESOURCE_DOES_NOT_EXIST');
    const okViaYoga = await post(JSON.stringify({ query: '{ experiment(id: "0") { name } }' }), 'application/graphql-response+json');
    expect(await okViaYoga.json()).toEqual({ data: { experiment: { name: 'Default' } } });
  });

  it('streams every one of 10,000 points logged in 20 batches to a WebSocket subscriber, in step order', async () => {
    const runId = await createRun('live');
    const client = server.wsClient();
    const sub = subscribe<{ runMetrics: { points: Array<{ key: string; step: number; value: number }> } }>(
      client,
      'subscription($r: ID!) { runMetrics(runId: $r) { points { key step value } } }',
      { r: runId },
    );
    let probe = 0;
    await untilLive(sub, () =>
      server.ok('mutation($r: ID!, $s: Long) { logMetric(runId: $r, key: "probe", value: 1, step: $s) { metricsStored } }', { r: runId, s: probe++ }),
    );
    for (let b = 0; b < 20; b++) {
      const metrics = Array.from({ length: 500 }, (_, i) => ({ key: 'loss', value: 1 / (b * 500 + i + 1), step: b * 500 + i, timestamp: 1 }));
      await server.ok('mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }', { input: { runId, metrics } });
    }
    const deadline = Date.now() + 15_000;
    const lossPoints = () => sub.events.flatMap((e) => e.runMetrics.points).filter((p) => p.key === 'loss');
    while (lossPoints().length < 10_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const steps = lossPoints().map((p) => p.step);
    expect(steps).toHaveLength(10_000);
    expect(steps).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(lossPoints()[9_999]!.value).toBeCloseTo(1 / 10_000);
    sub.unsubscribe();
  });

  it('filters runMetrics by key, and tells runUpdated subscribers about new runs and status changes', async () => {
    const runId = await createRun('filtered');
    const client = server.wsClient();
    const onlyAcc = subscribe<{ runMetrics: { points: Array<{ key: string }> } }>(
      client,
      'subscription($r: ID!) { runMetrics(runId: $r, keys: ["acc"]) { points { key } } }',
      { r: runId },
    );
    await untilLive(onlyAcc, () =>
      server.ok('mutation($r: ID!) { logBatch(input: { runId: $r, metrics: [{ key: "acc", value: 0 }] }) { metricsStored } }', { r: runId }),
    );
    const before = onlyAcc.events.length;
    await server.ok('mutation($r: ID!) { logBatch(input: { runId: $r, metrics: [{ key: "loss", value: 1, step: 1 }, { key: "acc", value: 0.5, step: 1 }] }) { metricsStored } }', { r: runId });
    const events = await onlyAcc.waitFor(before + 1);
    expect(events.at(-1)!.runMetrics.points).toEqual([{ key: 'acc' }]);

    const runs = subscribe<{ runUpdated: { change: string; run: { name: string; status: string } } }>(
      client,
      'subscription($e: ID!) { runUpdated(experimentId: $e) { change run { name status } } }',
      { e: experimentId },
    );
    await untilLive(runs, () => server.ok('mutation($r: ID!) { setTag(runId: $r, key: "poke", value: "1") { tagsSet } }', { r: runId }));
    const seen = runs.events.length;
    const newRunId = await createRun('announced');
    await server.ok('mutation($r: ID!) { updateRun(input: { runId: $r, status: FAILED }) { status } }', { r: newRunId });
    const updates = (await runs.waitFor(seen + 2)).slice(seen).map((e) => [e.runUpdated.change, e.runUpdated.run.name, e.runUpdated.run.status]);
    expect(updates).toEqual([
      ['CREATED', 'announced', 'RUNNING'],
      ['UPDATED', 'announced', 'FAILED'],
    ]);
  });

  it('rejects a subscription to an unknown run with a typed error', async () => {
    const sub = subscribe(server.wsClient(), 'subscription { runMetrics(runId: "0123456789abcdef0123456789abcdef") { runId } }');
    await sub.completed;
    expect(JSON.stringify(sub.errors)).toMatch(/RESOURCE_DOES_NOT_EXIST|no run with id/);
  });

  it('streams over server-sent events too', async () => {
    const runId = await createRun('sse');
    const controller = new AbortController();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription($r: ID!) { runMetrics(runId: $r) { points { step value } } }', variables: { r: runId } }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    let step = 0;
    const deadline = Date.now() + 10_000;
    while (!text.includes('"value":"Infinity"') && Date.now() < deadline) {
      await server.ok('mutation($r: ID!, $s: Long) { logMetric(runId: $r, key: "x", value: "Infinity", step: $s) { metricsStored } }', { r: runId, s: step++ });
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
      if (chunk && !chunk.done) text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toMatch(/event: next\ndata: \{"data":\{"runMetrics":\{"points":\[\{"step":\d+,"value":"Infinity"\}\]\}\}\}/);
    controller.abort();
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight write finish, then completes subscriptions', async () => {
    const server = await startTestServer();
    try {
      const { getOrCreateExperiment } = await server.ok<{ getOrCreateExperiment: { id: string } }>('mutation { getOrCreateExperiment(name: "s") { id } }');
      const { createRun } = await server.ok<{ createRun: { id: string } }>(
        'mutation($e: ID!) { createRun(input: { experimentId: $e }) { id } }',
        { e: getOrCreateExperiment.id },
      );
      const sub = subscribe(server.wsClient(), 'subscription($r: ID!) { runMetrics(runId: $r) { points { step } } }', { r: createRun.id });
      let s = 0;
      await untilLive(sub, () => server.ok('mutation($r: ID!, $s: Long) { logMetric(runId: $r, key: "m", value: 1, step: $s) { metricsStored } }', { r: createRun.id, s: s++ }));
      const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'last', value: i, step: i }));
      const write = server.gql('mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }', { input: { runId: createRun.id, metrics } });
      await new Promise((r) => setTimeout(r, 5));
      await server.app.stop();
      expect((await write).data).toEqual({ logBatch: { metricsStored: 1000 } });
      await sub.completed;
      expect(sub.errors).toEqual([]);
      const lastPoints = (sub.events as Array<{ runMetrics: { points: unknown[] } }>).flatMap((e) => e.runMetrics.points);
      expect(lastPoints.length).toBeGreaterThanOrEqual(1000);
      await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    } finally {
      await server.dispose();
    }
  });
});
