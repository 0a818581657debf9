'use client';
import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { ChartControls, DEFAULT_CHART_SETTINGS } from '@/components/charts/chart-controls';
import { QueryState } from '@/components/shell/query-state';
import { RUN, RUN_UPDATED } from '@/lib/documents';
import { nextFrame, nextTask } from '@/lib/frame';
import { useContrail, useOnReconnect, useSeriesKeys } from '@/lib/hooks';
import { SeriesStore } from '@/lib/series-store';
import { useLiveSubscription } from '@/lib/use-live-subscription';
import { watchRunMetrics } from '@/lib/watch-run-metrics';
import { ChildRuns } from './child-runs';
import { KeyValueTable } from './key-value-table';
import { MetricChartCard } from './metric-chart-card';
import { MetricsSummary } from './metrics-summary';
import { RunHeader } from './run-header';

/** What a run logged, and one live chart per metric key (mounted afresh for each run id). */
export function RunPage({ runId }: { runId: string }) {
  const client = useContrail();
  const [{ data, fetching, error }, refetch] = useQuery({ query: RUN, variables: { id: runId }, requestPolicy: 'cache-and-network' });
  useOnReconnect(() => refetch({ requestPolicy: 'network-only' }));
  const run = data?.run;
  useLiveSubscription(RUN_UPDATED, run ? { experimentId: run.experimentId } : null, (event) => {
    // This run's status, name, params or tags changed, or it got a child run.
    const changed = event.runUpdated.run;
    if (changed.id === runId || changed.parentRunId === runId) refetch({ requestPolicy: 'network-only' });
  });

  const [store] = useState(() => new SeriesStore(nextFrame, nextTask));
  const metricKeys = useRef<string[]>([]);
  metricKeys.current = run?.metricKeys ?? [];
  const loaded = run !== undefined;
  useEffect(() => {
    if (!loaded) return;
    return watchRunMetrics(client, store, { runId, keys: () => metricKeys.current });
  }, [client, store, runId, loaded]);
  const keys = useSeriesKeys(store, runId);
  const [settings, setSettings] = useState(DEFAULT_CHART_SETTINGS);

  if (!run) return <QueryState fetching={fetching} error={error} />;
  const chartKeys = [...new Set([...run.metricKeys, ...keys])].sort();
  return (
    <div className="page">
      <RunHeader run={run} />
      <div className="columns">
        <section>
          <h2>Parameters</h2>
          <div className="kv-scroll">
            <KeyValueTable rows={run.params} empty="No parameters logged." testId="params" />
          </div>
        </section>
        <section>
          <h2>Metrics</h2>
          <div className="kv-scroll">
            <MetricsSummary store={store} runId={runId} latest={run.latestMetrics} keys={chartKeys} />
          </div>
        </section>
        <section>
          <h2>Tags</h2>
          <div className="kv-scroll">
            <KeyValueTable rows={run.tags} empty="No tags." testId="tags" />
          </div>
        </section>
      </div>
      {run.children.length > 0 ? <ChildRuns runs={run.children} /> : null}
      <section>
        <div className="section-head">
          <h2>Charts</h2>
          <ChartControls value={settings} onChange={setSettings} />
        </div>
        {chartKeys.length === 0 ? <p className="muted">No metrics logged yet: charts appear as soon as the run logs one.</p> : null}
        <div className="chart-grid">
          {chartKeys.map((key) => (
            <MetricChartCard key={key} store={store} runId={runId} metricKey={key} settings={settings} />
          ))}
        </div>
      </section>
    </div>
  );
}
