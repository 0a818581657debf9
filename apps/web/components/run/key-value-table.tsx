import type { KeyValue } from '@/lib/types';

export function KeyValueTable({ rows, empty, testId }: { rows: KeyValue[]; empty: string; testId: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  const sorted = [...rows].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <table className="kv" data-testid={testId}>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.key}</th>
            <td>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
