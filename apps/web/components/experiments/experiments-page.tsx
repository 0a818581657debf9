'use client';
import { useState } from 'react';
import { useQuery } from 'urql';
import { QueryState } from '@/components/shell/query-state';
import { ANY_RUN_UPDATED, EXPERIMENT_UPDATED, EXPERIMENTS } from '@/lib/documents';
import { useNow, useOnReconnect, useThrottled } from '@/lib/hooks';
import { useLiveSubscription } from '@/lib/use-live-subscription';
import { CreateExperimentForm } from './create-experiment-form';
import { ExperimentRow } from './experiment-row';

const PAGE = 200;

/** `/`: every experiment, kept current by experimentUpdated (and runUpdated of any experiment for the run counts). */
export function ExperimentsPage() {
  const [showDeleted, setShowDeleted] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: EXPERIMENTS,
    variables: { view: showDeleted ? 'ALL' : 'ACTIVE_ONLY', first: PAGE },
    requestPolicy: 'cache-and-network',
  });
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 500);
  useOnReconnect(refresh);
  useLiveSubscription(EXPERIMENT_UPDATED, {}, refresh);
  // New, deleted and restored runs change the run counts; status changes do not.
  useLiveSubscription(ANY_RUN_UPDATED, {}, (event) => {
    if (event.runUpdated.change !== 'UPDATED') refresh();
  });
  const now = useNow(30_000);
  const experiments = data?.experiments.nodes ?? [];
  return (
    <div className="page">
      <header className="page-head">
        <h1>Experiments</h1>
      </header>
      <div className="toolbar">
        <CreateExperimentForm />
        <label className="toggle">
          <input type="checkbox" data-testid="show-deleted" checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} /> Show
          deleted
        </label>
      </div>
      {data ? null : <QueryState fetching={fetching} error={error} />}
      {data && experiments.length === 0 ? <p className="muted">No experiments yet: create one above, or log a run from your training code.</p> : null}
      {experiments.length > 0 ? (
        <table className="grid" data-testid="experiments-table">
          <thead>
            <tr>
              <th>Name</th>
              <th className="num">Runs</th>
              <th>Last activity</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {experiments.map((experiment) => (
              <ExperimentRow key={experiment.id} experiment={experiment} now={now} />
            ))}
          </tbody>
        </table>
      ) : null}
      {data && data.experiments.totalCount > PAGE ? (
        <p className="muted small">The {PAGE} newest of {data.experiments.totalCount} experiments.</p>
      ) : null}
    </div>
  );
}
