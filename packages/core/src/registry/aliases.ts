import { nowOf, write, type CoreContext, type Tx } from '../context.js';
import { decodeIdCursor, encodeCursor, pageSize } from '../cursor.js';
import { invalid, invalidState, notFound } from '../errors.js';
import { PAGING } from '../limits.js';
import type { Page } from '../types.js';
import { publishModelEvent } from './publish.js';
import { findModel, findVersionRow, lockModel, toModel, toVersion, touchModel, type ModelRow } from './store.js';
import type { AliasAction, AliasEvent, ModelVersion, RegisteredModel } from './types.js';
import { validateActor, validateAlias, validateModelName, validateVersion } from './validate.js';
import { enqueueWebhookEvent } from './webhook-outbox.js';

/**
 * Aliases as in MLflow (set moves an existing alias, delete, get by alias), plus their history: every
 * change is recorded in alias_events with the actor, in the transaction of the change and under the
 * model's lock (see lockModel), so the history of an alias is a chain in which each entry's previous
 * version is the one before's new version, however many clients move it at once.
 */

const WEBHOOK_OF: Record<AliasAction, 'model_version_alias.created' | 'model_version_alias.moved' | 'model_version_alias.deleted'> = {
  SET: 'model_version_alias.created',
  MOVED: 'model_version_alias.moved',
  DELETED: 'model_version_alias.deleted',
};

/** Writes one history entry and its webhook deliveries; call under the model's lock. */
export async function recordAliasEvent(
  tx: Tx,
  model: Pick<ModelRow, 'id' | 'name'>,
  change: { alias: string; action: AliasAction; previousVersion: number | null; newVersion: number | null; actor: string },
  now: number,
): Promise<AliasEvent> {
  const row = await tx.aliasEvent.create({ data: { modelId: model.id, ...change, time: now } });
  const version = change.newVersion ?? change.previousVersion;
  await enqueueWebhookEvent(tx, now, WEBHOOK_OF[change.action], {
    name: model.name,
    alias: change.alias,
    version: String(version),
    ...(change.action === 'MOVED' ? { previous_version: String(change.previousVersion) } : {}),
    actor: change.actor,
  });
  return { id: String(row.id), name: model.name, ...change, time: now };
}

export interface SetAliasInput {
  name: string;
  alias: string;
  version: number;
  /** Who made the change, for the history; 'unknown' when not given. */
  actor?: string | null;
}

/**
 * Points the alias at the version, moving it if it pointed elsewhere. Setting it to the version it
 * already points at changes nothing and records nothing.
 */
export async function setRegisteredModelAlias(ctx: CoreContext, input: SetAliasInput): Promise<RegisteredModel> {
  validateModelName(input.name);
  const alias = validateAlias(input.alias);
  const version = validateVersion(input.version);
  const actor = validateActor(input.actor);
  const { model, events } = await write(ctx, async (tx) => {
    const row = await lockModel(ctx, tx, input.name);
    await findVersionRow(tx, row, version);
    const event = await pointAlias(tx, row, alias, version, actor, nowOf(ctx));
    return finish(tx, row, event ? [event] : [], nowOf(ctx));
  });
  publishAll(ctx, events);
  return model;
}

/** Points the alias at the version under the model's lock; null when it already pointed there. */
async function pointAlias(tx: Tx, row: ModelRow, alias: string, version: number, actor: string, now: number): Promise<AliasEvent | null> {
  const current = await tx.modelAlias.findUnique({ where: { modelId_alias: { modelId: row.id, alias } } });
  if (current?.version === version) return null;
  await tx.modelAlias.upsert({
    where: { modelId_alias: { modelId: row.id, alias } },
    create: { modelId: row.id, alias, version },
    update: { version },
  });
  const action = current ? 'MOVED' : 'SET';
  return recordAliasEvent(tx, row, { alias, action, previousVersion: current?.version ?? null, newVersion: version, actor }, now);
}

/** Removes the alias under the model's lock; null when the model did not have it. */
async function removeAlias(tx: Tx, row: ModelRow, alias: string, actor: string, now: number): Promise<AliasEvent | null> {
  const current = await tx.modelAlias.findUnique({ where: { modelId_alias: { modelId: row.id, alias } } });
  if (!current) return null;
  await tx.modelAlias.delete({ where: { modelId_alias: { modelId: row.id, alias } } });
  return recordAliasEvent(tx, row, { alias, action: 'DELETED', previousVersion: current.version, newVersion: null, actor }, now);
}

/** The model as it stands after the changes (its update time moved only if something changed). */
async function finish(tx: Tx, row: ModelRow, events: AliasEvent[], now: number) {
  return { model: await toModel(tx, events.length ? await touchModel(tx, row.id, now) : row), events };
}

