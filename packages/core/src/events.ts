import type { AliasEvent, ModelVersion } from './registry/types.js';
import type { Experiment, MetricPoint, Run } from './types.js';

/**
 * The typed topics of live updates. Each is published by core after its write commits and keyed by
 * the id subscribers filter on. The transport (in-process or Redis) is the server's business.
 */
export interface MetricsLoggedEvent {
  runId: string;
  experimentId: string;
  /** The points of one write, in the order they were logged. */
  points: MetricPoint[];
}

export type RunChange = 'CREATED' | 'UPDATED' | 'DELETED' | 'RESTORED';
export interface RunUpdatedEvent {
  change: RunChange;
  run: Run;
}

export type ExperimentChange = 'CREATED' | 'UPDATED' | 'DELETED' | 'RESTORED';
export interface ExperimentUpdatedEvent {
  change: ExperimentChange;
  experiment: Experiment;
}

/** An alias was set, moved or deleted: the alias history entry that recorded it. */
export type ModelAliasChangedEvent = AliasEvent;

export interface ModelVersionCreatedEvent {
  modelVersion: ModelVersion;
}

export interface Topics {
  /** keyed by run id */
  metricsLogged: MetricsLoggedEvent;
  /** keyed by experiment id, and on ALL_EXPERIMENTS for every experiment */
  runUpdated: RunUpdatedEvent;
  /** one channel for all experiments (key ALL_EXPERIMENTS) */
  experimentUpdated: ExperimentUpdatedEvent;
  /** keyed by registered model name, and again under ALL_MODELS */
  modelAliasChanged: ModelAliasChangedEvent;
  /** keyed by registered model name, and again under ALL_MODELS */
  modelVersionCreated: ModelVersionCreatedEvent;
}
export type Topic = keyof Topics;
export const TOPICS: readonly Topic[] = ['metricsLogged', 'runUpdated', 'experimentUpdated', 'modelAliasChanged', 'modelVersionCreated'];
export const ALL_EXPERIMENTS = '*';
/**
 * The all-models channel of the registry topics. Registry events are published under the model's name
 * and again here, so a subscriber to one model hears only it (a model named "*" is only published
 * here once).
 */
export const ALL_MODELS = '*';

export interface EventPublisher {
  publish<T extends Topic>(topic: T, key: string, payload: Topics[T]): void;
}

export const noEvents: EventPublisher = { publish: () => {} };
