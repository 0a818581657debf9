'use client';
import { columnId, type Column } from '@/lib/run-columns';

interface Props {
  available: { params: string[]; metrics: string[] };
  chosen: Column[];
  onChange: (columns: Column[]) => void;
}

/** Which params and metrics get a column; offers the keys of the runs on this page. */
export function ColumnPicker({ available, chosen, onChange }: Props) {
  const ids = new Set(chosen.map(columnId));
  const toggle = (column: Column) =>
    onChange(ids.has(columnId(column)) ? chosen.filter((c) => columnId(c) !== columnId(column)) : [...chosen, column]);
  const group = (kind: 'metric' | 'param', keys: string[]) =>
    keys.map((key) => {
      const column: Column = { kind, key };
      return (
        <label key={columnId(column)}>
          <input type="checkbox" checked={ids.has(columnId(column))} onChange={() => toggle(column)} /> {key}
        </label>
      );
    });
  return (
    <details className="picker" data-testid="column-picker">
      <summary>Columns</summary>
      <div className="picker-body">
        <fieldset>
          <legend>Metrics</legend>
          {available.metrics.length ? group('metric', available.metrics) : <p className="muted small">none logged</p>}
        </fieldset>
        <fieldset>
          <legend>Params</legend>
          {available.params.length ? group('param', available.params) : <p className="muted small">none logged</p>}
        </fieldset>
      </div>
    </details>
  );
}
