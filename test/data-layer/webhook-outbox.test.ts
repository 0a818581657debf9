import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimDueDeliveries,
  createExperiment,
  createModelVersion,
  createRegisteredModel,
  createRun,
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  recordDeliveryAttempt,
  retryDelayMs,
  setModelVersionTag,
  setRegisteredModelAlias,
  updateWebhook,
  DEFAULT_RETRY_POLICY,
  noEvents,
  type CoreContext,
} from '@contrail/core';
import { createDb, type Db } from '@contrail/db';
import { openTestDatabase, TEST_PROVIDERS, type TestDatabase } from '../support/databases.js';
import { expectError } from '../support/expect-error.js';

const SECRET = 'whsec-0123456789abcdef';

describe.each(TEST_PROVIDERS)('webhook outbox on %s', (provider) => {
  let database: TestDatabase;
  let ctx: CoreContext & { now: () => number };
  let clock = 1_000_000;
  let runId: string;

  beforeAll(async () => {
    database = await openTestDatabase(provider);
    // A settable clock, so that backoff and leases can be stepped through without waiting.
    ctx = { db: database.db, events: noEvents, artifactRoot: 'file:///tmp/a', now: () => clock };
    const experiment = await createExperiment(ctx, { name: 'hooks' });
    runId = (await createRun(ctx, { experimentId: experiment.id })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const deliveries = async (webhookId: string) => (await listWebhookDeliveries(ctx, { webhookId })).items;

  it('registers webhooks with validated fields and never gives the secret back', async () => {
    const hook = await createWebhook(ctx, { name: 'ci', url: 'https://ci.example/hook', secret: SECRET, events: ['model_version.created'] });
    expect(hook).toMatchObject({ name: 'ci', active: true, events: ['model_version.created'], maskedSecret: '********cdef' });
    expect(JSON.stringify([hook, await getWebhook(ctx, hook.id), await listWebhooks(ctx)])).not.toContain(SECRET);
    const updated = await updateWebhook(ctx, hook.id, { secret: 'short-but-ok', events: ['model_version_alias.moved'], active: false });
    expect(updated).toMatchObject({ maskedSecret: '********', events: ['model_version_alias.moved'], active: false, url: 'https://ci.example/hook' });
    await expectError(createWebhook(ctx, { name: 'x', url: 'ftp://host/x', secret: SECRET, events: ['model_version.created'] }), 'INVALID_PARAMETER_VALUE', /http/);
    await expectError(createWebhook(ctx, { name: 'x', url: 'not a url', secret: SECRET, events: ['model_version.created'] }), 'INVALID_PARAMETER_VALUE');
    await expectError(createWebhook(ctx, { name: 'x', url: 'http://h/x', secret: 'short', events: ['model_version.created'] }), 'INVALID_PARAMETER_VALUE', /at least 8/);
    await expectError(createWebhook(ctx, { name: 'x', url: 'http://h/x', secret: SECRET, events: ['run.created'] }), 'INVALID_PARAMETER_VALUE', /not an event/);
    await expectError(createWebhook(ctx, { name: 'x', url: 'http://h/x', secret: SECRET, events: [] }), 'INVALID_PARAMETER_VALUE');
    await expectError(updateWebhook(ctx, '999', { active: true }), 'RESOURCE_DOES_NOT_EXIST');
    await deleteWebhook(ctx, hook.id);
    await expectError(getWebhook(ctx, hook.id), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('records deliveries in the transaction of the change, for the subscribed active webhooks only', async () => {
    const versions = await createWebhook(ctx, { name: 'versions', url: 'http://127.0.0.1:9/v', secret: SECRET, events: ['model_version.created', 'model_version_tag.set'] });
    const aliases = await createWebhook(ctx, { name: 'aliases', url: 'http://127.0.0.1:9/a', secret: SECRET, events: ['model_version_alias.created', 'model_version_alias.moved'] });
    const paused = await createWebhook(ctx, { name: 'paused', url: 'http://127.0.0.1:9/p', secret: SECRET, events: ['model_version.created'], active: false });
    await createRegisteredModel(ctx, { name: 'outboxed' });
    await createModelVersion(ctx, { name: 'outboxed', runId, tags: [{ key: 'k', value: 'v' }] });
    await setModelVersionTag(ctx, 'outboxed', 1, { key: 'reviewed', value: 'yes' });
    await setRegisteredModelAlias(ctx, { name: 'outboxed', alias: 'champion', version: 1, actor: 'ana' });
    // A change that fails leaves no delivery behind.
    await expectError(createModelVersion(ctx, { name: 'outboxed', runId: 'f'.repeat(32) }), 'RESOURCE_DOES_NOT_EXIST');

    const sent = await deliveries(versions.id);
    expect(sent.map((d) => [d.event, d.status, d.attempts])).toEqual([
      ['model_version_tag.set', 'PENDING', 0],
      ['model_version.created', 'PENDING', 0],
    ]);
    expect(JSON.parse(sent[1]!.payload)).toEqual({
      id: sent[1]!.eventId,
      event: 'model_version.created',
      entity: 'model_version',
      action: 'created',
      timestamp: clock,
      data: { name: 'outboxed', version: '1', source: `runs:/${runId}/model`, run_id: runId, tags: { k: 'v' }, description: '' },
    });
    expect((await deliveries(aliases.id)).map((d) => JSON.parse(d.payload).data)).toEqual([
      { name: 'outboxed', alias: 'champion', version: '1', actor: 'ana' },
    ]);
    expect(await deliveries(paused.id)).toEqual([]);
    for (const hook of [versions, aliases, paused]) await deleteWebhook(ctx, hook.id);
  });

  it('leases claimed deliveries, retries with exponential backoff and gives up after the last attempt', async () => {
    const hook = await createWebhook(ctx, { name: 'flaky', url: 'http://127.0.0.1:9/f', secret: SECRET, events: ['registered_model.created'] });
    await createRegisteredModel(ctx, { name: 'retried' });
    const policy = { maxAttempts: 3, initialDelayMs: 1000, multiplier: 4 };
    const [task] = await claimDueDeliveries(ctx, { limit: 10, leaseMs: 30_000 });
    expect(task).toMatchObject({ url: 'http://127.0.0.1:9/f', secret: SECRET, event: 'registered_model.created', attempts: 0 });
    expect(await claimDueDeliveries(ctx, { limit: 10, leaseMs: 30_000 })).toEqual([]); // leased

    expect(await recordDeliveryAttempt(ctx, task!.id, { ok: false, responseCode: 500, error: 'HTTP 500' }, policy)).toBe('PENDING');
    expect((await deliveries(hook.id))[0]).toMatchObject({ attempts: 1, lastResponseCode: 500, nextAttemptTime: clock + 1000 });
    clock += 999;
    expect(await claimDueDeliveries(ctx, { limit: 10, leaseMs: 30_000 })).toEqual([]);
    clock += 1;
    const [again] = await claimDueDeliveries(ctx, { limit: 10, leaseMs: 30_000 });
    expect(again!.attempts).toBe(1);
    await recordDeliveryAttempt(ctx, again!.id, { ok: false, responseCode: null, error: 'ECONNREFUSED' }, policy);
    expect((await deliveries(hook.id))[0]).toMatchObject({ attempts: 2, lastResponseCode: null, lastError: 'ECONNREFUSED', nextAttemptTime: clock + 4000 });
    clock += 4000;
    const [last] = await claimDueDeliveries(ctx, { limit: 10, leaseMs: 30_000 });
    expect(await recordDeliveryAttempt(ctx, last!.id, { ok: false, responseCode: 503, error: 'HTTP 503' }, policy)).toBe('FAILED');
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'FAILED', attempts: 3, nextAttemptTime: null });

    // A lease that runs out (the worker died mid-attempt) makes the delivery due again.
    await createRegisteredModel(ctx, { name: 'orphaned' });
    const [orphan] = await claimDueDeliveries(ctx, { limit: 10, leaseMs: 30_000 });
    clock += 30_000;
    const [retaken] = await claimDueDeliveries(ctx, { limit: 10, leaseMs: 30_000 });
    expect(retaken!.id).toBe(orphan!.id);
    expect(await recordDeliveryAttempt(ctx, retaken!.id, { ok: true, responseCode: 204, error: null }, policy)).toBe('SUCCEEDED');
    await deleteWebhook(ctx, hook.id);
  });

  it('has a default schedule of 6 attempts over about half an hour', () => {
    const waits = [1, 2, 3, 4, 5].map((n) => retryDelayMs(DEFAULT_RETRY_POLICY, n));
    expect([DEFAULT_RETRY_POLICY.maxAttempts, waits]).toEqual([6, [5000, 20_000, 80_000, 320_000, 1_280_000]]);
  });

  it('lets competing workers claim each delivery once', async () => {
    let other: Db | null = null;
    if (provider === 'postgresql') other = await createDb(database.url, { migrations: 'skip' });
    try {
      const hook = await createWebhook(ctx, { name: 'shared', url: 'http://127.0.0.1:9/s', secret: SECRET, events: ['registered_model.created'] });
      for (let i = 0; i < 12; i++) await createRegisteredModel(ctx, { name: `fan-${i}` });
      const workers = [ctx, { ...ctx, db: other ?? ctx.db }, ctx, { ...ctx, db: other ?? ctx.db }];
      const claims = await Promise.all(workers.map((w) => claimDueDeliveries(w, { limit: 12, leaseMs: 60_000 })));
      const ids = claims.flat().map((t) => t.id);
      expect(ids.length).toBe(12);
      expect(new Set(ids).size).toBe(12);
      await deleteWebhook(ctx, hook.id);
    } finally {
      await other?.close();
    }
  });
});
