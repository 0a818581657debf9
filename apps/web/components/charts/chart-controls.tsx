'use client';
import type { XAxis, YScale } from '@/lib/series';

export interface ChartSettings {
  xAxis: XAxis;
  yScale: YScale;
  smoothing: number;
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = { xAxis: 'step', yScale: 'linear', smoothing: 0 };

/** Step or wall time, linear or log, and the smoothing slider: one set for every chart on a page. */
export function ChartControls({ value, onChange }: { value: ChartSettings; onChange: (next: ChartSettings) => void }) {
  return (
    <div className="chart-controls">
      <label>
        X axis{' '}
        <select data-testid="x-axis" value={value.xAxis} onChange={(e) => onChange({ ...value, xAxis: e.target.value as XAxis })}>
          <option value="step">Step</option>
          <option value="wall">Wall time</option>
        </select>
      </label>
      <label>
        Y scale{' '}
        <select data-testid="y-scale" value={value.yScale} onChange={(e) => onChange({ ...value, yScale: e.target.value as YScale })}>
          <option value="linear">Linear</option>
          <option value="log">Log</option>
        </select>
      </label>
      <label>
        Smoothing{' '}
        <input
          data-testid="smoothing"
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={value.smoothing}
          onChange={(e) => onChange({ ...value, smoothing: Number(e.target.value) })}
        />
        <output>{value.smoothing.toFixed(2)}</output>
      </label>
    </div>
  );
}
