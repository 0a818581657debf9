import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExperiment,
  createModelVersion,
  createRegisteredModel,
  createRun,
  getAliasHistory,
  getRegisteredModel,
  listModelVersions,
  setRegisteredModelAlias,
  noEvents,
  type CoreContext,
} from '@contrail/core';
import { createDb, type Db } from '@contrail/db';
import { openTestDatabase, TEST_PROVIDERS, type TestDatabase } from '../support/databases.js';

/**
 * Registry writes racing each other. On PostgreSQL the clients are separate connection pools, as two
 * server instances would be, so the database's locking is what is tested; on SQLite one process's
 * writes are serialised by write() and the race is between its queued transactions.
 */
describe.each(TEST_PROVIDERS)('registry concurrency on %s', (provider) => {
  let database: TestDatabase;
  let second: Db | null = null;
  let clients: CoreContext[];
  let runId: string;

  beforeAll(async () => {
    database = await openTestDatabase(provider);
    const first: CoreContext = { db: database.db, events: noEvents, artifactRoot: 'file:///tmp/contrail-test-artifacts' };
    if (provider === 'postgresql') second = await createDb(database.url, { migrations: 'skip' });
    clients = [first, { ...first, db: second ?? database.db }];
    const experiment = await createExperiment(first, { name: 'races' });
    runId = (await createRun(first, { experimentId: experiment.id })).id;
  });
  afterAll(async () => {
    await second?.close();
    await database?.dispose();
  });

  const client = (i: number) => clients[i % clients.length]!;

  it('gives concurrent creates distinct, consecutive version numbers', async () => {
    await createRegisteredModel(client(0), { name: 'parallel' });
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => createModelVersion(client(i), { name: 'parallel', runId })));
    const numbers = created.map((v) => v.version).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect((await listModelVersions(client(0), 'parallel')).totalCount).toBe(24);
  });

  it('moves one alias from many clients at once without losing an update', async () => {
    const name = 'contested';
    await createRegisteredModel(client(0), { name });
    for (let i = 0; i < 6; i++) await createModelVersion(client(0), { name, runId });
    await setRegisteredModelAlias(client(0), { name, alias: 'champion', version: 1, actor: 'setup' });
    for (let round = 0; round < 5; round++) {
      const before = (await getAliasHistory(client(0), name, { alias: 'champion' })).items;
      const current = before[0]!.newVersion!;
      // Every other version, each from its own client, all at once.
      const targets = [1, 2, 3, 4, 5, 6].filter((v) => v !== current);
      await Promise.all(targets.map((version, i) => setRegisteredModelAlias(client(i), { name, alias: 'champion', version, actor: `client-${i}` })));

      const history = (await getAliasHistory(client(0), name, { alias: 'champion' })).items;
      const added = history.slice(0, history.length - before.length).reverse();
      // Every move is recorded, once, by its own actor...
      expect(added.map((e) => e.newVersion).sort()).toEqual(targets);
      expect(added.map((e) => e.action)).toEqual(targets.map(() => 'MOVED'));
      expect(new Set(added.map((e) => e.actor)).size).toBe(targets.length);
      // ...as a chain: each move started from where the previous one left the alias (no lost update)...
      expect(added.map((e) => e.previousVersion)).toEqual([current, ...added.slice(0, -1).map((e) => e.newVersion)]);
      // ...and the alias ends where the last recorded move put it.
      const { aliases } = await getRegisteredModel(client(1), name);
      expect(aliases).toEqual([{ alias: 'champion', version: added.at(-1)!.newVersion }]);
    }
  });
});
