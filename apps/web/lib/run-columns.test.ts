import { describe, expect, it } from 'vitest';
import { cellValue, defaultColumns, keysOf, orderByFor, sortable } from './run-columns';
import type { RunRow } from './types';

const run = (name: string, extra: Partial<RunRow> = {}): RunRow => ({
  id: name,
  name,
  status: 'FINISHED',
  startTime: 1000,
  endTime: 2000,
  userId: 'ana',
  parentRunId: null,
  params: [],
  latestMetrics: [],
  ...extra,
});
const metric = (key: string, value: RunRow['latestMetrics'][number]['value']) => ({ key, value, step: 1, timestamp: 1 });

const runs = [
  run('a', { params: [{ key: 'lr', value: '1e-3' }], latestMetrics: [metric('acc', 0.8)] }),
  run('b', { params: [{ key: 'lr', value: '2e-5' }], latestMetrics: [metric('acc', 0.95)], status: 'FAILED' }),
  run('c', { params: [{ key: 'lr', value: '0.01' }], latestMetrics: [metric('acc', 'NaN')] }),
  run('d', { status: 'RUNNING', endTime: null, startTime: 500 }),
];

describe('runs table columns', () => {
  it('asks searchRuns for the sort in MLflow\'s order_by terms', () => {
    expect(orderByFor({ column: { kind: 'metric', key: 'val loss' }, descending: true })).toEqual(['metrics.`val loss` DESC']);
    expect(orderByFor({ column: { kind: 'param', key: 'lr' }, descending: false })).toEqual(['params.`lr` ASC']);
    expect(orderByFor({ column: { kind: 'attribute', key: 'name' }, descending: false })).toEqual(['attributes.run_name ASC']);
    expect(orderByFor({ column: { kind: 'attribute', key: 'startTime' }, descending: true })).toEqual(['attributes.start_time DESC']);
    expect(sortable({ kind: 'attribute', key: 'duration' })).toBe(false);
  });

  it('reads cells: params as text, metrics as numbers, a running run\'s duration up to now', () => {
    expect(cellValue(runs[0]!, { kind: 'param', key: 'lr' }, 0)).toBe('1e-3');
    expect(cellValue(runs[2]!, { kind: 'metric', key: 'acc' }, 0)).toBeNaN();
    expect(cellValue(runs[3]!, { kind: 'metric', key: 'acc' }, 0)).toBeNull();
    expect(cellValue(runs[3]!, { kind: 'attribute', key: 'duration' }, 4500)).toBe(4000);
    expect(cellValue(runs[0]!, { kind: 'attribute', key: 'duration' }, 4500)).toBe(1000);
  });

  it('offers the keys the runs have, and shows metrics before params by default', () => {
    expect(keysOf(runs)).toEqual({ params: ['lr'], metrics: ['acc'] });
    expect(defaultColumns(runs)).toEqual([{ kind: 'metric', key: 'acc' }, { kind: 'param', key: 'lr' }]);
  });
});
