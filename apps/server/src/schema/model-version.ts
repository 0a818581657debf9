import {
  createModelVersion,
  deleteModelVersion,
  deleteModelVersionTag,
  getModelVersion,
  getModelVersionByAlias,
  getRegisteredModel,
  getRun,
  isContrailError,
  resolveModelUri,
  setModelVersionTag,
  transitionModelVersionStage,
  updateModelVersion,
  ALL_MODELS,
  type ModelVersion,
} from '@contrail/core';
import { builder } from './builder.js';
import { connection, KeyValueInput, KeyValueRef } from './common.js';
import { RegisteredModelRef } from './registered-model.js';
import { RunRef } from './run.js';

export const ModelStage = builder.enumType('ModelStage', {
  description: 'Legacy deployment stages (deprecated in MLflow 2.9 in favour of aliases).',
  values: {
    NONE: { value: 'None' },
    STAGING: { value: 'Staging' },
    PRODUCTION: { value: 'Production' },
    ARCHIVED: { value: 'Archived' },
  } as const,
});

const ModelVersionStatus = builder.enumType('ModelVersionStatus', { values: ['READY'] as const });

export const ModelVersionRef = builder.objectRef<ModelVersion>('ModelVersion');
ModelVersionRef.implement({
  description: 'A numbered version of a registered model, usually registered from a run.',
  fields: (t) => ({
    name: t.exposeString('name', { description: "The registered model's name." }),
    version: t.exposeInt('version', { description: 'From 1, per model; never reused.' }),
    source: t.exposeString('source', { description: "Where the model's files are, e.g. runs:/<run id>/model." }),
    runId: t.exposeID('runId', { nullable: true, description: 'The run it was registered from, kept even if the run is deleted.' }),
    run: t.field({
      type: RunRef,
      nullable: true,
      description: 'The run it was registered from; null when there is none or it no longer exists.',
      resolve: async (v, _, ctx) => {
        if (!v.runId) return null;
        return getRun(ctx.core, v.runId).catch((error: unknown) => {
          if (isContrailError(error) && error.code === 'RESOURCE_DOES_NOT_EXIST') return null;
          throw error;
        });
      },
    }),
    userId: t.exposeString('userId', { nullable: true }),
    status: t.field({ type: ModelVersionStatus, resolve: (v) => v.status }),
    currentStage: t.field({ type: ModelStage, resolve: (v) => v.currentStage }),
    description: t.exposeString('description'),
    creationTime: t.field({ type: 'Long', resolve: (v) => v.creationTime }),
    lastUpdateTime: t.field({ type: 'Long', resolve: (v) => v.lastUpdateTime }),
    tags: t.field({ type: [KeyValueRef], resolve: (v) => v.tags }),
    aliases: t.stringList({ description: 'Aliases pointing at this version.', resolve: (v) => v.aliases }),
    registeredModel: t.field({ type: RegisteredModelRef, resolve: (v, _, ctx) => getRegisteredModel(ctx.core, v.name) }),
  }),
});

export const ModelVersionConnection = connection('ModelVersion', ModelVersionRef);

builder.queryFields((t) => ({
  modelVersion: t.field({
    type: ModelVersionRef,
    args: { name: t.arg.string({ required: true }), version: t.arg.int({ required: true }) },
    resolve: (_, { name, version }, ctx) => getModelVersion(ctx.core, name, version),
  }),
  modelVersionByAlias: t.field({
    type: ModelVersionRef,
    args: { name: t.arg.string({ required: true }), alias: t.arg.string({ required: true }) },
    resolve: (_, { name, alias }, ctx) => getModelVersionByAlias(ctx.core, name, alias),
  }),
  resolveModelUri: t.field({
    type: ModelVersionRef,
    description: 'The version a URI names: models:/<name>/<version>, models:/<name>@<alias>, models:/<name>/<stage> or models:/<name>/latest.',
    args: { uri: t.arg.string({ required: true }) },
    resolve: (_, { uri }, ctx) => resolveModelUri(ctx.core, uri),
  }),
}));

const CreateModelVersionInput = builder.inputType('CreateModelVersionInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'The registered model; it must exist.' }),
    source: t.string({ description: 'runs:/<run id>/<path>, or any other location; defaults to runs:/<runId>/model.' }),
    runId: t.id({ description: 'The run it comes from; taken from a runs:/ source when omitted.' }),
    description: t.string(),
    tags: t.field({ type: [KeyValueInput] }),
  }),
});

const UpdateModelVersionInput = builder.inputType('UpdateModelVersionInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    version: t.int({ required: true }),
    description: t.string({ required: true }),
  }),
});

const TransitionModelVersionStageInput = builder.inputType('TransitionModelVersionStageInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    version: t.int({ required: true }),
    stage: t.field({ type: ModelStage, required: true }),
    archiveExistingVersions: t.boolean({ description: "Moves the model's other versions in this stage to ARCHIVED (STAGING and PRODUCTION only)." }),
  }),
});

builder.mutationFields((t) => ({
  createModelVersion: t.field({
    type: ModelVersionRef,
    args: { input: t.arg({ type: CreateModelVersionInput, required: true }) },
    resolve: (_, { input }, ctx) =>
      createModelVersion(ctx.core, {
        name: input.name,
        source: input.source,
        runId: input.runId == null ? null : String(input.runId),
        description: input.description,
        tags: input.tags,
      }),
  }),
  updateModelVersion: t.field({
    type: ModelVersionRef,
    args: { input: t.arg({ type: UpdateModelVersionInput, required: true }) },
    resolve: (_, { input }, ctx) => updateModelVersion(ctx.core, input),
  }),
  deleteModelVersion: t.field({
    type: ModelVersionRef,
    description: 'Deletes the version and removes (and records in the alias history) the aliases pointing at it. Returns it as it was.',
    args: { name: t.arg.string({ required: true }), version: t.arg.int({ required: true }), actor: t.arg.string() },
    resolve: (_, args, ctx) => deleteModelVersion(ctx.core, args),
  }),
  setModelVersionTag: t.field({
    type: ModelVersionRef,
    args: {
      name: t.arg.string({ required: true }),
      version: t.arg.int({ required: true }),
      key: t.arg.string({ required: true }),
      value: t.arg.string({ required: true }),
    },
    resolve: (_, { name, version, key, value }, ctx) => setModelVersionTag(ctx.core, name, version, { key, value }),
  }),
  deleteModelVersionTag: t.field({
    type: ModelVersionRef,
    args: { name: t.arg.string({ required: true }), version: t.arg.int({ required: true }), key: t.arg.string({ required: true }) },
    resolve: (_, { name, version, key }, ctx) => deleteModelVersionTag(ctx.core, name, version, key),
  }),
  transitionModelVersionStage: t.field({
    type: ModelVersionRef,
    deprecationReason: 'Stages are deprecated (as in MLflow 2.9+): use setRegisteredModelAlias.',
    args: { input: t.arg({ type: TransitionModelVersionStageInput, required: true }) },
    resolve: (_, { input }, ctx) => transitionModelVersionStage(ctx.core, input),
  }),
}));

builder.subscriptionFields((t) => ({
  modelVersionCreated: t.field({
    type: ModelVersionRef,
    description: 'A version of the named model (of any model when name is null) was registered.',
    args: { name: t.arg.string() },
    subscribe: (_, { name }, ctx) => ctx.live.subscribe('modelVersionCreated', name ?? ALL_MODELS),
    resolve: (event) => event.modelVersion,
  }),
}));
