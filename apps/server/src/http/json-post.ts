import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { LIMITS } from '@contrail/core';
import type { GraphQLContext } from '../context.js';

/**
 * The hot path for what training jobs send: a POST of one JSON-encoded query or mutation, answered
 * as application/json. It runs the operation through yoga's own envelop instance (same plugins,
 * parse/validation caches and error masking) but skips yoga's Fetch-API adapter, which costs more
 * CPU than the rest of a small request put together (`npm run bench`, single logMetric requests).
 * Everything else — GET, SSE, graphql-response+json, GraphiQL — goes to yoga unchanged.
 */
export function wantsJsonPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return false;
  const accept = req.headers.accept;
  return accept === undefined || accept === '*/*' || (accept.includes('application/json') && !/graphql-response|event-stream|multipart/.test(accept));
}

interface Params {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

function send(res: ServerResponse, status: number, body: ExecutionResult | { errors: unknown[] }) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** 413 for a body over MLflow's 1 MB request limit (by Content-Length, or counted while reading). */
export const sendTooLarge = (res: ServerResponse) =>
  send(res, 413, { errors: [{ message: `request body is larger than ${LIMITS.requestBytes} bytes`, extensions: { code: 'INVALID_PARAMETER_VALUE' } }] });

const badRequest = (res: ServerResponse, message: string) =>
  send(res, 400, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMITS.requestBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseParams(text: string): Params | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the request body is not valid JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the request body must be a JSON object';
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string') return 'the request body must have a "query" string';
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return '"variables" must be an object';
  if (operationName != null && typeof operationName !== 'string') return '"operationName" must be a string';
  return { query, variables: variables as Params['variables'], operationName: operationName as string | null };
}

export async function handleJsonPost(
  yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const text = await readBody(req);
  if (text === null) return sendTooLarge(res);
  const params = parseParams(text);
  if (typeof params === 'string') return badRequest(res, params);
  const enveloped = yoga.getEnveloped({ req, params });
  let document;
  try {
    document = enveloped.parse(params.query);
  } catch (error) {
    if (error instanceof GraphQLError) return send(res, 200, { errors: [error] });
    throw error;
  }
  const errors = enveloped.validate(enveloped.schema, document);
  if (errors.length > 0) return send(res, 200, { errors });
  const operation = getOperationAST(document, params.operationName);
  if (operation?.operation === 'subscription') {
    return badRequest(res, 'subscriptions need a WebSocket (graphql-ws) or Accept: text/event-stream');
  }
  const result = (await enveloped.execute({
    schema: enveloped.schema,
    document,
    variableValues: params.variables,
    operationName: params.operationName,
    contextValue: await enveloped.contextFactory(),
  })) as ExecutionResult;
  send(res, 200, result);
}
