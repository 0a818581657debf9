import type { CoreContext } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { getModelVersionByAlias } from './aliases.js';
import { getModelVersion } from './model-versions.js';
import { findModel, toVersion } from './store.js';
import { MODEL_STAGES, type ModelVersion } from './types.js';
import { parseStage, validateModelName } from './validate.js';

export type ModelReference =
  | { name: string; kind: 'version'; version: number }
  | { name: string; kind: 'alias'; alias: string }
  | { name: string; kind: 'stage'; stage: string }
  | { name: string; kind: 'latest' };

const USAGE = 'use models:/<name>/<version>, models:/<name>@<alias>, models:/<name>/<stage> or models:/<name>/latest';

/** Parses the forms MLflow's models:/ URIs take. Names contain neither "/" nor "@", so both split cleanly. */
export function parseModelUri(uri: string): ModelReference {
  if (typeof uri !== 'string' || !uri.startsWith('models:/')) throw invalid(`"${String(uri)}" is not a models:/ URI: ${USAGE}`);
  const rest = uri.slice('models:/'.length);
  const at = rest.indexOf('@');
  if (at >= 0) {
    const name = validateModelName(rest.slice(0, at), 'the URI\'s model name');
    const alias = rest.slice(at + 1);
    if (alias === '') throw invalid(`"${uri}" has no alias after "@": ${USAGE}`);
    return { name, kind: 'alias', alias };
  }
  const slash = rest.indexOf('/');
  if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) throw invalid(`"${uri}" is not a model URI: ${USAGE}`);
  const name = validateModelName(rest.slice(0, slash), 'the URI\'s model name');
  const suffix = rest.slice(slash + 1);
  if (/^\d+$/.test(suffix)) return { name, kind: 'version', version: Number(suffix) };
  if (suffix.toLowerCase() === 'latest') return { name, kind: 'latest' };
  if (MODEL_STAGES.some((s) => s.toLowerCase() === suffix.toLowerCase())) return { name, kind: 'stage', stage: parseStage(suffix) };
  throw invalid(`"${uri}" ends in "${suffix}", which is neither a version number, a stage nor latest: ${USAGE}`);
}

/**
 * The version a models:/ URI names (its `source` is where its files are): a version number, an alias,
 * the highest version in a stage, or the highest version of all (latest).
 */
export async function resolveModelUri(ctx: CoreContext, uri: string): Promise<ModelVersion> {
  const ref = parseModelUri(uri);
  if (ref.kind === 'version') return getModelVersion(ctx, ref.name, ref.version);
  if (ref.kind === 'alias') return getModelVersionByAlias(ctx, ref.name, ref.alias);
  const db = ctx.db.prisma;
  const model = await findModel(db, ref.name);
  const row = await db.modelVersion.findFirst({
    where: { modelId: model.id, ...(ref.kind === 'stage' ? { currentStage: ref.stage } : {}) },
    orderBy: { version: 'desc' },
  });
  if (!row) throw notFound(ref.kind === 'stage' ? `registered model "${ref.name}" has no version in stage ${ref.stage}` : `registered model "${ref.name}" has no versions`);
  return toVersion(db, model, row);
}
