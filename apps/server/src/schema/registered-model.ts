import {
  createRegisteredModel,
  deleteRegisteredModel,
  deleteRegisteredModelAlias,
  deleteRegisteredModelTag,
  getAliasHistory,
  getLatestVersions,
  getRegisteredModel,
  listModelVersions,
  renameRegisteredModel,
  searchRegisteredModels,
  promoteModelAlias,
  setRegisteredModelAlias,
  setRegisteredModelTag,
  updateRegisteredModel,
  ALL_MODELS,
  type AliasEvent,
  type ModelAliasRef,
  type RegisteredModel,
} from '@contrail/core';
import { builder } from './builder.js';
import { connection, KeyValueInput, KeyValueRef } from './common.js';
import { ModelStage, ModelVersionConnection, ModelVersionRef } from './model-version.js';

const PromoteModelAliasInput = builder.inputType('PromoteModelAliasInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    from: t.string({ description: 'Default: challenger.' }),
    to: t.string({ description: 'Default: champion.' }),
    keepFrom: t.boolean({ description: 'Keep `from` on its version; by default it is removed.' }),
    expectedVersion: t.int({ description: 'The version the caller expects `from` to point at.' }),
    actor: t.string({ description: 'Who makes the change, for the alias history.' }),
  }),
});

const ModelAliasRefType = builder.objectRef<ModelAliasRef>('ModelAlias').implement({
  description: 'An alias and the version it points at.',
  fields: (t) => ({ alias: t.exposeString('alias'), version: t.exposeInt('version') }),
});

const AliasAction = builder.enumType('AliasAction', {
  description: 'SET: the alias was created; MOVED: it pointed elsewhere before; DELETED: it was removed (also when its version was deleted).',
  values: ['SET', 'MOVED', 'DELETED'] as const,
});

export const AliasEventRef = builder.objectRef<AliasEvent>('AliasEvent').implement({
  description: 'One change of an alias, as recorded in the alias history.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { description: "The registered model's name." }),
    alias: t.exposeString('alias'),
    action: t.field({ type: AliasAction, resolve: (e) => e.action }),
    previousVersion: t.exposeInt('previousVersion', { nullable: true }),
    newVersion: t.exposeInt('newVersion', { nullable: true }),
    actor: t.exposeString('actor', { description: "Who made the change ('unknown' when not said)." }),
    time: t.field({ type: 'Long', description: 'Epoch ms.', resolve: (e) => e.time }),
  }),
});

const AliasEventConnection = connection('AliasEvent', AliasEventRef);

export const RegisteredModelRef = builder.objectRef<RegisteredModel>('RegisteredModel');
RegisteredModelRef.implement({
  description: 'A named model whose versions are registered from runs and addressed by version, alias or stage.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable across renames.' }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    creationTime: t.field({ type: 'Long', resolve: (m) => m.creationTime }),
    lastUpdateTime: t.field({ type: 'Long', resolve: (m) => m.lastUpdateTime }),
    tags: t.field({ type: [KeyValueRef], resolve: (m) => m.tags }),
    aliases: t.field({ type: [ModelAliasRefType], description: 'Sorted by alias.', resolve: (m) => m.aliases }),
    versions: t.field({
      type: ModelVersionConnection,
      description: 'Versions, newest first.',
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: (m, args, ctx) => listModelVersions(ctx.core, m.name, args),
    }),
    latestVersions: t.field({
      type: [ModelVersionRef],
      description: 'The highest version in each stage (all stages, or the given ones).',
      args: { stages: t.arg({ type: [ModelStage] }) },
      resolve: (m, { stages }, ctx) => getLatestVersions(ctx.core, m.name, stages),
    }),
    aliasHistory: t.field({
      type: AliasEventConnection,
      description: 'Every set, move and deletion of an alias (of one alias when given), newest first.',
      args: { alias: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
      resolve: (m, args, ctx) => getAliasHistory(ctx.core, m.name, args),
    }),
  }),
});

const RegisteredModelConnection = connection('RegisteredModel', RegisteredModelRef);

builder.queryFields((t) => ({
  registeredModel: t.field({
    type: RegisteredModelRef,
    args: { name: t.arg.string({ required: true }) },
    resolve: (_, { name }, ctx) => getRegisteredModel(ctx.core, name),
  }),
  searchRegisteredModels: t.field({
    type: RegisteredModelConnection,
    description: "Registered models matching an MLflow filter (`name LIKE 'fraud-%'`, `name ILIKE '%bert%' AND tags.team = 'nlp'`), by name unless orderBy says otherwise (name, creation_timestamp, last_updated_timestamp).",
    args: { filter: t.arg.string(), orderBy: t.arg.stringList(), first: t.arg.int(), after: t.arg.string() },
    resolve: (_, args, ctx) => searchRegisteredModels(ctx.core, args),
  }),
  aliasHistory: t.field({
    type: AliasEventConnection,
    description: "A model's alias changes (of one alias when given), newest first.",
    args: { name: t.arg.string({ required: true }), alias: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
    resolve: (_, { name, ...options }, ctx) => getAliasHistory(ctx.core, name, options),
  }),
}));

const CreateRegisteredModelInput = builder.inputType('CreateRegisteredModelInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique; no "/" or "@" (they separate the parts of a models:/ URI).' }),
    description: t.string(),
    tags: t.field({ type: [KeyValueInput] }),
  }),
});