const publishAll = (ctx: CoreContext, events: AliasEvent[]) =>
  events.forEach((event) => publishModelEvent(ctx, 'modelAliasChanged', event.name, event));

/** Removes the alias. As in MLflow, removing an alias the model does not have is not an error. */
export async function deleteRegisteredModelAlias(
  ctx: CoreContext,
  input: { name: string; alias: string; actor?: string | null },
): Promise<RegisteredModel> {
  validateModelName(input.name);
  const alias = validateAlias(input.alias);
  const actor = validateActor(input.actor);
  const { model, events } = await write(ctx, async (tx) => {
    const row = await lockModel(ctx, tx, input.name);
    const event = await removeAlias(tx, row, alias, actor, nowOf(ctx));
    return finish(tx, row, event ? [event] : [], nowOf(ctx));
  });
  publishAll(ctx, events);
  return model;
}

export interface PromoteAliasInput {
  name: string;
  /** The alias whose version is promoted, e.g. challenger. */
  from: string;
  /** The alias that moves to that version, e.g. champion. */
  to: string;
  /** Keep `from` where it is; by default it is removed. */
  keepFrom?: boolean | null;
  /**
   * The version the caller expects `from` to point at (what the user confirmed). If another client
   * moved it meanwhile, nothing changes and the call fails with INVALID_STATE.
   */
  expectedVersion?: number | null;
  actor?: string | null;
}

/**
 * "Promote challenger to champion" as one transaction under the model's lock: `to` moves to the
 * version `from` points at, then `from` is removed unless kept. No other client's alias change can
 * land between the two steps, and each step is in the alias history.
 */
export async function promoteModelAlias(ctx: CoreContext, input: PromoteAliasInput): Promise<RegisteredModel> {
  validateModelName(input.name);
  const from = validateAlias(input.from);
  const to = validateAlias(input.to);
  if (from === to) throw invalid(`cannot promote alias "${from}" to itself`);
  const expected = input.expectedVersion == null ? null : validateVersion(input.expectedVersion);
  const actor = validateActor(input.actor);
  const { model, events } = await write(ctx, async (tx) => {
    const row = await lockModel(ctx, tx, input.name);
    const source = await tx.modelAlias.findUnique({ where: { modelId_alias: { modelId: row.id, alias: from } } });
    if (!source) throw invalidState(`registered model "${row.name}" has no alias "${from}" to promote`);
    if (expected !== null && source.version !== expected) {
      throw invalidState(`"${from}" now points at version ${source.version}, not ${expected}: nothing was changed`);
    }
    const now = nowOf(ctx);
    const moved = await pointAlias(tx, row, to, source.version, actor, now);
    const removed = input.keepFrom ? null : await removeAlias(tx, row, from, actor, now);
    return finish(tx, row, [moved, removed].filter((e): e is AliasEvent => e !== null), now);
  });
  publishAll(ctx, events);
  return model;
}

export async function getModelVersionByAlias(ctx: CoreContext, name: string, alias: string): Promise<ModelVersion> {
  validateModelName(name);
  validateAlias(alias);
  const db = ctx.db.prisma;
  const model = await findModel(db, name);
  const row = await db.modelAlias.findUnique({ where: { modelId_alias: { modelId: model.id, alias } } });
  if (!row) throw notFound(`registered model "${name}" has no alias "${alias}"`);
  return toVersion(db, model, await findVersionRow(db, model, row.version));
}

export interface AliasHistoryOptions {
  /** Only this alias's entries. */
  alias?: string | null;
  first?: number | null;
  after?: string | null;
}

/** A model's alias history, newest first, paged by keyset on the entry id. */
export async function getAliasHistory(ctx: CoreContext, name: string, options: AliasHistoryOptions = {}): Promise<Page<AliasEvent>> {
  validateModelName(name);
  const model = await findModel(ctx.db.prisma, name);
  const take = pageSize(options.first, PAGING.maxPageSize, PAGING.defaultPageSize);
  const where = { modelId: model.id, ...(options.alias != null ? { alias: validateAlias(options.alias) } : {}) };
  const afterId = decodeIdCursor(options.after);
  const [rows, totalCount] = await Promise.all([
    ctx.db.prisma.aliasEvent.findMany({
      where: afterId === null ? where : { ...where, id: { lt: afterId } },
      orderBy: { id: 'desc' },
      take: take + 1,
    }),
    ctx.db.prisma.aliasEvent.count({ where }),
  ]);
  const items: AliasEvent[] = rows.slice(0, take).map((row) => ({
    id: String(row.id),
    name: model.name,
    alias: row.alias,
    action: row.action as AliasAction,
    previousVersion: row.previousVersion,
    newVersion: row.newVersion,
    actor: row.actor,
    time: Number(row.time),
  }));
  const last = items.at(-1);
  return { items, totalCount, nextCursor: rows.length > take && last ? encodeCursor([Number(last.id)]) : null };
}
