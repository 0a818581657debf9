import { nowOf, write, type CoreContext } from '../context.js';
import { decodeCursor, encodeCursor, pageSize } from '../cursor.js';
import { invalid, notFound } from '../errors.js';
import { RUN_ID_PATTERN } from '../ids.js';
import { PAGING } from '../limits.js';
import type { KeyValue, Page } from '../types.js';
import { validateKey, validateLength } from '../validate.js';
import { recordAliasEvent } from './aliases.js';
import { publishModelEvent } from './publish.js';
import { findModel, findVersionRow, lockModel, toVersion, toVersions, touchModel } from './store.js';
import type { AliasEvent, ModelVersion } from './types.js';
import { REGISTRY_LIMITS, validateActor, validateDescription, validateModelName, validateTag, validateTags, validateVersion } from './validate.js';
import { enqueueWebhookEvent } from './webhook-outbox.js';

/** Model versions: register from a run, describe, tag, delete, read (MLflow's model-versions API). */

/** `runs:/<run id>/<artifact path>`: the run id, or null for another kind of source (s3://, file:, ...). */
export function runIdOfSource(source: string): string | null {
  if (!source.startsWith('runs:/')) return null;
  const match = /^runs:\/([^/]*)\/(.*)$/.exec(source);
  if (!match || !RUN_ID_PATTERN.test(match[1]!)) throw invalid(`source "${source}" must look like runs:/<32-hex run id>/<artifact path>`);
  const path = match[2]!;
  if (path === '' || path.startsWith('/') || path.split('/').includes('..')) {
    throw invalid(`source "${source}" needs a relative artifact path after the run id, without ".."`);
  }
  return match[1]!;
}

export interface CreateModelVersionInput {
  /** The registered model, which must exist. */
  name: string;
  /** Where the model's files are; `runs:/<runId>/model` when omitted and runId is given. */
  source?: string | null;
  runId?: string | null;
  description?: string | null;
  tags?: KeyValue[] | null;
  userId?: string | null;
}

/**
 * Registers the next version of the model. The number comes from the model's counter, incremented in
 * this transaction under the model's lock, so concurrent creates get distinct consecutive numbers.
 */
export async function createModelVersion(ctx: CoreContext, input: CreateModelVersionInput): Promise<ModelVersion> {
  validateModelName(input.name);
  if (input.runId != null && !RUN_ID_PATTERN.test(input.runId)) throw invalid(`runId must be 32 hex characters, got "${input.runId}"`);
  if (input.source == null && input.runId == null) throw invalid('createModelVersion needs a source, a runId, or both');
  const source = validateLength(input.source ?? `runs:/${input.runId}/model`, REGISTRY_LIMITS.sourceLength, 'source');
  const sourceRunId = runIdOfSource(source);
  if (sourceRunId && input.runId && sourceRunId !== input.runId) {
    throw invalid(`source names run ${sourceRunId} but runId is ${input.runId}`);
  }
  const runId = input.runId ?? sourceRunId;
  const description = validateDescription(input.description);
  const tags = validateTags(input.tags);
  const userId = input.userId == null ? null : validateLength(input.userId, REGISTRY_LIMITS.actorLength, 'userId');
  const now = nowOf(ctx);
  const version = await write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, input.name);
    if (runId) {
      const run = await tx.run.findUnique({ where: { id: runId }, select: { lifecycleStage: true } });
      if (!run) throw notFound(`no run with id ${runId}`);
      if (run.lifecycleStage !== 'active') throw invalid(`run ${runId} is deleted: restore it to register a version from it`);
    }
    const counted = await tx.registeredModel.update({
      where: { id: model.id },
      data: { lastVersion: { increment: 1 }, lastUpdateTime: now },
    });
    const row = await tx.modelVersion.create({
      data: {
        modelId: model.id,
        version: counted.lastVersion,
        source,
        runId,
        userId,
        description,
        creationTime: now,
        lastUpdateTime: now,
        tags: { createMany: { data: tags } },
      },
    });
    await enqueueWebhookEvent(tx, now, 'model_version.created', {
      name: model.name,
      version: String(row.version),
      source,
      run_id: runId,
      tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
      description,
    });
    return toVersion(tx, model, row);
  });
  publishModelEvent(ctx, 'modelVersionCreated', version.name, { modelVersion: version });
  return version;
}

export async function getModelVersion(ctx: CoreContext, name: string, version: number): Promise<ModelVersion> {
  validateModelName(name);
  const db = ctx.db.prisma;
  const model = await findModel(db, name);
  return toVersion(db, model, await findVersionRow(db, model, validateVersion(version)));
}

