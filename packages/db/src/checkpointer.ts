import { Worker } from 'node:worker_threads';

/**
 * SQLite moves the write-ahead log into the database file at checkpoints. Left to itself it does so
 * inside whichever commit crosses 1000 pages, with an fsync, blocking that connection's thread, which
 * is the server's event loop: every live subscriber then waits (tens to hundreds of milliseconds on
 * `npm run bench`'s latency row). So the server's connections turn automatic checkpoints off, and
 * this worker thread checkpoints once a second with its own connection.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs = 1000, onError?: (message: string) => void): Checkpointer {
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, intervalMs } });
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) onError?.(message.error);
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('message', done);
        worker.once('exit', done);
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate().then(done), 2000).unref();
      }),
  };
}
