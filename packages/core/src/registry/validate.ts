import { invalid } from '../errors.js';
import type { KeyValue } from '../types.js';
import { validateKey, validateLength } from '../validate.js';
import { MODEL_STAGES, type ModelStage } from './types.js';

/** MLflow's registry limits (mlflow/utils/validation.py and its SQL column sizes). */
export const REGISTRY_LIMITS = {
  modelNameLength: 256,
  descriptionLength: 5000,
  sourceLength: 500,
  tagValueLength: 5000,
  aliasLength: 255,
  actorLength: 256,
} as const;

/**
 * Names travel inside URIs (models:/<name>/<version>, models:/<name>@<alias>), so the characters that
 * would make those ambiguous are refused.
 */
export function validateModelName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || name.trim().length === 0) throw invalid(`${field} must be a non-empty string`);
  validateLength(name, REGISTRY_LIMITS.modelNameLength, field);
  if (/[/@]/.test(name)) throw invalid(`${field} "${name}" must not contain "/" or "@" (they separate the parts of a models:/ URI)`);
  return name;
}

export function validateVersion(version: unknown, field = 'version'): number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw invalid(`${field} must be a positive integer, got ${String(version)}`);
  }
  return version;
}

// Python's \w, which MLflow's pattern ^[\w\-]*$ uses, is Unicode-aware: letters, digits, underscore.
const ALIAS_PATTERN = /^[\p{L}\p{N}_-]+$/u;

/** MLflow's alias rules: 1..255 word characters or dashes; `latest` and `v<number>` are reserved. */
export function validateAlias(alias: unknown, field = 'alias'): string {
  if (typeof alias !== 'string' || alias.length === 0) throw invalid(`${field} must be a non-empty string`);
  if (alias.length > REGISTRY_LIMITS.aliasLength) {
    throw invalid(`${field} is ${alias.length} characters long; the limit is ${REGISTRY_LIMITS.aliasLength}`);
  }
  if (!ALIAS_PATTERN.test(alias)) throw invalid(`${field} "${alias}" may only contain letters, digits, underscores and dashes`);
  // Reserved because models:/name/latest and models:/name/v3-style references would be ambiguous.
  if (alias.toLowerCase() === 'latest') throw invalid(`${field} "${alias}" is reserved`);
  if (/^v\d+$/i.test(alias)) throw invalid(`${field} "${alias}" is reserved: v<number> names a version`);
  return alias;
}

export function validateTag(tag: KeyValue, field: string): KeyValue {
  return {
    key: validateKey(tag?.key, `${field}.key`),
    value: validateLength(tag?.value, REGISTRY_LIMITS.tagValueLength, `${field}.value`),
  };
}

export const validateTags = (tags: KeyValue[] | null | undefined, field = 'tags'): KeyValue[] =>
  (tags ?? []).map((tag, i) => validateTag(tag, `${field}[${i}]`));

export const validateDescription = (description: unknown, field = 'description'): string =>
  validateLength(description ?? '', REGISTRY_LIMITS.descriptionLength, field);

export function validateActor(actor: unknown): string {
  if (actor == null || actor === '') return 'unknown';
  return validateLength(actor, REGISTRY_LIMITS.actorLength, 'actor');
}

/** Stages are matched case-insensitively, as MLflow does ("production" is Production). */
export function parseStage(stage: unknown, field = 'stage'): ModelStage {
  const found = MODEL_STAGES.find((s) => typeof stage === 'string' && s.toLowerCase() === stage.toLowerCase());
  if (!found) throw invalid(`${field} must be one of ${MODEL_STAGES.join(', ')}, got "${String(stage)}"`);
  return found;
}
