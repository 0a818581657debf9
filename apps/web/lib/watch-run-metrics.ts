import type { ContrailClient } from './client';
import { METRIC_HISTORY, RUN_METRICS } from './documents';
import { HISTORY_POINTS, type Point } from './series';
import type { SeriesStore } from './series-store';
import { toNumber, type MetricPoint } from './types';

/**
 * How long a fresh subscription may stay silent before we assume the server has registered it.
 * graphql-ws does not acknowledge subscriptions, so a point logged between our history query and
 * the registration would otherwise be missed.
 */
const CONFIRM_MS = 1000;

export interface WatchOptions {
  runId: string;
  /** Keys whose history to load, read at each backfill (the page learns of more as it refetches). */
  keys: () => string[];
  /** Only stream these keys (the compare page); otherwise every key, so new metrics appear too. */
  onlyKeys?: boolean;
}

/**
 * Keeps one run's series in `store` current: loads their history, appends live points from the
 * runMetrics subscription, and reconciles with a history refetch whenever a subscription starts
 * (at its first event, or after CONFIRM_MS if that comes first), so points logged while the socket
 * was down or before the subscription was registered show up too. Returns a function that stops it.
 */
export function watchRunMetrics(client: ContrailClient, store: SeriesStore, options: WatchOptions): () => void {
  const { runId } = options;
  let stopped = false;
  let live: { unsubscribe(): void } | null = null;
  let confirmTimer: ReturnType<typeof setTimeout> | undefined;

  const loadHistory = async (key: string) => {
    const result = await client.urql
      .query(METRIC_HISTORY, { runId, key, maxPoints: HISTORY_POINTS }, { requestPolicy: 'network-only' })
      .toPromise();
    // A failed load is retried by the next reconnect; the banner already tells people why.
    if (stopped || !result.data) return;
    const { steps, timestamps, values, downsampled } = result.data.metricHistory;
    const points = steps.map((step, i) => ({ step, timestamp: timestamps[i]!, value: toNumber(values[i]!) }));
    store.setHistory(runId, key, { points, downsampled });
  };
  const backfill = () => {
    const wanted = options.keys();
    const keys = options.onlyKeys ? wanted : [...new Set([...wanted, ...store.keys(runId)])];
    return Promise.all(keys.map(loadHistory));
  };

  const subscribe = () => {
    live?.unsubscribe();
    clearTimeout(confirmTimer);
    // Reconcile once the subscription is surely registered: at its first event. A quiet run may
    // never send one, so also after CONFIRM_MS (then the first event, if any, reconciles again).
    let heard = false;
    confirmTimer = setTimeout(() => void backfill(), CONFIRM_MS);
    const variables = { runId, keys: options.onlyKeys ? options.keys() : null };
    live = client.urql.subscription(RUN_METRICS, variables).subscribe((result) => {
      const points = result.data?.runMetrics.points;
      if (!points) return;
      for (const [key, keyPoints] of groupByKey(points)) store.push(runId, key, keyPoints);
      if (heard) return;
      heard = true;
      clearTimeout(confirmTimer);
      void backfill();
    });
  };

  // Every (re)connection: the server ended our subscription when it stopped, or the socket died
  // under it; either way subscribe afresh and backfill what was missed.
  let generation = client.connection.get().generation;
  const unwatchConnection = client.connection.subscribe(() => {
    const now = client.connection.get().generation;
    if (now === generation) return;
    generation = now;
    subscribe();
  });

  void backfill();
  subscribe();
  return () => {
    stopped = true;
    clearTimeout(confirmTimer);
    unwatchConnection();
    live?.unsubscribe();
  };
}

const toPoint = (p: MetricPoint): Point => ({ step: p.step, timestamp: p.timestamp, value: toNumber(p.value) });

function groupByKey(points: MetricPoint[]): Map<string, Point[]> {
  const groups = new Map<string, Point[]>();
  for (const p of points) {
    const group = groups.get(p.key);
    if (group) group.push(toPoint(p));
    else groups.set(p.key, [toPoint(p)]);
  }
  return groups;
}
