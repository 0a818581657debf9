import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { WEB_DIR } from '../support/web-build.js';

const RUNS = 10_000;

describe('runs table with 10,000 runs', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let experimentId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ webDir: WEB_DIR }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(2000);
    experimentId = (await server.ok<{ getOrCreateExperiment: { id: string } }>('mutation { getOrCreateExperiment(name: "big sweep") { id } }')).getOrCreateExperiment.id;
    // 100 runs per request (aliased mutations), oldest first.
    for (let from = 0; from < RUNS; from += 100) {
      const runs = Array.from({ length: 100 }, (_, i) => {
        const n = from + i;
        return `r${i}: createRun(input: { experimentId: $e, runName: "run-${String(n).padStart(5, '0')}", startTime: ${1_700_000_000_000 + n * 1000} }) { id }`;
      });
      await server.ok(`mutation($e: ID!) { ${runs.join(' ')} }`, { e: experimentId });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const firstName = () => page.getByTestId('run-name').first().textContent();

  it('shows one page of 100 at a time and pages through in the chosen order', async () => {
    await page.goto(`${server.url}/experiment?id=${experimentId}`);
    await expect.poll(() => page.getByTestId('pager').textContent(), { timeout: 10_000 }).toMatch(/1–100 of 10,000/);
    expect(await page.getByTestId('run-row').count()).toBe(100);
    expect(await firstName()).toBe('run-09999');

    await page.getByTestId('next-page').click();
    await expect.poll(() => page.getByTestId('pager').textContent()).toMatch(/101–200 of 10,000/);
    await expect.poll(firstName).toBe('run-09899');

    // A new order starts from its first page again.
    await page.getByTestId('sort-attribute.name').click();
    await expect.poll(firstName).toBe('run-00000');
    await expect.poll(() => page.getByTestId('pager').textContent()).toMatch(/1–100 of 10,000/);
    await page.getByTestId('next-page').click();
    await expect.poll(firstName).toBe('run-00100');
    await page.getByTestId('previous-page').click();
    await expect.poll(firstName).toBe('run-00000');
    expect(await page.getByTestId('run-row').count()).toBe(100);
  });
});
