import { describe, expect, it } from 'vitest';
import { ContrailError } from '../errors.js';
import type { Field } from './fields.js';
import { FILTER_LIMITS, parseFilter, type FilterNode } from './parse.js';

const metric = (key: string): Field => ({ entity: 'metric', key });
const param = (key: string): Field => ({ entity: 'param', key });
const tag = (key: string): Field => ({ entity: 'tag', key });
const attr = (key: string, kind: 'integer' | 'string'): Field => ({ entity: 'attribute', key, kind });

function errorOf(filter: string, target: 'runs' | 'experiments' = 'runs'): ContrailError {
  try {
    parseFilter(filter, target);
  } catch (error) {
    expect(error).toBeInstanceOf(ContrailError);
    expect((error as ContrailError).code).toBe('INVALID_PARAMETER_VALUE');
    return error as ContrailError;
  }
  throw new Error(`expected ${JSON.stringify(filter)} to be rejected`);
}

describe('parseFilter: MLflow grammar', () => {
  it.each<[string, FilterNode | null]>([
    ['', null],
    ['   \n\t', null],
    ['metrics.acc > 0.9', { type: 'number', field: metric('acc'), op: '>', value: 0.9 }],
    ['metric.acc >= 1', { type: 'number', field: metric('acc'), op: '>=', value: 1 }],
    ['metrics.loss < 1e-3', { type: 'number', field: metric('loss'), op: '<', value: 0.001 }],
    ['metrics.loss <= .5', { type: 'number', field: metric('loss'), op: '<=', value: 0.5 }],
    ['metrics.loss = -0.5e1', { type: 'number', field: metric('loss'), op: '=', value: -5 }],
    ['metrics.loss != 1.5E-1', { type: 'number', field: metric('loss'), op: '!=', value: 0.15 }],
    ['metrics.big > 1e999', { type: 'number', field: metric('big'), op: '>', value: Number.POSITIVE_INFINITY }],
    ["params.model = 'gpt2'", { type: 'string', field: param('model'), op: '=', value: 'gpt2' }],
    ['param.model != "gpt2"', { type: 'string', field: param('model'), op: '!=', value: 'gpt2' }],
    ["parameter.model LIKE 'gpt%'", { type: 'string', field: param('model'), op: 'LIKE', value: 'gpt%' }],
    ["parameters.model ILIKE '%GPT_'", { type: 'string', field: param('model'), op: 'ILIKE', value: '%GPT_' }],
    ["tags.team = 'nlp'", { type: 'string', field: tag('team'), op: '=', value: 'nlp' }],
    ["tag.mlflow.source.type = 'LOCAL'", { type: 'string', field: tag('mlflow.source.type'), op: '=', value: 'LOCAL' }],
    ["attributes.status = 'FINISHED'", { type: 'string', field: attr('status', 'string'), op: '=', value: 'FINISHED' }],
    ["attribute.user_id = 'ana'", { type: 'string', field: attr('user_id', 'string'), op: '=', value: 'ana' }],
    ["attr.artifact_uri LIKE 's3://%'", { type: 'string', field: attr('artifact_uri', 'string'), op: 'LIKE', value: 's3://%' }],
    ["run.run_name = 'a'", { type: 'string', field: attr('run_name', 'string'), op: '=', value: 'a' }],
    ["status = 'RUNNING'", { type: 'string', field: attr('status', 'string'), op: '=', value: 'RUNNING' }],
    ['start_time >= 1700000000000', { type: 'number', field: attr('start_time', 'integer'), op: '>=', value: 1_700_000_000_000 }],
    ['end_time < 5', { type: 'number', field: attr('end_time', 'integer'), op: '<', value: 5 }],
    ['created > 1e3', { type: 'number', field: attr('start_time', 'integer'), op: '>', value: 1000 }],
    ["`run name` = 'x'", { type: 'string', field: attr('run_name', 'string'), op: '=', value: 'x' }],
    ["`Run Name` = 'x'", { type: 'string', field: attr('run_name', 'string'), op: '=', value: 'x' }],
    ['metrics.`val loss` > 1', { type: 'number', field: metric('val loss'), op: '>', value: 1 }],
    ['metrics."val loss" > 1', { type: 'number', field: metric('val loss'), op: '>', value: 1 }],
    ['`metrics`.`val loss` > 1', { type: 'number', field: metric('val loss'), op: '>', value: 1 }],
    ['"metrics.val loss" > 1', { type: 'number', field: metric('val loss'), op: '>', value: 1 }],
    ['`metrics.val.loss` > 1', { type: 'number', field: metric('val.loss'), op: '>', value: 1 }],
    ['metrics.train/loss-1 > 1', { type: 'number', field: metric('train/loss-1'), op: '>', value: 1 }],
    ["params.a = 'it''s'", { type: 'string', field: param('a'), op: '=', value: "it's" }],
    ['params.a = "say ""hi"""', { type: 'string', field: param('a'), op: '=', value: 'say "hi"' }],
    ["params.a = 'back\\slash'", { type: 'string', field: param('a'), op: '=', value: 'back\\slash' }],
    ["params.a = ''", { type: 'string', field: param('a'), op: '=', value: '' }],
    ["params.a = 'ünï 😀'", { type: 'string', field: param('a'), op: '=', value: 'ünï 😀' }],
    ["run_id IN ('a', \"b\")", { type: 'list', field: attr('run_id', 'string'), negated: false, values: ['a', 'b'] }],
    ["run_id not in ('a')", { type: 'list', field: attr('run_id', 'string'), negated: true, values: ['a'] }],
    ["params.model IN ('a','b')", { type: 'list', field: param('model'), negated: false, values: ['a', 'b'] }],
  ])('%s', (filter, expected) => {
    expect(parseFilter(filter)).toEqual(expected);
  });

  it('reads keywords, prefixes and attribute names in any case, keys exactly', () => {
    expect(parseFilter("Metrics.Acc > 1 AnD PARAMS.Lr iLiKe 'x' and STATUS = 'A'")).toEqual({
      type: 'and',
      items: [
        { type: 'number', field: metric('Acc'), op: '>', value: 1 },
        { type: 'string', field: param('Lr'), op: 'ILIKE', value: 'x' },
        { type: 'string', field: attr('status', 'string'), op: '=', value: 'A' },
      ],
    });
  });
});

