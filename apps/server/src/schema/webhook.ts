import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  updateWebhook,
  WEBHOOK_EVENTS,
  type Webhook,
  type WebhookDelivery,
} from '@contrail/core';
import { pingWebhook } from '../webhooks/deliver.js';
import { builder } from './builder.js';
import { connection } from './common.js';

const DeliveryStatus = builder.enumType('WebhookDeliveryStatus', {
  description: 'PENDING: not sent yet or to be retried (see nextAttemptTime); SUCCEEDED: answered 2xx; FAILED: every attempt failed.',
  values: ['PENDING', 'SUCCEEDED', 'FAILED'] as const,
});

const WebhookDeliveryRef = builder.objectRef<WebhookDelivery>('WebhookDelivery').implement({
  description: 'One event sent (or to be sent) to one webhook, with the outcome of its latest attempt.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Also the X-Contrail-Delivery-Id header.' }),
    webhookId: t.exposeID('webhookId'),
    eventId: t.exposeString('eventId', { description: 'The X-Contrail-Event-Id header and the body\'s "id"; receivers dedupe on it.' }),
    event: t.exposeString('event'),
    payload: t.exposeString('payload', { description: 'The exact JSON body sent.' }),
    status: t.field({ type: DeliveryStatus, resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts'),
    lastResponseCode: t.exposeInt('lastResponseCode', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    nextAttemptTime: t.field({ type: 'Long', nullable: true, resolve: (d) => d.nextAttemptTime }),
    creationTime: t.field({ type: 'Long', resolve: (d) => d.creationTime }),
    lastAttemptTime: t.field({ type: 'Long', nullable: true, resolve: (d) => d.lastAttemptTime }),
  }),
});

const WebhookDeliveryConnection = connection('WebhookDelivery', WebhookDeliveryRef);

const WebhookRef = builder.objectRef<Webhook>('Webhook').implement({
  description: `A URL that receives signed JSON POSTs for registry events: ${WEBHOOK_EVENTS.join(', ')}.`,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    url: t.exposeString('url'),
    events: t.exposeStringList('events'),
    description: t.exposeString('description'),
    active: t.exposeBoolean('active', { description: 'Inactive webhooks get no new deliveries, and their pending ones wait.' }),
    maskedSecret: t.exposeString('maskedSecret', { description: 'The secret is never returned; this shows its last 4 characters.' }),
    creationTime: t.field({ type: 'Long', resolve: (w) => w.creationTime }),
    lastUpdateTime: t.field({ type: 'Long', resolve: (w) => w.lastUpdateTime }),
    deliveries: t.field({
      type: WebhookDeliveryConnection,
      description: 'The delivery log, newest first.',
      args: { status: t.arg({ type: DeliveryStatus }), first: t.arg.int(), after: t.arg.string() },
      resolve: (w, args, ctx) => listWebhookDeliveries(ctx.core, { webhookId: w.id, ...args }),
    }),
  }),
});

builder.queryFields((t) => ({
  webhooks: t.field({ type: [WebhookRef], resolve: (_, __, ctx) => listWebhooks(ctx.core) }),
  webhook: t.field({ type: WebhookRef, args: { id: t.arg.id({ required: true }) }, resolve: (_, { id }, ctx) => getWebhook(ctx.core, String(id)) }),
  webhookDeliveries: t.field({
    type: WebhookDeliveryConnection,
    description: "A webhook's delivery log, newest first.",
    args: { webhookId: t.arg.id({ required: true }), status: t.arg({ type: DeliveryStatus }), first: t.arg.int(), after: t.arg.string() },
    resolve: (_, { webhookId, ...options }, ctx) => listWebhookDeliveries(ctx.core, { webhookId: String(webhookId), ...options }),
  }),
}));

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    url: t.string({ required: true, description: 'http:// or https://' }),
    secret: t.string({ required: true, description: 'At least 8 characters; keys the X-Contrail-Signature HMAC. Never returned.' }),
    events: t.stringList({ required: true, description: WEBHOOK_EVENTS.join(', ') }),
    description: t.string(),
    active: t.boolean({ description: 'Defaults to true.' }),
  }),
});

const UpdateWebhookInput = builder.inputType('UpdateWebhookInput', {
  description: 'Fields left out keep their value.',
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    url: t.string(),
    secret: t.string(),
    events: t.stringList(),
    description: t.string(),
    active: t.boolean(),
  }),
});

builder.mutationFields((t) => ({
  createWebhook: t.field({
    type: WebhookRef,
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: (_, { input }, ctx) => createWebhook(ctx.core, input),
  }),
  updateWebhook: t.field({
    type: WebhookRef,
    args: { input: t.arg({ type: UpdateWebhookInput, required: true }) },
    resolve: (_, { input: { id, ...changes } }, ctx) => updateWebhook(ctx.core, String(id), changes),
  }),
  deleteWebhook: t.field({
    type: WebhookRef,
    description: 'Deletes the webhook and its delivery log; pending deliveries are dropped.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => deleteWebhook(ctx.core, String(id)),
  }),
  testWebhook: t.field({
    type: WebhookDeliveryRef,
    description: 'Sends a signed `ping` event now (once, no retries) and returns its delivery log entry.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => pingWebhook(ctx.core, String(id)),
  }),
}));
