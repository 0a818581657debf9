import { graphqlClient, newExperiment } from './client.js';
import { benchBrowser } from './browser.js';
import { benchHistory } from './history.js';
import { benchIngest } from './ingest.js';
import { benchLatency } from './latency.js';
import { benchSearch } from './search.js';
import { startServerProcess } from './server-process.js';
import { printTable, type BenchRow } from './table.js';

/**
 * `npm run bench`: starts the real server in its own process on the embedded SQLite default and
 * measures it over HTTP and WebSocket from this process; search is measured through core on its own
 * temporary SQLite database. Then prints one table. Targets live here,
 * never in tests. The MLflow figures are from MLflow's own server on this machine kind.
 */
async function main() {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  const rows: BenchRow[] = [];
  const server = await startServerProcess(Number(process.env.BENCH_PORT ?? 5077));
  const client = graphqlClient(server.url);
  try {
    const experimentId = await newExperiment(client, 'bench');
    if (want('ingest')) {
      console.error('ingest: logBatch and logMetric throughput...');
      rows.push(...(await benchIngest(client, experimentId)));
    }
    if (want('latency')) {
      console.error('latency: 50 runs x 10 keys at 10 Hz with live subscribers...');
      rows.push(...(await benchLatency(client, server.url, experimentId)));
    }
    if (want('history')) {
      console.error('history: filling a 100k and a 1M point series (about 15 s)...');
      rows.push(...(await benchHistory(client, experimentId)));
    }
  } finally {
    await client.close();
    await server.stop();
  }
  if (want('browser')) {
    console.error('browser: dashboard latency and rendering in chromium (about 2.5 minutes)...');
    rows.push(...(await benchBrowser()));
  }
  if (want('search')) {
    console.error('search: building 2,000 and 100,000 run data sets (about a minute)...');
    rows.push(...(await benchSearch()));
  }
  console.log('');
  printTable(rows);
}

main().catch((error) => {
  console.error('benchmark failed:', error);
  process.exit(1);
});