describe('parseFilter: OR, NOT and parentheses', () => {
  const a = { type: 'number', field: metric('a'), op: '>', value: 1 } as const;
  const b = { type: 'number', field: metric('b'), op: '>', value: 1 } as const;
  const c = { type: 'number', field: metric('c'), op: '>', value: 1 } as const;

  it.each<[string, FilterNode]>([
    ['metrics.a > 1 OR metrics.b > 1 AND metrics.c > 1', { type: 'or', items: [a, { type: 'and', items: [b, c] }] }],
    ['(metrics.a > 1 OR metrics.b > 1) AND metrics.c > 1', { type: 'and', items: [{ type: 'or', items: [a, b] }, c] }],
    ['NOT metrics.a > 1 AND metrics.b > 1', { type: 'and', items: [{ type: 'not', item: a }, b] }],
    ['NOT (metrics.a > 1 OR metrics.b > 1)', { type: 'not', item: { type: 'or', items: [a, b] } }],
    ['not not metrics.a > 1', { type: 'not', item: { type: 'not', item: a } }],
    ['((metrics.a > 1))', a],
    ['metrics.a > 1 or metrics.b > 1 or metrics.c > 1', { type: 'or', items: [a, b, c] }],
  ])('%s', (filter, expected) => {
    expect(parseFilter(filter)).toEqual(expected);
  });
});

