import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, type execute, type subscribe } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createDb, type Db } from '@contrail/db';
import { ensureDefaultExperiment, LIMITS, type CoreContext } from '@contrail/core';
import type { ServerConfig } from './config.js';
import { createLoaders, type GraphQLContext } from './context.js';
import { createErrorMasker } from './errors.js';
import { handleJsonPost, sendTooLarge, wantsJsonPost } from './http/json-post.js';
import { createStaticFiles } from './http/static-files.js';
import { createLiveUpdates, type LiveUpdates } from './live/pubsub.js';
import { createLogger, type Logger } from './logger.js';
import { schema } from './schema/index.js';
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from './webhooks/worker.js';

export interface RunningApp {
  /** e.g. http://127.0.0.1:5000 */
  url: string;
  port: number;
  core: CoreContext;
}

export interface App {
  start(port?: number): Promise<RunningApp>;
  /** Stops taking requests, lets in-flight ones finish, completes every subscription, closes the database. */
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';
const DRAIN_TIMEOUT_MS = 10_000;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Waits until `done()` holds, polling, for at most `ms`. */
async function waitFor(done: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

export function buildApp(config: ServerConfig, options: { logger?: Logger; webhooks?: Partial<WebhookWorkerOptions> } = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  let db: Db | null = null;
  let live: LiveUpdates | null = null;
  let webhooks: WebhookWorker | null = null;
  let server: Server | null = null;
  let wsServer: WebSocketServer | null = null;
  let stopping = false;
  let inFlight = 0; // requests that must finish before shutdown (streams excluded)
  let streams = 0;
  const wsConnections = new Set<{ subscriptions: Record<string, unknown> }>();
  const openWsSubscriptions = () => [...wsConnections].reduce((n, c) => n + Object.keys(c.subscriptions).length, 0);

  async function start(port = config.port): Promise<RunningApp> {
    if (server) throw new Error('the app is already started');
    db = await createDb(config.databaseUrl, { log: (line) => logger.info(line) });
    live = createLiveUpdates(config.redisUrl);
    const core: CoreContext = { db, events: live.publisher, artifactRoot: config.artifactRoot };
    await ensureDefaultExperiment(core);
    const liveUpdates = live;
    const context = (): GraphQLContext => ({ core, live: liveUpdates, loaders: createLoaders(core) });

    const yoga = createYoga<Record<string, unknown>, GraphQLContext>({
      schema,
      graphqlEndpoint: GRAPHQL_PATH,
      context,
      maskedErrors: { maskError: createErrorMasker(logger) },
      logging: false,
      landingPage: false,
      // The dashboard is served from this origin and training jobs are not browsers: no CORS needed.
      cors: false,
      multipart: false,
    });

    const staticFiles = config.webDir ? createStaticFiles(config.webDir) : null;
    const handle = async (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/health') {
        try {
          await core.db.prisma.$queryRawUnsafe('SELECT 1');
          return sendJson(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok', database: core.db.provider });
        } catch (error) {
          logger.error('health check failed', error);
          return sendJson(res, 503, { status: 'unavailable', reason: 'the database does not answer' });
        }
      }
      if (stopping) return sendJson(res, 503, { errors: [{ message: 'the server is shutting down' }] }, { connection: 'close' });
      if (Number(req.headers['content-length'] ?? 0) > LIMITS.requestBytes) return sendTooLarge(res);
      if (path === GRAPHQL_PATH) {
        const stream = (req.headers.accept ?? '').includes('text/event-stream');
        if (stream) streams++;
        else inFlight++;
        res.once('close', () => (stream ? streams-- : inFlight--));
        return wantsJsonPost(req) ? handleJsonPost(yoga, req, res) : yoga.handle(req, res);
      }
      if (staticFiles?.(req, res)) return;
      sendJson(res, 404, { errors: [{ message: `nothing at ${path}; the API is at ${GRAPHQL_PATH}` }] });
    };

    server = createServer((req, res) => {
      handle(req, res).catch((error) => {
        logger.error('request failed', error);
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Unexpected error.' }] });
      });
    });
    wsServer = new WebSocketServer({ server, path: GRAPHQL_PATH });
    useServer<Record<string, unknown>>(
      {
        onConnect: (ctx) => void wsConnections.add(ctx),
        onClose: (ctx) => void wsConnections.delete(ctx),
        execute: (args) => (args.rootValue as { execute: typeof execute }).execute(args),
        subscribe: (args) => (args.rootValue as { subscribe: typeof subscribe }).subscribe(args),
        onSubscribe: async (ctx, _id, params) => {
          if (stopping) return [new GraphQLError('the server is shutting down')];
          const enveloped = yoga.getEnveloped({ ...ctx, req: ctx.extra, params });
          const document = enveloped.parse(params.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length) return errors;
          return {
            schema: enveloped.schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await enveloped.contextFactory(),
            rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
          };
        },
      },
      wsServer,
    );

    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, config.host, () => resolve());
    });
    webhooks = startWebhookWorker(core, logger, options.webhooks);
    const address = listening.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return { url: `http://${host}:${address.port}`, port: address.port, core };
  }

  async function stop(): Promise<void> {
    if (!server || stopping) return;
    stopping = true;
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    server.closeIdleConnections();
    // Writes already received finish (and publish) before subscribers are told the stream is over.
    await waitFor(() => inFlight === 0, DRAIN_TIMEOUT_MS);
    await live?.close(); // ends every subscription: graphql-ws and SSE clients receive `complete`
    await waitFor(() => streams === 0 && openWsSubscriptions() === 0, 1000);
    for (const socket of wsServer?.clients ?? []) socket.close(1001, 'server shutting down');
    await waitFor(() => (wsServer?.clients.size ?? 0) === 0, 1000);
    for (const socket of wsServer?.clients ?? []) socket.terminate();
    wsServer?.close();
    server.closeAllConnections();
    await closed;
    await webhooks?.stop();
    await db?.close();
    server = null;
  }

  return { start, stop };
}
