import { gql } from 'urql';
import type {
  AliasEvent,
  Connection,
  Experiment,
  MetricPoint,
  MetricValue,
  ModelAlias,
  ModelVersionRow,
  RegisteredModelDetail,
  RegisteredModelRow,
  RunDetail,
  RunRow,
} from './types';

const RUN_ROW = `id name status startTime endTime userId parentRunId params { key value } latestMetrics { key value step timestamp }`;
const EXPERIMENT = `id name lifecycleStage creationTime lastUpdateTime runCount runs(first: 1) { nodes { startTime endTime } }`;

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export const EXPERIMENTS = gql<{ experiments: Connection<Experiment> }, { view: ViewType; first: number }>`
  query Experiments($view: ViewType, $first: Int) {
    experiments(view: $view, first: $first) { nodes { ${EXPERIMENT} } pageInfo { endCursor hasNextPage } totalCount }
  }
`;

export const EXPERIMENT_UPDATED = gql<{ experimentUpdated: { change: string; experiment: { id: string } } }>`
  subscription ExperimentUpdated { experimentUpdated { change experiment { id } } }
`;

export const CREATE_EXPERIMENT = gql<{ createExperiment: { id: string } }, { name: string }>`
  mutation CreateExperiment($name: String!) { createExperiment(input: { name: $name }) { id } }
`;
export const RENAME_EXPERIMENT = gql<{ renameExperiment: { id: string } }, { id: string; newName: string }>`
  mutation RenameExperiment($id: ID!, $newName: String!) { renameExperiment(id: $id, newName: $newName) { id name } }
`;
export const DELETE_EXPERIMENT = gql<{ deleteExperiment: { id: string } }, { id: string }>`
  mutation DeleteExperiment($id: ID!) { deleteExperiment(id: $id) { id lifecycleStage } }
`;
export const RESTORE_EXPERIMENT = gql<{ restoreExperiment: { id: string } }, { id: string }>`
  mutation RestoreExperiment($id: ID!) { restoreExperiment(id: $id) { id lifecycleStage } }
`;

export const EXPERIMENT_HEADER = gql<{ experiment: { id: string; name: string } }, { id: string }>`
  query ExperimentHeader($id: ID!) { experiment(id: $id) { id name } }
`;

export interface SearchRunsVariables {
  experimentIds: string[];
  filter: string | null;
  orderBy: string[];
  first: number;
  after: string | null;
}
export const SEARCH_RUNS = gql<{ searchRuns: Connection<RunRow> }, SearchRunsVariables>`
  query SearchRuns($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $first: Int, $after: String) {
    searchRuns(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, runView: ACTIVE_ONLY, first: $first, after: $after) {
      nodes { ${RUN_ROW} } pageInfo { endCursor hasNextPage } totalCount
    }
  }
`;

export const RUN_UPDATED = gql<{ runUpdated: { change: 'CREATED' | 'UPDATED' | 'DELETED' | 'RESTORED'; run: RunRow } }, { experimentId: string }>`
  subscription RunUpdated($experimentId: ID!) { runUpdated(experimentId: $experimentId) { change run { ${RUN_ROW} } } }
`;

/** Runs created, deleted or restored in any experiment: the experiments list keeps its counts with one subscription. */
export const ANY_RUN_UPDATED = gql<{ runUpdated: { change: 'CREATED' | 'UPDATED' | 'DELETED' | 'RESTORED'; run: { id: string; experimentId: string } } }, Record<string, never>>`
  subscription AnyRunUpdated { runUpdated { change run { id experimentId } } }
`;

export const RUN = gql<{ run: RunDetail }, { id: string }>`
  query Run($id: ID!) {
    run(id: $id) {
      ${RUN_ROW} experimentId experiment { name } tags { key value } metricKeys
      children { id name status startTime endTime }
    }
  }
`;

export type CompareRun = RunRow & { metricKeys: string[] };

