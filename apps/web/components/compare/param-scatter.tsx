'use client';
import { useState } from 'react';
import { VictoryAxis, VictoryChart, VictoryScatter } from 'victory';
import { axisStyle, CHART_HEIGHT, CHART_PADDING, CHART_WIDTH, dependentAxisStyle } from '@/components/charts/chart-theme';
import { formatTick } from '@/lib/format';
import { useSeriesList } from '@/lib/hooks';
import { scatterData } from '@/lib/scatter';
import { seriesId, type SeriesStore } from '@/lib/series-store';
import { toNumber } from '@/lib/types';
import type { ComparedRun } from './compare-page';

/** Each run as a dot: a param across, the metric's latest value (live) up. */
export function ParamScatter({ store, runs, metric }: { store: SeriesStore; runs: ComparedRun[]; metric: string }) {
  const keys = [...new Set(runs.flatMap((run) => run.params.map((p) => p.key)))].sort();
  const varying = keys.find((key) => new Set(runs.map((run) => run.params.find((p) => p.key === key)?.value)).size > 1);
  const [picked, setPicked] = useState<string | null>(null);
  const param = picked ?? varying ?? keys[0];
  const live = useSeriesList(store, runs.map((run) => seriesId(run.id, metric)));
  if (!param) return <p className="muted">None of these runs logged parameters.</p>;

  const data = scatterData(
    runs.map((run, i) => {
      const latest = run.latestMetrics.find((m) => m.key === metric);
      return {
        id: run.id,
        color: run.color,
        param: run.params.find((p) => p.key === param)?.value,
        metric: live[i]?.points.at(-1)?.value ?? (latest ? toNumber(latest.value) : undefined),
      };
    }),
  );
  return (
    <figure className="card">
      <label>
        Parameter{' '}
        <select data-testid="scatter-param" value={param} onChange={(e) => setPicked(e.target.value)}>
          {keys.map((key) => (
            <option key={key}>{key}</option>
          ))}
        </select>
      </label>
      <div className="chart" data-testid="param-scatter" data-points={data.points.length}>
        <VictoryChart
          width={CHART_WIDTH}
          height={CHART_HEIGHT}
          padding={CHART_PADDING}
          domainPadding={{ x: 24, y: 12 }}
          scale={{ x: data.logX ? 'log' : 'linear', y: 'linear' }}
          categories={data.categories ? { x: data.categories } : undefined}
        >
          <VictoryAxis label={param} tickCount={5} tickFormat={(t: number | string) => (typeof t === 'number' ? formatTick(t) : t)} style={axisStyle} />
          <VictoryAxis dependentAxis label={`${metric} (latest)`} tickCount={5} tickFormat={(t: number) => formatTick(t)} style={dependentAxisStyle} />
          <VictoryScatter data={data.points} size={6} style={{ data: { fill: ({ datum }) => (datum as { color: string }).color } }} />
        </VictoryChart>
      </div>
    </figure>
  );
}
