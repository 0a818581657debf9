import { nowOf, write, type CoreContext, type Tx } from './context.js';
import { invalid, notFound } from './errors.js';
import { ALL_EXPERIMENTS, type RunChange } from './events.js';
import { parseExperimentId } from './experiments.js';
import { newRunId } from './ids.js';
import { LIMITS, PAGING } from './limits.js';
import { toRun } from './mappers.js';
import { searchRuns } from './search/search-runs.js';
import { byCodePoint } from './order.js';
import { RUN_STATUSES, TERMINAL_STATUSES, type KeyValue, type Page, type Run, type RunStatus } from './types.js';
import { validateInt64, validateKey, validateLength } from './validate.js';

/** System tags MLflow keeps alongside the run's own fields. */
export const SystemTag = {
  runName: 'mlflow.runName',
  user: 'mlflow.user',
  parentRunId: 'mlflow.parentRunId',
} as const;

export function publishRun(ctx: CoreContext, change: RunChange, run: Run) {
  ctx.events.publish('runUpdated', run.experimentId, { change, run });
  // Lists of experiments watch the runs of every experiment through one subscription.
  ctx.events.publish('runUpdated', ALL_EXPERIMENTS, { change, run });
}

export async function loadRun(tx: Tx, runId: string): Promise<Run> {
  if (typeof runId !== 'string' || runId.length === 0) throw invalid('runId must be a non-empty string');
  const row = await tx.run.findUnique({ where: { id: runId } });
  if (!row) throw notFound(`no run with id ${runId}`);
  return toRun(row);
}

export const getRun = (ctx: CoreContext, runId: string) => loadRun(ctx.db.prisma, runId);

export function parseStatus(status: string, field = 'status'): RunStatus {
  if (!(RUN_STATUSES as readonly string[]).includes(status)) {
    throw invalid(`${field} must be one of ${RUN_STATUSES.join(', ')}, got "${status}"`);
  }
  return status as RunStatus;
}

// MLflow's adjective-noun-number run names, so unnamed runs are still easy to tell apart.
const ADJECTIVES = ['amber', 'bold', 'calm', 'dapper', 'eager', 'fleet', 'gentle', 'honest', 'keen', 'lucid', 'merry', 'nimble', 'quiet', 'rare', 'sleek', 'swift', 'tidy', 'vivid', 'witty', 'zesty'];
const NOUNS = ['albatross', 'badger', 'comet', 'dolphin', 'falcon', 'gecko', 'heron', 'ibis', 'jaguar', 'koala', 'lynx', 'marten', 'newt', 'otter', 'panda', 'quail', 'raven', 'shark', 'tern', 'wren'];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
export const generateRunName = () => `${pick(ADJECTIVES)}-${pick(NOUNS)}-${Math.floor(Math.random() * 1000)}`;

export interface CreateRunInput {
  experimentId: string;
  runName?: string | null;
  startTime?: number | null;
  userId?: string | null;
  tags?: KeyValue[];
  parentRunId?: string | null;
}

export async function createRun(ctx: CoreContext, input: CreateRunInput): Promise<Run> {
  const experimentId = parseExperimentId(input.experimentId);
  const tags = new Map<string, string>();
  (input.tags ?? []).forEach((tag, i) => {
    tags.set(validateKey(tag.key, `tags[${i}].key`), validateLength(tag.value, LIMITS.runTagValueLength, `tags[${i}].value`));
  });
  const name = validateLength(input.runName || tags.get(SystemTag.runName) || generateRunName(), LIMITS.runNameLength, 'runName');
  const startTime = input.startTime == null ? nowOf(ctx) : validateInt64(input.startTime, 'startTime');
  const userId = input.userId || tags.get(SystemTag.user) || 'unknown';
  const parentRunId = input.parentRunId || tags.get(SystemTag.parentRunId) || null;
  tags.set(SystemTag.runName, name);
  tags.set(SystemTag.user, userId);
  if (parentRunId) tags.set(SystemTag.parentRunId, parentRunId);

  const run = await write(ctx, async (tx) => {
    const experiment = await tx.experiment.findUnique({ where: { id: experimentId } });
    if (!experiment) throw notFound(`no experiment with id ${experimentId}`);
    if (experiment.lifecycleStage !== 'active') throw invalid(`experiment ${experimentId} is deleted: restore it to add runs`);
    if (parentRunId && !(await tx.run.findUnique({ where: { id: parentRunId }, select: { id: true } }))) {
      throw notFound(`parentRunId: no run with id ${parentRunId}`);
    }
    const id = newRunId();
    const row = await tx.run.create({
      data: {
        id,
        experimentId,
        name,
        status: 'RUNNING',
        startTime,
        userId,
        parentRunId,
        artifactUri: `${experiment.artifactLocation.replace(/\/+$/, '')}/${id}/artifacts`,
        tags: { createMany: { data: [...tags].map(([key, value]) => ({ key, value })) } },
      },
    });
    return toRun(row);
  });
  publishRun(ctx, 'CREATED', run);
  return run;
}

