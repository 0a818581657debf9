import {
  DELIVERY_ID_HEADER,
  EVENT_HEADER,
  EVENT_ID_HEADER,
  preparePing,
  recordPing,
  SIGNATURE_HEADER,
  signWebhookBody,
  TIMESTAMP_HEADER,
  type AttemptOutcome,
  type CoreContext,
  type DeliveryTask,
  type WebhookDelivery,
} from '@contrail/core';

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
const KEPT_RESPONSE_CHARS = 300;

/** The start of the response body, for the delivery log; reading stops there so a huge answer costs nothing. */
async function startOfBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < KEPT_RESPONSE_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, KEPT_RESPONSE_CHARS);
}

/**
 * One attempt: a JSON POST of the stored body, signed with the webhook's secret. Only a 2xx answer is
 * a success; redirects are not followed (a receiver that moved should be re-registered, and following
 * them would let a URL bounce deliveries elsewhere).
 */
export async function sendDelivery(task: DeliveryTask, timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS): Promise<AttemptOutcome> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Contrail-Webhooks/1',
    [SIGNATURE_HEADER]: signWebhookBody(task.secret, task.payload),
    [EVENT_HEADER]: task.event,
    [EVENT_ID_HEADER]: task.eventId,
    [TIMESTAMP_HEADER]: String(task.timestamp),
  };
  if (task.id) headers[DELIVERY_ID_HEADER] = task.id;
  try {
    const response = await fetch(task.url, {
      method: 'POST',
      headers,
      body: task.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await startOfBody(response);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, responseCode: response.status, error: ok ? null : `HTTP ${response.status}${body ? `: ${body}` : ''}` };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, responseCode: null, error: reason };
  }
}

/** testWebhook: sends a `ping` now, once, and returns its entry in the delivery log. */
export async function pingWebhook(core: CoreContext, webhookId: string, timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS): Promise<WebhookDelivery> {
  const ping = await preparePing(core, webhookId);
  return recordPing(core, ping, await sendDelivery(ping, timeoutMs));
}
