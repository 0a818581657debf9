import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { WEB_DIR } from '../support/web-build.js';

const MODEL = 'fraud-detector';
const CREATE_VERSION = 'mutation($n: String!, $s: String!) { createModelVersion(input: { name: $n, source: $s }) { version } }';

describe('model registry pages', () => {
  let server: TestServer;
  let browser: Browser;
  /** Two windows on the same model: A makes the changes, B only watches. */
  let a: Page;
  let b: Page;
  const runIds: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ webDir: WEB_DIR }), launchBrowser()]);
    // Separate contexts, as two browser windows of two people would be.
    [a, b] = await Promise.all([browser.newPage({ viewport: { width: 1280, height: 900 } }), browser.newPage({ viewport: { width: 1280, height: 900 } })]);
    // Reads inside expect.poll must give up quickly for the poll to retry them.
    a.setDefaultTimeout(2000);
    b.setDefaultTimeout(2000);
    const experimentId = (await server.ok<{ getOrCreateExperiment: { id: string } }>('mutation { getOrCreateExperiment(name: "fraud") { id } }')).getOrCreateExperiment.id;
    await server.ok('mutation($n: String!) { createRegisteredModel(input: { name: $n, description: "Card fraud scores" }) { id } }', { n: MODEL });
    for (const runName of ['xgb-baseline', 'xgb-tuned']) {
      const { createRun } = await server.ok<{ createRun: { id: string } }>('mutation($e: ID!, $n: String) { createRun(input: { experimentId: $e, runName: $n }) { id } }', { e: experimentId, n: runName });
      runIds.push(createRun.id);
      await server.ok(CREATE_VERSION, { n: MODEL, s: `runs:/${createRun.id}/model` });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** Opens the model page and marks the document, so that a reload would show. */
  const openModel = async (page: Page) => {
    await page.goto(`${server.url}/model?name=${encodeURIComponent(MODEL)}`);
    await page.getByTestId('versions-table').waitFor({ timeout: 10_000 });
    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
  };
  const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);
  const badgesOf = (page: Page, version: number) => page.locator(`[data-testid="version-row"][data-version="${version}"] [data-testid="alias-badge"]`).allTextContents();
  const aliasRows = (page: Page) => page.locator('[data-testid="alias-row"]').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-alias')} ${row.querySelector('[data-testid="alias-target"]')?.textContent}`));
  const history = (page: Page) =>
    page.locator('[data-testid="alias-event"]').evaluateAll((items) =>
      items.map((li) =>
        ['alias-badge', 'alias-event-action', 'alias-event-change', 'alias-event-actor'].map((id) => li.querySelector(`[data-testid="${id}"]`)?.textContent).join(' '),
      ),
    );
  const assign = async (page: Page, alias: string, version: number) => {
    await page.getByTestId('alias-name').fill(alias);
    await page.getByTestId('alias-version').selectOption(String(version));
    await page.getByTestId('assign-alias').click();
  };

  it('lists the versions with their source runs', async () => {
    await Promise.all([openModel(a), openModel(b)]);
    expect(await a.locator('[data-testid="version-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version')))).toEqual(['2', '1']);
    expect(await a.getByTestId('source-run').allTextContents()).toEqual(['xgb-tuned', 'xgb-baseline']);
    expect(await a.getByTestId('source-run').first().getAttribute('href')).toBe(`/run?id=${runIds[1]}`);
    expect(await a.getByTestId('aliases-empty').textContent()).toMatch(/No aliases yet/);
    expect(await a.getByTestId('promote-challenger').isDisabled()).toBe(true);
  });

  it('refuses reserved and malformed alias names with the server’s reason', async () => {
    await assign(a, 'latest', 1);
    await expect.poll(() => a.getByTestId('alias-error').textContent()).toBe('alias "latest" is reserved');
    await assign(a, 'v2', 1);
    await expect.poll(() => a.getByTestId('alias-error').textContent()).toBe('alias "v2" is reserved: v<number> names a version');
    await assign(a, 'no spaces', 1);
    await expect.poll(() => a.getByTestId('alias-error').textContent()).toMatch(/may only contain letters, digits, underscores and dashes/);
    await screenshot(a, 'registry-alias-error');
  });

  it('sets champion and challenger in one window and the other sees them live', async () => {
    await assign(a, 'champion', 1);
    await expect.poll(() => badgesOf(b, 1), { timeout: 5000 }).toEqual(['champion']);
    await expect.poll(() => a.getByTestId('alias-error').count()).toBe(0);
    await assign(a, 'challenger', 2);
    await expect.poll(() => badgesOf(b, 2), { timeout: 5000 }).toEqual(['challenger']);
    for (const page of [a, b]) {
      await expect.poll(() => aliasRows(page)).toEqual(['challenger v2', 'champion v1']);
      await expect.poll(() => page.getByTestId('promote-challenger').isDisabled()).toBe(false);
    }
  });

  it('promotes challenger to champion after confirmation, clearing challenger, in both windows and the API', async () => {
    await a.getByTestId('promote-challenger').click();
    const dialog = a.getByTestId('promote-dialog');
    await dialog.waitFor();
    await a.getByTestId('promote-clear-challenger').uncheck();
    expect(await a.getByTestId('promote-plan').innerText()).toBe('champion moves from version 1 to version 2.\nchallenger stays on version 2.');
    await a.getByTestId('promote-clear-challenger').check();
    expect(await a.getByTestId('promote-plan').innerText()).toBe('champion moves from version 1 to version 2.\nchallenger is removed.');
    await screenshot(a, 'registry-promote-dialog');
    await a.getByTestId('promote-confirm').click();
    await dialog.waitFor({ state: 'detached', timeout: 5000 });
    expect(await a.getByTestId('promote-status').textContent()).toMatch(/Version 2 is now champion; challenger removed\./);

    for (const page of [a, b]) {
      await expect.poll(() => badgesOf(page, 2), { timeout: 5000 }).toEqual(['champion']);
      await expect.poll(() => badgesOf(page, 1)).toEqual([]);
      await expect.poll(() => aliasRows(page)).toEqual(['champion v2']);
      await expect.poll(() => history(page), { timeout: 5000 }).toEqual([
        'challenger removed v2 → — by dashboard',
        'champion moved v1 → v2 by dashboard',
        'challenger set — → v2 by dashboard',
        'champion set — → v1 by dashboard',
      ]);
      await expect.poll(() => page.getByTestId('promote-challenger').isDisabled()).toBe(true);
      expect(await notReloaded(page)).toBe(true);
    }
    await screenshot(a, 'registry-model-window-a');
    await screenshot(b, 'registry-model-window-b');

    const api = await server.ok<{
      champion: { version: number; runId: string };
      registeredModel: { aliases: Array<{ alias: string; version: number }>; aliasHistory: { nodes: Array<{ alias: string; action: string; previousVersion: number | null; newVersion: number | null; actor: string }> } };
    }>(
      `query($n: String!) {
        champion: modelVersionByAlias(name: $n, alias: "champion") { version runId }
        registeredModel(name: $n) { aliases { alias version } aliasHistory { nodes { alias action previousVersion newVersion actor } } }
      }`,
      { n: MODEL },
    );
    expect(api.champion).toEqual({ version: 2, runId: runIds[1] });
    expect(api.registeredModel.aliases).toEqual([{ alias: 'champion', version: 2 }]);
    expect(api.registeredModel.aliasHistory.nodes).toEqual([
      { alias: 'challenger', action: 'DELETED', previousVersion: 2, newVersion: null, actor: 'dashboard' },
      { alias: 'champion', action: 'MOVED', previousVersion: 1, newVersion: 2, actor: 'dashboard' },
      { alias: 'challenger', action: 'SET', previousVersion: null, newVersion: 2, actor: 'dashboard' },
      { alias: 'champion', action: 'SET', previousVersion: null, newVersion: 1, actor: 'dashboard' },
    ]);
    const challenger = await server.gql('query($n: String!) { modelVersionByAlias(name: $n, alias: "challenger") { version } }', { n: MODEL });
    expect(challenger.errors?.[0]?.message).toMatch(/has no alias "challenger"/);
  });

  it('removes an alias, and shows versions registered elsewhere without a reload', async () => {
    await assign(a, 'shadow', 1);
    await expect.poll(() => aliasRows(b), { timeout: 5000 }).toEqual(['champion v2', 'shadow v1']);
    await a.locator('[data-testid="alias-row"][data-alias="shadow"]').getByTestId('delete-alias').click();
    await expect.poll(() => aliasRows(b), { timeout: 5000 }).toEqual(['champion v2']);
    await expect.poll(() => history(b)).toContain('shadow removed v1 → — by dashboard');

    await server.ok(CREATE_VERSION, { n: MODEL, s: `runs:/${runIds[0]}/retrained` });
    for (const page of [a, b]) {
      await expect.poll(() => page.locator('[data-testid="version-row"]').count(), { timeout: 5000 }).toBe(3);
      await expect.poll(() => page.getByTestId('version-count').textContent()).toBe('3');
      expect(await notReloaded(page)).toBe(true);
    }
  });

  it('lists models with their latest version and aliases, searchable and live', async () => {
    await server.ok('mutation { createRegisteredModel(input: { name: "churn-model" }) { id } }');
    await b.getByRole('navigation').getByRole('link', { name: 'Models', exact: true }).click();
    await b.getByTestId('models-table').waitFor({ timeout: 10_000 });
    const names = () => b.getByTestId('model-name').allTextContents();
    const row = b.locator(`[data-testid="model-row"][data-model="${MODEL}"]`);
    expect(await names()).toEqual(['churn-model', MODEL]);
    expect(await row.getByTestId('latest-version').textContent()).toBe('v3 of 3');
    expect(await row.getByTestId('alias-badge').allTextContents()).toEqual(['champion v2']);

    // Changes made elsewhere arrive without a reload.
    await server.ok(CREATE_VERSION, { n: MODEL, s: `runs:/${runIds[1]}/model` });
    await server.ok('mutation($n: String!) { setRegisteredModelAlias(name: $n, alias: "challenger", version: 4, actor: "ci") { id } }', { n: MODEL });
    await expect.poll(() => row.getByTestId('latest-version').textContent(), { timeout: 5000 }).toBe('v4 of 4');
    await expect.poll(() => row.getByTestId('alias-badge').allTextContents(), { timeout: 5000 }).toEqual(['challenger v4', 'champion v2']);
    await screenshot(b, 'registry-models');

    await b.getByTestId('models-search').fill('FRAUD');
    await b.getByTestId('models-search').press('Enter');
    await expect.poll(names).toEqual([MODEL]);
    await b.getByTestId('models-search').fill("o'brien");
    await b.getByTestId('models-search').press('Enter');
    await expect.poll(() => b.getByTestId('models-empty').textContent()).toBe('No model name contains “o\'brien”.');

    await b.getByTestId('models-search').fill('fraud');
    await b.getByTestId('models-search').press('Enter');
    await b.getByTestId('model-name').click();
    await b.getByTestId('model-title').waitFor();
    expect(await b.getByTestId('model-title').textContent()).toBe(MODEL);
  });

  it('keeps challenger when the user says so', async () => {
    // The list test left champion on v2 and challenger on v4 (set by "ci" through the API); window A saw it live.
    await expect.poll(() => aliasRows(a), { timeout: 5000 }).toEqual(['challenger v4', 'champion v2']);
    await a.getByTestId('actor').fill('ana');
    await a.getByTestId('promote-challenger').click();
    await a.getByTestId('promote-clear-challenger').uncheck();
    await a.getByTestId('promote-confirm').click();
    await a.getByTestId('promote-dialog').waitFor({ state: 'detached', timeout: 5000 });
    await expect.poll(() => badgesOf(a, 4), { timeout: 5000 }).toEqual(['challenger', 'champion']);
    await expect.poll(() => history(a)).toEqual(expect.arrayContaining(['champion moved v2 → v4 by ana', 'challenger set — → v4 by ci']));
    expect((await history(a))[0]).toBe('champion moved v2 → v4 by ana');
    const { registeredModel } = await server.ok<{ registeredModel: { aliases: unknown[] } }>('query($n: String!) { registeredModel(name: $n) { aliases { alias version } } }', { n: MODEL });
    expect(registeredModel.aliases).toEqual([{ alias: 'challenger', version: 4 }, { alias: 'champion', version: 4 }]);
    await screenshot(a, 'registry-model-kept-challenger');
  });
});
