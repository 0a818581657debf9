import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnPoints, launchBrowser, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { WEB_DIR } from '../support/web-build.js';

const LOG = 'mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }';
const RUNS = [
  { name: 'bert-base', model: 'bert', lr: '3e-4', acc: 0.81, status: 'FINISHED' },
  { name: 'gpt2-small', model: 'gpt2', lr: '1e-4', acc: 0.93, status: 'FINISHED' },
  { name: 'gpt2-medium', model: 'gpt2', lr: '5e-5', acc: 0.95, status: 'FAILED' },
  { name: 't5-small', model: 't5', lr: '1e-3', acc: 0.62, status: 'FAILED' },
  { name: 'llama-tiny', model: 'llama', lr: '2e-5', acc: 0.88, status: 'RUNNING' },
  { name: 'mistral-tiny', model: 'mistral', lr: '7e-5', acc: 0.9, status: 'RUNNING' },
] as const;

describe('runs table and compare view', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let experimentId: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ webDir: WEB_DIR }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Reads inside expect.poll must give up quickly for the poll to retry them.
    page.setDefaultTimeout(2000);
    experimentId = (await server.ok<{ getOrCreateExperiment: { id: string } }>('mutation { getOrCreateExperiment(name: "sweep") { id } }')).getOrCreateExperiment.id;
    for (const [i, run] of RUNS.entries()) {
      const { createRun } = await server.ok<{ createRun: { id: string } }>(
        'mutation($e: ID!, $n: String, $t: Long) { createRun(input: { experimentId: $e, runName: $n, startTime: $t, userId: "ana" }) { id } }',
        { e: experimentId, n: run.name, t: Date.now() - (RUNS.length - i) * 60_000 },
      );
      ids.set(run.name, createRun.id);
      // Curves that end at `acc`, one point per step.
      const metrics = Array.from({ length: 100 }, (_, step) => ({ key: 'acc', value: run.acc * (1 - Math.exp(-step / 15)), step }));
      metrics.push({ key: 'acc', value: run.acc, step: 100 });
      const params = [{ key: 'model', value: run.model }, { key: 'lr', value: run.lr }, { key: 'epochs', value: '3' }];
      await server.ok(LOG, { input: { runId: createRun.id, metrics, params } });
      if (run.status !== 'RUNNING') await server.ok('mutation($r: ID!, $s: RunStatus) { updateRun(input: { runId: $r, status: $s }) { status } }', { r: createRun.id, s: run.status });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const rowNames = () => page.getByTestId('run-name').allTextContents();

  it('lists runs newest first, sorts by a metric column either way, and filters', async () => {
    await page.goto(`${server.url}/experiment?id=${experimentId}`);
    await expect.poll(rowNames, { timeout: 10_000 }).toEqual(RUNS.map((r) => r.name).reverse());

    await page.getByTestId('sort-metric.acc').click();
    const byAcc = [...RUNS].sort((a, b) => b.acc - a.acc).map((r) => r.name);
    await expect.poll(rowNames).toEqual(byAcc);
    await page.getByTestId('sort-metric.acc').click();
    await expect.poll(rowNames).toEqual([...byAcc].reverse());

    const filter = async (text: string) => {
      await page.getByTestId('runs-filter').fill(text);
      await page.getByTestId('runs-filter').press('Enter');
    };
    // Still sorted by accuracy, lowest first.
    await filter("attributes.status = 'FAILED'");
    await expect.poll(rowNames).toEqual(['t5-small', 'gpt2-medium']);
    await filter("metrics.acc > 0.9 and params.model = 'gpt2'");
    await expect.poll(rowNames).toEqual(['gpt2-small', 'gpt2-medium']);
    expect(await page.getByTestId('run-total').textContent()).toBe('2 runs match the filter');
    await screenshot(page, 'runs-table-filtered');
    await filter('metrics.acc >> 1');
    await expect.poll(() => page.getByTestId('query-error').textContent()).toMatch(/^unknown comparator ">>" after metrics\.acc at column 13/);
    await filter('');
    await expect.poll(rowNames).toHaveLength(RUNS.length);
  });

  it('shows status changes and new runs as they happen', async () => {
    const llama = page.locator(`[data-run-id="${ids.get('llama-tiny')}"] [data-testid="status-badge"]`);
    await expect.poll(() => llama.textContent()).toBe('running');
    await server.ok('mutation($r: ID!) { updateRun(input: { runId: $r, status: FINISHED }) { status } }', { r: ids.get('llama-tiny') });
    await expect.poll(() => llama.textContent(), { timeout: 5000 }).toBe('finished');

    await server.ok('mutation($e: ID!) { createRun(input: { experimentId: $e, runName: "late-arrival" }) { id } }', { e: experimentId });
    await expect.poll(rowNames, { timeout: 5000 }).toContain('late-arrival');
    expect(await page.getByTestId('run-total').textContent()).toBe(`${RUNS.length + 1} runs`);
  });

  it('overlays the selected runs on one chart, diffs their params and plots a param against the metric', async () => {
    await page.goto(`${server.url}/experiment?id=${experimentId}`);
    for (const name of ['gpt2-small', 'mistral-tiny']) {
      await page.locator(`[data-run-id="${ids.get(name)}"] [data-testid="select-run"]`).check();
    }
    await page.getByTestId('compare-runs').click();
    await page.waitForURL(/\/compare\?runs=/);
    const chart = page.getByTestId('compare-chart');
    await expect.poll(() => chart.getAttribute('data-series'), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => drawnPoints(page, 'compare-chart'), { timeout: 10_000 }).toBe(2 * 101);
    expect(await page.getByTestId('chart-legend').textContent()).toMatch(/mistral-tiny.*gpt2-small|gpt2-small.*mistral-tiny/);
    // Only the params that differ: lr and model, not epochs.
    expect(await page.locator('[data-testid="param-row"] th').allTextContents()).toEqual(['lr', 'model']);
    expect(await drawnPoints(page, 'param-scatter')).toBe(2);

    // Live too: a point logged now extends the running run's curve.
    await server.ok(LOG, { input: { runId: ids.get('mistral-tiny'), metrics: [{ key: 'acc', value: 0.91, step: 101 }] } });
    await expect.poll(() => drawnPoints(page, 'compare-chart'), { timeout: 5000 }).toBe(2 * 101 + 1);
    await screenshot(page, 'compare');
  });
});
