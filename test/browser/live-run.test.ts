import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnPoints, launchBrowser, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { WEB_DIR } from '../support/web-build.js';

const LOG = 'mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }';
const loss = (step: number) => ({ key: 'loss', value: 2 / (1 + step / 10), step, timestamp: 1_700_000_000_000 + step * 1000 });

describe('run page, live', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'contrail-browser-'));
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let experimentId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ dataDir, webDir: WEB_DIR }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Reads inside expect.poll must give up quickly for the poll to retry them.
    page.setDefaultTimeout(2000);
    experimentId = (await server.ok<{ getOrCreateExperiment: { id: string } }>('mutation { getOrCreateExperiment(name: "live") { id } }')).getOrCreateExperiment.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const createRun = async (runName: string) =>
    (await server.ok<{ createRun: { id: string } }>('mutation($e: ID!, $n: String) { createRun(input: { experimentId: $e, runName: $n }) { id } }', { e: experimentId, n: runName })).createRun.id;

  /** Opens the run page and marks the document, so that a reload would show. */
  const openRun = async (runId: string) => {
    await page.goto(`${server.url}/run?id=${runId}`);
    await page.getByRole('heading', { name: 'Charts' }).waitFor();
    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
  };
  const notReloaded = () => page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);

  it('draws points logged while the page is open, growing to all 50 without a reload', async () => {
    const runId = await createRun('live-50');
    await server.ok(LOG, { input: { runId, metrics: [loss(0)] } });
    await openRun(runId);
    await expect.poll(() => drawnPoints(page, 'chart-loss'), { timeout: 10_000 }).toBe(1);

    const seen = new Set<number>();
    for (let step = 1; step < 50; step++) {
      await server.ok(LOG, { input: { runId, metrics: [loss(step)] } });
      if (step % 5 === 0) seen.add(await drawnPoints(page, 'chart-loss'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect.poll(() => drawnPoints(page, 'chart-loss'), { timeout: 10_000 }).toBe(50);
    // The chart grew while points were logged, not only at the end.
    expect([...seen].filter((n) => n > 1 && n < 50).length).toBeGreaterThan(1);
    expect(await notReloaded()).toBe(true);
    await expect.poll(() => page.textContent('[data-testid="metrics-summary"]')).toMatch(/loss\s*0\.339\s*49/);
    await screenshot(page, 'run-page-live');
  });

  it('rides out a server restart mid-stream and ends with every point', async () => {
    const runId = await createRun('restart');
    await server.ok(LOG, { input: { runId, metrics: Array.from({ length: 20 }, (_, step) => loss(step)) } });
    await openRun(runId);
    await expect.poll(() => drawnPoints(page, 'chart-loss'), { timeout: 10_000 }).toBe(20);

    const port = server.port;
    await server.app.stop();
    const banner = page.getByTestId('connection-banner');
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toBe(`Cannot reach the server at ${server.url}, retrying…`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    server = await startTestServer({ dataDir, port, webDir: WEB_DIR });

    // Logged right away, one point at a time: some land before the page has reconnected (it must
    // backfill those) and some after (they stream in).
    for (let step = 20; step < 50; step++) {
      await server.ok(LOG, { input: { runId, metrics: [loss(step)] } });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await expect.poll(() => drawnPoints(page, 'chart-loss'), { timeout: 15_000 }).toBe(50);
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
    expect(await notReloaded()).toBe(true);
    await screenshot(page, 'run-page-after-restart');
  });

  it('offers wall time, log scale and smoothing for every chart, and lists child runs as they start', async () => {
    const runId = await createRun('controls');
    const metrics = Array.from({ length: 200 }, (_, step) => [loss(step), { ...loss(step), key: 'accuracy', value: 1 - 1 / (2 + step / 20) }]).flat();
    await server.ok(LOG, { input: { runId, metrics } });
    await openRun(runId);
    await expect.poll(() => drawnPoints(page, 'chart-accuracy'), { timeout: 10_000 }).toBe(200);
    await page.getByTestId('x-axis').selectOption('wall');
    await page.getByTestId('y-scale').selectOption('log');
    await page.getByTestId('smoothing').fill('0.8');
    await expect.poll(() => page.locator('[data-testid="chart-loss"] text').allTextContents()).toContain('wall time');
    // The smoothed curve is drawn over a faint copy of the raw one.
    expect(await page.locator('[data-testid="chart-loss"] path[style*="stroke-opacity: 0.3"]').count()).toBe(1);
    expect(await drawnPoints(page, 'chart-loss')).toBe(200);
    await screenshot(page, 'run-page-controls');

    // A nested run started now is listed under its parent, and links to it.
    await server.ok('mutation($e: ID!, $p: ID) { createRun(input: { experimentId: $e, runName: "fold-1", parentRunId: $p }) { id } }', { e: experimentId, p: runId });
    await expect.poll(() => page.getByTestId('child-runs').textContent(), { timeout: 5000 }).toMatch(/running\s*fold-1/);
    await page.getByRole('link', { name: 'fold-1' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'parent run' }).getAttribute('href')).toBe(`/run?id=${runId}`);
  });
});