const UpdateRegisteredModelInput = builder.inputType('UpdateRegisteredModelInput', {
  fields: (t) => ({ name: t.string({ required: true }), description: t.string({ required: true }) }),
});

builder.mutationFields((t) => ({
  createRegisteredModel: t.field({
    type: RegisteredModelRef,
    args: { input: t.arg({ type: CreateRegisteredModelInput, required: true }) },
    resolve: (_, { input }, ctx) => createRegisteredModel(ctx.core, input),
  }),
  renameRegisteredModel: t.field({
    type: RegisteredModelRef,
    args: { name: t.arg.string({ required: true }), newName: t.arg.string({ required: true }) },
    resolve: (_, { name, newName }, ctx) => renameRegisteredModel(ctx.core, name, newName),
  }),
  updateRegisteredModel: t.field({
    type: RegisteredModelRef,
    args: { input: t.arg({ type: UpdateRegisteredModelInput, required: true }) },
    resolve: (_, { input }, ctx) => updateRegisteredModel(ctx.core, input),
  }),
  deleteRegisteredModel: t.field({
    type: RegisteredModelRef,
    description: 'Deletes the model with its versions, aliases, tags and alias history. Returns it as it was.',
    args: { name: t.arg.string({ required: true }) },
    resolve: (_, { name }, ctx) => deleteRegisteredModel(ctx.core, name),
  }),
  setRegisteredModelTag: t.field({
    type: RegisteredModelRef,
    args: { name: t.arg.string({ required: true }), key: t.arg.string({ required: true }), value: t.arg.string({ required: true }) },
    resolve: (_, { name, key, value }, ctx) => setRegisteredModelTag(ctx.core, name, { key, value }),
  }),
  deleteRegisteredModelTag: t.field({
    type: RegisteredModelRef,
    args: { name: t.arg.string({ required: true }), key: t.arg.string({ required: true }) },
    resolve: (_, { name, key }, ctx) => deleteRegisteredModelTag(ctx.core, name, key),
  }),
  setRegisteredModelAlias: t.field({
    type: RegisteredModelRef,
    description:
      'Points the alias at the version, moving it if it pointed elsewhere. Aliases: 1-255 letters, digits, _ and -; `latest` and `v<number>` are reserved.',
    args: {
      name: t.arg.string({ required: true }),
      alias: t.arg.string({ required: true }),
      version: t.arg.int({ required: true }),
      actor: t.arg.string({ description: 'Who makes the change, for the alias history.' }),
    },
    resolve: (_, args, ctx) => setRegisteredModelAlias(ctx.core, args),
  }),
  deleteRegisteredModelAlias: t.field({
    type: RegisteredModelRef,
    description: 'Removes the alias; removing one the model does not have is not an error (as in MLflow).',
    args: { name: t.arg.string({ required: true }), alias: t.arg.string({ required: true }), actor: t.arg.string() },
    resolve: (_, args, ctx) => deleteRegisteredModelAlias(ctx.core, args),
  }),
  promoteModelAlias: t.field({
    type: RegisteredModelRef,
    description:
      'In one transaction: moves `to` (default champion) to the version `from` (default challenger) points at, then removes `from` unless keepFrom. With expectedVersion, fails with INVALID_STATE (changing nothing) if `from` was moved meanwhile.',
    args: { input: t.arg({ type: PromoteModelAliasInput, required: true }) },
    resolve: (_, { input }, ctx) =>
      promoteModelAlias(ctx.core, {
        name: input.name,
        from: input.from ?? 'challenger',
        to: input.to ?? 'champion',
        keepFrom: input.keepFrom,
        expectedVersion: input.expectedVersion,
        actor: input.actor,
      }),
  }),
}));

builder.subscriptionFields((t) => ({
  modelAliasChanged: t.field({
    type: AliasEventRef,
    description: 'An alias of the named model (of any model when name is null) was set, moved or deleted.',
    args: { name: t.arg.string() },
    subscribe: (_, { name }, ctx) => ctx.live.subscribe('modelAliasChanged', name ?? ALL_MODELS),
    resolve: (event) => event,
  }),
}));
