'use client';
import { memo, useMemo } from 'react';
import { VictoryAxis, VictoryChart, VictoryLine } from 'victory';
import { formatClock, formatTick } from '@/lib/format';
import { smooth, toXY, type Point, type XAxis, type XY, type YScale } from '@/lib/series';
import { axisStyle, CHART_HEIGHT, CHART_PADDING, CHART_WIDTH, dependentAxisStyle } from './chart-theme';

export interface LineSeries {
  name: string;
  color: string;
  points: readonly Point[];
}

export interface LineChartProps {
  testId: string;
  /** The y axis label. */
  label: string;
  series: LineSeries[];
  xAxis: XAxis;
  yScale: YScale;
  /** 0 (off) to 0.99, as TensorBoard's slider. */
  smoothing: number;
  /** The SVG's own size; it scales to its box, so match the box to keep text at its set size. */
  width?: number;
  height?: number;
}

interface Drawn {
  name: string;
  color: string;
  raw: XY[];
  smoothed: XY[] | null;
}

/**
 * One metric against step or wall time, for one or more runs. With smoothing on, the raw curve
 * stays as a faint line under the smoothed one, as in TensorBoard. `data-points` tells tests how
 * many points were handed to the chart.
 */
export const LineChart = memo(function LineChart({ testId, label, series, xAxis, yScale, smoothing, width = CHART_WIDTH, height = CHART_HEIGHT }: LineChartProps) {
  const drawn = useMemo<Drawn[]>(
    () =>
      series.map((s) => {
        const raw = toXY(s.points, xAxis, yScale);
        return { name: s.name, color: s.color, raw, smoothed: smoothing > 0 ? smooth(raw, smoothing) : null };
      }),
    [series, xAxis, yScale, smoothing],
  );
  const pointCount = drawn.reduce((n, d) => n + d.raw.length, 0);
  // Computed here in one pass: Victory would otherwise derive it from every line's data each render.
  const domain = useMemo(() => domainOf(drawn.map((d) => d.raw), yScale), [drawn, yScale]);
  return (
    <div className="chart" data-testid={testId} data-points={pointCount} data-series={drawn.length}>
      <VictoryChart
        width={width}
        height={height}
        padding={CHART_PADDING}
        scale={{ x: xAxis === 'wall' ? 'time' : 'linear', y: yScale }}
        domainPadding={{ y: 6 }}
        domain={domain}
      >
        <VictoryAxis
          label={xAxis === 'step' ? 'step' : 'wall time'}
          // Otherwise Victory hides the ticks where the axes cross, and step 0 goes unlabelled.
          crossAxis={false}
          tickCount={xAxis === 'step' ? 6 : 5}
          tickFormat={(t: number | Date) => (xAxis === 'step' ? formatTick(Number(t)) : formatClock(Number(t)))}
          style={axisStyle}
        />
        <VictoryAxis dependentAxis crossAxis={false} label={label} tickCount={5} tickFormat={(t: number) => formatTick(t)} style={dependentAxisStyle} />
        {drawn.flatMap((d) => [
          <VictoryLine
            key={`${d.name}-raw`}
            data={d.raw}
            style={{ data: { stroke: d.color, strokeWidth: d.smoothed ? 1 : 1.5, strokeOpacity: d.smoothed ? 0.3 : 1 } }}
          />,
          ...(d.smoothed ? [<VictoryLine key={`${d.name}-smooth`} data={d.smoothed} style={{ data: { stroke: d.color, strokeWidth: 1.75 } }} />] : []),
        ])}
      </VictoryChart>
      {pointCount === 0 ? <p className="chart-empty">No points yet</p> : null}
    </div>
  );
});

type Range = [number, number];

/** The data's extent; a flat or empty series gets a frame around it (Victory needs min < max). */
function domainOf(lines: XY[][], yScale: YScale): { x: Range; y: Range } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const line of lines) {
    for (const { x, y } of line) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x0 > x1) return { x: [0, 1], y: yScale === 'log' ? [0.1, 1] : [0, 1] };
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  if (y0 === y1) [y0, y1] = yScale === 'log' ? [y0 / 2, y1 * 2] : [y0 - Math.abs(y0 || 1) / 2, y1 + Math.abs(y1 || 1) / 2];
  return { x: [x0, x1], y: [y0, y1] };
}
