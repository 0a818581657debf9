/**
 * Chart data handling, free of React and the network: merging live points into (possibly
 * downsampled) history, keeping a series small enough to draw, and turning points into x/y pairs
 * (step or wall time, log or linear, TensorBoard's smoothing).
 */

export interface Point {
  step: number;
  /** Epoch ms. */
  timestamp: number;
  value: number;
}

/** What the dashboard keeps of one metric of one run. */
export interface Series {
  /** Ordered by step, then timestamp; no two points share both. */
  points: Point[];
  /** True when `points` stands for more points than it holds (the server's or our downsampling). */
  downsampled: boolean;
}

/** Victory draws an SVG path per series; past ~2,000 points that path costs more than it shows. */
export const MAX_SERIES_POINTS = 2000;
/** What we ask metricHistory for, and compact to: leaves room for 1,000 live points before compacting. */
export const HISTORY_POINTS = 1000;

export const EMPTY_SERIES: Series = { points: [], downsampled: false };

// The server's order for metric history.
const byStepThenTime = (a: Point, b: Point) => a.step - b.step || a.timestamp - b.timestamp;
const samePoint = (a: Point, b: Point) => a.step === b.step && a.timestamp === b.timestamp;

function isOrdered(points: readonly Point[]): boolean {
  for (let i = 1; i < points.length; i++) if (byStepThenTime(points[i - 1]!, points[i]!) > 0) return false;
  return true;
}

/**
 * Both lists in step order, without duplicates (same step and timestamp: the point already held
 * wins). Live points nearly always come after everything held, so that case is a plain append.
 */
export function mergePoints(held: readonly Point[], incoming: readonly Point[]): Point[] {
  if (incoming.length === 0) return held as Point[];
  const sorted = isOrdered(incoming) ? incoming : [...incoming].sort(byStepThenTime);
  const last = held[held.length - 1];
  const merged: Point[] = [];
  const push = (p: Point) => {
    const prev = merged[merged.length - 1];
    if (prev === undefined || !samePoint(prev, p)) merged.push(p);
  };
  if (last === undefined || byStepThenTime(sorted[0]!, last) > 0) {
    merged.push(...held);
    for (const p of sorted) push(p);
    return merged;
  }
  let i = 0;
  let j = 0;
  while (i < held.length || j < sorted.length) {
    const a = held[i];
    const b = sorted[j];
    if (b === undefined || (a !== undefined && byStepThenTime(a, b) <= 0)) {
      push(a!);
      i++;
    } else {
      push(b);
      j++;
    }
  }
  return merged;
}

/**
 * At most `maxPoints` points that draw like all of them, as the server downsamples: the first and
 * last points exact, and each bucket of steps keeps its lowest, highest and last point so spikes
 * survive. Buckets split the step range, or the index range when every step is the same.
 */
export function decimate(points: readonly Point[], maxPoints: number): Point[] {
  if (points.length <= maxPoints) return points as Point[];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 3));
  const span = last.step - first.step;
  const interior = points.length - 2;
  const bucketOf = (i: number) =>
    span > 0
      ? Math.min(buckets - 1, Math.floor(((points[i]!.step - first.step) * buckets) / span))
      : Math.min(buckets - 1, Math.floor(((i - 1) * buckets) / interior));
  const kept: number[] = [0];
  let bucket = -1;
  let low = -1;
  let high = -1;
  let end = -1;
  const closeBucket = () => {
    if (bucket < 0) return;
    for (const index of [...new Set([low, high, end])].sort((a, b) => a - b)) kept.push(index);
  };
  for (let i = 1; i < points.length - 1; i++) {
    const b = bucketOf(i);
    if (b !== bucket) {
      closeBucket();
      bucket = b;
      low = high = end = i;
      continue;
    }
    const v = points[i]!.value;
    // NaN compares false both ways, so it never becomes a bucket's low or high (it can be its last).
    if (v < points[low]!.value || Number.isNaN(points[low]!.value)) low = i;
    if (v > points[high]!.value || Number.isNaN(points[high]!.value)) high = i;
    end = i;
  }
  closeBucket();
  kept.push(points.length - 1);
  return kept.map((i) => points[i]!);
}

/** The series after a metricHistory answer arrived, keeping the live points it does not cover. */
export function withHistory(series: Series, history: Series): Series {
  const end = history.points[history.points.length - 1];
  if (end === undefined) return series;
  // A downsampled answer already stands for everything up to its last point; an exact one is
  // merged point by point, so a live point with an earlier step that arrived after the query read
  // the database is kept.
  const live = history.downsampled ? series.points.filter((p) => byStepThenTime(p, end) > 0) : series.points;
  return compact({ points: mergePoints(history.points, live), downsampled: history.downsampled });
}

/** True when both hold the same points (a refetch that found nothing new need not redraw). */
export function sameSeries(a: Series, b: Series): boolean {
  if (a.downsampled !== b.downsampled || a.points.length !== b.points.length) return false;
  return a.points.every((p, i) => {
    const q = b.points[i]!;
    return samePoint(p, q) && Object.is(p.value, q.value);
  });
}

/** The series with live points appended, compacted once it outgrows what we draw. */
export function withLivePoints(series: Series, points: readonly Point[]): Series {
  if (points.length === 0) return series;
  return compact({ points: mergePoints(series.points, points), downsampled: series.downsampled });
}

function compact(series: Series): Series {
  if (series.points.length <= MAX_SERIES_POINTS) return series;
  return { points: decimate(series.points, HISTORY_POINTS), downsampled: true };
}

export type XAxis = 'step' | 'wall';
export type YScale = 'linear' | 'log';

export interface XY {
  x: number;
  y: number;
}

/** Drawable pairs: NaN and infinities have no place on a line, nor values <= 0 on a log axis. */
export function toXY(points: readonly Point[], xAxis: XAxis, yScale: YScale): XY[] {
  const xy: XY[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.value) || (yScale === 'log' && p.value <= 0)) continue;
    xy.push({ x: xAxis === 'step' ? p.step : p.timestamp, y: p.value });
  }
  return xy;
}

/**
 * TensorBoard's smoothing: an exponential moving average with weight in [0, 1), debiased so the
 * first points are not pulled toward zero. A constant series stays as it is.
 */
export function smooth(data: readonly XY[], weight: number): XY[] {
  if (weight <= 0 || data.length === 0) return data as XY[];
  const constant = data.every((d) => d.y === data[0]!.y);
  if (constant) return data as XY[];
  let last = 0;
  let count = 0;
  return data.map((d) => {
    last = last * weight + (1 - weight) * d.y;
    count++;
    return { x: d.x, y: last / (1 - Math.pow(weight, count)) };
  });
}
