import type { RunStatus } from '@/lib/types';

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-testid="status-badge">
      {status.toLowerCase()}
    </span>
  );
}