export interface UpdateRunInput {
  runId: string;
  status?: string | null;
  endTime?: number | null;
  runName?: string | null;
}

export async function updateRun(ctx: CoreContext, input: UpdateRunInput): Promise<Run> {
  const status = input.status == null ? undefined : parseStatus(input.status);
  const endTime = input.endTime == null ? undefined : validateInt64(input.endTime, 'endTime');
  const name = input.runName == null ? undefined : validateLength(input.runName, LIMITS.runNameLength, 'runName');
  if (name !== undefined && name.trim() === '') throw invalid('runName must not be empty');
  const run = await write(ctx, async (tx) => {
    const current = await loadRun(tx, input.runId);
    if (current.lifecycleStage !== 'active') throw invalid(`run ${input.runId} is deleted: restore it before updating`);
    const finishing = status !== undefined && TERMINAL_STATUSES.has(status);
    const row = await tx.run.update({
      where: { id: input.runId },
      data: {
        status,
        name,
        // A run that ends without an end time ends now; one that starts running again is open.
        endTime: endTime ?? (finishing ? (current.endTime ?? nowOf(ctx)) : status !== undefined ? null : undefined),
      },
    });
    if (name !== undefined) {
      await tx.runTag.upsert({
        where: { runId_key: { runId: input.runId, key: SystemTag.runName } },
        create: { runId: input.runId, key: SystemTag.runName, value: name },
        update: { value: name },
      });
    }
    return toRun(row);
  });
  publishRun(ctx, 'UPDATED', run);
  return run;
}

async function setRunLifecycle(ctx: CoreContext, runId: string, stage: 'active' | 'deleted'): Promise<Run> {
  const run = await write(ctx, async (tx) => {
    const current = await loadRun(tx, runId);
    if (current.lifecycleStage === stage) throw invalid(`run ${runId} is already ${stage}`);
    if (stage === 'active') {
      const experiment = await tx.experiment.findUnique({ where: { id: Number(current.experimentId) } });
      if (experiment?.lifecycleStage !== 'active') {
        throw invalid(`run ${runId} belongs to deleted experiment ${current.experimentId}: restore the experiment`);
      }
    }
    const row = await tx.run.update({
      where: { id: runId },
      data: { lifecycleStage: stage, deletedTime: stage === 'deleted' ? nowOf(ctx) : null },
    });
    return toRun(row);
  });
  publishRun(ctx, stage === 'deleted' ? 'DELETED' : 'RESTORED', run);
  return run;
}

export const deleteRun = (ctx: CoreContext, runId: string) => setRunLifecycle(ctx, runId, 'deleted');
export const restoreRun = (ctx: CoreContext, runId: string) => setRunLifecycle(ctx, runId, 'active');

export async function deleteTag(ctx: CoreContext, runId: string, key: string): Promise<Run> {
  const run = await write(ctx, async (tx) => {
    const current = await loadRun(tx, runId);
    if (current.lifecycleStage !== 'active') throw invalid(`run ${runId} is deleted: restore it before changing tags`);
    const { count } = await tx.runTag.deleteMany({ where: { runId, key } });
    if (count === 0) throw notFound(`run ${runId} has no tag "${key}"`);
    return current;
  });
  publishRun(ctx, 'UPDATED', run);
  return run;
}

export interface ListRunsOptions {
  experimentIds: string[];
  first?: number | null;
  after?: string | null;
  view?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
}

/** Runs of some experiments, newest first (MLflow's default order), 100 to a page: searchRuns without a filter. */
export function listRuns(ctx: CoreContext, options: ListRunsOptions): Promise<Page<Run>> {
  const { experimentIds, first, after, view } = options;
  return searchRuns(ctx, { experimentIds, first: first ?? PAGING.defaultPageSize, after, runView: view });
}

export async function listChildRuns(ctx: CoreContext, parentRunId: string): Promise<Run[]> {
  const rows = await ctx.db.prisma.run.findMany({
    where: { parentRunId, lifecycleStage: 'active' },
    orderBy: [{ startTime: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toRun);
}

export async function getMetricKeys(ctx: CoreContext, runId: string): Promise<string[]> {
  await getRun(ctx, runId);
  const rows = await ctx.db.prisma.latestMetric.findMany({ where: { runId }, select: { key: true } });
  return rows.map((row) => row.key).sort(byCodePoint);
}
