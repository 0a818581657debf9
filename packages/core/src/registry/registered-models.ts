import { nowOf, write, type CoreContext } from '../context.js';
import { alreadyExists } from '../errors.js';
import type { KeyValue } from '../types.js';
import { validateKey } from '../validate.js';
import { findModel, isUniqueViolation, lockModel, toModel, touchModel } from './store.js';
import type { RegisteredModel } from './types.js';
import { validateDescription, validateModelName, validateTag, validateTags } from './validate.js';
import { enqueueWebhookEvent } from './webhook-outbox.js';

/** Registered models: create, rename, describe, tag, delete (MLflow's registered-models API). */

const tagMap = (tags: KeyValue[]) => Object.fromEntries(tags.map((t) => [t.key, t.value]));

export interface CreateRegisteredModelInput {
  name: string;
  description?: string | null;
  tags?: KeyValue[] | null;
}

export async function createRegisteredModel(ctx: CoreContext, input: CreateRegisteredModelInput): Promise<RegisteredModel> {
  const name = validateModelName(input.name);
  const description = validateDescription(input.description);
  const tags = validateTags(input.tags);
  const now = nowOf(ctx);
  try {
    return await write(ctx, async (tx) => {
      const row = await tx.registeredModel.create({
        data: { name, description, creationTime: now, lastUpdateTime: now, tags: { createMany: { data: tags } } },
      });
      await enqueueWebhookEvent(tx, now, 'registered_model.created', { name, description, tags: tagMap(tags) });
      return toModel(tx, row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`a registered model named "${name}" already exists`);
    throw error;
  }
}

export async function getRegisteredModel(ctx: CoreContext, name: string): Promise<RegisteredModel> {
  return toModel(ctx.db.prisma, await findModel(ctx.db.prisma, validateModelName(name)));
}

/** Renames a model; its versions, aliases and alias history follow it (they reference its id). */
export async function renameRegisteredModel(ctx: CoreContext, name: string, newName: string): Promise<RegisteredModel> {
  validateModelName(name);
  const target = validateModelName(newName, 'newName');
  try {
    return await write(ctx, async (tx) => {
      const model = await lockModel(ctx, tx, name);
      const row = await tx.registeredModel.update({ where: { id: model.id }, data: { name: target, lastUpdateTime: nowOf(ctx) } });
      return toModel(tx, row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`a registered model named "${target}" already exists`);
    throw error;
  }
}

export async function updateRegisteredModel(ctx: CoreContext, input: { name: string; description: string }): Promise<RegisteredModel> {
  validateModelName(input.name);
  const description = validateDescription(input.description);
  return write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, input.name);
    return toModel(tx, await tx.registeredModel.update({ where: { id: model.id }, data: { description, lastUpdateTime: nowOf(ctx) } }));
  });
}

/** Deletes the model with its versions, aliases, tags and alias history; returns it as it was. */
export async function deleteRegisteredModel(ctx: CoreContext, name: string): Promise<RegisteredModel> {
  validateModelName(name);
  return write(ctx, async (tx) => {
    const model = await toModel(tx, await lockModel(ctx, tx, name));
    await tx.registeredModel.delete({ where: { id: Number(model.id) } });
    return model;
  });
}

export async function setRegisteredModelTag(ctx: CoreContext, name: string, tag: KeyValue): Promise<RegisteredModel> {
  validateModelName(name);
  const { key, value } = validateTag(tag, 'tag');
  return write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, name);
    await tx.registeredModelTag.upsert({
      where: { modelId_key: { modelId: model.id, key } },
      create: { modelId: model.id, key, value },
      update: { value },
    });
    return toModel(tx, await touchModel(tx, model.id, nowOf(ctx)));
  });
}

/** As in MLflow, deleting a tag the model does not have is not an error. */
export async function deleteRegisteredModelTag(ctx: CoreContext, name: string, key: string): Promise<RegisteredModel> {
  validateModelName(name);
  validateKey(key, 'key');
  return write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, name);
    const { count } = await tx.registeredModelTag.deleteMany({ where: { modelId: model.id, key } });
    return toModel(tx, count ? await touchModel(tx, model.id, nowOf(ctx)) : model);
  });
}
