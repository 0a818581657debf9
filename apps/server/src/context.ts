import DataLoader from 'dataloader';
import {
  countRuns,
  getLatestMetricsForRuns,
  getParamsForRuns,
  getTagsForRuns,
  type CoreContext,
  type KeyValue,
  type MetricPoint,
} from '@contrail/core';
import type { LiveUpdates } from './live/pubsub.js';

/** What each GraphQL operation sees: core, live updates, and per-request batch loaders. */
export interface GraphQLContext {
  core: CoreContext;
  live: LiveUpdates;
  loaders: Loaders;
}

export interface Loaders {
  params: DataLoader<string, KeyValue[]>;
  tags: DataLoader<string, KeyValue[]>;
  latestMetrics: DataLoader<string, MetricPoint[]>;
  runCount: DataLoader<string, number>;
}

const batch = <V>(load: (ids: readonly string[]) => Promise<Map<string, V>>, fallback: V) =>
  new DataLoader<string, V>(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? fallback);
  });

export function createLoaders(core: CoreContext): Loaders {
  return {
    params: batch((ids) => getParamsForRuns(core, ids), []),
    tags: batch((ids) => getTagsForRuns(core, ids), []),
    latestMetrics: batch((ids) => getLatestMetricsForRuns(core, ids), []),
    runCount: batch((ids) => countRuns(core, [...ids]), 0),
  };
}
