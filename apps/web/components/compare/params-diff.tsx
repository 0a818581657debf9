'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { ComparedRun } from './compare-page';

/** Params as rows and runs as columns; rows whose values differ are marked, and can be shown alone. */
export function ParamsDiff({ runs }: { runs: ComparedRun[] }) {
  const [onlyDifferent, setOnlyDifferent] = useState(true);
  const keys = [...new Set(runs.flatMap((run) => run.params.map((p) => p.key)))].sort();
  const valueOf = (run: ComparedRun, key: string) => run.params.find((p) => p.key === key)?.value;
  const differs = (key: string) => new Set(runs.map((run) => valueOf(run, key) ?? '\u0000missing')).size > 1;
  const shown = onlyDifferent ? keys.filter(differs) : keys;
  if (keys.length === 0) return <p className="muted">None of these runs logged parameters.</p>;
  return (
    <>
      <label className="toggle">
        <input type="checkbox" checked={onlyDifferent} onChange={(e) => setOnlyDifferent(e.target.checked)} /> Only parameters that differ
      </label>
      <div className="table-scroll">
        <table className="grid" data-testid="params-diff">
          <thead>
            <tr>
              <th>Parameter</th>
              {runs.map((run) => (
                <th key={run.id}>
                  <span className="swatch" style={{ background: run.color }} />
                  <Link href={`/run?id=${run.id}`}>{run.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((key) => (
              <tr key={key} className={differs(key) ? 'differs' : undefined} data-testid="param-row">
                <th scope="row">{key}</th>
                {runs.map((run) => (
                  <td key={run.id}>{valueOf(run, key) ?? <span className="muted">–</span>}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 ? <p className="muted">Every parameter has the same value in all these runs.</p> : null}
    </>
  );
}
