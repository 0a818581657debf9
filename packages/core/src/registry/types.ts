import type { KeyValue } from '../types.js';

/** Registry objects as the rest of the product sees them (MLflow's entities; times in epoch ms). */

export const MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

export interface ModelAliasRef {
  alias: string;
  version: number;
}

export interface RegisteredModel {
  id: string;
  name: string;
  description: string;
  creationTime: number;
  lastUpdateTime: number;
  tags: KeyValue[];
  /** Sorted by alias. */
  aliases: ModelAliasRef[];
}

export interface ModelVersion {
  /** The registered model's name. */
  name: string;
  version: number;
  source: string;
  /** The run it was registered from (lineage; the run may since have been deleted). */
  runId: string | null;
  userId: string | null;
  status: 'READY';
  currentStage: ModelStage;
  description: string;
  creationTime: number;
  lastUpdateTime: number;
  tags: KeyValue[];
  /** Aliases pointing at this version, sorted. */
  aliases: string[];
}

export type AliasAction = 'SET' | 'MOVED' | 'DELETED';

/** One entry of a model's alias history. */
export interface AliasEvent {
  id: string;
  /** The registered model's name (history follows the model through renames). */
  name: string;
  alias: string;
  action: AliasAction;
  previousVersion: number | null;
  newVersion: number | null;
  actor: string;
  time: number;
}
