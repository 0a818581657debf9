'use client';
import { useMemo } from 'react';
import { ChartLegend } from '@/components/charts/chart-legend';
import type { ChartSettings } from '@/components/charts/chart-controls';
import { LineChart } from '@/components/charts/line-chart';
import { useSeriesList } from '@/lib/hooks';
import { seriesId, type SeriesStore } from '@/lib/series-store';
import type { ComparedRun } from './compare-page';

/** One metric of every compared run on one chart. */
export function MetricOverlay({ store, runs, metric, settings }: { store: SeriesStore; runs: ComparedRun[]; metric: string; settings: ChartSettings }) {
  const series = useSeriesList(store, runs.map((run) => seriesId(run.id, metric)));
  const lines = useMemo(
    () => runs.map((run, i) => ({ name: run.id, color: run.color, points: series[i]?.points ?? [] })),
    [runs, series],
  );
  return (
    <figure className="card wide">
      <figcaption>{metric}</figcaption>
      <LineChart testId="compare-chart" label={metric} series={lines} {...settings} width={860} height={340} />
      <ChartLegend items={runs.map((run) => ({ id: run.id, name: run.name, color: run.color }))} />
    </figure>
  );
}
