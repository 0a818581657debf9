import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, subscribe, untilLive, type TestServer } from '../support/server.js';

const VERSION_FIELDS = 'name version source runId run { id name } status currentStage description aliases tags { key value }';
const ALIAS_EVENT_FIELDS = 'name alias action previousVersion newVersion actor time';

describe('model registry API over HTTP and WebSocket', () => {
  let server: TestServer;
  let runId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { createExperiment } = await server.ok('mutation { createExperiment(input: { name: "registry-e2e" }) { id } }');
    runId = (await server.ok('mutation($e: ID!) { createRun(input: { experimentId: $e, runName: "trainer" }) { id } }', { e: createExperiment.id })).createRun.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const createModel = (name: string) => server.ok('mutation($n: String!) { createRegisteredModel(input: { name: $n }) { id } }', { n: name });
  const createVersion = async (name: string) =>
    (await server.ok<{ createModelVersion: { version: number } }>(
      'mutation($input: CreateModelVersionInput!) { createModelVersion(input: $input) { version } }',
      { input: { name, source: `runs:/${runId}/model` } },
    )).createModelVersion.version;
  const setAlias = (name: string, alias: string, version: number, actor?: string) =>
    server.gql('mutation($n: String!, $a: String!, $v: Int!, $actor: String) { setRegisteredModelAlias(name: $n, alias: $a, version: $v, actor: $actor) { aliases { alias version } } }', {
      n: name, a: alias, v: version, actor,
    });

  it('registers versions from a run and shows aliases on the model and on each version', async () => {
    await createModel('churn');
    expect([await createVersion('churn'), await createVersion('churn')]).toEqual([1, 2]);
    await setAlias('churn', 'champion', 1, 'ana');
    await setAlias('churn', 'challenger', 2, 'ana');
    await server.ok('mutation { setModelVersionTag(name: "churn", version: 2, key: "validated", value: "yes") { version } }');
    const { registeredModel } = await server.ok(`{ registeredModel(name: "churn") {
      name aliases { alias version } versions(first: 10) { totalCount nodes { ${VERSION_FIELDS} } }
      latestVersions { version currentStage } aliasHistory { nodes { alias action newVersion actor } } } }`);
    expect(registeredModel.aliases).toEqual([{ alias: 'challenger', version: 2 }, { alias: 'champion', version: 1 }]);
    expect(registeredModel.versions.totalCount).toBe(2);
    expect(registeredModel.versions.nodes[0]).toEqual({
      name: 'churn', version: 2, source: `runs:/${runId}/model`, runId, run: { id: runId, name: 'trainer' }, status: 'READY',
      currentStage: 'NONE', description: '', aliases: ['challenger'], tags: [{ key: 'validated', value: 'yes' }],
    });
    expect(registeredModel.versions.nodes[1].aliases).toEqual(['champion']);
    expect(registeredModel.latestVersions).toEqual([{ version: 2, currentStage: 'NONE' }]);
    expect(registeredModel.aliasHistory.nodes).toEqual([
      { alias: 'challenger', action: 'SET', newVersion: 2, actor: 'ana' },
      { alias: 'champion', action: 'SET', newVersion: 1, actor: 'ana' },
    ]);

    const resolved = await server.ok('{ a: resolveModelUri(uri: "models:/churn@champion") { version source } b: resolveModelUri(uri: "models:/churn/latest") { version } c: modelVersionByAlias(name: "churn", alias: "challenger") { version } }');
    expect(resolved).toEqual({ a: { version: 1, source: `runs:/${runId}/model` }, b: { version: 2 }, c: { version: 2 } });
    const { transitionModelVersionStage } = await server.ok('mutation { transitionModelVersionStage(input: { name: "churn", version: 2, stage: PRODUCTION, archiveExistingVersions: true }) { currentStage } }');
    expect(transitionModelVersionStage.currentStage).toBe('PRODUCTION');
    expect((await server.ok('{ resolveModelUri(uri: "models:/churn/Production") { version } }')).resolveModelUri.version).toBe(2);
    const { searchRegisteredModels } = await server.ok(`{ searchRegisteredModels(filter: "name ILIKE 'CHU%'") { totalCount nodes { name } } }`);
    expect(searchRegisteredModels).toEqual({ totalCount: 1, nodes: [{ name: 'churn' }] });
  });

  it('marks the stage transition deprecated in the schema', async () => {
    const { __schema } = await server.ok('{ __schema { mutationType { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } } }');
    const field = __schema.mutationType.fields.find((f: { name: string }) => f.name === 'transitionModelVersionStage');
    expect(field).toEqual({ name: 'transitionModelVersionStage', isDeprecated: true, deprecationReason: expect.stringMatching(/setRegisteredModelAlias/) });
  });

  it('pushes alias changes and new versions to subscribers, per model and for all models', async () => {
    await createModel('live');
    await createModel('elsewhere');
    for (let i = 0; i < 3; i++) await createVersion('live');
    await createVersion('elsewhere');
    const client = server.wsClient();
    const one = subscribe<{ modelAliasChanged: Record<string, unknown> }>(client, `subscription { modelAliasChanged(name: "live") { ${ALIAS_EVENT_FIELDS} } }`);
    const all = subscribe<{ modelAliasChanged: Record<string, unknown> }>(client, `subscription { modelAliasChanged { ${ALIAS_EVENT_FIELDS} } }`);
    const versions = subscribe<{ modelVersionCreated: { name: string; version: number } }>(client, 'subscription { modelVersionCreated(name: "live") { name version } }');
    // Pokes on a scratch alias until both alias subscriptions hear them; then start from a clean slate.
    let flip = 1;
    await untilLive(one, () => setAlias('live', 'probe', (flip = 3 - flip)));
    await untilLive(all, () => setAlias('live', 'probe', (flip = 3 - flip)));
    const pokes = await untilLive(versions, () => createVersion('live'));
    const [oneSoFar, allSoFar] = [one.events.length, all.events.length];
    await server.ok('mutation { deleteRegisteredModelAlias(name: "live", alias: "probe") { id } }');
    await Promise.all([one.waitFor(oneSoFar + 1), all.waitFor(allSoFar + 1)]);
    one.events.length = 0;
    all.events.length = 0;

    await setAlias('live', 'champion', 1, 'ana');
    await setAlias('live', 'champion', 2, 'bo');
    await setAlias('elsewhere', 'champion', 1, 'cy');
    await server.ok('mutation { deleteRegisteredModelAlias(name: "live", alias: "champion", actor: "dee") { id } }');
    const heard = (await one.waitFor(3)).map((e) => e.modelAliasChanged);
    expect(heard.map(({ time, ...rest }) => rest)).toEqual([
      { name: 'live', alias: 'champion', action: 'SET', previousVersion: null, newVersion: 1, actor: 'ana' },
      { name: 'live', alias: 'champion', action: 'MOVED', previousVersion: 1, newVersion: 2, actor: 'bo' },
      { name: 'live', alias: 'champion', action: 'DELETED', previousVersion: 2, newVersion: null, actor: 'dee' },
    ]);
    const everywhere = (await all.waitFor(4)).map((e) => `${e.modelAliasChanged.name}:${e.modelAliasChanged.action}`);
    expect(everywhere).toEqual(['live:SET', 'live:MOVED', 'elsewhere:SET', 'live:DELETED']);

    const next = await createVersion('live');
    await createVersion('elsewhere');
    const created = await versions.waitFor(pokes + 1);
    expect(created.at(-1)!.modelVersionCreated).toEqual({ name: 'live', version: next });
    await new Promise((r) => setTimeout(r, 100));
    expect(one.events).toHaveLength(3);
    expect(versions.events.every((e) => e.modelVersionCreated.name === 'live')).toBe(true);
  });

  it('answers mistakes with typed errors', async () => {
    await createModel('strict');
    await createVersion('strict');
    const code = async (query: string, variables?: Record<string, unknown>) => {
      const result = await server.gql(query, variables);
      return [result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message];
    };
    expect(await code('mutation { setRegisteredModelAlias(name: "strict", alias: "latest", version: 1) { id } }')).toEqual(['INVALID_PARAMETER_VALUE', 'alias "latest" is reserved']);
    expect((await code('mutation { setRegisteredModelAlias(name: "strict", alias: "v7", version: 1) { id } }'))[0]).toBe('INVALID_PARAMETER_VALUE');
    expect((await code(`mutation { setRegisteredModelAlias(name: "strict", alias: "${'a'.repeat(256)}", version: 1) { id } }`))[1]).toMatch(/limit is 255/);
    expect(await code('mutation { setRegisteredModelAlias(name: "strict", alias: "champion", version: 5) { id } }')).toEqual(['RESOURCE_DOES_NOT_EXIST', 'registered model "strict" has no version 5']);
    expect((await code('mutation { createRegisteredModel(input: { name: "strict" }) { id } }'))[0]).toBe('RESOURCE_ALREADY_EXISTS');
    expect((await code('{ registeredModel(name: "missing") { id } }'))[0]).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await code(`mutation { createModelVersion(input: { name: "strict", runId: "${'0'.repeat(32)}" }) { version } }`))[0]).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await code('{ resolveModelUri(uri: "models:/strict") { version } }'))[0]).toBe('INVALID_PARAMETER_VALUE');
    expect((await code('{ modelVersionByAlias(name: "strict", alias: "nobody") { version } }'))[0]).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await code(`{ searchRegisteredModels(filter: "name LIKE") { totalCount } }`))[0]).toBe('INVALID_PARAMETER_VALUE');
  });

  it('deleting a version clears its aliases and says so in the history and to subscribers', async () => {
    await createModel('pruned');
    await createVersion('pruned');
    await createVersion('pruned');
    await setAlias('pruned', 'champion', 2);
    const client = server.wsClient();
    const sub = subscribe<{ modelAliasChanged: { action: string; alias: string; actor: string } }>(client, `subscription { modelAliasChanged(name: "pruned") { ${ALIAS_EVENT_FIELDS} } }`);
    let flip = 1;
    await untilLive(sub, () => setAlias('pruned', 'probe', (flip = 3 - flip)));
    const before = sub.events.length;
    const { deleteModelVersion } = await server.ok('mutation { deleteModelVersion(name: "pruned", version: 2, actor: "janitor") { version aliases } }');
    expect(deleteModelVersion.aliases).toContain('champion');
    const events = (await sub.waitFor(before + deleteModelVersion.aliases.length)).slice(before).map((e) => e.modelAliasChanged);
    expect(events.find((e) => e.alias === 'champion')).toMatchObject({ action: 'DELETED', actor: 'janitor' });
    const { registeredModel } = await server.ok('{ registeredModel(name: "pruned") { aliases { alias } aliasHistory(alias: "champion") { nodes { action previousVersion newVersion actor } } } }');
    expect(registeredModel.aliases.map((a: { alias: string }) => a.alias)).not.toContain('champion');
    expect(registeredModel.aliasHistory.nodes[0]).toEqual({ action: 'DELETED', previousVersion: 2, newVersion: null, actor: 'janitor' });
  });
});
