/** Turns a param (x) and a metric's latest value (y) per run into scatter data. */

export interface ScatterInput {
  id: string;
  color: string;
  param: string | undefined;
  metric: number | undefined;
}

export interface ScatterData {
  points: Array<{ id: string; color: string; x: number | string; y: number }>;
  /** Numbers when every value parses as one; otherwise the values as categories, in order. */
  categories: string[] | null;
  /** Spread over more than two decades (learning rates): a log axis reads better. */
  logX: boolean;
}

export function scatterData(inputs: ScatterInput[]): ScatterData {
  const usable = inputs.filter((i): i is ScatterInput & { param: string; metric: number } => i.param !== undefined && i.metric !== undefined && Number.isFinite(i.metric));
  const numeric = usable.every((i) => i.param.trim() !== '' && Number.isFinite(Number(i.param)));
  if (!numeric) {
    const categories = [...new Set(usable.map((i) => i.param))].sort();
    return { points: usable.map((i) => ({ id: i.id, color: i.color, x: i.param, y: i.metric })), categories, logX: false };
  }
  const xs = usable.map((i) => Number(i.param));
  const logX = xs.length > 1 && xs.every((x) => x > 0) && Math.max(...xs) / Math.min(...xs) >= 100;
  return { points: usable.map((i) => ({ id: i.id, color: i.color, x: Number(i.param), y: i.metric })), categories: null, logX };
}