describe('parseFilter: errors say where and what was expected', () => {
  it.each<[string, string]>([
    ['metrics.acc', 'expected a comparator after metrics.acc at column 12'],
    ['metrics.acc 0.9', 'expected a comparator after metrics.acc at column 13, found "0.9"'],
    ["metrics.acc > '0.9'", `expected a number after metrics.acc > at column 15, found "'0.9'" (metrics.acc is numeric)`],
    ['metrics.acc LIKE 1', 'expected =, !=, <, <=, > or >= after metrics.acc at column 13, found "LIKE" (metrics.acc is numeric)'],
    ['params.lr > 1', 'expected =, !=, LIKE, ILIKE, IN or NOT IN after params.lr at column 11, found ">" (params.lr is text)'],
    ['params.lr = 0.1', `expected a quoted string after params.lr = at column 13, found "0.1" (params.lr is text; quote values with ' or ")`],
    ["start_time > '1'", `expected a number after start_time > at column 14, found "'1'" (start_time is numeric)`],
    ['end_time > 1.5', 'expected a whole number after end_time > at column 12, found "1.5" (end_time is an integer)'],
    ['metrics.a <> 1', 'unknown comparator "<>" after metrics.a at column 11 (use =, !=, <, <=, > or >=)'],
    ['metrics.a == 1', 'unknown comparator "==" after metrics.a at column 11'],
    ["params.a NOT LIKE 'x'", 'expected IN after params.a NOT at column 14, found "LIKE"'],
    ["params.a IN 'x'", 'expected "(" after IN at column 13'],
    ['params.a IN ()', 'expected a quoted string in the IN list at column 14, found ")"'],
    ["params.a IN ('x' 'y')", 'expected "," or ")" in the IN list at column 18'],
    ["params.a IN ('x', 1)", 'expected a quoted string in the IN list at column 19, found "1"'],
    ["params.a = 'x", 'unterminated string starting at column 12'],
    ['metrics.`val loss > 1', 'unterminated backticked name starting at column 9'],
    ["metrics.a > 1 AND", 'expected a key such as metrics.<name>, params.<name>, tags.<name> or an attribute at column 18'],
    ['metrics.a > 1 metrics.b > 1', 'expected AND, OR or the end of the filter at column 15, found "metrics.b"'],
    ['metrics.a > 1)', 'expected AND, OR or the end of the filter at column 14, found ")" (no "(" matches it)'],
    ['(metrics.a > 1', 'expected AND, OR or ")" at column 15 (to close the "(" at column 1)'],
    ['()', 'expected a key such as metrics.<name>'],
    ['metrics.a > 1; DROP TABLE runs', 'unexpected character ";" at column 14'],
    ['metrics.a > 1abc', 'invalid number at column 13'],
    ['metrics.a > 1.2.3', 'invalid number at column 13'],
    ['metrics.a > 1 && metrics.b > 1', 'unexpected character "&" at column 15'],
    ["foo = 'x'", 'unknown attribute "foo" at column 1 (attributes are run_id'],
    ["constructor = 'x'", 'unknown attribute "constructor" at column 1'],
    ['metricz.a > 1', 'unknown prefix "metricz" at column 1 (use metrics., params., tags. or attributes.)'],
    ["attributes.bogus = 'x'", 'unknown attribute "bogus" at column 1'],
    ['metrics. > 1', 'a key is missing after "metrics." at column 1'],
    ["'params.a' = 'x'", 'expected a key such as'],
    ['metrics.a > 1 or ☃', 'unexpected character "☃" at column 18'],
    ["params.a = 'x\u0000'", 'NUL characters are not allowed at column 14'],
  ])('%s', (filter, message) => {
    expect(errorOf(filter).message).toContain(message);
  });

  it('bounds length, nesting and number of comparisons', () => {
    const clause = 'metrics.a > 1';
    const padded = `${clause}${' '.repeat(FILTER_LIMITS.maxLength - clause.length)}`;
    expect(padded).toHaveLength(10_000);
    expect(parseFilter(padded)).toEqual({ type: 'number', field: metric('a'), op: '>', value: 1 });
    expect(errorOf(`${padded} `).message).toBe('the filter is 10001 characters long; the limit is 10000');

    const nested = (depth: number) => `${'('.repeat(depth)}${clause}${')'.repeat(depth)}`;
    expect(parseFilter(nested(32))).toEqual({ type: 'number', field: metric('a'), op: '>', value: 1 });
    expect(errorOf(nested(33)).message).toBe('the filter nests deeper than 32 levels of parentheses and NOT at column 33');
    expect(errorOf(`${'NOT '.repeat(33)}${clause}`).message).toContain('nests deeper than 32 levels');

    const many = (n: number) => Array.from({ length: n }, () => clause).join(' OR ');
    expect((parseFilter(many(200)) as { items: unknown[] }).items).toHaveLength(200);
    expect(errorOf(many(201)).message).toBe(`the filter has more than 200 comparisons at column ${200 * 17 + 1}`);
  });

  it('rejects what is not a string', () => {
    expect(() => parseFilter(42 as unknown as string)).toThrow('filter must be a string');
  });
});

describe('parseFilter: experiments', () => {
  it('knows name, times, experiment_id and tags', () => {
    expect(parseFilter("name LIKE 'nlp-%' AND tags.team = 'a' AND attributes.creation_time > 5", 'experiments')).toEqual({
      type: 'and',
      items: [
        { type: 'string', field: attr('name', 'string'), op: 'LIKE', value: 'nlp-%' },
        { type: 'string', field: tag('team'), op: '=', value: 'a' },
        { type: 'number', field: attr('creation_time', 'integer'), op: '>', value: 5 },
      ],
    });
    expect(parseFilter('experiment_id = 3', 'experiments')).toEqual({
      type: 'number',
      field: attr('experiment_id', 'integer'),
      op: '=',
      value: 3,
    });
  });

  it('rejects run fields', () => {
    expect(errorOf('metrics.a > 1', 'experiments').message).toBe('experiments have no metrics at column 1 (use tags.<key> or an attribute)');
    expect(errorOf("params.a = 'x'", 'experiments').message).toContain('experiments have no params');
    expect(errorOf("status = 'x'", 'experiments').message).toContain('unknown attribute "status" at column 1 (attributes are name,');
  });
});
