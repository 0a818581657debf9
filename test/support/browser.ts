import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots for people to look at; test-results/ is gitignored. */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/**
 * Debian's chromium (installed by .ci/run), never a downloaded one. Playwright gives every launch a
 * fresh temporary profile; the flags keep Chromium off the network, which this machine does not have.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: `${RESULTS_DIR}${name}.png`, fullPage: true });
}

/** How many points the chart with this test id draws right now (its data-points attribute). */
export async function drawnPoints(page: Page, testId: string): Promise<number> {
  const value = await page.getAttribute(`[data-testid="${testId}"]`, 'data-points', { timeout: 1000 }).catch(() => null);
  return value === null ? -1 : Number(value);
}
