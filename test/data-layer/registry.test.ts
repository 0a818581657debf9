import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExperiment,
  createModelVersion,
  createRegisteredModel,
  createRun,
  deleteModelVersion,
  deleteModelVersionTag,
  deleteRegisteredModel,
  deleteRegisteredModelAlias,
  deleteRegisteredModelTag,
  getAliasHistory,
  getLatestVersions,
  getModelVersion,
  getModelVersionByAlias,
  getRegisteredModel,
  promoteModelAlias,
  listModelVersions,
  renameRegisteredModel,
  resolveModelUri,
  searchRegisteredModels,
  setModelVersionTag,
  setRegisteredModelAlias,
  setRegisteredModelTag,
  transitionModelVersionStage,
  updateModelVersion,
  updateRegisteredModel,
  ALL_MODELS,
  type CoreContext,
} from '@contrail/core';
import { recordingContext, type RecordedEvent } from '../support/core-context.js';
import { openTestDatabase, TEST_PROVIDERS, type TestDatabase } from '../support/databases.js';
import { expectError } from '../support/expect-error.js';

describe.each(TEST_PROVIDERS)('model registry on %s', (provider) => {
  let database: TestDatabase;
  let ctx: CoreContext & { published: RecordedEvent[] };
  let runId: string;
  let models = 0;
  /** A fresh model with `versions` versions registered from the test run. */
  const newModel = async (versions = 0, prefix = 'model') => {
    const name = `${prefix}-${++models}`;
    await createRegisteredModel(ctx, { name });
    for (let i = 0; i < versions; i++) await createModelVersion(ctx, { name, source: `runs:/${runId}/model` });
    return name;
  };
  const aliasHistory = async (name: string, alias?: string) =>
    (await getAliasHistory(ctx, name, { alias })).items.map((e) => [e.action, e.alias, e.previousVersion, e.newVersion, e.actor]);

  beforeAll(async () => {
    database = await openTestDatabase(provider);
    ctx = recordingContext(database.db);
    const experiment = await createExperiment(ctx, { name: 'registry' });
    runId = (await createRun(ctx, { experimentId: experiment.id })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  describe('registered models', () => {
    it('creates, describes, tags, renames and deletes, with typed errors', async () => {
      const created = await createRegisteredModel(ctx, { name: 'fraud', description: 'card fraud', tags: [{ key: 'team', value: 'risk' }] });
      expect(created).toMatchObject({ name: 'fraud', description: 'card fraud', tags: [{ key: 'team', value: 'risk' }], aliases: [] });
      await expectError(createRegisteredModel(ctx, { name: 'fraud' }), 'RESOURCE_ALREADY_EXISTS', /"fraud" already exists/);
      await createRegisteredModel(ctx, { name: 'taken' });
      await createModelVersion(ctx, { name: 'fraud', runId });
      await setRegisteredModelAlias(ctx, { name: 'fraud', alias: 'champion', version: 1, actor: 'ana' });

      await expectError(renameRegisteredModel(ctx, 'fraud', 'taken'), 'RESOURCE_ALREADY_EXISTS');
      const renamed = await renameRegisteredModel(ctx, 'fraud', 'fraud-v2');
      expect(renamed.aliases).toEqual([{ alias: 'champion', version: 1 }]);
      expect((await getModelVersion(ctx, 'fraud-v2', 1)).name).toBe('fraud-v2');
      expect(await aliasHistory('fraud-v2')).toEqual([['SET', 'champion', null, 1, 'ana']]);
      await expectError(getRegisteredModel(ctx, 'fraud'), 'RESOURCE_DOES_NOT_EXIST', /no registered model named "fraud"/);

      expect((await updateRegisteredModel(ctx, { name: 'fraud-v2', description: 'v2' })).description).toBe('v2');
      await setRegisteredModelTag(ctx, 'fraud-v2', { key: 'team', value: 'ml' });
      await setRegisteredModelTag(ctx, 'fraud-v2', { key: 'a', value: 'x'.repeat(5000) });
      await expectError(setRegisteredModelTag(ctx, 'fraud-v2', { key: 'b', value: 'x'.repeat(5001) }), 'INVALID_PARAMETER_VALUE', /limit is 5000/);
      await expectError(setRegisteredModelTag(ctx, 'fraud-v2', { key: 'bad..key', value: '1' }), 'INVALID_PARAMETER_VALUE');
      await deleteRegisteredModelTag(ctx, 'fraud-v2', 'a');
      await deleteRegisteredModelTag(ctx, 'fraud-v2', 'never-set');
      expect((await getRegisteredModel(ctx, 'fraud-v2')).tags).toEqual([{ key: 'team', value: 'ml' }]);

      expect((await deleteRegisteredModel(ctx, 'fraud-v2')).name).toBe('fraud-v2');
      await expectError(getModelVersion(ctx, 'fraud-v2', 1), 'RESOURCE_DOES_NOT_EXIST');
      for (const bad of ['', '  ', 'a/b', 'a@b', 'x'.repeat(257)]) {
        await expectError(createRegisteredModel(ctx, { name: bad }), 'INVALID_PARAMETER_VALUE');
      }
    });

    it('searches names with LIKE (case-sensitive) and ILIKE, by tag, paged by cursor', async () => {
      for (const name of ['Search-Alpha', 'search-beta', 'search-gamma', 'other']) {
        await createRegisteredModel(ctx, { name, tags: name.endsWith('beta') ? [{ key: 'stage', value: 'dev' }] : [] });
      }
      const names = async (filter: string, orderBy?: string[]) => (await searchRegisteredModels(ctx, { filter, orderBy })).items.map((m) => m.name);
      expect(await names("name LIKE 'search-%'")).toEqual(['search-beta', 'search-gamma']);
      expect(await names("name ILIKE 'search-%'")).toEqual(['Search-Alpha', 'search-beta', 'search-gamma']);
      expect(await names("name ILIKE 'search-%' AND tags.stage = 'dev'")).toEqual(['search-beta']);
      expect(await names("name ILIKE 'search-%'", ['creation_timestamp DESC'])).toEqual(['search-gamma', 'search-beta', 'Search-Alpha']);
      await expectError(searchRegisteredModels(ctx, { filter: 'metrics.x > 1' }), 'INVALID_PARAMETER_VALUE', /registered models have no metrics/);

      const first = await searchRegisteredModels(ctx, { filter: "name ILIKE 'search-%'", first: 2 });
      expect(first.items.map((m) => m.name)).toEqual(['Search-Alpha', 'search-beta']);
      expect(first.totalCount).toBe(3);
      await createRegisteredModel(ctx, { name: 'search-aaa' }); // sorts before the cursor: must not appear next
      const second = await searchRegisteredModels(ctx, { filter: "name ILIKE 'search-%'", first: 2, after: first.nextCursor });
      expect(second.items.map((m) => m.name)).toEqual(['search-gamma']);
      expect(second.nextCursor).toBeNull();
    });
  });

  describe('model versions', () => {
    it('number 1, 2, 3 per model, never reuse a number, and keep the run as lineage', async () => {
      const name = await newModel();
      const other = await newModel(1);
      const v1 = await createModelVersion(ctx, { name, source: `runs:/${runId}/model`, description: 'first', tags: [{ key: 'k', value: 'v' }] });
      expect(v1).toMatchObject({ name, version: 1, runId, status: 'READY', currentStage: 'None', description: 'first', tags: [{ key: 'k', value: 'v' }], aliases: [] });
      expect((await createModelVersion(ctx, { name, runId })).source).toBe(`runs:/${runId}/model`);
      expect((await createModelVersion(ctx, { name, source: 's3://bucket/models/3' })).runId).toBeNull();
      await deleteModelVersion(ctx, { name, version: 3 });
      expect((await createModelVersion(ctx, { name, source: 's3://bucket/models/4' })).version).toBe(4);
      expect((await getModelVersion(ctx, other, 1)).version).toBe(1);

      const page = await listModelVersions(ctx, name, { first: 2 });
      expect(page.items.map((v) => v.version)).toEqual([4, 2]);
      const rest = await listModelVersions(ctx, name, { first: 2, after: page.nextCursor });
      expect([rest.items.map((v) => v.version), rest.nextCursor, rest.totalCount]).toEqual([[1], null, 3]);

      expect((await updateModelVersion(ctx, { name, version: 2, description: 'second' })).description).toBe('second');
      await setModelVersionTag(ctx, name, 2, { key: 'val', value: 'x'.repeat(5000) });
      await expectError(setModelVersionTag(ctx, name, 2, { key: 'big', value: 'x'.repeat(5001) }), 'INVALID_PARAMETER_VALUE', /limit is 5000/);
      await deleteModelVersionTag(ctx, name, 2, 'val');
      await deleteModelVersionTag(ctx, name, 2, 'never-set');
      expect((await getModelVersion(ctx, name, 2)).tags).toEqual([]);

      // Lineage survives even the hard deletion of the run's row: there is no foreign key to cascade.
      const experiment = await createExperiment(ctx, { name: `lineage-${provider}` });
      const doomed = await createRun(ctx, { experimentId: experiment.id });
      await createModelVersion(ctx, { name, source: `runs:/${doomed.id}/model` });
      await database.db.prisma.run.delete({ where: { id: doomed.id } });
      expect((await getModelVersion(ctx, name, 5)).runId).toBe(doomed.id);
    });

    it('rejects unknown runs, malformed sources and unknown versions with typed errors', async () => {
      const name = await newModel();
      const ghost = 'f'.repeat(32);
      await expectError(createModelVersion(ctx, { name, source: `runs:/${ghost}/model` }), 'RESOURCE_DOES_NOT_EXIST', new RegExp(`no run with id ${ghost}`));
      await expectError(createModelVersion(ctx, { name, runId: ghost }), 'RESOURCE_DOES_NOT_EXIST');
      await expectError(createModelVersion(ctx, { name, source: 'runs:/not-a-run/model' }), 'INVALID_PARAMETER_VALUE', /32-hex run id/);
      await expectError(createModelVersion(ctx, { name, source: `runs:/${runId}/../x` }), 'INVALID_PARAMETER_VALUE', /relative artifact path/);
      await expectError(createModelVersion(ctx, { name, source: `runs:/${runId}/model`, runId: ghost }), 'INVALID_PARAMETER_VALUE', /source names run/);
      await expectError(createModelVersion(ctx, { name: 'no-such-model', runId }), 'RESOURCE_DOES_NOT_EXIST');
      await expectError(getModelVersion(ctx, name, 1), 'RESOURCE_DOES_NOT_EXIST', /has no version 1/);
      // Nothing was numbered by the failed attempts.
      expect((await createModelVersion(ctx, { name, runId })).version).toBe(1);
    });
  });

  describe('aliases', () => {
    it('set, move, delete and get by alias, listed on the model and its versions, with history', async () => {
      const name = await newModel(3);
      await setRegisteredModelAlias(ctx, { name, alias: 'champion', version: 1, actor: 'ana' });
      await setRegisteredModelAlias(ctx, { name, alias: 'challenger', version: 2 });
      const moved = await setRegisteredModelAlias(ctx, { name, alias: 'champion', version: 2, actor: 'bo' });
      expect(moved.aliases).toEqual([{ alias: 'challenger', version: 2 }, { alias: 'champion', version: 2 }]);
      await setRegisteredModelAlias(ctx, { name, alias: 'champion', version: 2, actor: 'cy' }); // no change, no entry
      expect((await getModelVersion(ctx, name, 2)).aliases).toEqual(['challenger', 'champion']);
      expect((await getModelVersion(ctx, name, 1)).aliases).toEqual([]);
      expect((await getModelVersionByAlias(ctx, name, 'champion')).version).toBe(2);

      await deleteRegisteredModelAlias(ctx, { name, alias: 'challenger', actor: 'ana' });
      await deleteRegisteredModelAlias(ctx, { name, alias: 'challenger' }); // already gone: no error, no entry
      await expectError(getModelVersionByAlias(ctx, name, 'challenger'), 'RESOURCE_DOES_NOT_EXIST', /no alias "challenger"/);
      expect(await aliasHistory(name)).toEqual([
        ['DELETED', 'challenger', 2, null, 'ana'],
        ['MOVED', 'champion', 1, 2, 'bo'],
        ['SET', 'challenger', null, 2, 'unknown'],
        ['SET', 'champion', null, 1, 'ana'],
      ]);
      expect(await aliasHistory(name, 'champion')).toEqual([['MOVED', 'champion', 1, 2, 'bo'], ['SET', 'champion', null, 1, 'ana']]);
      const page = await getAliasHistory(ctx, name, { first: 3 });
      const next = await getAliasHistory(ctx, name, { first: 3, after: page.nextCursor });
      expect([page.items.length, next.items.map((e) => e.action), next.nextCursor, page.totalCount]).toEqual([3, ['SET'], null, 4]);
    });

    it('follows MLflow alias rules: reserved names, pattern and length give INVALID_PARAMETER_VALUE', async () => {
      const name = await newModel(1);
      for (const alias of ['latest', 'LATEST', 'v1', 'V12', 'a'.repeat(256), 'has space', 'dot.ted', '']) {
        await expectError(setRegisteredModelAlias(ctx, { name, alias, version: 1 }), 'INVALID_PARAMETER_VALUE');
      }
      for (const alias of ['a'.repeat(255), 'v1x', 'latest-good', 'champion_é', 'x-1']) {
        expect((await setRegisteredModelAlias(ctx, { name, alias, version: 1 })).aliases.map((a) => a.alias)).toContain(alias);
      }
      await expectError(setRegisteredModelAlias(ctx, { name, alias: 'ok', version: 9 }), 'RESOURCE_DOES_NOT_EXIST', /no version 9/);
      await expectError(setRegisteredModelAlias(ctx, { name: 'nope', alias: 'ok', version: 1 }), 'RESOURCE_DOES_NOT_EXIST');
    });

    it('deleting a version removes its aliases and records each removal', async () => {
      const name = await newModel(2);
      await setRegisteredModelAlias(ctx, { name, alias: 'champion', version: 2 });
      await setRegisteredModelAlias(ctx, { name, alias: 'shadow', version: 2 });
      await setRegisteredModelAlias(ctx, { name, alias: 'old', version: 1 });
      ctx.published.length = 0;
      const deleted = await deleteModelVersion(ctx, { name, version: 2, actor: 'cleanup-job' });
      expect(deleted.aliases).toEqual(['champion', 'shadow']);
      expect((await getRegisteredModel(ctx, name)).aliases).toEqual([{ alias: 'old', version: 1 }]);
      expect((await aliasHistory(name)).slice(0, 2)).toEqual([
        ['DELETED', 'shadow', 2, null, 'cleanup-job'],
        ['DELETED', 'champion', 2, null, 'cleanup-job'],
      ]);
      expect(ctx.published.map((e) => [e.topic, e.key, (e.payload as { alias: string }).alias])).toEqual([
        ['modelAliasChanged', name, 'champion'],
        ['modelAliasChanged', ALL_MODELS, 'champion'],
        ['modelAliasChanged', name, 'shadow'],
        ['modelAliasChanged', ALL_MODELS, 'shadow'],
      ]);
      await expectError(resolveModelUri(ctx, `models:/${name}@champion`), 'RESOURCE_DOES_NOT_EXIST');
    });
  });

  describe('promote', () => {
    it('moves champion to the challenger in one step, clearing or keeping challenger, and records both changes', async () => {
      const name = await newModel(3, 'promote');
      await setRegisteredModelAlias(ctx, { name, alias: 'champion', version: 1 });
      await setRegisteredModelAlias(ctx, { name, alias: 'challenger', version: 2 });
      const cleared = await promoteModelAlias(ctx, { name, from: 'challenger', to: 'champion', expectedVersion: 2, actor: 'ana' });
      expect(cleared.aliases).toEqual([{ alias: 'champion', version: 2 }]);
      expect((await aliasHistory(name)).slice(0, 2)).toEqual([
        ['DELETED', 'challenger', 2, null, 'ana'],
        ['MOVED', 'champion', 1, 2, 'ana'],
      ]);

      await setRegisteredModelAlias(ctx, { name, alias: 'challenger', version: 3 });
      const kept = await promoteModelAlias(ctx, { name, from: 'challenger', to: 'champion', keepFrom: true });
      expect(kept.aliases).toEqual([
        { alias: 'challenger', version: 3 },
        { alias: 'champion', version: 3 },
      ]);
    });

    it('changes nothing when the challenger moved since the user confirmed, or is missing', async () => {
      const name = await newModel(3, 'promote-stale');
      await setRegisteredModelAlias(ctx, { name, alias: 'champion', version: 1 });
      await setRegisteredModelAlias(ctx, { name, alias: 'challenger', version: 3 });
      const before = await aliasHistory(name);
      await expectError(
        promoteModelAlias(ctx, { name, from: 'challenger', to: 'champion', expectedVersion: 2 }),
        'INVALID_STATE',
        /"challenger" now points at version 3, not 2: nothing was changed/,
      );
      expect(await aliasHistory(name)).toEqual(before);
      expect((await getModelVersionByAlias(ctx, name, 'champion')).version).toBe(1);
      await deleteRegisteredModelAlias(ctx, { name, alias: 'challenger' });
      await expectError(promoteModelAlias(ctx, { name, from: 'challenger', to: 'champion' }), 'INVALID_STATE', /no alias "challenger"/);
      await expectError(promoteModelAlias(ctx, { name, from: 'champion', to: 'champion' }), 'INVALID_PARAMETER_VALUE', /to itself/);
    });
  });

  describe('URIs and stages', () => {
    it('resolves models:/ URIs by version, alias, stage and latest', async () => {
      const name = await newModel(3);
      await setRegisteredModelAlias(ctx, { name, alias: 'champion', version: 2 });
      await transitionModelVersionStage(ctx, { name, version: 1, stage: 'Production' });
      const resolve = async (uri: string) => {
        const v = await resolveModelUri(ctx, uri);
        return [v.version, v.source];
      };
      const source = `runs:/${runId}/model`;
      expect(await resolve(`models:/${name}/3`)).toEqual([3, source]);
      expect(await resolve(`models:/${name}@champion`)).toEqual([2, source]);
      expect(await resolve(`models:/${name}/Production`)).toEqual([1, source]);
      expect(await resolve(`models:/${name}/production`)).toEqual([1, source]);
      expect(await resolve(`models:/${name}/latest`)).toEqual([3, source]);
      await expectError(resolveModelUri(ctx, `models:/${name}/Staging`), 'RESOURCE_DOES_NOT_EXIST', /no version in stage Staging/);
      await expectError(resolveModelUri(ctx, `models:/${name}@nobody`), 'RESOURCE_DOES_NOT_EXIST');
      await expectError(resolveModelUri(ctx, `models:/${name}/9`), 'RESOURCE_DOES_NOT_EXIST');
      await expectError(resolveModelUri(ctx, 'models:/ghost/1'), 'RESOURCE_DOES_NOT_EXIST');
      for (const bad of [`runs:/${runId}/model`, `models:/${name}`, `models:/${name}/Prod`, `models:/${name}/1/2`, `models:/${name}@`]) {
        await expectError(resolveModelUri(ctx, bad), 'INVALID_PARAMETER_VALUE');
      }
    });

    it('transitions stages, archiving the versions already in the target stage when asked', async () => {
      const name = await newModel(3);
      await transitionModelVersionStage(ctx, { name, version: 1, stage: 'production' });
      await transitionModelVersionStage(ctx, { name, version: 2, stage: 'Production' });
      await transitionModelVersionStage(ctx, { name, version: 3, stage: 'Staging' });
      const stages = async () => (await listModelVersions(ctx, name)).items.map((v) => [v.version, v.currentStage]);
      expect(await stages()).toEqual([[3, 'Staging'], [2, 'Production'], [1, 'Production']]);
      expect((await getLatestVersions(ctx, name)).map((v) => [v.currentStage, v.version])).toEqual([['Staging', 3], ['Production', 2]]);
      await transitionModelVersionStage(ctx, { name, version: 3, stage: 'Production', archiveExistingVersions: true });
      expect(await stages()).toEqual([[3, 'Production'], [2, 'Archived'], [1, 'Archived']]);
      expect((await getLatestVersions(ctx, name, ['Archived'])).map((v) => v.version)).toEqual([2]);
      await expectError(transitionModelVersionStage(ctx, { name, version: 1, stage: 'Archived', archiveExistingVersions: true }), 'INVALID_PARAMETER_VALUE');
      await expectError(transitionModelVersionStage(ctx, { name, version: 1, stage: 'Prod' }), 'INVALID_PARAMETER_VALUE', /must be one of/);
    });
  });

  it('publishes new versions and alias changes under the model name and the all-models channel', async () => {
    const name = await newModel();
    ctx.published.length = 0;
    await createModelVersion(ctx, { name, runId });
    await setRegisteredModelAlias(ctx, { name, alias: 'champion', version: 1, actor: 'ana' });
    expect(ctx.published.map((e) => [e.topic, e.key])).toEqual([
      ['modelVersionCreated', name],
      ['modelVersionCreated', ALL_MODELS],
      ['modelAliasChanged', name],
      ['modelAliasChanged', ALL_MODELS],
    ]);
    expect(ctx.published[0]!.payload).toMatchObject({ modelVersion: { name, version: 1, runId } });
    expect(ctx.published[2]!.payload).toMatchObject({ name, alias: 'champion', action: 'SET', previousVersion: null, newVersion: 1, actor: 'ana' });
  });
});
