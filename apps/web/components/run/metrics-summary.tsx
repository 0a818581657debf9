'use client';
import { formatMetric } from '@/lib/format';
import { useSeries } from '@/lib/hooks';
import { seriesId, type SeriesStore } from '@/lib/series-store';
import { toNumber, type MetricPoint } from '@/lib/types';

interface Props {
  store: SeriesStore;
  runId: string;
  /** From the run query; live points take over as they arrive. */
  latest: MetricPoint[];
  keys: string[];
}

/** Each metric's latest value and step, kept current by the live series. */
export function MetricsSummary({ store, runId, latest, keys }: Props) {
  if (keys.length === 0) return <p className="muted">No metrics logged yet.</p>;
  const byKey = new Map(latest.map((p) => [p.key, p]));
  return (
    <table className="kv" data-testid="metrics-summary">
      <thead>
        <tr>
          <th>Metric</th>
          <th>Latest</th>
          <th>Step</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <SummaryRow key={key} store={store} id={seriesId(runId, key)} metricKey={key} fallback={byKey.get(key)} />
        ))}
      </tbody>
    </table>
  );
}

function SummaryRow({ store, id, metricKey, fallback }: { store: SeriesStore; id: string; metricKey: string; fallback?: MetricPoint }) {
  const last = useSeries(store, id).points.at(-1);
  const point = last ?? (fallback ? { step: fallback.step, value: toNumber(fallback.value) } : undefined);
  return (
    <tr>
      <th scope="row">{metricKey}</th>
      <td className="num">{point ? formatMetric(point.value) : '–'}</td>
      <td className="num">{point ? point.step : '–'}</td>
    </tr>
  );
}
