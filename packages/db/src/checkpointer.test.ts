import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.js';

describe('WAL checkpoints on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'contrail-wal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are taken by the worker thread, not by the commits of the server connections', async () => {
    const file = path.join(dir, 'c.db');
    const db = await createDb(`file:${file}`);
    const direct = db.sqlite!;
    expect(direct.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    direct.exec(`INSERT INTO experiments (id, name, artifact_location, creation_time, last_update_time) VALUES (7, 'wal', '', 0, 0);
      INSERT INTO runs (id, experiment_id, name, status, start_time, user_id, artifact_uri) VALUES ('r', 7, 'r', 'RUNNING', 0, 'u', '')`);
    const insert = direct.prepare('INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)');
    const before = statSync(file).size;
    direct.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run('r', 'loss', i, i, Math.random(), 0);
    })();
    // The commit left everything in the WAL; within a couple of seconds the worker copies it over.
    expect(statSync(file).size).toBe(before);
    const deadline = Date.now() + 5000;
    while (statSync(file).size === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(file).size).toBeGreaterThan(before + 100_000);
    await db.close();
  });
});
