import type { GraphQLRequester } from './client.js';

export interface MetricPoint {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

const encodeValue = (value: number): number | string => (Number.isFinite(value) ? value : String(value));

const LOG_BATCH = 'mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }';

/**
 * A run being logged to. Metric points are buffered and sent in batches of at most 1000 (MLflow's
 * limit), at the latest `flushIntervalMs` after being logged; params and tags are sent at once since
 * their errors (a param changing value) should surface where they happen.
 */
export class ActiveRun {
  private buffer: MetricPoint[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  constructor(
    private readonly client: GraphQLRequester,
    readonly id: string,
    private readonly flushIntervalMs = 200,
  ) {}

  logMetric(key: string, value: number, options: { step?: number; timestamp?: number } = {}): void {
    if (this.failure) throw this.failure;
    this.buffer.push({ key, value, step: options.step ?? 0, timestamp: options.timestamp ?? Date.now() });
    if (this.buffer.length >= 1000) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs);
  }

  async logParam(key: string, value: string | number | boolean): Promise<void> {
    await this.client.request(LOG_BATCH, { input: { runId: this.id, params: [{ key, value: String(value) }] } });
  }

  async setTag(key: string, value: string): Promise<void> {
    await this.client.request(LOG_BATCH, { input: { runId: this.id, tags: [{ key, value }] } });
  }

  /** Sends every buffered point; resolves when the server has stored them. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const points = this.buffer.splice(0);
    // Batches go out one after another so the server sees points in the order they were logged.
    this.sending = this.sending.then(async () => {
      for (let i = 0; i < points.length; i += 1000) {
        const metrics = points.slice(i, i + 1000).map((p) => ({ ...p, value: encodeValue(p.value) }));
        await this.client.request(LOG_BATCH, { input: { runId: this.id, metrics } }).catch((error: Error) => {
          this.failure = error;
          throw error;
        });
      }
    });
    return this.sending;
  }

  /** Flushes, then marks the run FINISHED (or the given status). */
  async end(status: 'FINISHED' | 'FAILED' | 'KILLED' = 'FINISHED'): Promise<void> {
    await this.flush();
    await this.client.request('mutation($r: ID!, $s: RunStatus) { updateRun(input: { runId: $r, status: $s }) { id } }', { r: this.id, s: status });
  }
}
