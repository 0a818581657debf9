import { randomUUID } from 'node:crypto';
import { nowOf, write, type CoreContext, type Tx } from '../context.js';
import { invalid } from '../errors.js';

/**
 * The webhook outbox. A change records its deliveries in its own transaction (enqueueWebhookEvent),
 * so no committed change loses its notifications and no rolled-back one sends any. A worker (the
 * server's, which does the HTTP) claims due deliveries, sends them and records each attempt here;
 * failures are retried with exponential backoff until the policy's attempts are spent.
 */

export const WEBHOOK_EVENTS = [
  'registered_model.created',
  'model_version.created',
  'model_version_tag.set',
  'model_version_tag.deleted',
  'model_version_alias.created',
  'model_version_alias.moved',
  'model_version_alias.deleted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent by testWebhook only; not subscribable. */
export const PING_EVENT = 'ping';

export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; each later wait is `multiplier` times the previous one. */
  initialDelayMs: number;
  multiplier: number;
}

/** 6 attempts over about 29 minutes: after 5 s, 20 s, 80 s, 5 min 20 s and 21 min 20 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, initialDelayMs: 5000, multiplier: 4 };

/** The wait after the `attempts`-th failed attempt. */
export const retryDelayMs = (policy: RetryPolicy, attempts: number): number =>
  Math.round(policy.initialDelayMs * policy.multiplier ** (attempts - 1));

export const parseEventList = (text: string): string[] => JSON.parse(text) as string[];

/** The body every attempt sends: the event, its id and time (so the signature covers them) and data. */
export function webhookBody(eventId: string, event: string, timestamp: number, data: Record<string, unknown>): string {
  const [entity, action] = event.includes('.') ? event.split('.') : [event, event];
  return JSON.stringify({ id: eventId, event, entity, action, timestamp, data });
}

/** Records one delivery per active webhook subscribed to `event`; call inside the change's transaction. */
export async function enqueueWebhookEvent(tx: Tx, now: number, event: WebhookEvent, data: Record<string, unknown>): Promise<number> {
  const hooks = await tx.webhook.findMany({ where: { active: true }, select: { id: true, events: true } });
  const targets = hooks.filter((hook) => parseEventList(hook.events).includes(event));
  if (targets.length === 0) return 0;
  const eventId = randomUUID();
  const payload = webhookBody(eventId, event, now, data);
  await tx.webhookDelivery.createMany({
    data: targets.map((hook) => ({
      webhookId: hook.id,
      eventId,
      event,
      payload,
      status: 'PENDING',
      nextAttemptTime: now,
      creationTime: now,
    })),
  });
  return targets.length;
}

/** A claimed delivery: what the worker needs to send it. */
export interface DeliveryTask {
  id: string;
  webhookId: string;
  eventId: string;
  event: string;
  timestamp: number;
  payload: string;
  url: string;
  secret: string;
  /** Attempts made before this one. */
  attempts: number;
}

/**
 * Claims up to `limit` due deliveries of active webhooks for `leaseMs`: their next attempt time moves
 * past the lease, so neither this worker's next poll nor another server instance takes them. A claim
 * is a compare-and-set on the old next attempt time, so of two instances racing for a delivery one
 * wins. If the worker dies holding it, the lease runs out and the delivery is sent again: deliveries
 * are at least once (receivers dedupe on the event id).
 */
export async function claimDueDeliveries(ctx: CoreContext, options: { limit: number; leaseMs: number }): Promise<DeliveryTask[]> {
  const now = nowOf(ctx);
  const due = await ctx.db.prisma.webhookDelivery.findMany({
    where: { status: 'PENDING', nextAttemptTime: { lte: now }, webhook: { active: true } },
    include: { webhook: { select: { url: true, secret: true } } },
    orderBy: [{ nextAttemptTime: 'asc' }, { id: 'asc' }],
    take: options.limit,
  });
  if (due.length === 0) return [];
  const claimed = await write(ctx, async (tx) => {
    const won: typeof due = [];
    for (const row of due) {
      const { count } = await tx.webhookDelivery.updateMany({
        where: { id: row.id, status: 'PENDING', nextAttemptTime: row.nextAttemptTime },
        data: { nextAttemptTime: now + options.leaseMs },
      });
      if (count === 1) won.push(row);
    }
    return won;
  });
  return claimed.map((row) => ({
    id: String(row.id),
    webhookId: String(row.webhookId),
    eventId: row.eventId,
    event: row.event,
    timestamp: Number(row.creationTime),
    payload: row.payload,
    url: row.webhook.url,
    secret: row.webhook.secret,
    attempts: row.attempts,
  }));
}

export interface AttemptOutcome {
  ok: boolean;
  /** The HTTP status, when the receiver answered. */
  responseCode: number | null;
  /** Why it failed (network error, timeout, or the start of a non-2xx answer). */
  error: string | null;
}

const ERROR_LENGTH = 1000;

/** Records an attempt: success, a retry after the policy's delay, or failure once attempts are spent. */
export async function recordDeliveryAttempt(ctx: CoreContext, deliveryId: string, outcome: AttemptOutcome, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<DeliveryStatus> {
  const id = Number(deliveryId);
  if (!Number.isSafeInteger(id)) throw invalid(`no delivery with id ${deliveryId}`);
  return write(ctx, async (tx) => {
    const now = nowOf(ctx);
    const row = await tx.webhookDelivery.findUnique({ where: { id }, select: { attempts: true, status: true } });
    // Deleted with its webhook while the attempt was under way, or already settled by another worker.
    if (!row || row.status !== 'PENDING') return (row?.status ?? 'FAILED') as DeliveryStatus;
    const attempts = row.attempts + 1;
    const status: DeliveryStatus = outcome.ok ? 'SUCCEEDED' : attempts >= policy.maxAttempts ? 'FAILED' : 'PENDING';
    await tx.webhookDelivery.update({
      where: { id },
      data: {
        attempts,
        status,
        lastResponseCode: outcome.responseCode,
        lastError: outcome.error?.slice(0, ERROR_LENGTH) ?? null,
        lastAttemptTime: now,
        nextAttemptTime: status === 'PENDING' ? now + retryDelayMs(policy, attempts) : null,
      },
    });
    return status;
  });
}