/** A model's versions, newest first, paged by keyset on the version number. */
export async function listModelVersions(
  ctx: CoreContext,
  name: string,
  options: { first?: number | null; after?: string | null } = {},
): Promise<Page<ModelVersion>> {
  validateModelName(name);
  const db = ctx.db.prisma;
  const model = await findModel(db, name);
  const take = pageSize(options.first, PAGING.maxPageSize, PAGING.defaultPageSize);
  let before: number | null = null;
  if (options.after) {
    const [version] = decodeCursor(options.after, 1);
    if (!Number.isSafeInteger(version)) throw invalid('after is not a cursor this server issued');
    before = version as number;
  }
  const where = { modelId: model.id };
  const [rows, totalCount] = await Promise.all([
    db.modelVersion.findMany({
      where: before === null ? where : { ...where, version: { lt: before } },
      orderBy: { version: 'desc' },
      take: take + 1,
    }),
    db.modelVersion.count({ where }),
  ]);
  const items = await toVersions(db, model, rows.slice(0, take));
  const last = items.at(-1);
  return { items, totalCount, nextCursor: rows.length > take && last ? encodeCursor([last.version]) : null };
}

export async function updateModelVersion(
  ctx: CoreContext,
  input: { name: string; version: number; description: string },
): Promise<ModelVersion> {
  validateModelName(input.name);
  const version = validateVersion(input.version);
  const description = validateDescription(input.description);
  return write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, input.name);
    await findVersionRow(tx, model, version);
    const now = nowOf(ctx);
    const row = await tx.modelVersion.update({
      where: { modelId_version: { modelId: model.id, version } },
      data: { description, lastUpdateTime: now },
    });
    await touchModel(tx, model.id, now);
    return toVersion(tx, model, row);
  });
}

/**
 * Deletes the version. Aliases pointing at it are removed first, each recorded in the alias history
 * (DELETED, by `actor`) and announced like any alias deletion. Returns the version as it was.
 */
export async function deleteModelVersion(
  ctx: CoreContext,
  input: { name: string; version: number; actor?: string | null },
): Promise<ModelVersion> {
  validateModelName(input.name);
  const version = validateVersion(input.version);
  const actor = validateActor(input.actor);
  const { deleted, events } = await write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, input.name);
    const deleted = await toVersion(tx, model, await findVersionRow(tx, model, version));
    const now = nowOf(ctx);
    const events: AliasEvent[] = [];
    for (const alias of deleted.aliases) {
      await tx.modelAlias.delete({ where: { modelId_alias: { modelId: model.id, alias } } });
      events.push(await recordAliasEvent(tx, model, { alias, action: 'DELETED', previousVersion: version, newVersion: null, actor }, now));
    }
    await tx.modelVersion.delete({ where: { modelId_version: { modelId: model.id, version } } });
    await touchModel(tx, model.id, now);
    return { deleted, events };
  });
  for (const event of events) publishModelEvent(ctx, 'modelAliasChanged', event.name, event);
  return deleted;
}

export async function setModelVersionTag(ctx: CoreContext, name: string, version: number, tag: KeyValue): Promise<ModelVersion> {
  validateModelName(name);
  const v = validateVersion(version);
  const { key, value } = validateTag(tag, 'tag');
  return write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, name);
    await findVersionRow(tx, model, v);
    const now = nowOf(ctx);
    await tx.modelVersionTag.upsert({
      where: { modelId_version_key: { modelId: model.id, version: v, key } },
      create: { modelId: model.id, version: v, key, value },
      update: { value },
    });
    const row = await tx.modelVersion.update({ where: { modelId_version: { modelId: model.id, version: v } }, data: { lastUpdateTime: now } });
    await enqueueWebhookEvent(tx, now, 'model_version_tag.set', { name: model.name, version: String(v), key, value });
    return toVersion(tx, model, row);
  });
}

/** As in MLflow, deleting a tag the version does not have is not an error (and sends nothing). */
export async function deleteModelVersionTag(ctx: CoreContext, name: string, version: number, key: string): Promise<ModelVersion> {
  validateModelName(name);
  const v = validateVersion(version);
  validateKey(key, 'key');
  return write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, name);
    let row = await findVersionRow(tx, model, v);
    const { count } = await tx.modelVersionTag.deleteMany({ where: { modelId: model.id, version: v, key } });
    if (count > 0) {
      const now = nowOf(ctx);
      row = await tx.modelVersion.update({ where: { modelId_version: { modelId: model.id, version: v } }, data: { lastUpdateTime: now } });
      await enqueueWebhookEvent(tx, now, 'model_version_tag.deleted', { name: model.name, version: String(v), key });
    }
    return toVersion(tx, model, row);
  });
}
