'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/shell/status-badge';
import { formatDateTime, formatDuration, formatMetric } from '@/lib/format';
import { ATTRIBUTE_COLUMNS, cellValue, columnId, columnTitle, sortable, type Column, type Sort } from '@/lib/run-columns';
import type { RunRow } from '@/lib/types';

interface Props {
  rows: RunRow[];
  /** Param and metric columns after the attribute columns. */
  columns: Column[];
  sort: Sort;
  onSort: (column: Column) => void;
  selected: ReadonlySet<string>;
  onToggle: (runId: string) => void;
  now: number;
}

export function RunsTable({ rows, columns, sort, onSort, selected, onToggle, now }: Props) {
  const all = [...ATTRIBUTE_COLUMNS, ...columns];
  return (
    <div className="table-scroll">
      <table className="grid" data-testid="runs-table">
        <thead>
          <tr>
            <th aria-label="Select" />
            {all.map((column) => {
              const sorted = columnId(sort.column) === columnId(column);
              return (
                <th key={columnId(column)} className={column.kind === 'metric' ? 'num' : undefined} aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  {sortable(column) ? (
                    <button className="sort" data-testid={`sort-${columnId(column)}`} onClick={() => onSort(column)}>
                      {column.kind === 'attribute' ? null : <span className="col-kind">{column.kind === 'metric' ? 'metric' : 'param'}</span>}
                      {columnTitle(column)}
                      {sorted ? (sort.descending ? ' ▼' : ' ▲') : null}
                    </button>
                  ) : (
                    columnTitle(column)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((run) => (
            <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
              <td>
                <input type="checkbox" aria-label={`Select ${run.name}`} data-testid="select-run" checked={selected.has(run.id)} onChange={() => onToggle(run.id)} />
              </td>
              {all.map((column) => (
                <Cell key={columnId(column)} run={run} column={column} now={now} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ run, column, now }: { run: RunRow; column: Column; now: number }) {
  if (column.kind === 'attribute') {
    switch (column.key) {
      case 'status':
        return <td><StatusBadge status={run.status} /></td>;
      case 'name':
        return <td><Link href={`/run?id=${run.id}`} data-testid="run-name">{run.name}</Link></td>;
      case 'startTime':
        return <td className="nowrap">{formatDateTime(run.startTime)}</td>;
      case 'duration':
        return <td className="nowrap">{formatDuration((run.endTime ?? now) - run.startTime)}</td>;
      case 'userId':
        return <td>{run.userId || '–'}</td>;
    }
  }
  const value = cellValue(run, column, now);
  if (value === null) return <td className="muted">–</td>;
  return <td className={column.kind === 'metric' ? 'num' : undefined}>{typeof value === 'number' ? formatMetric(value) : value}</td>;
}
