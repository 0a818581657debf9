import { createClient as createWsClient } from 'graphql-ws';
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { createConnectionStore, type ConnectionStore } from './connection';
import type { Endpoints } from './endpoints';

export interface ContrailClient {
  urql: Client;
  connection: ConnectionStore;
  endpoints: Endpoints;
  dispose(): void;
}

/** Waits 0.5 s, 1 s, 2 s, then 5 s between attempts, with jitter so many tabs do not reconnect at once. */
export const retryDelayMs = (retries: number) => Math.min(500 * 2 ** retries, 5000) + Math.random() * 250;

/**
 * urql over HTTP for queries and mutations, and over one graphql-ws socket for subscriptions. The
 * socket is opened at once and reopened forever (the dashboard is a live view: a server restart must
 * not need a reload); its state feeds the "cannot reach the server" banner and the backfills.
 */
export function createContrailClient(endpoints: Endpoints): ContrailClient {
  const connection = createConnectionStore();
  const ws = createWsClient({
    url: endpoints.ws,
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    // A ping every 10 s notices a dead network path that never sends a close frame.
    keepAlive: 10_000,
    on: {
      connected: () => connection.connected(),
      closed: () => connection.lost(),
    },
  });
  const urql = new Client({
    url: endpoints.http,
    // POST with a plain JSON accept header takes the server's fast path for JSON requests.
    preferGetMethod: false,
    fetchOptions: { headers: { accept: 'application/json' } },
    exchanges: [
      cacheExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
      fetchExchange,
    ],
  });
  return { urql, connection, endpoints, dispose: () => void ws.dispose() };
}