/** Several runs by id in one request (one alias per run): there is no list-by-ids query. */
export function runsByIdQuery(count: number) {
  const args = Array.from({ length: count }, (_, i) => `$r${i}: ID!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `r${i}: run(id: $r${i}) { ${RUN_ROW} metricKeys }`).join('\n');
  return gql<Record<string, CompareRun>, Record<string, string>>(`query RunsById(${args}) { ${fields} }`);
}

/** Columns rather than point objects: a third of the JSON for the same history. */
export const METRIC_HISTORY = gql<
  { metricHistory: { downsampled: boolean; steps: number[]; timestamps: number[]; values: MetricValue[] } },
  { runId: string; key: string; maxPoints: number }
>`
  query MetricHistory($runId: ID!, $key: String!, $maxPoints: Int) {
    metricHistory(runId: $runId, key: $key, maxPoints: $maxPoints) { downsampled steps timestamps values }
  }
`;

export const RUN_METRICS = gql<{ runMetrics: { points: MetricPoint[] } }, { runId: string; keys: string[] | null }>`
  subscription RunMetrics($runId: ID!, $keys: [String!]) { runMetrics(runId: $runId, keys: $keys) { points { key step timestamp value } } }
`;

// Model registry.

const ALIAS_EVENT = `id time alias action previousVersion newVersion actor`;
const MODEL_VERSION_ROW = `version creationTime currentStage source runId run { id name } aliases`;

export const SEARCH_REGISTERED_MODELS = gql<{ searchRegisteredModels: Connection<RegisteredModelRow> }, { filter: string | null; first: number }>`
  query SearchRegisteredModels($filter: String, $first: Int) {
    searchRegisteredModels(filter: $filter, first: $first) {
      nodes { id name lastUpdateTime aliases { alias version } versions(first: 1) { nodes { version } totalCount } }
      pageInfo { endCursor hasNextPage } totalCount
    }
  }
`;

/** The model page: versions (newest first), aliases and the newest alias history entries. */
export const REGISTERED_MODEL = gql<{ registeredModel: RegisteredModelDetail }, { name: string; versions: number; history: number }>`
  query RegisteredModel($name: String!, $versions: Int, $history: Int) {
    registeredModel(name: $name) {
      id name description creationTime lastUpdateTime
      aliases { alias version }
      versions(first: $versions) { nodes { ${MODEL_VERSION_ROW} } pageInfo { endCursor hasNextPage } totalCount }
      aliasHistory(first: $history) { nodes { ${ALIAS_EVENT} } pageInfo { endCursor hasNextPage } totalCount }
    }
  }
`;

/** Champion to the challenger's version in one server transaction (see promoteModelAlias). */
export const PROMOTE_MODEL_ALIAS = gql<
  { promoteModelAlias: { id: string; aliases: ModelAlias[] } },
  { name: string; keepFrom: boolean; expectedVersion: number; actor: string }
>`
  mutation PromoteModelAlias($name: String!, $keepFrom: Boolean, $expectedVersion: Int, $actor: String) {
    promoteModelAlias(input: { name: $name, from: "challenger", to: "champion", keepFrom: $keepFrom, expectedVersion: $expectedVersion, actor: $actor }) {
      id aliases { alias version }
    }
  }
`;

export const SET_MODEL_ALIAS = gql<
  { setRegisteredModelAlias: { id: string; aliases: ModelAlias[] } },
  { name: string; alias: string; version: number; actor: string }
>`
  mutation SetModelAlias($name: String!, $alias: String!, $version: Int!, $actor: String) {
    setRegisteredModelAlias(name: $name, alias: $alias, version: $version, actor: $actor) { id aliases { alias version } }
  }
`;

export const DELETE_MODEL_ALIAS = gql<{ deleteRegisteredModelAlias: { id: string; aliases: ModelAlias[] } }, { name: string; alias: string; actor: string }>`
  mutation DeleteModelAlias($name: String!, $alias: String!, $actor: String) {
    deleteRegisteredModelAlias(name: $name, alias: $alias, actor: $actor) { id aliases { alias version } }
  }
`;

export const MODEL_ALIAS_CHANGED = gql<{ modelAliasChanged: AliasEvent & { name: string } }, { name: string | null }>`
  subscription ModelAliasChanged($name: String) { modelAliasChanged(name: $name) { name ${ALIAS_EVENT} } }
`;

export const MODEL_VERSION_CREATED = gql<{ modelVersionCreated: ModelVersionRow & { name: string } }, { name: string | null }>`
  subscription ModelVersionCreated($name: String) { modelVersionCreated(name: $name) { name ${MODEL_VERSION_ROW} } }
`;
