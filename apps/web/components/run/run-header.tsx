'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/shell/status-badge';
import { formatDateTime, formatDuration } from '@/lib/format';
import { useNow } from '@/lib/hooks';
import type { RunDetail } from '@/lib/types';

export function RunHeader({ run }: { run: RunDetail }) {
  const now = useNow(1000);
  return (
    <header className="page-head">
      <p className="crumbs">
        <Link href={`/experiment?id=${run.experimentId}`}>{run.experiment.name}</Link>
        {run.parentRunId ? (
          <>
            {' / '}
            <Link href={`/run?id=${run.parentRunId}`}>parent run</Link>
          </>
        ) : null}
      </p>
      <h1>
        {run.name} <StatusBadge status={run.status} />
      </h1>
      <dl className="facts">
        <dt>Run id</dt>
        <dd className="mono">{run.id}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(run.startTime)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration((run.endTime ?? now) - run.startTime)}</dd>
        <dt>User</dt>
        <dd>{run.userId || '–'}</dd>
      </dl>
    </header>
  );
}
