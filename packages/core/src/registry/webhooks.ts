import { randomUUID } from 'node:crypto';
import { nowOf, write, type CoreContext, type Tx } from '../context.js';
import { decodeIdCursor, encodeCursor, pageSize } from '../cursor.js';
import { invalid, notFound } from '../errors.js';
import { PAGING } from '../limits.js';
import type { Page } from '../types.js';
import { validateLength } from '../validate.js';
import { parseEventList, PING_EVENT, webhookBody, WEBHOOK_EVENTS, type AttemptOutcome, type DeliveryStatus, type DeliveryTask } from './webhook-outbox.js';

/** Registering webhooks and reading their delivery log. Secrets go in and never come out. */

export interface Webhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  /** The secret's last 4 characters behind asterisks, so people can tell which secret is set. */
  maskedSecret: string;
  creationTime: number;
  lastUpdateTime: number;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  event: string;
  /** The JSON body sent. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  nextAttemptTime: number | null;
  creationTime: number;
  lastAttemptTime: number | null;
}

const LIMITS = { nameLength: 256, urlLength: 2048, descriptionLength: 1000, secretMin: 8, secretMax: 1024 } as const;

export const maskSecret = (secret: string): string => (secret.length >= 16 ? `********${secret.slice(-4)}` : '********');

interface WebhookRow {
  id: number;
  name: string;
  url: string;
  secret: string;
  events: string;
  description: string;
  active: boolean;
  creationTime: bigint;
  lastUpdateTime: bigint;
}

const toWebhook = (row: WebhookRow): Webhook => ({
  id: String(row.id),
  name: row.name,
  url: row.url,
  events: parseEventList(row.events),
  description: row.description,
  active: row.active,
  maskedSecret: maskSecret(row.secret),
  creationTime: Number(row.creationTime),
  lastUpdateTime: Number(row.lastUpdateTime),
});

interface DeliveryRow extends Omit<WebhookDelivery, 'id' | 'webhookId' | 'status' | 'nextAttemptTime' | 'creationTime' | 'lastAttemptTime'> {
  id: number;
  webhookId: number;
  status: string;
  nextAttemptTime: bigint | null;
  creationTime: bigint;
  lastAttemptTime: bigint | null;
}

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  ...row,
  id: String(row.id),
  webhookId: String(row.webhookId),
  status: row.status as DeliveryStatus,
  nextAttemptTime: row.nextAttemptTime == null ? null : Number(row.nextAttemptTime),
  creationTime: Number(row.creationTime),
  lastAttemptTime: row.lastAttemptTime == null ? null : Number(row.lastAttemptTime),
});

function parseWebhookId(id: string, field = 'id'): number {
  if (!/^\d{1,15}$/.test(String(id))) throw invalid(`${field} must be a numeric webhook id, got "${id}"`);
  return Number(id);
}

function validateUrl(url: unknown): string {
  const text = validateLength(url, LIMITS.urlLength, 'url');
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalid(`url "${text}" is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid(`url must be http:// or https://, got "${parsed.protocol}"`);
  return text;
}

function validateEvents(events: unknown): string[] {
  if (!Array.isArray(events) || events.length === 0) throw invalid(`events must list at least one of ${WEBHOOK_EVENTS.join(', ')}`);
  for (const [i, event] of events.entries()) {
    if (!(WEBHOOK_EVENTS as readonly unknown[]).includes(event)) {
      throw invalid(`events[${i}] "${String(event)}" is not an event; use ${WEBHOOK_EVENTS.join(', ')}`);
    }
  }
  return [...new Set(events as string[])];
}

function validateSecret(secret: unknown): string {
  const text = validateLength(secret, LIMITS.secretMax, 'secret');
  if (text.length < LIMITS.secretMin) throw invalid(`secret must be at least ${LIMITS.secretMin} characters long`);
  return text;
}

function validateName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid('name must be a non-empty string');
  return validateLength(name, LIMITS.nameLength, 'name');
}

export interface CreateWebhookInput {
  name: string;
  url: string;
  /** Keys the HMAC-SHA256 signature of every delivery; never returned. */
  secret: string;
  events: string[];
  description?: string | null;
  active?: boolean | null;
}

export async function createWebhook(ctx: CoreContext, input: CreateWebhookInput): Promise<Webhook> {
  const data = {
    name: validateName(input.name),
    url: validateUrl(input.url),
    secret: validateSecret(input.secret),
    events: JSON.stringify(validateEvents(input.events)),
    description: validateLength(input.description ?? '', LIMITS.descriptionLength, 'description'),
    active: input.active ?? true,
  };
  const now = nowOf(ctx);
  return toWebhook(await write(ctx, (tx) => tx.webhook.create({ data: { ...data, creationTime: now, lastUpdateTime: now } })));
}

export type UpdateWebhookInput = Partial<Omit<CreateWebhookInput, 'name' | 'url' | 'secret' | 'events'>> & {
  name?: string | null;
  url?: string | null;
  secret?: string | null;
  events?: string[] | null;
};

