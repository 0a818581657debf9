import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Deliveries carry `X-Contrail-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed by the
 * webhook's secret>` (GitHub's scheme, so receivers have ready-made verifiers). The body includes the
 * event id and timestamp, so both are covered by the signature; receivers should reject old
 * timestamps and repeated event ids to stop replays.
 */
export const SIGNATURE_HEADER = 'x-contrail-signature';
export const EVENT_ID_HEADER = 'x-contrail-event-id';
export const DELIVERY_ID_HEADER = 'x-contrail-delivery-id';
export const EVENT_HEADER = 'x-contrail-event';
export const TIMESTAMP_HEADER = 'x-contrail-timestamp';

export const signWebhookBody = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** Constant-time check of a signature header against the raw body. */
export function verifyWebhookSignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
