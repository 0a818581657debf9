import type { Experiment, LifecycleStage, Run, RunStatus } from './types.js';

interface ExperimentRow {
  id: number;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  creationTime: bigint;
  lastUpdateTime: bigint;
}

export const toExperiment = (row: ExperimentRow): Experiment => ({
  id: String(row.id),
  name: row.name,
  artifactLocation: row.artifactLocation,
  lifecycleStage: row.lifecycleStage as LifecycleStage,
  creationTime: Number(row.creationTime),
  lastUpdateTime: Number(row.lastUpdateTime),
});

/** A runs row as Prisma returns it (BigInt times) or as raw SQL does (numbers). */
export interface RunRow {
  id: string;
  experimentId: number;
  name: string;
  status: string;
  startTime: bigint | number;
  endTime: bigint | number | null;
  lifecycleStage: string;
  userId: string;
  artifactUri: string;
  parentRunId: string | null;
}

export const toRun = (row: RunRow): Run => ({
  id: row.id,
  experimentId: String(row.experimentId),
  name: row.name,
  status: row.status as RunStatus,
  startTime: Number(row.startTime),
  endTime: row.endTime == null ? null : Number(row.endTime),
  lifecycleStage: row.lifecycleStage as LifecycleStage,
  userId: row.userId,
  artifactUri: row.artifactUri,
  parentRunId: row.parentRunId,
});
