import { describe, expect, it } from 'vitest';
import { parseModelUri } from './model-uri.js';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

describe('parseModelUri', () => {
  it('reads the four MLflow forms', () => {
    expect(parseModelUri('models:/fraud detector/12')).toEqual({ name: 'fraud detector', kind: 'version', version: 12 });
    expect(parseModelUri('models:/fraud@champion')).toEqual({ name: 'fraud', kind: 'alias', alias: 'champion' });
    expect(parseModelUri('models:/fraud/staging')).toEqual({ name: 'fraud', kind: 'stage', stage: 'Staging' });
    expect(parseModelUri('models:/fraud/Latest')).toEqual({ name: 'fraud', kind: 'latest' });
  });

  it('names what is wrong', () => {
    expect(() => parseModelUri('runs:/abc/model')).toThrow(/not a models:\/ URI/);
    expect(() => parseModelUri('models:/fraud')).toThrow(/not a model URI/);
    expect(() => parseModelUri('models:/fraud/')).toThrow(/ends in ""/);
    expect(() => parseModelUri('models:/fraud/v2')).toThrow(/neither a version number, a stage nor latest/);
    expect(() => parseModelUri('models:/@champion')).toThrow(/non-empty/);
  });
});

describe('webhook signatures', () => {
  it('are sha256=<hex HMAC> of the exact body, checked in constant time', () => {
    const body = '{"event":"ping"}';
    const signature = signWebhookBody('s3cret-key', body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('s3cret-key', body, signature)).toBe(true);
    expect(verifyWebhookSignature('s3cret-key', `${body} `, signature)).toBe(false);
    expect(verifyWebhookSignature('other-key', body, signature)).toBe(false);
    expect(verifyWebhookSignature('s3cret-key', body, undefined)).toBe(false);
  });
});
