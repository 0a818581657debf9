import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresReady } from '../support/databases.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'contrail-cli-'));

/** Runs the server's entry point as `npm start` does, until `until` matches its output or it exits. */
function runMain(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; output: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '', ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve({ code: null, output, stop: () => (child.kill('SIGTERM'), exited) });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((code) => resolve({ code, output, stop: async () => code }));
  });
}

describe('npm start (apps/server/src/main.ts)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates and migrates the embedded database, prints its URL and stops cleanly on SIGTERM', async () => {
    const started = await runMain({ PORT: '0' }, /Contrail is running at http:\/\/127\.0\.0\.1:\d+/);
    expect(started.output).toMatch(/applying migration \d+_init/);
    const url = started.output.match(/running at (\S+)/)![1]!;
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok', database: 'sqlite' });
    expect(await started.stop()).toBe(0);
  });

  it('explains bad configuration in one line, without a stack trace', async () => {
    const result = await runMain({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/^contrail: invalid configuration:\n\s+PORT: /);
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('says which database it cannot open, without a stack trace', async () => {
    const unreachable = await runMain({ DATABASE_URL: 'postgres://contrail:secret@127.0.0.1:1/contrail', PORT: '0' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/^contrail: cannot open the database at postgres:\/\/contrail:\*\*\*@127\.0\.0\.1:1\/contrail: .*ECONNREFUSED/);
    expect(unreachable.output).not.toMatch(/secret|\n\s+at /);
    const notAFolder = await runMain({ DATA_DIR: '/etc/hostname/data', PORT: '0' });
    expect(notAFolder.code).toBe(1);
    expect(notAFolder.output).toMatch(/^contrail: cannot open the database at file:\/etc\/hostname\/data\/contrail\.db: ENOTDIR/);
  });

  it.runIf(postgresReady)('refuses a PostgreSQL database with pending migrations and says what to run', async () => {
    const result = await runMain({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres?application_name=contrail-cli-test', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/pending migration.*run `npm run db:migrate`/);
  });
});
