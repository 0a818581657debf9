import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LOG_BATCH, newRun, percentile, type GraphQLClient } from './client.js';
import { fmt, type BenchRow } from './table.js';

const RUNS = 50;
const KEYS = 10;
const HZ = 10;
const SECONDS = 6;

/**
 * Log-to-subscriber latency: 50 runs each log 10 keys at 10 Hz while one WebSocket client holds a
 * runMetrics subscription per run. Latency runs from just before the logBatch request is sent to the
 * moment the subscriber has the event.
 */
export async function benchLatency(client: GraphQLClient, url: string, experimentId: string): Promise<BenchRow[]> {
  const runIds: string[] = [];
  for (let i = 0; i < RUNS; i++) runIds.push(await newRun(client, experimentId, `latency-${i}`));
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  const ws = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false, onNonLazyError: () => {} });
  const unsubscribers = runIds.map((runId) =>
    ws.subscribe<{ runMetrics: { runId: string; points: Array<{ step: number }> } }>(
      { query: 'subscription($r: ID!) { runMetrics(runId: $r) { runId points { step } } }', variables: { r: runId } },
      {
        next: ({ data }) => {
          const at = performance.now();
          const event = data!.runMetrics;
          const start = sent.get(`${event.runId}:${event.points[0]!.step}`);
          if (start !== undefined) latencies.push(at - start);
        },
        error: (error) => console.error('subscription error', error),
        complete: () => {},
      },
    ),
  );
  // Give every subscription time to register before measuring.
  await new Promise((r) => setTimeout(r, 500));
  const ticks = SECONDS * HZ;
  await Promise.all(
    runIds.map(async (runId, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / HZ / RUNS)); // spread the runs over a tick
      for (let step = 0; step < ticks; step++) {
        const due = performance.now() + 1000 / HZ;
        const metrics = Array.from({ length: KEYS }, (_, k) => ({ key: `k${k}`, value: Math.random(), step, timestamp: Date.now() }));
        sent.set(`${runId}:${step}`, performance.now());
        await client.post(LOG_BATCH, { input: { runId, metrics } });
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 300));
  unsubscribers.forEach((u) => u());
  await ws.dispose();
  const sorted = latencies.sort((a, b) => a - b);
  const expected = RUNS * ticks;
  const p99 = percentile(sorted, 99);
  return [
    {
      benchmark: `log-to-subscriber latency, ${RUNS} runs x ${KEYS} keys at ${HZ} Hz (WebSocket)`,
      result: `p50 ${fmt(percentile(sorted, 50), 1)} ms, p99 ${fmt(p99, 1)} ms (${fmt(sorted.length)}/${fmt(expected)} events)`,
      target: 'p99 < 50 ms',
      met: p99 < 50 && sorted.length === expected,
      reference: 'MLflow: no live updates (UI polls)',
    },
  ];
}
