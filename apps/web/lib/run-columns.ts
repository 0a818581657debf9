import { toNumber, type RunRow } from './types';

/** A column of the runs table: a run attribute, or the value of one param or one metric's latest point. */
export type Column =
  | { kind: 'attribute'; key: 'name' | 'status' | 'startTime' | 'duration' | 'userId' }
  | { kind: 'param' | 'metric'; key: string };

export interface Sort {
  column: Column;
  descending: boolean;
}

export const ATTRIBUTE_COLUMNS: Column[] = [
  { kind: 'attribute', key: 'status' },
  { kind: 'attribute', key: 'name' },
  { kind: 'attribute', key: 'startTime' },
  { kind: 'attribute', key: 'duration' },
  { kind: 'attribute', key: 'userId' },
];

/** MLflow's default order: newest first. */
export const DEFAULT_SORT: Sort = { column: { kind: 'attribute', key: 'startTime' }, descending: true };

// searchRuns' names for the attribute columns; MLflow cannot order by duration.
const ORDER_FIELDS = { name: 'attributes.run_name', status: 'attributes.status', startTime: 'attributes.start_time', userId: 'attributes.user_id' } as const;

export const sortable = (column: Column) => column.kind !== 'attribute' || column.key !== 'duration';

/**
 * The sort as searchRuns' orderBy (MLflow's order_by). Keys go in backticks, which MLflow's keys
 * (letters, digits, `_-./` and spaces) never contain.
 */
export function orderByFor({ column, descending }: Sort): string[] {
  const direction = descending ? 'DESC' : 'ASC';
  if (column.kind === 'attribute') {
    if (column.key === 'duration') return [];
    return [`${ORDER_FIELDS[column.key]} ${direction}`];
  }
  return [`${column.kind === 'metric' ? 'metrics' : 'params'}.\`${column.key}\` ${direction}`];
}

export const columnId = (column: Column) => `${column.kind}.${column.key}`;

const ATTRIBUTE_TITLES = { name: 'Name', status: 'Status', startTime: 'Started', duration: 'Duration', userId: 'User' } as const;
export const columnTitle = (column: Column) => (column.kind === 'attribute' ? ATTRIBUTE_TITLES[column.key] : column.key);

/** The value a cell shows and sorts by; null when the run has none (sorted last). */
export function cellValue(run: RunRow, column: Column, now: number): string | number | null {
  switch (column.kind) {
    case 'param':
      return run.params.find((p) => p.key === column.key)?.value ?? null;
    case 'metric': {
      const point = run.latestMetrics.find((p) => p.key === column.key);
      return point ? toNumber(point.value) : null;
    }
    case 'attribute':
      if (column.key === 'duration') return (run.endTime ?? now) - run.startTime;
      return run[column.key];
  }
}

/** Param and metric keys that the given runs have, each sorted: what the column picker offers. */
export function keysOf(runs: RunRow[]): { params: string[]; metrics: string[] } {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const run of runs) {
    for (const p of run.params) params.add(p.key);
    for (const m of run.latestMetrics) metrics.add(m.key);
  }
  return { params: [...params].sort(), metrics: [...metrics].sort() };
}

/** The columns shown before anyone picks: a few metrics, then a few params. */
export function defaultColumns(runs: RunRow[]): Column[] {
  const { params, metrics } = keysOf(runs);
  return [
    ...metrics.slice(0, 4).map((key): Column => ({ kind: 'metric', key })),
    ...params.slice(0, 3).map((key): Column => ({ kind: 'param', key })),
  ];
}
