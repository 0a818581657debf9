import { describe, expect, it } from 'vitest';
import { parseOrderBy } from './order-by.js';

describe('parseOrderBy', () => {
  it('reads MLflow order_by entries', () => {
    expect(
      parseOrderBy([
        'metrics.rmse DESC',
        'params.lr',
        'attributes.start_time ASC',
        'metrics.`val loss` desc',
        'tags."a b" Asc',
        '`run name`',
        'created DESC',
      ]),
    ).toEqual([
      { field: { entity: 'metric', key: 'rmse' }, descending: true },
      { field: { entity: 'param', key: 'lr' }, descending: false },
      { field: { entity: 'attribute', key: 'start_time', kind: 'integer' }, descending: false },
      { field: { entity: 'metric', key: 'val loss' }, descending: true },
      { field: { entity: 'tag', key: 'a b' }, descending: false },
      { field: { entity: 'attribute', key: 'run_name', kind: 'string' }, descending: false },
      { field: { entity: 'attribute', key: 'start_time', kind: 'integer' }, descending: true },
    ]);
    expect(parseOrderBy(undefined)).toEqual([]);
    expect(parseOrderBy(['name DESC', 'experiment_id'], 'experiments')).toEqual([
      { field: { entity: 'attribute', key: 'name', kind: 'string' }, descending: true },
      { field: { entity: 'attribute', key: 'experiment_id', kind: 'integer' }, descending: false },
    ]);
  });

  it.each<[string[], string]>([
    [['metrics.rmse', 'metrics.rmse DOWN'], 'orderBy[1] "metrics.rmse DOWN": expected ASC or DESC after metrics.rmse at column 14, found "DOWN"'],
    [['metrics.rmse DESC DESC'], 'orderBy[0] "metrics.rmse DESC DESC": expected the end of the entry after metrics.rmse DESC at column 19'],
    [['attributes.bogus'], 'orderBy[0] "attributes.bogus": unknown attribute "bogus" at column 1'],
    [['bogus DESC'], 'orderBy[0] "bogus DESC": unknown attribute "bogus" at column 1'],
    [[''], 'orderBy[0] "": expected a key such as metrics.<name>'],
    [['metrics.a; DROP TABLE runs'], 'orderBy[0] "metrics.a; DROP TABLE runs": unexpected character ";" at column 10'],
    [['metrics.a > 1'], 'expected ASC or DESC after metrics.a at column 11'],
  ])('%j -> %s', (entries, message) => {
    expect(() => parseOrderBy(entries)).toThrow(message);
  });

  it('rejects run fields for experiments, and too many or too long entries', () => {
    expect(() => parseOrderBy(['metrics.a'], 'experiments')).toThrow('orderBy[0] "metrics.a": experiments have no metrics');
    expect(() => parseOrderBy(Array.from({ length: 21 }, () => 'metrics.a'))).toThrow('orderBy has 21 entries; the limit is 20');
    expect(() => parseOrderBy([`metrics.${'a'.repeat(1000)}`])).toThrow('is 1008 characters long; the limit is 1000');
    expect(() => parseOrderBy('metrics.a' as unknown as string[])).toThrow('orderBy must be a list of strings');
    expect(() => parseOrderBy([3 as unknown as string])).toThrow('orderBy[0] must be a string');
  });
});
