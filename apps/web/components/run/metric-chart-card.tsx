'use client';
import { useMemo, useRef } from 'react';
import type { ChartSettings } from '@/components/charts/chart-controls';
import { LineChart } from '@/components/charts/line-chart';
import { colorAt } from '@/components/charts/palette';
import { useInView, useSeries } from '@/lib/hooks';
import { seriesId, type SeriesStore } from '@/lib/series-store';

interface Props {
  store: SeriesStore;
  runId: string;
  metricKey: string;
  settings: ChartSettings;
}

/** One metric of one run; re-renders only when that series changes, and only while in view. */
export function MetricChartCard({ store, runId, metricKey, settings }: Props) {
  const card = useRef<HTMLElement>(null);
  const series = useSeries(store, seriesId(runId, metricKey), useInView(card));
  const lines = useMemo(() => [{ name: metricKey, color: colorAt(0), points: series.points }], [metricKey, series]);
  return (
    <figure className="card" ref={card}>
      <figcaption>
        {metricKey}
        {series.downsampled ? <span className="muted small"> · downsampled for drawing</span> : null}
      </figcaption>
      <LineChart testId={`chart-${metricKey}`} label={metricKey} series={lines} {...settings} />
    </figure>
  );
}
