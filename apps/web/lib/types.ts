/** The shapes the dashboard reads from the GraphQL API (apps/server/schema.graphql). */

/** JSON has no NaN or Infinity: the API sends those as strings. */
export type MetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export type LifecycleStage = 'ACTIVE' | 'DELETED';

export interface KeyValue {
  key: string;
  value: string;
}

export interface MetricPoint {
  key: string;
  step: number;
  timestamp: number;
  value: MetricValue;
}

export interface Experiment {
  id: string;
  name: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  runCount: number;
  /** The newest run only, for "last activity". */
  runs: { nodes: Array<{ startTime: number; endTime: number | null }> };
}

export interface RunRow {
  id: string;
  name: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  userId: string;
  parentRunId: string | null;
  params: KeyValue[];
  latestMetrics: MetricPoint[];
}

export interface RunDetail extends RunRow {
  experimentId: string;
  experiment: { name: string };
  tags: KeyValue[];
  metricKeys: string[];
  children: Array<Pick<RunRow, 'id' | 'name' | 'status' | 'startTime' | 'endTime'>>;
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

export const toNumber = (value: MetricValue): number =>
  typeof value === 'number' ? value : value === 'NaN' ? NaN : value === 'Infinity' ? Infinity : -Infinity;

export type ModelStage = 'NONE' | 'STAGING' | 'PRODUCTION' | 'ARCHIVED';
export type AliasAction = 'SET' | 'MOVED' | 'DELETED';

export interface ModelAlias {
  alias: string;
  version: number;
}

/** A row of the models list. */
export interface RegisteredModelRow {
  id: string;
  name: string;
  lastUpdateTime: number;
  aliases: ModelAlias[];
  /** The newest version only. */
  versions: { nodes: Array<{ version: number }>; totalCount: number };
}

export interface ModelVersionRow {
  version: number;
  creationTime: number;
  currentStage: ModelStage;
  source: string;
  runId: string | null;
  run: { id: string; name: string } | null;
  aliases: string[];
}

export interface AliasEvent {
  id: string;
  time: number;
  alias: string;
  action: AliasAction;
  previousVersion: number | null;
  newVersion: number | null;
  actor: string;
}

export interface RegisteredModelDetail {
  id: string;
  name: string;
  description: string;
  creationTime: number;
  lastUpdateTime: number;
  aliases: ModelAlias[];
  versions: Connection<ModelVersionRow>;
  aliasHistory: Connection<AliasEvent>;
}
