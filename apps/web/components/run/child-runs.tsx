import Link from 'next/link';
import { StatusBadge } from '@/components/shell/status-badge';
import { formatDateTime } from '@/lib/format';
import type { RunDetail } from '@/lib/types';

export function ChildRuns({ runs }: { runs: RunDetail['children'] }) {
  return (
    <section>
      <h2>Child runs</h2>
      <ul className="child-runs" data-testid="child-runs">
        {runs.map((run) => (
          <li key={run.id}>
            <StatusBadge status={run.status} /> <Link href={`/run?id=${run.id}`}>{run.name}</Link>{' '}
            <span className="muted small">started {formatDateTime(run.startTime)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
