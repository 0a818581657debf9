import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/** Where `npm run build -w @contrail/web` puts the dashboard: in the repository, wherever npm runs. */
export const BUILT_DASHBOARD_DIR = fileURLToPath(new URL('../../web/out', import.meta.url));

/** CONTRAIL_WEB_DIR when set (it must exist), else the built dashboard when there is one. */
function webDirFrom(setting: string | undefined, cwd: string): string | null {
  if (setting === undefined) return existsSync(BUILT_DASHBOARD_DIR) ? BUILT_DASHBOARD_DIR : null;
  const dir = path.resolve(cwd, setting);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError(`invalid configuration:\n  CONTRAIL_WEB_DIR: no folder at ${dir}`);
  return dir;
}

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
    webDir: webDirFrom(e.CONTRAIL_WEB_DIR, cwd),
    logLevel: e.LOG_LEVEL,
  };
}
