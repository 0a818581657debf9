export * from './errors.js';
export * from './events.js';
export * from './limits.js';
export * from './types.js';
export * from './context.js';
export * from './experiments.js';
export * from './runs.js';
export * from './run-data.js';
export * from './log-batch.js';
export * from './metric-history.js';
export { BLOCK_STEPS } from './metric-blocks.js';
export { RUN_ID_PATTERN } from './ids.js';
export { searchRuns, SEARCH_PAGING, type SearchRunsOptions } from './search/search-runs.js';
export { searchExperiments, type SearchExperimentsOptions } from './search/search-experiments.js';
export { parseFilter, FILTER_LIMITS, type FilterNode } from './search/parse.js';
export { parseOrderBy, type OrderItem } from './search/order-by.js';
export * from './registry/types.js';
export * from './registry/registered-models.js';
export * from './registry/model-versions.js';
export {
  setRegisteredModelAlias,
  deleteRegisteredModelAlias,
  getModelVersionByAlias,
  getAliasHistory,
  promoteModelAlias,
  type PromoteAliasInput,
  type SetAliasInput,
  type AliasHistoryOptions,
} from './registry/aliases.js';
export * from './registry/stages.js';
export * from './registry/model-uri.js';
export * from './registry/webhooks.js';
export * from './registry/webhook-signature.js';
export { searchRegisteredModels, type SearchRegisteredModelsOptions } from './registry/search-models.js';
export { REGISTRY_LIMITS } from './registry/validate.js';
export {
  WEBHOOK_EVENTS,
  PING_EVENT,
  DEFAULT_RETRY_POLICY,
  retryDelayMs,
  claimDueDeliveries,
  recordDeliveryAttempt,
  type WebhookEvent,
  type DeliveryStatus,
  type RetryPolicy,
  type DeliveryTask,
  type AttemptOutcome,
} from './registry/webhook-outbox.js';
