// Runs SQLite WAL checkpoints off the main thread (see checkpointer.ts). Plain JavaScript so that it
// loads in a worker thread whatever TypeScript loader the main thread uses.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { timeout: 5000 });
// PASSIVE copies what it can without waiting for readers or writers, so it never stalls the server.
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