async function loadWebhook(tx: Tx, id: number): Promise<WebhookRow> {
  const row = await tx.webhook.findUnique({ where: { id } });
  if (!row) throw notFound(`no webhook with id ${id}`);
  return row;
}

export async function updateWebhook(ctx: CoreContext, id: string, input: UpdateWebhookInput): Promise<Webhook> {
  const webhookId = parseWebhookId(id);
  const data = {
    name: input.name == null ? undefined : validateName(input.name),
    url: input.url == null ? undefined : validateUrl(input.url),
    secret: input.secret == null ? undefined : validateSecret(input.secret),
    events: input.events == null ? undefined : JSON.stringify(validateEvents(input.events)),
    description: input.description == null ? undefined : validateLength(input.description, LIMITS.descriptionLength, 'description'),
    active: input.active ?? undefined,
  };
  const row = await write(ctx, async (tx) => {
    await loadWebhook(tx, webhookId);
    return tx.webhook.update({ where: { id: webhookId }, data: { ...data, lastUpdateTime: nowOf(ctx) } });
  });
  return toWebhook(row);
}

/** Deletes the webhook and its delivery log; pending deliveries are dropped. */
export async function deleteWebhook(ctx: CoreContext, id: string): Promise<Webhook> {
  const webhookId = parseWebhookId(id);
  return toWebhook(
    await write(ctx, async (tx) => {
      const row = await loadWebhook(tx, webhookId);
      await tx.webhook.delete({ where: { id: webhookId } });
      return row;
    }),
  );
}

export async function getWebhook(ctx: CoreContext, id: string): Promise<Webhook> {
  return toWebhook(await loadWebhook(ctx.db.prisma, parseWebhookId(id)));
}

export async function listWebhooks(ctx: CoreContext): Promise<Webhook[]> {
  return (await ctx.db.prisma.webhook.findMany({ orderBy: { id: 'asc' } })).map(toWebhook);
}

export interface ListDeliveriesOptions {
  webhookId: string;
  status?: DeliveryStatus | null;
  first?: number | null;
  after?: string | null;
}

/** The delivery log of a webhook, newest first, paged by keyset on the delivery id. */
export async function listWebhookDeliveries(ctx: CoreContext, options: ListDeliveriesOptions): Promise<Page<WebhookDelivery>> {
  const webhookId = parseWebhookId(options.webhookId, 'webhookId');
  await loadWebhook(ctx.db.prisma, webhookId);
  const take = pageSize(options.first, PAGING.maxPageSize, PAGING.defaultPageSize);
  const where = { webhookId, ...(options.status ? { status: options.status } : {}) };
  const afterId = decodeIdCursor(options.after);
  const [rows, totalCount] = await Promise.all([
    ctx.db.prisma.webhookDelivery.findMany({
      where: afterId === null ? where : { ...where, id: { lt: afterId } },
      orderBy: { id: 'desc' },
      take: take + 1,
    }),
    ctx.db.prisma.webhookDelivery.count({ where }),
  ]);
  const items = rows.slice(0, take).map(toDelivery);
  const last = items.at(-1);
  return { items, totalCount, nextCursor: rows.length > take && last ? encodeCursor([Number(last.id)]) : null };
}

/** A ping for testWebhook, sent right away by the caller (not queued); see recordPing. */
export async function preparePing(ctx: CoreContext, id: string): Promise<DeliveryTask> {
  const row = await loadWebhook(ctx.db.prisma, parseWebhookId(id));
  const eventId = randomUUID();
  const now = nowOf(ctx);
  return {
    id: '',
    webhookId: String(row.id),
    eventId,
    event: PING_EVENT,
    timestamp: now,
    payload: webhookBody(eventId, PING_EVENT, now, { webhook_id: String(row.id), name: row.name }),
    url: row.url,
    secret: row.secret,
    attempts: 0,
  };
}

/** Logs a ping's one attempt (pings are not retried: the person testing wants the answer now). */
export async function recordPing(ctx: CoreContext, ping: DeliveryTask, outcome: AttemptOutcome): Promise<WebhookDelivery> {
  const now = nowOf(ctx);
  const row = await write(ctx, async (tx) => {
    await loadWebhook(tx, Number(ping.webhookId)); // deleted while the ping was under way: say so
    return tx.webhookDelivery.create({
      data: {
        webhookId: Number(ping.webhookId),
        eventId: ping.eventId,
        event: ping.event,
        payload: ping.payload,
        status: outcome.ok ? 'SUCCEEDED' : 'FAILED',
        attempts: 1,
        lastResponseCode: outcome.responseCode,
        lastError: outcome.error?.slice(0, 1000) ?? null,
        creationTime: ping.timestamp,
        lastAttemptTime: now,
      },
    });
  });
  return toDelivery(row);
}
