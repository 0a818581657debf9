import {
  createRun,
  deleteRun,
  deleteTag,
  getExperiment,
  getRun,
  listChildRuns,
  listRuns,
  restoreRun,
  ALL_EXPERIMENTS,
  RUN_STATUSES,
  searchRuns,
  updateRun,
  type Run,
} from '@contrail/core';
import { builder } from './builder.js';
import { connection, KeyValueInput, KeyValueRef, LifecycleStage, ViewType } from './common.js';
import { ExperimentRef } from './experiment.js';
import { MetricPointRef } from './metric.js';

export const RunStatus = builder.enumType('RunStatus', { values: RUN_STATUSES });

export const RunRef = builder.objectRef<Run>('Run');
RunRef.implement({
  description: 'One execution of training code: params, tags and metric series.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '32 hex characters.' }),
    experimentId: t.exposeID('experimentId'),
    experiment: t.field({ type: ExperimentRef, resolve: (run, _, ctx) => getExperiment(ctx.core, run.experimentId) }),
    name: t.exposeString('name'),
    status: t.field({ type: RunStatus, resolve: (run) => run.status }),
    startTime: t.field({ type: 'Long', resolve: (run) => run.startTime }),
    endTime: t.field({ type: 'Long', nullable: true, resolve: (run) => run.endTime }),
    lifecycleStage: t.field({ type: LifecycleStage, resolve: (run) => run.lifecycleStage }),
    userId: t.exposeString('userId'),
    artifactUri: t.exposeString('artifactUri'),
    parentRunId: t.exposeID('parentRunId', { nullable: true }),
    params: t.field({ type: [KeyValueRef], resolve: (run, _, ctx) => ctx.loaders.params.load(run.id) }),
    tags: t.field({ type: [KeyValueRef], resolve: (run, _, ctx) => ctx.loaders.tags.load(run.id) }),
    latestMetrics: t.field({
      type: [MetricPointRef],
      description: "Each metric's latest point: greatest step, then timestamp.",
      resolve: (run, _, ctx) => ctx.loaders.latestMetrics.load(run.id),
    }),
    metricKeys: t.stringList({
      // The keys of its latest points, batched with latestMetrics for a page of runs.
      resolve: async (run, _, ctx) => (await ctx.loaders.latestMetrics.load(run.id)).map((m) => m.key),
    }),
    children: t.field({
      type: [RunRef],
      description: 'Nested runs whose parent is this run.',
      resolve: (run, _, ctx) => listChildRuns(ctx.core, run.id),
    }),
  }),
});

export const RunConnection = connection('Run', RunRef);

builder.queryFields((t) => ({
  run: t.field({ type: RunRef, args: { id: t.arg.id({ required: true }) }, resolve: (_, { id }, ctx) => getRun(ctx.core, String(id)) }),
  searchRuns: t.field({
    type: RunConnection,
    description:
      "Runs matching an MLflow filter string (`metrics.acc > 0.9 and params.model = 'gpt2'`, plus OR, parentheses and NOT), ordered by `orderBy` entries such as `metrics.acc DESC`; then start time DESC and run id.",
    args: {
      experimentIds: t.arg.idList({ required: true }),
      filter: t.arg.string(),
      orderBy: t.arg.stringList(),
      runView: t.arg({ type: ViewType }),
      first: t.arg.int({ description: 'Page size, 1..50000; default 1000.' }),
      after: t.arg.string(),
    },
    resolve: (_, args, ctx) =>
      searchRuns(ctx.core, {
        experimentIds: args.experimentIds.map(String),
        filter: args.filter,
        orderBy: args.orderBy,
        runView: args.runView ?? undefined,
        first: args.first,
        after: args.after,
      }),
  }),
  runs: t.field({
    type: RunConnection,
    description: 'Runs of the given experiments, newest first.',
    args: {
      experimentIds: t.arg.idList({ required: true }),
      first: t.arg.int(),
      after: t.arg.string(),
      view: t.arg({ type: ViewType }),
    },
    resolve: (_, args, ctx) =>
      listRuns(ctx.core, {
        experimentIds: args.experimentIds.map(String),
        first: args.first,
        after: args.after,
        view: args.view ?? undefined,
      }),
  }),
}));

const CreateRunInput = builder.inputType('CreateRunInput', {
  fields: (t) => ({
    experimentId: t.id({ required: true }),
    runName: t.string({ description: 'Generated (adjective-animal-number) when omitted.' }),
    startTime: t.field({ type: 'Long', description: 'Epoch ms; defaults to now.' }),
    userId: t.string(),
    tags: t.field({ type: [KeyValueInput] }),
    parentRunId: t.id({ description: 'Makes this a nested run of that run.' }),
  }),
});

const UpdateRunInput = builder.inputType('UpdateRunInput', {
  fields: (t) => ({
    runId: t.id({ required: true }),
    status: t.field({ type: RunStatus }),
    endTime: t.field({ type: 'Long', description: 'Defaults to now when the status becomes FINISHED, FAILED or KILLED.' }),
    runName: t.string(),
  }),
});

builder.mutationFields((t) => ({
  createRun: t.field({
    type: RunRef,
    args: { input: t.arg({ type: CreateRunInput, required: true }) },
    resolve: (_, { input }, ctx) =>
      createRun(ctx.core, {
        experimentId: String(input.experimentId),
        runName: input.runName,
        startTime: input.startTime,
        userId: input.userId,
        tags: input.tags ?? [],
        parentRunId: input.parentRunId == null ? null : String(input.parentRunId),
      }),
  }),
  updateRun: t.field({
    type: RunRef,
    args: { input: t.arg({ type: UpdateRunInput, required: true }) },
    resolve: (_, { input }, ctx) =>
      updateRun(ctx.core, { runId: String(input.runId), status: input.status, endTime: input.endTime, runName: input.runName }),
  }),
  deleteRun: t.field({ type: RunRef, args: { id: t.arg.id({ required: true }) }, resolve: (_, { id }, ctx) => deleteRun(ctx.core, String(id)) }),
  restoreRun: t.field({ type: RunRef, args: { id: t.arg.id({ required: true }) }, resolve: (_, { id }, ctx) => restoreRun(ctx.core, String(id)) }),
  deleteTag: t.field({
    type: RunRef,
    args: { runId: t.arg.id({ required: true }), key: t.arg.string({ required: true }) },
    resolve: (_, { runId, key }, ctx) => deleteTag(ctx.core, String(runId), key),
  }),
}));

const RunChange = builder.enumType('RunChange', { values: ['CREATED', 'UPDATED', 'DELETED', 'RESTORED'] as const });

const RunUpdate = builder.objectRef<{ change: 'CREATED' | 'UPDATED' | 'DELETED' | 'RESTORED'; run: Run }>('RunUpdate').implement({
  fields: (t) => ({
    change: t.field({ type: RunChange, resolve: (u) => u.change }),
    run: t.field({ type: RunRef, resolve: (u) => u.run }),
  }),
});

builder.subscriptionFields((t) => ({
  runUpdated: t.field({
    type: RunUpdate,
    description: 'A run of the experiment (of any experiment when experimentId is null) was created, deleted or restored, or its status, name, tags or params changed.',
    args: { experimentId: t.arg.id() },
    subscribe: (_, { experimentId }, ctx) => ctx.live.subscribe('runUpdated', experimentId == null ? ALL_EXPERIMENTS : String(experimentId)),
    resolve: (update) => update,
  }),
}));
