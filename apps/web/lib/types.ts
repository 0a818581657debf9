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
