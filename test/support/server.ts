import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { buildApp, type App, type RunningApp, type WebhookWorkerOptions } from '@contrail/server';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } }>;
}

export interface TestServer extends RunningApp {
  app: App;
  wsUrl: string;
  /** POSTs one GraphQL operation over HTTP. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but throws on errors and returns data. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  wsClient(): Client;
  /** Stops the server and deletes its data folder. */
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  databaseUrl?: string;
  redisUrl?: string;
  /** Reuse this data folder (kept on dispose), e.g. to restart a server over the same data. */
  dataDir?: string;
  /** Listen on this port instead of a free one (a restarted server keeps its address). */
  port?: number;
  /** Serve the built dashboard from this folder. */
  webDir?: string;
  /** Webhook worker settings (short polls and retry delays for tests). */
  webhooks?: Partial<WebhookWorkerOptions>;
}

/** Starts the real server on a free port over a fresh SQLite folder (or the given database URL). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'contrail-server-'));
  const app = buildApp(
    {
      host: '127.0.0.1',
      port: options.port ?? 0,
      databaseUrl: options.databaseUrl ?? `file:${path.join(dir, 'contrail.db')}`,
      artifactRoot: pathToFileURL(path.join(dir, 'artifacts')).href,
      redisUrl: options.redisUrl ?? null,
      webDir: options.webDir ?? null,
      logLevel: 'silent',
    },
    { webhooks: options.webhooks },
  );
  const running = await app.start(options.port ?? 0);
  const clients: Client[] = [];
  const gql = async <T>(query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  return {
    ...running,
    app,
    wsUrl: `${running.url.replace('http', 'ws')}/graphql`,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    wsClient() {
      const client = createClient({ url: `${running.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {} });
      clients.push(client);
      return client;
    },
    async dispose() {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.stop();
      if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Subscription<T> {
  events: T[];
  /** Resolves when the server completes the subscription. */
  completed: Promise<void>;
  /** Resolves once at least n events arrived (rejects after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  errors: unknown[];
  unsubscribe(): void;
}

/** Subscribes over graphql-ws and collects every event's data. */
export function subscribe<T = Record<string, any>>(client: Client, query: string, variables?: Record<string, unknown>): Subscription<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  let complete!: () => void;
  const completed = new Promise<void>((resolve) => (complete = resolve));
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) events.push(value.data as T);
        waiters.splice(0).forEach((w) => w());
      },
      error: (error) => {
        errors.push(error);
        complete();
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => complete(),
    },
  );
  return {
    events,
    errors,
    completed,
    unsubscribe,
    async waitFor(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < n) {
        if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out with ${events.length} of ${n} events`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 200));
        });
      }
      return events;
    },
  };
}

/**
 * graphql-ws does not acknowledge a subscription, so to know the server registered it we poke (cause
 * an event) until the subscription sees one; returns how many events the pokes produced.
 */
export async function untilLive<T>(subscription: Subscription<T>, poke: () => Promise<unknown>, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (subscription.events.length === 0) {
    if (subscription.errors.length) throw new Error(`subscription failed: ${JSON.stringify(subscription.errors)}`);
    if (Date.now() > deadline) throw new Error('the subscription never went live');
    await poke();
    await subscription.waitFor(1, 100).catch(() => undefined);
  }
  return subscription.events.length;
}
