import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { removeDir, startWebhookReceiver, tempDataDir, type WebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'it-is-a-secret-7f3a9c';
// Fast retries so the schedule plays out in well under a second: waits of 60, 120 and 240 ms.
const WORKER = { pollIntervalMs: 20, timeoutMs: 2000, retry: { maxAttempts: 4, initialDelayMs: 60, multiplier: 2 } };

/** Computed here with node:crypto rather than with Contrail's helper, so the test checks the format. */
const expectedSignature = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

const DELIVERY_FIELDS = 'id eventId event status attempts lastResponseCode lastError nextAttemptTime';

describe('webhooks against a real HTTP receiver', () => {
  let receiver: WebhookReceiver;
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    dataDir = tempDataDir();
    server = await startTestServer({ dataDir, webhooks: WORKER });
  });
  afterAll(async () => {
    await server?.dispose();
    await receiver?.close();
    removeDir(dataDir);
  });

  const createHook = async (path: string, events: string[], target = receiver.url) =>
    (
      await server.ok<{ createWebhook: { id: string; maskedSecret: string } }>(
        'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id maskedSecret } }',
        { input: { name: path, url: `${target}${path}`, secret: SECRET, events } },
      )
    ).createWebhook;

  const log = async (webhookId: string) =>
    (
      await server.ok<{ webhookDeliveries: { nodes: Array<Record<string, any>> } }>(
        `query($id: ID!) { webhookDeliveries(webhookId: $id) { nodes { ${DELIVERY_FIELDS} } } }`,
        { id: webhookId },
      )
    ).webhookDeliveries.nodes;

  it('never returns the secret, only a masked form', async () => {
    const hook = await createHook('/masked', ['registered_model.created']);
    expect(hook.maskedSecret).toBe('********3a9c');
    const listed = await server.gql('{ webhooks { id name url events active maskedSecret description } }');
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    const probe = await server.gql('{ webhooks { secret } }');
    expect(probe.errors?.[0]?.message).toMatch(/Cannot query field "secret"/);
    await server.ok('mutation($id: ID!) { deleteWebhook(id: $id) { id } }', { id: hook.id });
  });

  it('POSTs signed JSON for registry events, with event id and timestamp headers', async () => {
    await createHook('/ok', ['model_version.created', 'model_version_alias.created', 'model_version_alias.moved']);
    const { createExperiment } = await server.ok('mutation { createExperiment(input: { name: "hooks" }) { id } }');
    const { createRun } = await server.ok('mutation($e: ID!) { createRun(input: { experimentId: $e }) { id } }', { e: createExperiment.id });
    await server.ok('mutation { createRegisteredModel(input: { name: "hooked" }) { id } }');
    for (let i = 0; i < 2; i++) await server.ok('mutation($r: ID!) { createModelVersion(input: { name: "hooked", runId: $r }) { version } }', { r: createRun.id });
    await server.ok('mutation { setRegisteredModelAlias(name: "hooked", alias: "champion", version: 1, actor: "ana") { id } }');
    await server.ok('mutation { setRegisteredModelAlias(name: "hooked", alias: "champion", version: 2, actor: "bo") { id } }');

    const requests = await receiver.waitFor('/ok', 4);
    const bodies = requests.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.event).sort()).toEqual(['model_version.created', 'model_version.created', 'model_version_alias.created', 'model_version_alias.moved']);
    for (const [i, request] of requests.entries()) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-contrail-signature']).toBe(expectedSignature(request.body));
      expect(request.headers['x-contrail-event']).toBe(bodies[i].event);
      expect(request.headers['x-contrail-event-id']).toBe(bodies[i].id);
      expect(request.headers['x-contrail-timestamp']).toBe(String(bodies[i].timestamp));
      expect(request.headers['x-contrail-delivery-id']).toMatch(/^\d+$/);
    }
    expect(bodies.find((b) => b.event === 'model_version_alias.moved').data).toEqual({ name: 'hooked', alias: 'champion', version: '2', previous_version: '1', actor: 'bo' });
    expect(bodies.find((b) => b.event === 'model_version.created').data).toMatchObject({ name: 'hooked', run_id: createRun.id, source: `runs:/${createRun.id}/model` });
    // A signature made with another secret, or over other bytes, does not verify.
    expect(requests[0]!.headers['x-contrail-signature']).not.toBe(expectedSignature(requests[0]!.body + ' '));
  });

  it('retries after 500s with growing waits, then succeeds, and the log shows the attempts', async () => {
    receiver.respond('/flaky', [500, 500, 200]);
    const hook = await createHook('/flaky', ['registered_model.created']);
    await server.ok('mutation { createRegisteredModel(input: { name: "retried" }) { id } }');
    const attempts = await receiver.waitFor('/flaky', 3);
    // The same bytes, signature and event id every time, so receivers can dedupe.
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.headers['x-contrail-signature'])).size).toBe(1);
    expect(new Set(attempts.map((a) => a.headers['x-contrail-event-id'])).size).toBe(1);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(60);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(120);
    await expect.poll(async () => (await log(hook.id))[0]?.status).toBe('SUCCEEDED');
    const [delivery] = await log(hook.id);
    expect(delivery).toMatchObject({ event: 'registered_model.created', attempts: 3, lastResponseCode: 200, lastError: null, nextAttemptTime: null });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(3); // nothing after the success
  });

  it('gives up after the last attempt and records why', async () => {
    receiver.respond('/down', [503]);
    const hook = await createHook('/down', ['registered_model.created']);
    await server.ok('mutation { createRegisteredModel(input: { name: "unlucky" }) { id } }');
    await receiver.waitFor('/down', 4);
    await expect.poll(async () => (await log(hook.id))[0]?.status).toBe('FAILED');
    expect((await log(hook.id))[0]).toMatchObject({ attempts: 4, lastResponseCode: 503, lastError: 'HTTP 503: failure 4', nextAttemptTime: null });
    await new Promise((r) => setTimeout(r, 600));
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(4);
  });

  it('testWebhook sends a signed ping at once and logs it; an unreachable URL is a logged failure', async () => {
    const hook = await createHook('/ping', ['model_version.created']);
    const { testWebhook } = await server.ok<{ testWebhook: Record<string, any> }>(`mutation($id: ID!) { testWebhook(id: $id) { ${DELIVERY_FIELDS} } }`, { id: hook.id });
    expect(testWebhook).toMatchObject({ event: 'ping', status: 'SUCCEEDED', attempts: 1, lastResponseCode: 200 });
    const [ping] = receiver.received.filter((r) => r.path === '/ping');
    expect(ping!.headers['x-contrail-signature']).toBe(expectedSignature(ping!.body));
    expect(JSON.parse(ping!.body)).toMatchObject({ event: 'ping', id: testWebhook.eventId, data: { webhook_id: hook.id } });
    expect((await log(hook.id)).map((d) => d.id)).toEqual([testWebhook.id]);

    const closed = await startWebhookReceiver();
    const gone = closed.url;
    await closed.close();
    const dead = await createHook('/nobody', ['model_version.created'], gone);
    const failed = await server.ok<{ testWebhook: Record<string, any> }>(`mutation($id: ID!) { testWebhook(id: $id) { ${DELIVERY_FIELDS} } }`, { id: dead.id });
    expect(failed.testWebhook).toMatchObject({ status: 'FAILED', attempts: 1, lastResponseCode: null, lastError: 'ECONNREFUSED' });
    const missing = await server.gql('mutation { testWebhook(id: "424242") { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('rejects bad webhook input with typed errors', async () => {
    const bad = await server.gql('mutation { createWebhook(input: { name: "x", url: "http://h/x", secret: "12345678", events: ["run.created"] }) { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_PARAMETER_VALUE');
    expect(bad.errors?.[0]?.message).toMatch(/events\[0\] "run.created" is not an event/);
  });
});

describe('the webhook outbox across a restart', () => {
  it('keeps deliveries recorded while the worker could not send them, and a new server sends them', async () => {
    const receiver = await startWebhookReceiver();
    const dataDir = tempDataDir();
    try {
      // A worker that polls once at start and then not for an hour: changes are recorded, never sent.
      const first = await startTestServer({ dataDir, webhooks: { ...WORKER, pollIntervalMs: 3_600_000 } });
      await first.ok('mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }', {
        input: { name: 'later', url: `${receiver.url}/later`, secret: SECRET, events: ['registered_model.created'] },
      });
      await first.ok('mutation { createRegisteredModel(input: { name: "before-restart" }) { id } }');
      await first.dispose();
      expect(receiver.received).toHaveLength(0);

      const second = await startTestServer({ dataDir, webhooks: WORKER });
      try {
        const [request] = await receiver.waitFor('/later', 1);
        expect(JSON.parse(request!.body).data).toEqual({ name: 'before-restart', description: '', tags: {} });
        expect(request!.headers['x-contrail-signature']).toBe(expectedSignature(request!.body));
      } finally {
        await second.dispose();
      }
    } finally {
      await receiver.close();
      removeDir(dataDir);
    }
  });
});
