import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_DASHBOARD_DIR, ConfigError, configFromEnv } from './config.js';

describe('configFromEnv', () => {
  it('defaults to SQLite in ./data on port 5000', () => {
    const config = configFromEnv({}, '/srv/work');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 5000,
      databaseUrl: 'file:/srv/work/data/contrail.db',
      artifactRoot: 'file:///srv/work/data/artifacts',
      redisUrl: null,
      logLevel: 'info',
    });
  });

  it('takes PostgreSQL, Redis and a data folder from the environment', () => {
    const config = configFromEnv(
      { DATABASE_URL: 'postgres://u:p@db:5432/contrail', REDIS_URL: 'redis://cache:6379', DATA_DIR: 'state', PORT: '8080' },
      '/srv',
    );
    expect(config).toMatchObject({ databaseUrl: 'postgres://u:p@db:5432/contrail', redisUrl: 'redis://cache:6379', port: 8080, artifactRoot: 'file:///srv/state/artifacts' });
  });

  it('names every bad variable in one error', () => {
    const attempt = () => configFromEnv({ PORT: 'http', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: .*\n.*DATABASE_URL: must start with file: \(SQLite\) or postgres:\/\/ \(PostgreSQL\)\n.*LOG_LEVEL/);
  });

  it('serves the built dashboard of this repository wherever it runs, unless CONTRAIL_WEB_DIR names another folder', () => {
    expect(BUILT_DASHBOARD_DIR).toBe(path.resolve(import.meta.dirname, '../../web/out'));
    const dir = mkdtempSync(path.join(tmpdir(), 'contrail-web-'));
    try {
      expect(configFromEnv({ CONTRAIL_WEB_DIR: path.basename(dir) }, path.dirname(dir)).webDir).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true });
    }
    expect(() => configFromEnv({ CONTRAIL_WEB_DIR: 'no-such-folder' }, '/srv')).toThrow('CONTRAIL_WEB_DIR: no folder at /srv/no-such-folder');
  });
});
