import { describe, expect, it } from 'vitest';
import { decimate, HISTORY_POINTS, MAX_SERIES_POINTS, mergePoints, sameSeries, smooth, toXY, withHistory, withLivePoints, type Point, type Series } from './series';

const p = (step: number, value = step, timestamp = 1000 + step): Point => ({ step, timestamp, value });
const steps = (points: Point[]) => points.map((q) => q.step);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => p(from + i));

describe('mergePoints', () => {
  it('appends live points that come after everything held, without copying duplicates', () => {
    expect(steps(mergePoints([p(0), p(1)], [p(1), p(2), p(3)]))).toEqual([0, 1, 2, 3]);
  });

  it('interleaves points by step, then timestamp, and sorts an unordered batch', () => {
    const merged = mergePoints([p(0), p(2), p(4)], [p(5), p(1), p(3), p(2, 9, 2000)]);
    expect(merged.map((q) => [q.step, q.timestamp])).toEqual([[0, 1000], [1, 1001], [2, 1002], [2, 2000], [3, 1003], [4, 1004], [5, 1005]]);
  });

  it('keeps the held point when the same step and timestamp arrive again', () => {
    expect(mergePoints([p(1, 0.5)], [p(1, 0.7)])).toEqual([p(1, 0.5)]);
  });
});

describe('decimate', () => {
  it('keeps at most maxPoints, the first and last exact, and every bucket\'s extremes', () => {
    const points = range(0, 10_000).map((q) => ({ ...q, value: Math.sin(q.step / 50) }));
    points[5_000] = { ...points[5_000]!, value: 42 }; // a spike must survive
    points[7_777] = { ...points[7_777]!, value: -42 };
    const kept = decimate(points, 1000);
    expect(kept.length).toBeLessThanOrEqual(1000);
    // 332 buckets of 3 points at most; a bucket's last point is often also its low or high.
    expect(kept.length).toBeGreaterThan(2 + 332);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points.at(-1));
    expect(kept.map((q) => q.value)).toEqual(expect.arrayContaining([42, -42]));
    expect(steps(kept)).toEqual([...steps(kept)].sort((a, b) => a - b));
  });

  it('buckets by position when every point has the same step, and skips NaN as an extreme', () => {
    const points = Array.from({ length: 300 }, (_, i) => p(0, i === 150 ? NaN : i, i));
    const kept = decimate(points, 30);
    expect(kept.length).toBeLessThanOrEqual(30);
    expect(kept.map((q) => q.timestamp)).toEqual([...kept.map((q) => q.timestamp)].sort((a, b) => a - b));
    expect(kept.some((q) => Number.isNaN(q.value))).toBe(false);
  });

  it('returns short series as they are', () => {
    const points = range(0, 5);
    expect(decimate(points, 10)).toBe(points);
  });
});

describe('withHistory: merging a metricHistory answer into what the chart holds', () => {
  it('merges an exact history point by point, keeping a live point the query missed', () => {
    const held: Series = { points: [p(3), p(7)], downsampled: false };
    const merged = withHistory(held, { points: range(0, 7), downsampled: false });
    expect(steps(merged.points)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(merged.downsampled).toBe(false);
  });

  it('lets a downsampled history stand for everything up to its last point, keeping only later live points', () => {
    const held: Series = { points: [p(500), p(1500), p(2001), p(2002)], downsampled: false };
    const history = { points: [p(0), p(999), p(1999), p(2000)], downsampled: true };
    const merged = withHistory(held, history);
    expect(steps(merged.points)).toEqual([0, 999, 1999, 2000, 2001, 2002]);
    expect(merged.downsampled).toBe(true);
  });

  it('keeps live points when the history comes back empty (the key was just created)', () => {
    const held: Series = { points: [p(0)], downsampled: false };
    expect(withHistory(held, { points: [], downsampled: false })).toBe(held);
  });
});

describe('withLivePoints', () => {
  it('appends live points and compacts past MAX_SERIES_POINTS, keeping the newest point exact', () => {
    let series: Series = { points: range(0, HISTORY_POINTS), downsampled: false };
    for (let start = HISTORY_POINTS; start < 20_000; start += 100) series = withLivePoints(series, range(start, start + 100));
    expect(series.points.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    expect(series.points.at(-1)).toEqual(p(19_999));
    expect(series.points[0]).toEqual(p(0));
    expect(series.downsampled).toBe(true);
  });

  it('returns the same series when nothing arrived', () => {
    const series: Series = { points: [p(1)], downsampled: false };
    expect(withLivePoints(series, [])).toBe(series);
  });
});

describe('sameSeries', () => {
  it('compares points and the downsampled flag, NaN equal to NaN', () => {
    const a: Series = { points: [p(0, NaN)], downsampled: false };
    expect(sameSeries(a, { points: [p(0, NaN)], downsampled: false })).toBe(true);
    expect(sameSeries(a, { points: [p(0, 1)], downsampled: false })).toBe(false);
    expect(sameSeries(a, { points: [p(0, NaN)], downsampled: true })).toBe(false);
  });
});

describe('toXY', () => {
  const points = [p(0, 1, 5000), p(1, NaN, 6000), p(2, -1, 7000), p(3, Infinity, 8000), p(4, 0.5, 9000)];

  it('uses steps or wall time for x, and leaves out what a line cannot draw', () => {
    expect(toXY(points, 'step', 'linear')).toEqual([{ x: 0, y: 1 }, { x: 2, y: -1 }, { x: 4, y: 0.5 }]);
    expect(toXY(points, 'wall', 'linear').map((d) => d.x)).toEqual([5000, 7000, 9000]);
  });

  it('drops values at or below zero on a log axis', () => {
    expect(toXY(points, 'step', 'log')).toEqual([{ x: 0, y: 1 }, { x: 4, y: 0.5 }]);
  });
});

describe('smooth (TensorBoard EMA)', () => {
  const data = [1, 0, 1, 0, 1].map((y, x) => ({ x, y }));

  it('is the identity at weight 0, and keeps x', () => {
    expect(smooth(data, 0)).toBe(data);
    expect(smooth(data, 0.6).map((d) => d.x)).toEqual([0, 1, 2, 3, 4]);
  });

  it('debiases, so the first smoothed value is the first value', () => {
    const smoothed = smooth(data, 0.6).map((d) => d.y);
    expect(smoothed[0]).toBeCloseTo(1);
    // Hand-computed: last = 0.6 * last + 0.4 * y, divided by 1 - 0.6^n.
    expect(smoothed[1]).toBeCloseTo(0.24 / 0.64);
    expect(smoothed[2]).toBeCloseTo((0.6 * 0.24 + 0.4) / (1 - 0.6 ** 3));
    expect(Math.max(...smoothed.slice(1))).toBeLessThan(1);
  });

  it('leaves a constant series unchanged', () => {
    const flat = [2, 2, 2].map((y, x) => ({ x, y }));
    expect(smooth(flat, 0.9)).toBe(flat);
  });
});
