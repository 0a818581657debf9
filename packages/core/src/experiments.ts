import { nowOf, write, type CoreContext, type Tx } from './context.js';
import { alreadyExists, invalid, notFound } from './errors.js';
import { ALL_EXPERIMENTS, type ExperimentChange } from './events.js';
import { LIMITS, PAGING } from './limits.js';
import { toExperiment } from './mappers.js';
import { searchExperiments } from './search/search-experiments.js';
import { byKey } from './order.js';
import type { Experiment, KeyValue, Page } from './types.js';
import { validateExperimentName, validateKey, validateLength } from './validate.js';

export const DEFAULT_EXPERIMENT_ID = '0';
export const DEFAULT_EXPERIMENT_NAME = 'Default';

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export function parseExperimentId(id: string | number, field = 'experimentId'): number {
  const text = String(id);
  if (!/^\d{1,15}$/.test(text)) throw invalid(`${field} must be a numeric experiment id, got "${text}"`);
  return Number(text);
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === 'P2002';

function publish(ctx: CoreContext, change: ExperimentChange, experiment: Experiment) {
  ctx.events.publish('experimentUpdated', ALL_EXPERIMENTS, { change, experiment });
}

async function loadExperiment(tx: Tx, id: number): Promise<Experiment> {
  const row = await tx.experiment.findUnique({ where: { id } });
  if (!row) throw notFound(`no experiment with id ${id}`);
  return toExperiment(row);
}

function validateTags(tags: KeyValue[] | undefined, field: string): KeyValue[] {
  return (tags ?? []).map((tag, i) => ({
    key: validateKey(tag.key, `${field}[${i}].key`),
    value: validateLength(tag.value, LIMITS.experimentTagValueLength, `${field}[${i}].value`),
  }));
}

export interface CreateExperimentInput {
  name: string;
  artifactLocation?: string | null;
  tags?: KeyValue[];
}

export async function createExperiment(ctx: CoreContext, input: CreateExperimentInput): Promise<Experiment> {
  const name = validateExperimentName(input.name);
  const tags = validateTags(input.tags, 'tags');
  const now = nowOf(ctx);
  try {
    const experiment = await write(ctx, async (tx) => {
      const row = await tx.experiment.create({
        data: { name, artifactLocation: input.artifactLocation ?? '', creationTime: now, lastUpdateTime: now },
      });
      const location = input.artifactLocation || `${ctx.artifactRoot.replace(/\/+$/, '')}/${row.id}`;
      const updated = await tx.experiment.update({ where: { id: row.id }, data: { artifactLocation: location } });
      if (tags.length) await tx.experimentTag.createMany({ data: tags.map((t) => ({ ...t, experimentId: row.id })) });
      return toExperiment(updated);
    });
    publish(ctx, 'CREATED', experiment);
    return experiment;
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`an experiment named "${name}" already exists`);
    throw error;
  }
}

/** MLflow's set_experiment: the experiment with this name, created if missing. */
export async function getOrCreateExperiment(ctx: CoreContext, name: string): Promise<Experiment> {
  validateExperimentName(name);
  const existing = await ctx.db.prisma.experiment.findUnique({ where: { name } });
  if (existing) {
    if (existing.lifecycleStage === 'deleted') {
      throw invalid(`experiment "${name}" is deleted: restore it, or choose another name`);
    }
    return toExperiment(existing);
  }
  try {
    return await createExperiment(ctx, { name });
  } catch (error) {
    // Another client created it between our read and our insert: theirs is the one.
    const raced = await ctx.db.prisma.experiment.findUnique({ where: { name } });
    if (raced) return toExperiment(raced);
    throw error;
  }
}

/** MLflow's "Default" experiment (id 0), created on first start so runs always have a home. */
export async function ensureDefaultExperiment(ctx: CoreContext): Promise<void> {
  const now = nowOf(ctx);
  const existing = await ctx.db.prisma.experiment.findUnique({ where: { id: 0 } });
  if (existing) return;
  const taken = await ctx.db.prisma.experiment.findUnique({ where: { name: DEFAULT_EXPERIMENT_NAME } });
  if (taken) return;
  await write(ctx, (tx) =>
    tx.experiment.create({
      data: {
        id: 0,
        name: DEFAULT_EXPERIMENT_NAME,
        artifactLocation: `${ctx.artifactRoot.replace(/\/+$/, '')}/0`,
        creationTime: now,
        lastUpdateTime: now,
      },
    }),
  ).catch((error) => {
    if (!isUniqueViolation(error)) throw error;
  });
}

export async function getExperiment(ctx: CoreContext, id: string): Promise<Experiment> {
  return loadExperiment(ctx.db.prisma, parseExperimentId(id, 'id'));
}

