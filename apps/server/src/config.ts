import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/**
 * The server's settings, read from the environment in this one place and validated at startup so
 * that a bad value stops the process with a sentence, not a stack trace.
 */
export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl: string;
  artifactRoot: string;
  redisUrl: string | null;
  /** Where the built dashboard lives, when it is served from this process. */
  webDir: string | null;
  logLevel: 'silent' | 'info' | 'debug';
}

const portSchema = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: portSchema.default(5000),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgres:// (PostgreSQL)')
    .optional(),
  ARTIFACT_ROOT: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  CONTRAIL_WEB_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['silent', 'info', 'debug']).default('info'),
});

export class ConfigError extends Error {}

/** Builds the configuration from environment variables (relative paths against `cwd`). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, 'contrail.db')}`,
    artifactRoot: e.ARTIFACT_ROOT ?? pathToFileURL(path.join(dataDir, 'artifacts')).href,
    redisUrl: e.REDIS_URL ?? null,
    webDir: e.CONTRAIL_WEB_DIR ? path.resolve(cwd, e.CONTRAIL_WEB_DIR) : null,
    logLevel: e.LOG_LEVEL,
  };
}
