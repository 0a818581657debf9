import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { WEB_DIR } from '../support/web-build.js';

describe('experiments page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ webDir: WEB_DIR }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    page.setDefaultTimeout(2000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const names = () => page.locator('[data-testid="experiment-row"] td:first-child a').allTextContents();
  const row = (name: string) => page.locator('[data-testid="experiment-row"]', { has: page.getByRole('link', { name, exact: true }) });

  it('creates, renames, deletes and restores experiments', async () => {
    await page.goto(server.url);
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Default']);
    await page.getByTestId('new-experiment-name').fill('vision');
    await page.getByTestId('create-experiment').click();
    await expect.poll(names).toEqual(['vision', 'Default']);

    await row('vision').getByTestId('rename-experiment').click();
    await page.getByTestId('rename-input').fill('vision-v2');
    await page.getByTestId('rename-save').click();
    await expect.poll(names).toEqual(['vision-v2', 'Default']);

    await row('vision-v2').getByTestId('delete-experiment').click();
    await expect.poll(names).toEqual(['Default']);
    await page.getByTestId('show-deleted').check();
    await expect.poll(names).toEqual(['vision-v2', 'Default']);
    await row('vision-v2').getByTestId('restore-experiment').click();
    await page.getByTestId('show-deleted').uncheck();
    await expect.poll(names).toEqual(['vision-v2', 'Default']);
  });

  it('shows experiments and runs created elsewhere without a reload', async () => {
    const { createExperiment } = await server.ok<{ createExperiment: { id: string } }>('mutation { createExperiment(input: { name: "from-a-script" }) { id } }');
    await expect.poll(names, { timeout: 5000 }).toEqual(['from-a-script', 'vision-v2', 'Default']);
    for (let i = 0; i < 3; i++) {
      await server.ok('mutation($e: ID!) { createRun(input: { experimentId: $e }) { id } }', { e: createExperiment.id });
    }
    await expect.poll(() => row('from-a-script').getByTestId('run-count').textContent(), { timeout: 5000 }).toBe('3');
    // A name taken is refused with the server's reason.
    await page.getByTestId('new-experiment-name').fill('from-a-script');
    await page.getByTestId('create-experiment').click();
    await expect.poll(() => page.locator('.inline-form .error').textContent()).toMatch(/already exists/);
    await screenshot(page, 'experiments');
  });
});
