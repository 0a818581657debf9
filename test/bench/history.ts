import { LOG_BATCH, median, newRun, type GraphQLClient } from './client.js';
import { fmt, type BenchRow } from './table.js';

async function fill(client: GraphQLClient, runId: string, points: number, progress: string) {
  for (let start = 0; start < points; start += 1000) {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'loss', value: Math.sin((start + i) / 1000) + Math.random() * 0.1, step: start + i, timestamp: 1_700_000_000_000 + start + i }));
    await client.post(LOG_BATCH, { input: { runId, metrics } });
    if ((start / 1000) % 100 === 99) console.error(`  ${progress}: ${fmt(start + 1000)} points logged`);
  }
}

async function timeHistory(client: GraphQLClient, runId: string, maxPoints: number | null, expect: (n: number) => boolean, repeats: number) {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const data = await client.post<{ metricHistory: { steps: unknown[] } }>(
      'query($r: ID!, $m: Int) { metricHistory(runId: $r, key: "loss", maxPoints: $m) { steps timestamps values } }',
      { r: runId, m: maxPoints },
    );
    times.push(performance.now() - start);
    if (!expect(data.metricHistory.steps.length)) throw new Error(`unexpected history size ${data.metricHistory.steps.length}`);
  }
  return median(times);
}

/** metricHistory over HTTP, including the client's JSON parsing: all of 100k points, and 1M downsampled. */
export async function benchHistory(client: GraphQLClient, experimentId: string): Promise<BenchRow[]> {
  const hundredK = await newRun(client, experimentId, 'history-100k');
  await fill(client, hundredK, 100_000, '100k series');
  const all = await timeHistory(client, hundredK, null, (n) => n === 100_000, 5);
  const million = await newRun(client, experimentId, 'history-1m');
  await fill(client, million, 1_000_000, '1M series');
  const downsampled = await timeHistory(client, million, 1000, (n) => n > 500 && n <= 1000, 20);
  return [
    {
      benchmark: 'metricHistory, 100,000-point metric, all points (median of 5)',
      result: `${fmt(all, 1)} ms`,
      target: '< 300 ms',
      met: all < 300,
      reference: 'MLflow server 4.6 s',
    },
    {
      benchmark: 'metricHistory, 1,000,000-point metric, maxPoints 1000 (median of 20)',
      result: `${fmt(downsampled, 1)} ms`,
      target: '< 100 ms',
      met: downsampled < 100,
      reference: '',
    },
  ];
}
