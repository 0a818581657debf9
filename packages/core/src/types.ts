/** Domain objects as the rest of the product sees them: plain data, times in epoch milliseconds. */

export type LifecycleStage = 'active' | 'deleted';
export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['FINISHED', 'FAILED', 'KILLED']);

export interface KeyValue {
  key: string;
  value: string;
}

export interface Experiment {
  id: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
}

export interface Run {
  id: string;
  experimentId: string;
  name: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  lifecycleStage: LifecycleStage;
  userId: string;
  artifactUri: string;
  parentRunId: string | null;
}

export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `after` for the next page. Null on the last page. */
  nextCursor: string | null;
  totalCount: number;
}
