'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { ChartControls, DEFAULT_CHART_SETTINGS } from '@/components/charts/chart-controls';
import { colorAt } from '@/components/charts/palette';
import { QueryState } from '@/components/shell/query-state';
import { runsByIdQuery, type CompareRun } from '@/lib/documents';
import { nextFrame, nextTask } from '@/lib/frame';
import { useContrail, useOnReconnect } from '@/lib/hooks';
import { SeriesStore } from '@/lib/series-store';
import { watchRunMetrics } from '@/lib/watch-run-metrics';
import { MetricOverlay } from './metric-overlay';
import { ParamScatter } from './param-scatter';
import { ParamsDiff } from './params-diff';

export interface ComparedRun extends CompareRun {
  color: string;
}

/** Selected runs side by side: one metric overlaid (live), their params, and a param against the metric. */
export function ComparePage({ runIds, metric: requested }: { runIds: string[]; metric: string }) {
  const router = useRouter();
  const client = useContrail();
  const query = useMemo(() => runsByIdQuery(runIds.length), [runIds.length]);
  const runKey = runIds.join(',');
  const variables = useMemo(() => Object.fromEntries(runKey.split(',').map((id, i) => [`r${i}`, id])), [runKey]);
  const [{ data, fetching, error }, refetch] = useQuery({ query, variables, requestPolicy: 'cache-and-network' });
  useOnReconnect(() => refetch({ requestPolicy: 'network-only' }));
  // Run is non-null in the schema, so one unknown id fails the whole query (QueryState says which).
  const runs = useMemo<ComparedRun[]>(
    () =>
      runIds.flatMap((_, i) => {
        const run = data?.[`r${i}`];
        return run ? [{ ...run, color: colorAt(i) }] : [];
      }),
    [data, runIds],
  );
  const metricKeys = [...new Set(runs.flatMap((r) => r.metricKeys))].sort();
  // Without a metric in the address, the first one any of the runs logged.
  const metric = requested || metricKeys[0] || '';

  const [store] = useState(() => new SeriesStore(nextFrame, nextTask));
  useEffect(() => {
    if (!metric) return;
    const stops = runKey.split(',').map((runId) => watchRunMetrics(client, store, { runId, keys: () => [metric], onlyKeys: true }));
    return () => stops.forEach((stop) => stop());
  }, [client, store, runKey, metric]);
  const [settings, setSettings] = useState(DEFAULT_CHART_SETTINGS);

  if (!data) return <QueryState fetching={fetching} error={error} />;
  const chooseMetric = (key: string) => router.replace(`/compare?runs=${runKey}&metric=${encodeURIComponent(key)}`);
  return (
    <div className="page">
      <header className="page-head">
        <h1>Comparing {runs.length} runs</h1>
      </header>
      <section>
        <div className="section-head">
          <label>
            Metric{' '}
            <select data-testid="compare-metric" value={metric} onChange={(e) => chooseMetric(e.target.value)}>
              {metric && !metricKeys.includes(metric) ? <option value={metric}>{metric}</option> : null}
              {metricKeys.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
          </label>
          <ChartControls value={settings} onChange={setSettings} />
        </div>
        {metric ? <MetricOverlay store={store} runs={runs} metric={metric} settings={settings} /> : <p className="muted">These runs have logged no metrics yet.</p>}
      </section>
      <div className="columns two">
        <section>
          <h2>Parameters</h2>
          <ParamsDiff runs={runs} />
        </section>
        <section>
          <h2>Parameter against {metric || 'metric'}</h2>
          <ParamScatter store={store} runs={runs} metric={metric} />
        </section>
      </div>
    </div>
  );
}
