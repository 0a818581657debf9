import { claimDueDeliveries, DEFAULT_RETRY_POLICY, recordDeliveryAttempt, type CoreContext, type DeliveryTask, type RetryPolicy } from '@contrail/core';
import type { Logger } from '../logger.js';
import { DEFAULT_DELIVERY_TIMEOUT_MS, sendDelivery } from './deliver.js';

export interface WebhookWorkerOptions {
  /** How often to look for due deliveries. */
  pollIntervalMs: number;
  /** Per attempt. */
  timeoutMs: number;
  /** Deliveries in flight at once. */
  concurrency: number;
  retry: RetryPolicy;
}

export const DEFAULT_WEBHOOK_WORKER: WebhookWorkerOptions = {
  pollIntervalMs: 500,
  timeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS,
  concurrency: 8,
  retry: DEFAULT_RETRY_POLICY,
};

export interface WebhookWorker {
  /** Stops claiming, and waits for the attempts under way to be sent and recorded. */
  stop(): Promise<void>;
}

/**
 * Sends the outbox's due deliveries. It polls the database rather than being told about new ones, so
 * deliveries recorded by another server instance, or before a restart, go out the same way. Each
 * claim holds a delivery for longer than an attempt can take; a delivery whose worker died becomes
 * due again when that lease ends.
 */
export function startWebhookWorker(core: CoreContext, logger: Logger, settings: Partial<WebhookWorkerOptions> = {}): WebhookWorker {
  const options = { ...DEFAULT_WEBHOOK_WORKER, ...settings };
  const leaseMs = options.timeoutMs + 30_000;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let wake: (() => void) | null = null;

  async function attempt(task: DeliveryTask) {
    const outcome = await sendDelivery(task, options.timeoutMs);
    const status = await recordDeliveryAttempt(core, task.id, outcome, options.retry);
    if (!outcome.ok) logger.debug(`webhook ${task.webhookId} delivery ${task.id} (${task.event}) attempt ${task.attempts + 1} failed: ${outcome.error}; now ${status}`);
  }

  async function poll() {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return;
    for (const task of await claimDueDeliveries(core, { limit: free, leaseMs })) {
      const running: Promise<void> = attempt(task)
        .catch((error) => logger.error(`webhook delivery ${task.id} could not be recorded`, error))
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    }
  }

  const loop = (async () => {
    while (!stopped) {
      await poll().catch((error) => logger.error('webhook worker: claiming deliveries failed', error));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await Promise.all(inFlight);
    },
  };
}
