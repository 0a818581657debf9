export { buildApp, type App, type RunningApp } from './app.js';
export { configFromEnv, ConfigError, type ServerConfig } from './config.js';
export { schema, printedSchema } from './schema/index.js';
export type { WebhookWorkerOptions } from './webhooks/worker.js';
