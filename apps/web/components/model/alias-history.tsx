import { AliasBadge } from '@/components/shell/alias-badge';
import { formatDateTime } from '@/lib/format';
import { describeAliasEvent } from '@/lib/registry';
import type { AliasEvent } from '@/lib/types';

/** Every set, move and removal of an alias, newest first, with who did it. */
export function AliasHistory({ events }: { events: AliasEvent[] }) {
  if (events.length === 0) return <p className="muted" data-testid="alias-history-empty">No alias changes yet.</p>;
  return (
    <ol className="timeline" data-testid="alias-history">
      {events.map((event) => {
        const { action, change } = describeAliasEvent(event);
        return (
          <li key={event.id} data-testid="alias-event" className={`timeline-${event.action.toLowerCase()}`}>
            <time className="muted small nowrap" dateTime={new Date(event.time).toISOString()}>
              {formatDateTime(event.time)}
            </time>
            <span className="timeline-what">
              <AliasBadge alias={event.alias} /> <span data-testid="alias-event-action">{action}</span>{' '}
              <span className="timeline-change" data-testid="alias-event-change">
                {change}
              </span>
            </span>
            <span className="muted small" data-testid="alias-event-actor">
              by {event.actor}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
