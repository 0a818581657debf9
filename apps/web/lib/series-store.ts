import { EMPTY_SERIES, sameSeries, withHistory, withLivePoints, type Point, type Series } from './series';

/** Names one metric of one run. */
export const seriesId = (runId: string, key: string) => `${runId}\u0000${key}`;

type Listener = () => void;

/**
 * Every series a page draws, outside React so that live points can arrive at any rate: they are
 * queued and applied once per frame (`nextFrame`), and only the charts whose series changed re-render
 * (each subscribes to its own id, through useSyncExternalStore). Charts are told one at a time, each
 * in a task of its own (`nextTask`): a Victory chart takes a few milliseconds to render, and twenty
 * of them in one task would block input for a noticeable moment.
 */
export class SeriesStore {
  private readonly series = new Map<string, Series>();
  private readonly queued = new Map<string, Point[]>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly keyListeners = new Set<Listener>();
  private keysSnapshot = new Map<string, string[]>();
  private flushScheduled = false;
  /** Series changed since their listeners were last told, in the order they changed. */
  private readonly dirty = new Set<string>();
  private draining = false;

  constructor(
    private readonly nextFrame: (work: () => void) => void,
    private readonly nextTask: (work: () => void) => void,
  ) {}

  get(id: string): Series {
    return this.series.get(id) ?? EMPTY_SERIES;
  }

  /** Metric keys with a series for this run, sorted; the same array until one is added. */
  keys(runId: string): string[] {
    return this.keysSnapshot.get(runId) ?? NO_KEYS;
  }

  subscribe(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  subscribeKeys(listener: Listener): () => void {
    this.keyListeners.add(listener);
    return () => this.keyListeners.delete(listener);
  }

  /** A metricHistory answer: applied at once (it is one update, and charts wait for it). */
  setHistory(runId: string, key: string, history: Series): void {
    const id = seriesId(runId, key);
    // Compared with what the charts last heard of: queued live points applied here count as news.
    const before = this.get(id);
    this.flushQueued(id);
    const after = withHistory(this.get(id), history);
    if (this.series.has(id) && sameSeries(before, after)) return;
    this.put(id, after);
    this.notify([id]);
  }

  /** Live points: applied on the next frame together with everything else that arrived meanwhile. */
  push(runId: string, key: string, points: Point[]): void {
    const id = seriesId(runId, key);
    const queue = this.queued.get(id);
    if (queue) queue.push(...points);
    else this.queued.set(id, [...points]);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.nextFrame(() => this.flush());
    }
  }

  /** Applies every queued point now. */
  flush(): void {
    this.flushScheduled = false;
    const ids = [...this.queued.keys()];
    for (const id of ids) this.flushQueued(id);
    this.notify(ids);
  }

  private flushQueued(id: string) {
    const points = this.queued.get(id);
    if (!points) return;
    this.queued.delete(id);
    this.put(id, withLivePoints(this.get(id), points));
  }

  private put(id: string, series: Series) {
    const isNew = !this.series.has(id);
    this.series.set(id, series);
    if (!isNew) return;
    const [runId, key] = id.split('\u0000') as [string, string];
    this.keysSnapshot = new Map(this.keysSnapshot).set(runId, [...this.keys(runId), key].sort());
    for (const listener of this.keyListeners) listener();
  }

  /** The first series is told at once (a lone live chart gets no extra delay), the rest a task apart. */
  private notify(ids: string[]) {
    for (const id of ids) this.dirty.add(id);
    if (!this.draining) this.drain();
  }

  private readonly drain = () => {
    const [id] = this.dirty;
    if (id === undefined) {
      this.draining = false;
      return;
    }
    this.draining = true;
    this.dirty.delete(id);
    try {
      for (const listener of this.listeners.get(id) ?? []) listener();
    } finally {
      // A listener that throws must not stop the other charts from hearing of their updates.
      this.nextTask(this.drain);
    }
  };
}

const NO_KEYS: string[] = [];