export async function findExperimentByName(ctx: CoreContext, name: string): Promise<Experiment | null> {
  const row = await ctx.db.prisma.experiment.findUnique({ where: { name } });
  return row ? toExperiment(row) : null;
}

export async function getExperimentByName(ctx: CoreContext, name: string): Promise<Experiment> {
  const experiment = await findExperimentByName(ctx, name);
  if (!experiment) throw notFound(`no experiment named "${name}"`);
  return experiment;
}

/** Experiments, newest first (by id), 100 to a page: searchExperiments without a filter. */
export function listExperiments(
  ctx: CoreContext,
  options: { first?: number | null; after?: string | null; view?: ViewType } = {},
): Promise<Page<Experiment>> {
  const { first, after, view } = options;
  return searchExperiments(ctx, { orderBy: ['experiment_id DESC'], first: first ?? PAGING.defaultPageSize, after, view });
}

export async function getExperimentTags(ctx: CoreContext, experimentId: string): Promise<KeyValue[]> {
  const tags = await ctx.db.prisma.experimentTag.findMany({
    where: { experimentId: parseExperimentId(experimentId) },
    select: { key: true, value: true },
  });
  return tags.sort(byKey);
}

export async function renameExperiment(ctx: CoreContext, id: string, newName: string): Promise<Experiment> {
  const name = validateExperimentName(newName, 'newName');
  const experimentId = parseExperimentId(id, 'id');
  try {
    const experiment = await write(ctx, async (tx) => {
      const current = await loadExperiment(tx, experimentId);
      if (current.lifecycleStage !== 'active') throw invalid(`experiment ${id} is deleted: restore it before renaming`);
      const row = await tx.experiment.update({
        where: { id: experimentId },
        data: { name, lastUpdateTime: nowOf(ctx) },
      });
      return toExperiment(row);
    });
    publish(ctx, 'UPDATED', experiment);
    return experiment;
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`an experiment named "${name}" already exists`);
    throw error;
  }
}

async function setLifecycle(ctx: CoreContext, id: string, stage: 'active' | 'deleted'): Promise<Experiment> {
  const experimentId = parseExperimentId(id, 'id');
  if (stage === 'deleted' && experimentId === 0) throw invalid('the Default experiment (id 0) cannot be deleted');
  const now = nowOf(ctx);
  const experiment = await write(ctx, async (tx) => {
    const current = await loadExperiment(tx, experimentId);
    if (current.lifecycleStage === stage) {
      throw invalid(`experiment ${id} is already ${stage === 'active' ? 'active' : 'deleted'}`);
    }
    // As MLflow does, the experiment's runs follow it into (and out of) the deleted state.
    await tx.run.updateMany({
      where: { experimentId, lifecycleStage: stage === 'deleted' ? 'active' : 'deleted' },
      data: { lifecycleStage: stage, deletedTime: stage === 'deleted' ? now : null },
    });
    return toExperiment(
      await tx.experiment.update({ where: { id: experimentId }, data: { lifecycleStage: stage, lastUpdateTime: now } }),
    );
  });
  publish(ctx, stage === 'deleted' ? 'DELETED' : 'RESTORED', experiment);
  return experiment;
}

export const deleteExperiment = (ctx: CoreContext, id: string) => setLifecycle(ctx, id, 'deleted');
export const restoreExperiment = (ctx: CoreContext, id: string) => setLifecycle(ctx, id, 'active');

export async function setExperimentTag(
  ctx: CoreContext,
  id: string,
  tag: KeyValue,
): Promise<Experiment> {
  const [valid] = validateTags([tag], 'tag');
  const experimentId = parseExperimentId(id, 'id');
  const experiment = await write(ctx, async (tx) => {
    const current = await loadExperiment(tx, experimentId);
    if (current.lifecycleStage !== 'active') throw invalid(`experiment ${id} is deleted: restore it before tagging`);
    await tx.experimentTag.upsert({
      where: { experimentId_key: { experimentId, key: valid!.key } },
      create: { experimentId, key: valid!.key, value: valid!.value },
      update: { value: valid!.value },
    });
    return toExperiment(
      await tx.experiment.update({ where: { id: experimentId }, data: { lastUpdateTime: nowOf(ctx) } }),
    );
  });
  publish(ctx, 'UPDATED', experiment);
  return experiment;
}

/** Run counts per experiment (active runs), for lists. */
export async function countRuns(ctx: CoreContext, experimentIds: string[]): Promise<Map<string, number>> {
  const rows = await ctx.db.prisma.run.groupBy({
    by: ['experimentId'],
    where: { experimentId: { in: experimentIds.map((id) => parseExperimentId(id)) }, lifecycleStage: 'active' },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [String(row.experimentId), row._count._all]));
}
