import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LOG_BATCH, newRun, type GraphQLClient } from './client.js';
import { fmt, type BenchRow } from './table.js';

const BATCH = 1000;

function batchOf(key: string, firstStep: number) {
  return Array.from({ length: BATCH }, (_, i) => ({ key, value: Math.random(), step: firstStep + i, timestamp: 1_700_000_000_000 + firstStep + i }));
}

/** Logs `batches` batches of 1000 points to one run, one request at a time. */
async function logSequentially(client: GraphQLClient, runId: string, batches: number, firstStep = 0) {
  for (let b = 0; b < batches; b++) {
    await client.post(LOG_BATCH, { input: { runId, metrics: batchOf('loss', firstStep + b * BATCH) } });
  }
}

/**
 * The ceiling: the same rows inserted into an identical metrics table by better-sqlite3 alone, in
 * this process, 1000 rows per transaction, same pragmas as the server (WAL, synchronous=NORMAL).
 */
function rawDriverRate(points: number): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'contrail-raw-'));
  try {
    const db = new Database(path.join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE runs (id TEXT PRIMARY KEY);
      CREATE TABLE metrics (run_id TEXT NOT NULL, key TEXT NOT NULL, step BIGINT NOT NULL, timestamp BIGINT NOT NULL,
        value REAL NOT NULL, is_nan BOOLEAN NOT NULL, PRIMARY KEY (run_id, key, step, timestamp, value, is_nan),
        FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE);
      INSERT INTO runs VALUES ('${RAW_RUN}');`);
    const insert = db.prepare('INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const insertBatch = db.transaction((rows: ReturnType<typeof batchOf>) => {
      for (const p of rows) insert.run(RAW_RUN, p.key, p.step, p.timestamp, p.value, 0);
    });
    const start = performance.now();
    for (let b = 0; b < points / BATCH; b++) insertBatch(batchOf('loss', b * BATCH));
    const seconds = (performance.now() - start) / 1000;
    db.close();
    return points / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const RAW_RUN = 'a'.repeat(32);

export async function benchIngest(client: GraphQLClient, experimentId: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // warm up the server (JIT, statement caches)
  const warm = await newRun(client, experimentId, 'warm-up');
  await logSequentially(client, warm, 20);

  const batches = 150;
  const runId = await newRun(client, experimentId, 'sequential');
  let start = performance.now();
  await logSequentially(client, runId, batches);
  const sequential = (batches * BATCH) / ((performance.now() - start) / 1000);
  const raw = rawDriverRate(batches * BATCH);
  rows.push({
    benchmark: 'logBatch 1000 points, 1 client, sequential (HTTP, SQLite)',
    result: `${fmt(sequential)} points/s`,
    target: '>= 100,000 points/s',
    met: sequential >= 100_000,
    reference: 'MLflow server ~8,300 points/s',
  });
  rows.push({
    benchmark: '  same rows, raw better-sqlite3 in-process (ceiling)',
    result: `${fmt(raw)} points/s`,
    target: '',
    met: null,
    reference: `Contrail reaches ${fmt((100 * sequential) / raw)}% of the raw driver`,
  });

  const clients = 8;
  const perClient = 40;
  const runIds = await Promise.all(Array.from({ length: clients }, (_, i) => newRun(client, experimentId, `concurrent-${i}`)));
  start = performance.now();
  await Promise.all(runIds.map((id) => logSequentially(client, id, perClient)));
  const concurrent = (clients * perClient * BATCH) / ((performance.now() - start) / 1000);
  rows.push({
    benchmark: 'logBatch 1000 points, 8 clients on 8 runs',
    result: `${fmt(concurrent)} points/s`,
    target: '>= 150,000 points/s',
    met: concurrent >= 150_000,
    reference: '',
  });

  const single = await newRun(client, experimentId, 'single-requests');
  const requestsPerClient = 400;
  let step = 0;
  start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < requestsPerClient; i++) {
        await client.post('mutation($r: ID!, $s: Long) { logMetric(runId: $r, key: "loss", value: 0.5, step: $s) { metricsStored } }', { r: single, s: step++ });
      }
    }),
  );
  const perSecond = (clients * requestsPerClient) / ((performance.now() - start) / 1000);
  rows.push({
    benchmark: 'single logMetric requests, 8 concurrent clients',
    result: `${fmt(perSecond)} requests/s`,
    target: '>= 3,000 requests/s',
    met: perSecond >= 3000,
    reference: 'MLflow server ~150 requests/s',
  });
  return rows;
}
