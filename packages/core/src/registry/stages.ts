import { nowOf, write, type CoreContext } from '../context.js';
import { invalid } from '../errors.js';
import { findModel, findVersionRow, lockModel, toVersion, toVersions, touchModel } from './store.js';
import { MODEL_STAGES, type ModelStage, type ModelVersion } from './types.js';
import { parseStage, validateModelName, validateVersion } from './validate.js';

/**
 * Legacy stages (None, Staging, Production, Archived), deprecated in MLflow 2.9 in favour of aliases
 * and kept because existing clients and models:/name/Production URIs still use them.
 */

export interface TransitionStageInput {
  name: string;
  version: number;
  stage: string;
  /** Moves the model's other versions in the target stage to Archived; only for Staging and Production. */
  archiveExistingVersions?: boolean | null;
}

export async function transitionModelVersionStage(ctx: CoreContext, input: TransitionStageInput): Promise<ModelVersion> {
  validateModelName(input.name);
  const version = validateVersion(input.version);
  const stage = parseStage(input.stage);
  const archive = input.archiveExistingVersions ?? false;
  if (archive && stage !== 'Staging' && stage !== 'Production') {
    throw invalid(`archiveExistingVersions is only allowed for Staging and Production, not ${stage}`);
  }
  return write(ctx, async (tx) => {
    const model = await lockModel(ctx, tx, input.name);
    await findVersionRow(tx, model, version);
    const now = nowOf(ctx);
    if (archive) {
      await tx.modelVersion.updateMany({
        where: { modelId: model.id, currentStage: stage, version: { not: version } },
        data: { currentStage: 'Archived', lastUpdateTime: now },
      });
    }
    const row = await tx.modelVersion.update({
      where: { modelId_version: { modelId: model.id, version } },
      data: { currentStage: stage, lastUpdateTime: now },
    });
    await touchModel(tx, model.id, now);
    return toVersion(tx, model, row);
  });
}

/** MLflow's get_latest_versions: the highest version in each stage (all stages, or the given ones). */
export async function getLatestVersions(ctx: CoreContext, name: string, stages?: string[] | null): Promise<ModelVersion[]> {
  validateModelName(name);
  const wanted: readonly ModelStage[] = stages?.length ? [...new Set(stages.map((s, i) => parseStage(s, `stages[${i}]`)))] : MODEL_STAGES;
  const db = ctx.db.prisma;
  const model = await findModel(db, name);
  const highest = await db.modelVersion.groupBy({
    by: ['currentStage'],
    where: { modelId: model.id, currentStage: { in: [...wanted] } },
    _max: { version: true },
  });
  const versions = highest.map((h) => h._max.version).filter((v): v is number => v != null);
  const rows = await db.modelVersion.findMany({ where: { modelId: model.id, version: { in: versions } } });
  const order = (v: { currentStage: string }) => wanted.indexOf(v.currentStage as ModelStage);
  return toVersions(db, model, rows.sort((a, b) => order(a) - order(b)));
}
