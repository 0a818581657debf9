/**
 * The names a filter or an order_by may use, shared by both parsers: MLflow's entity prefixes and the
 * attributes of runs, experiments and registered models.
 */

export type SearchTarget = 'runs' | 'experiments' | 'registered_models';

/** How a field's values compare: metrics are doubles, times and ids whole numbers, the rest text. */
export type ValueKind = 'double' | 'integer' | 'string';

export type Field =
  | { entity: 'metric'; key: string }
  | { entity: 'param' | 'tag'; key: string }
  | { entity: 'attribute'; key: string; kind: 'integer' | 'string' };

export const attributeField = (key: string, kind: 'integer' | 'string'): Field => ({ entity: 'attribute', key, kind });

export const kindOf = (field: Field): ValueKind =>
  field.entity === 'metric' ? 'double' : field.entity === 'attribute' ? field.kind : 'string';

type Entity = Field['entity'];

// Maps, not object literals: user text such as "constructor" must not find inherited properties.
const PREFIXES = new Map<string, Entity>([
  ['metric', 'metric'],
  ['metrics', 'metric'],
  ['param', 'param'],
  ['params', 'param'],
  ['parameter', 'param'],
  ['parameters', 'param'],
  ['tag', 'tag'],
  ['tags', 'tag'],
  ['attribute', 'attribute'],
  ['attributes', 'attribute'],
  ['attr', 'attribute'],
  ['run', 'attribute'],
]);

// experiment_id is beyond MLflow's filter vocabulary (MLflow only orders by it); it costs nothing.
const ATTRIBUTES: Record<SearchTarget, Map<string, 'integer' | 'string'>> = {
  runs: new Map([
    ['run_id', 'string'],
    ['run_name', 'string'],
    ['user_id', 'string'],
    ['status', 'string'],
    ['artifact_uri', 'string'],
    ['start_time', 'integer'],
    ['end_time', 'integer'],
  ]),
  experiments: new Map([
    ['name', 'string'],
    ['creation_time', 'integer'],
    ['last_update_time', 'integer'],
    ['experiment_id', 'integer'],
  ]),
  registered_models: new Map([
    ['name', 'string'],
    ['creation_time', 'integer'],
    ['last_update_time', 'integer'],
  ]),
};

// MLflow's alternate spellings: `created` and (backticked) `run name`.
const ALIASES: Record<SearchTarget, Map<string, string>> = {
  runs: new Map([
    ['created', 'start_time'],
    ['run name', 'run_name'],
  ]),
  experiments: new Map(),
  // MLflow's names in search_registered_models' order_by.
  registered_models: new Map([
    ['creation_timestamp', 'creation_time'],
    ['last_updated_timestamp', 'last_update_time'],
  ]),
};

export const isPrefix = (word: string): boolean => PREFIXES.has(word.toLowerCase());

export interface FieldProblem {
  problem: string;
  hint?: string;
}

/**
 * The field named by a prefix (null for a bare attribute name) and a key, or what is wrong with them.
 * Prefixes and attribute names match case-insensitively; keys are exact.
 */
export function resolveField(target: SearchTarget, prefix: string | null, key: string): Field | FieldProblem {
  const entity = prefix === null ? 'attribute' : PREFIXES.get(prefix.toLowerCase());
  if (entity === undefined) return { problem: `unknown prefix "${prefix}"`, hint: 'use metrics., params., tags. or attributes.' };
  if (key === '') return { problem: `a key is missing after "${prefix}."` };
  if (entity !== 'attribute') {
    if (target !== 'runs' && entity !== 'tag') {
      return { problem: `${target.replace('_', ' ')} have no ${entity}s`, hint: 'use tags.<key> or an attribute' };
    }
    return { entity, key };
  }
  const name = key.toLowerCase();
  const canonical = ALIASES[target].get(name) ?? name;
  const kind = ATTRIBUTES[target].get(canonical);
  if (kind) return { entity: 'attribute', key: canonical, kind };
  const known = `attributes are ${[...ATTRIBUTES[target].keys()].join(', ')}`;
  return {
    problem: `unknown attribute "${key}"`,
    hint: prefix === null && target === 'runs' ? `${known}; for anything else write metrics.${key}, params.${key} or tags.${key}` : known,
  };
}
