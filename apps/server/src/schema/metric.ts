import { filter, map, pipe } from 'graphql-yoga';
import { getMetricHistory, getMetricKeys, getRun, logBatch, type LogBatchResult, type MetricPoint } from '@contrail/core';
import type { WirePoint } from '../live/pubsub.js';
import { builder } from './builder.js';
import { KeyValueInput } from './common.js';

export const MetricPointRef = builder.objectRef<MetricPoint | WirePoint>('MetricPoint');
MetricPointRef.implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.field({ type: 'MetricValue', resolve: (p) => p.value }),
    timestamp: t.field({ type: 'Long', description: 'Epoch ms.', resolve: (p) => p.timestamp }),
    step: t.field({ type: 'Long', resolve: (p) => p.step }),
  }),
});

const MetricHistoryRef = builder.objectRef<{ points: MetricPoint[]; downsampled: boolean }>('MetricHistory').implement({
  fields: (t) => ({
    points: t.field({ type: [MetricPointRef], resolve: (h) => h.points }),
    // The same points as parallel arrays: a third smaller on the wire and much cheaper to serve
    // than one object per point, for clients that draw long series.
    steps: t.field({ type: ['Long'], description: 'Steps of `points`, in order.', resolve: (h) => h.points.map((p) => p.step) }),
    timestamps: t.field({ type: ['Long'], description: 'Timestamps of `points`, in order.', resolve: (h) => h.points.map((p) => p.timestamp) }),
    values: t.field({ type: ['MetricValue'], description: 'Values of `points`, in order.', resolve: (h) => h.points.map((p) => p.value) }),
    downsampled: t.exposeBoolean('downsampled', {
      description: "True when the series had more than maxPoints points: each bucket of steps kept its lowest, highest and last point; the first and last points are exact.",
    }),
  }),
});

const LogBatchResultRef = builder.objectRef<LogBatchResult>('LogBatchResult').implement({
  fields: (t) => ({
    runId: t.exposeID('runId'),
    metricsStored: t.exposeInt('metricsStored', { description: 'New points stored (a point already stored is not stored again).' }),
    paramsStored: t.exposeInt('paramsStored'),
    tagsSet: t.exposeInt('tagsSet'),
  }),
});

const LogMetricInput = builder.inputType('LogMetricInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.field({ type: 'MetricValue', required: true }),
    timestamp: t.field({ type: 'Long', description: 'Epoch ms; defaults to now.' }),
    step: t.field({ type: 'Long', description: 'Defaults to 0.' }),
  }),
});

const LogBatchInput = builder.inputType('LogBatchInput', {
  fields: (t) => ({
    runId: t.id({ required: true }),
    metrics: t.field({ type: [LogMetricInput], description: 'At most 1000.' }),
    params: t.field({ type: [KeyValueInput], description: 'At most 100. Params are write-once.' }),
    tags: t.field({ type: [KeyValueInput], description: 'At most 100.' }),
  }),
});

builder.queryFields((t) => ({
  metricHistory: t.field({
    type: MetricHistoryRef,
    description: 'Points of one metric in step order; with maxPoints, a longer series is downsampled on the server.',
    args: {
      runId: t.arg.id({ required: true }),
      key: t.arg.string({ required: true }),
      maxPoints: t.arg.int({ description: 'Return at most this many points (3..100000). Omit for every point.' }),
    },
    resolve: (_, { runId, key, maxPoints }, ctx) => getMetricHistory(ctx.core, { runId: String(runId), key, maxPoints }),
  }),
  metricKeys: t.stringList({
    args: { runId: t.arg.id({ required: true }) },
    resolve: (_, { runId }, ctx) => getMetricKeys(ctx.core, String(runId)),
  }),
}));

builder.mutationFields((t) => ({
  logBatch: t.field({
    type: LogBatchResultRef,
    description: 'Logs metrics, params and tags in one transaction: all of it, or (on any error) none of it.',
    args: { input: t.arg({ type: LogBatchInput, required: true }) },
    resolve: (_, { input }, ctx) =>
      logBatch(ctx.core, { runId: String(input.runId), metrics: input.metrics, params: input.params, tags: input.tags }),
  }),
  logMetric: t.field({
    type: LogBatchResultRef,
    args: {
      runId: t.arg.id({ required: true }),
      key: t.arg.string({ required: true }),
      value: t.arg({ type: 'MetricValue', required: true }),
      timestamp: t.arg({ type: 'Long' }),
      step: t.arg({ type: 'Long' }),
    },
    resolve: (_, { runId, ...metric }, ctx) => logBatch(ctx.core, { runId: String(runId), metrics: [metric] }),
  }),
  logParam: t.field({
    type: LogBatchResultRef,
    args: { runId: t.arg.id({ required: true }), key: t.arg.string({ required: true }), value: t.arg.string({ required: true }) },
    resolve: (_, { runId, key, value }, ctx) => logBatch(ctx.core, { runId: String(runId), params: [{ key, value }] }),
  }),
  setTag: t.field({
    type: LogBatchResultRef,
    args: { runId: t.arg.id({ required: true }), key: t.arg.string({ required: true }), value: t.arg.string({ required: true }) },
    resolve: (_, { runId, key, value }, ctx) => logBatch(ctx.core, { runId: String(runId), tags: [{ key, value }] }),
  }),
}));

const MetricsLoggedRef = builder.objectRef<{ runId: string; points: Array<MetricPoint | WirePoint> }>('MetricsLogged').implement({
  fields: (t) => ({
    runId: t.exposeID('runId'),
    points: t.field({ type: [MetricPointRef], description: 'The new points of one write, in logged order.', resolve: (e) => e.points }),
  }),
});

builder.subscriptionFields((t) => ({
  runMetrics: t.field({
    type: MetricsLoggedRef,
    description: 'Emits the points of every write to the run as it commits (only the given keys, if any).',
    args: { runId: t.arg.id({ required: true }), keys: t.arg.stringList() },
    subscribe: async (_, { runId, keys }, ctx) => {
      await getRun(ctx.core, String(runId)); // an unknown run is an error, not a silent stream
      const source = ctx.live.subscribe('metricsLogged', String(runId));
      if (!keys?.length) return source;
      const wanted = new Set(keys);
      // yoga's operators (unlike an async generator) end the source as soon as the client unsubscribes
      return pipe(
        source,
        map((event) => ({ runId: event.runId, points: event.points.filter((p) => wanted.has(p.key)) })),
        filter((event) => event.points.length > 0),
      );
    },
    resolve: (event) => event,
  }),
}));
