import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (what the signature covers). */
  body: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Answers requests to `path` with these statuses in turn, repeating the last one. */
  respond(path: string, statuses: number[]): void;
  /** Resolves with the requests to `path` once there are at least n. */
  waitFor(path: string, n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1 that records every request and answers as scripted (200 by default). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const scripts = new Map<string, number[]>();
  const served = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const script = scripts.get(path) ?? [200];
      const n = served.get(path) ?? 0;
      served.set(path, n + 1);
      const status = script[Math.min(n, script.length - 1)]!;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `failure ${n + 1}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const to = (p: string) => received.filter((r) => r.path === p);
  return {
    url,
    received,
    respond: (p, statuses) => void scripts.set(p, statuses),
    async waitFor(p, n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (to(p).length < n) {
        if (Date.now() > deadline) throw new Error(`timed out with ${to(p).length} of ${n} requests to ${p}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return to(p);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'contrail-webhooks-'));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
