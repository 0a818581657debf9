import {
  createExperiment,
  deleteExperiment,
  getExperiment,
  getExperimentByName,
  getExperimentTags,
  getOrCreateExperiment,
  invalid,
  listExperiments,
  listRuns,
  renameExperiment,
  restoreExperiment,
  searchExperiments,
  setExperimentTag,
  ALL_EXPERIMENTS,
  type Experiment,
} from '@contrail/core';
import { builder } from './builder.js';
import { connection, KeyValueInput, KeyValueRef, LifecycleStage, ViewType } from './common.js';
import { RunConnection } from './run.js';

export const ExperimentRef = builder.objectRef<Experiment>('Experiment');
ExperimentRef.implement({
  description: 'A group of runs, usually one per project or question.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    artifactLocation: t.exposeString('artifactLocation'),
    lifecycleStage: t.field({ type: LifecycleStage, resolve: (e) => e.lifecycleStage }),
    creationTime: t.field({ type: 'Long', resolve: (e) => e.creationTime }),
    lastUpdateTime: t.field({ type: 'Long', resolve: (e) => e.lastUpdateTime }),
    tags: t.field({ type: [KeyValueRef], resolve: (e, _, ctx) => getExperimentTags(ctx.core, e.id) }),
    runCount: t.int({
      description: 'Active runs in this experiment.',
      resolve: (e, _, ctx) => ctx.loaders.runCount.load(e.id),
    }),
    runs: t.field({
      type: RunConnection,
      description: 'Runs, newest first.',
      args: { first: t.arg.int(), after: t.arg.string(), view: t.arg({ type: ViewType }) },
      resolve: (e, args, ctx) =>
        listRuns(ctx.core, { experimentIds: [e.id], first: args.first, after: args.after, view: args.view ?? undefined }),
    }),
  }),
});

const ExperimentConnection = connection('Experiment', ExperimentRef);

builder.queryFields((t) => ({
  experiments: t.field({
    type: ExperimentConnection,
    description: 'Experiments, newest first.',
    args: { first: t.arg.int(), after: t.arg.string(), view: t.arg({ type: ViewType }) },
    resolve: (_, args, ctx) => listExperiments(ctx.core, { first: args.first, after: args.after, view: args.view ?? undefined }),
  }),
  searchExperiments: t.field({
    type: ExperimentConnection,
    description: "Experiments matching a filter (`name LIKE 'nlp-%' and tags.team = 'vision'`), ordered by name, creation_time, last_update_time or experiment_id.",
    args: {
      filter: t.arg.string(),
      orderBy: t.arg.stringList(),
      view: t.arg({ type: ViewType }),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    resolve: (_, args, ctx) =>
      searchExperiments(ctx.core, { filter: args.filter, orderBy: args.orderBy, view: args.view ?? undefined, first: args.first, after: args.after }),
  }),
  experiment: t.field({
    type: ExperimentRef,
    description: 'One experiment, by id or by name.',
    args: { id: t.arg.id(), name: t.arg.string() },
    resolve: (_, { id, name }, ctx) => {
      if ((id == null) === (name == null)) throw invalid('experiment needs exactly one of id or name');
      return id != null ? getExperiment(ctx.core, String(id)) : getExperimentByName(ctx.core, name!);
    },
  }),
}));

const CreateExperimentInput = builder.inputType('CreateExperimentInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    artifactLocation: t.string({ description: 'Defaults to <ARTIFACT_ROOT>/<experiment id>.' }),
    tags: t.field({ type: [KeyValueInput] }),
  }),
});

builder.mutationFields((t) => ({
  createExperiment: t.field({
    type: ExperimentRef,
    args: { input: t.arg({ type: CreateExperimentInput, required: true }) },
    resolve: (_, { input }, ctx) =>
      createExperiment(ctx.core, { name: input.name, artifactLocation: input.artifactLocation, tags: input.tags ?? [] }),
  }),
  getOrCreateExperiment: t.field({
    type: ExperimentRef,
    description: "The experiment with this name, created if missing (MLflow's set_experiment).",
    args: { name: t.arg.string({ required: true }) },
    resolve: (_, { name }, ctx) => getOrCreateExperiment(ctx.core, name),
  }),
  renameExperiment: t.field({
    type: ExperimentRef,
    args: { id: t.arg.id({ required: true }), newName: t.arg.string({ required: true }) },
    resolve: (_, { id, newName }, ctx) => renameExperiment(ctx.core, String(id), newName),
  }),
  deleteExperiment: t.field({
    type: ExperimentRef,
    description: 'Marks the experiment and its runs deleted; restoreExperiment undoes it.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => deleteExperiment(ctx.core, String(id)),
  }),
  restoreExperiment: t.field({
    type: ExperimentRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => restoreExperiment(ctx.core, String(id)),
  }),
  setExperimentTag: t.field({
    type: ExperimentRef,
    args: { id: t.arg.id({ required: true }), key: t.arg.string({ required: true }), value: t.arg.string({ required: true }) },
    resolve: (_, { id, key, value }, ctx) => setExperimentTag(ctx.core, String(id), { key, value }),
  }),
}));

const ExperimentChange = builder.enumType('ExperimentChange', { values: ['CREATED', 'UPDATED', 'DELETED', 'RESTORED'] as const });

const ExperimentUpdate = builder
  .objectRef<{ change: 'CREATED' | 'UPDATED' | 'DELETED' | 'RESTORED'; experiment: Experiment }>('ExperimentUpdate')
  .implement({
    fields: (t) => ({
      change: t.field({ type: ExperimentChange, resolve: (u) => u.change }),
      experiment: t.field({ type: ExperimentRef, resolve: (u) => u.experiment }),
    }),
  });

builder.subscriptionFields((t) => ({
  experimentUpdated: t.field({
    type: ExperimentUpdate,
    description: 'Any experiment was created, renamed, tagged, deleted or restored.',
    subscribe: (_, __, ctx) => ctx.live.subscribe('experimentUpdated', ALL_EXPERIMENTS),
    resolve: (update) => update,
  }),
}));
