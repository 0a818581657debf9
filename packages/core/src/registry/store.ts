import type { CoreContext, Tx } from '../context.js';
import { notFound } from '../errors.js';
import { byCodePoint, byKey } from '../order.js';
import type { ModelStage, ModelVersion, RegisteredModel } from './types.js';

/** Shared row access of the registry: the per-model lock and rows -> domain objects. */

export interface ModelRow {
  id: number;
  name: string;
  description: string;
  creationTime: bigint;
  lastUpdateTime: bigint;
  lastVersion: number;
}

export interface VersionRow {
  modelId: number;
  version: number;
  source: string;
  runId: string | null;
  userId: string | null;
  status: string;
  currentStage: string;
  description: string;
  creationTime: bigint;
  lastUpdateTime: bigint;
}

export const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === 'P2002';

/**
 * Reads the model and, on PostgreSQL, row-locks it until the transaction ends. Every registry write of
 * a model takes this lock first, so the writes of one model happen one after the other (consistent
 * lock order: no deadlocks) and each reads what the previous one committed: two clients moving the
 * same alias cannot both read the old version, and history records both moves in order. On SQLite
 * write() already runs one write transaction at a time.
 */
export async function lockModel(ctx: CoreContext, tx: Tx, name: string): Promise<ModelRow> {
  if (ctx.db.provider === 'postgresql') await tx.$queryRaw`SELECT id FROM registered_models WHERE name = ${name} FOR UPDATE`;
  const row = await tx.registeredModel.findUnique({ where: { name } });
  if (!row) throw notFound(`no registered model named "${name}"`);
  return row;
}

export const touchModel = (tx: Tx, id: number, now: number) =>
  tx.registeredModel.update({ where: { id }, data: { lastUpdateTime: now } });

export async function findModel(tx: Tx, name: string): Promise<ModelRow> {
  const row = await tx.registeredModel.findUnique({ where: { name } });
  if (!row) throw notFound(`no registered model named "${name}"`);
  return row;
}

export async function findVersionRow(tx: Tx, model: ModelRow, version: number): Promise<VersionRow> {
  const row = await tx.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version } } });
  if (!row) throw notFound(`registered model "${model.name}" has no version ${version}`);
  return row;
}

const byAlias = (a: { alias: string }, b: { alias: string }) => byCodePoint(a.alias, b.alias);

/** Models with their tags and aliases, two queries for any number of them. */
export async function toModels(tx: Tx, rows: ModelRow[]): Promise<RegisteredModel[]> {
  const ids = rows.map((r) => r.id);
  const [tags, aliases] = await Promise.all([
    tx.registeredModelTag.findMany({ where: { modelId: { in: ids } } }),
    tx.modelAlias.findMany({ where: { modelId: { in: ids } } }),
  ]);
  aliases.sort(byAlias);
  return rows.map((row) => ({
    id: String(row.id),
    name: row.name,
    description: row.description,
    creationTime: Number(row.creationTime),
    lastUpdateTime: Number(row.lastUpdateTime),
    tags: tags.filter((t) => t.modelId === row.id).map(({ key, value }) => ({ key, value })).sort(byKey),
    aliases: aliases.filter((a) => a.modelId === row.id).map(({ alias, version }) => ({ alias, version })),
  }));
}

export const toModel = async (tx: Tx, row: ModelRow): Promise<RegisteredModel> => (await toModels(tx, [row]))[0]!;

/** Versions of one model with their tags and aliases, two queries for any number of them. */
export async function toVersions(tx: Tx, model: Pick<ModelRow, 'id' | 'name'>, rows: VersionRow[]): Promise<ModelVersion[]> {
  const where = { modelId: model.id, version: { in: rows.map((r) => r.version) } };
  const [tags, aliases] = await Promise.all([
    tx.modelVersionTag.findMany({ where }),
    tx.modelAlias.findMany({ where }),
  ]);
  aliases.sort(byAlias);
  return rows.map((row) => ({
    name: model.name,
    version: row.version,
    source: row.source,
    runId: row.runId,
    userId: row.userId,
    status: 'READY',
    currentStage: row.currentStage as ModelStage,
    description: row.description,
    creationTime: Number(row.creationTime),
    lastUpdateTime: Number(row.lastUpdateTime),
    tags: tags.filter((t) => t.version === row.version).map(({ key, value }) => ({ key, value })).sort(byKey),
    aliases: aliases.filter((a) => a.version === row.version).map((a) => a.alias),
  }));
}

export const toVersion = async (tx: Tx, model: Pick<ModelRow, 'id' | 'name'>, row: VersionRow): Promise<ModelVersion> =>
  (await toVersions(tx, model, [row]))[0]!;
