import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { buildDashboard } from '../support/web-build.js';
import { graphqlClient, LOG_BATCH, median, newExperiment, newRun, percentile, type GraphQLClient } from './client.js';
import { startServerProcess } from './server-process.js';
import { fmt, type BenchRow } from './table.js';

const LATENCY_SAMPLES = 50;
const BIG_KEYS = 10;
const BIG_POINTS = 100_000;
const LIVE_KEYS = 20;
const LIVE_HISTORY = 5_000;
const LIVE_HZ = 10;
const LIVE_SECONDS = 10;

/** What PROBE collects in the page. */
interface Probe {
  /** Every change of a chart's data-points attribute: chart test id, count, epoch ms (sub-ms). */
  draws: Array<{ chart: string; points: number; at: number }>;
  longTasks: number[];
}
declare global {
  interface Window {
    probe: Probe;
  }
}

/**
 * Runs in the page before its own scripts: notes when each chart's drawn point count changes (the
 * DOM commit; the frame that paints it follows at once) and every main-thread task over 50 ms.
 * Plain JavaScript in a string: tsx would add helpers to a function that the page does not have.
 */
const PROBE = `
  const probe = { draws: [], longTasks: [] };
  window.probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const last = new Map();
  const scan = () => {
    const at = performance.timeOrigin + performance.now();
    for (const chart of document.querySelectorAll('[data-points]')) {
      const id = chart.dataset.testid || '';
      const points = Number(chart.dataset.points);
      if (last.get(id) !== points) probe.draws.push({ chart: id, points, at });
      last.set(id, points);
    }
  };
  document.addEventListener('DOMContentLoaded', () =>
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points'] }),
  );
`;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const point = (key: string, step: number) => ({ key, value: Math.exp(-step / 20_000) + 0.05 * Math.sin(step / 50), step, timestamp: 1_700_000_000_000 + step * 100 });

/** Logs `count` points of each key in batches of 1000, a few batches in flight at once. */
async function fill(client: GraphQLClient, runId: string, keys: string[], count: number) {
  const batches = keys.flatMap((key) => Array.from({ length: count / 1000 }, (_, b) => ({ key, from: b * 1000 })));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < batches.length) {
      const { key, from } = batches[next++]!;
      await client.post(LOG_BATCH, { input: { runId, metrics: Array.from({ length: 1000 }, (_, i) => point(key, from + i)) } });
      if (++done % 250 === 0) console.error(`  ${fmt(done * 1000)} of ${fmt(batches.length * 1000)} points logged`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function openRun(browser: Browser, url: string, runId: string, height = 900): Promise<Page> {
  // A fresh context each time: nothing cached from an earlier load.
  const page = await (await browser.newContext({ viewport: { width: 1280, height } })).newPage();
  await page.addInitScript({ content: PROBE });
  await page.goto(`${url}/run?id=${runId}`);
  return page;
}

async function logToDrawn(browser: Browser, client: GraphQLClient, url: string, experimentId: string): Promise<BenchRow[]> {
  console.error(`browser: logBatch -> drawn latency, ${LATENCY_SAMPLES} samples...`);
  const runId = await newRun(client, experimentId, 'browser-latency');
  await client.post(LOG_BATCH, { input: { runId, metrics: [point('loss', 0)] } });
  const page = await openRun(browser, url, runId);
  await page.waitForFunction(() => window.probe.draws.some((d) => d.chart === 'chart-loss' && d.points === 1));
  await sleep(1500); // past the page's post-subscribe reconcile, so its refetch is not measured
  const latencies: number[] = [];
  for (let step = 1; step <= LATENCY_SAMPLES; step++) {
    await client.post(LOG_BATCH, { input: { runId, metrics: [point('loss', step)] } });
    const returned = now();
    const drawn = await page.waitForFunction((n) => window.probe.draws.find((d) => d.chart === 'chart-loss' && d.points >= n)?.at, step + 1);
    // The event can beat the HTTP response to its client: that counts as drawn at once.
    latencies.push(Math.max(0, ((await drawn.jsonValue()) as number) - returned));
    await sleep(50 + Math.random() * 50);
  }
  await page.context().close();
  const sorted = latencies.sort((a, b) => a - b);
  const [p50, p99] = [percentile(sorted, 50), percentile(sorted, 99)];
  return [
    { benchmark: `Browser: logBatch returned -> point drawn, p50 of ${LATENCY_SAMPLES}`, result: `${fmt(p50, 1)} ms`, target: '< 100 ms', met: p50 < 100, reference: '' },
    { benchmark: `Browser: logBatch returned -> point drawn, p99 of ${LATENCY_SAMPLES}`, result: `${fmt(p99, 1)} ms`, target: '', met: null, reference: '' },
  ];
}

async function firstChart(browser: Browser, client: GraphQLClient, url: string, experimentId: string): Promise<BenchRow[]> {
  console.error(`browser: run page with ${BIG_KEYS} metrics of ${fmt(BIG_POINTS)} points, seeding...`);
  const runId = await newRun(client, experimentId, 'browser-10x100k');
  const keys = Array.from({ length: BIG_KEYS }, (_, i) => `metric_${i}`);
  await fill(client, runId, keys, BIG_POINTS);
  const first: number[] = [];
  const all: number[] = [];
  for (let load = 0; load < 3; load++) {
    const page = await openRun(browser, url, runId);
    // Charts out of view wait until they are scrolled to, so "all" means all those on screen.
    // (An inline function: tsx would wrap a named one in a helper the page does not have.)
    await page.waitForFunction(
      () => {
        const onScreen = [...document.querySelectorAll<HTMLElement>('[data-points]')].filter((c) => c.getBoundingClientRect().top < innerHeight);
        return onScreen.length > 0 && onScreen.every((c) => Number(c.dataset.points) > 0);
      },
      null,
      { timeout: 30_000 },
    );
    const [firstAt, allAt] = await page.evaluate(() => {
      const drawn = window.probe.draws.filter((d) => d.points > 0).map((d) => d.at - performance.timeOrigin);
      return [Math.min(...drawn), Math.max(...drawn)];
    });
    first.push(firstAt);
    all.push(allAt);
    console.error(`  load ${load + 1}: first chart ${fmt(firstAt)} ms, all on screen ${fmt(allAt)} ms`);
    await page.context().close();
  }
  const [m, a] = [median(first), median(all)];
  return [
    {
      benchmark: `Browser: run page, ${BIG_KEYS} metrics x ${fmt(BIG_POINTS)} points, first chart drawn (median of 3 cold loads)`,
      result: `${fmt(m)} ms (all on screen: ${fmt(a)} ms)`,
      target: '< 1,500 ms',
      met: m < 1500,
      reference: '',
    },
  ];
}

async function liveCurves(browser: Browser, client: GraphQLClient, url: string, experimentId: string): Promise<BenchRow[]> {
  console.error(`browser: ${LIVE_KEYS} live curves at ${LIVE_HZ} Hz for ${LIVE_SECONDS} s, seeding...`);
  const runId = await newRun(client, experimentId, 'browser-live-20');
  const keys = Array.from({ length: LIVE_KEYS }, (_, i) => `curve_${String(i).padStart(2, '0')}`);
  await fill(client, runId, keys, LIVE_HISTORY);
  // A window tall enough for every chart: charts out of view would not redraw, and not be measured.
  const page = await openRun(browser, url, runId, 6000);
  await page.waitForFunction((n) => new Set(window.probe.draws.filter((d) => d.points > 0).map((d) => d.chart)).size === n, LIVE_KEYS, { timeout: 30_000 });
  await sleep(1500);
  const before = await page.evaluate(() => ({ draws: window.probe.draws.length, longTasks: window.probe.longTasks.length }));
  const start = Date.now();
  for (let tick = 0; tick < LIVE_HZ * LIVE_SECONDS; tick++) {
    const step = LIVE_HISTORY + tick;
    await client.post(LOG_BATCH, { input: { runId, metrics: keys.map((key) => point(key, step)) } });
    await sleep(Math.max(0, start + ((tick + 1) * 1000) / LIVE_HZ - Date.now()));
  }
  await sleep(500);
  const { draws, longTasks } = await page.evaluate((b) => ({ draws: window.probe.draws.length - b.draws, longTasks: window.probe.longTasks.slice(b.longTasks) }), before);
  await page.context().close();
  const longest = Math.max(0, ...longTasks);
  const rate = draws / LIVE_KEYS / LIVE_SECONDS;
  console.error(`  ${fmt(draws)} chart updates drawn, ${longTasks.length} long tasks`);
  return [
    {
      benchmark: `Browser: ${LIVE_KEYS} live curves (${fmt(LIVE_HISTORY)}-point history) at ${LIVE_HZ} Hz for ${LIVE_SECONDS} s, longest main-thread task`,
      // The Long Tasks API only reports tasks over 50 ms; the redraw rate says how much got drawn.
      result: `${longTasks.length === 0 ? 'none over 50 ms' : `${fmt(longest)} ms (${longTasks.length} tasks over 50 ms)`}, ${fmt(rate, 1)} redraws/s per chart`,
      target: '< 50 ms',
      met: longest < 50,
      reference: '',
    },
  ];
}

/**
 * The dashboard measured in Debian's Chromium against the real server (own process, embedded
 * SQLite default), which serves the dashboard built as `npm start` builds it.
 */
export async function benchBrowser(): Promise<BenchRow[]> {
  console.error('browser: building the dashboard (cached by turbo when unchanged)...');
  buildDashboard();
  const server = await startServerProcess(0);
  const client = graphqlClient(server.url, 4);
  const browser = await launchBrowser();
  try {
    const experimentId = await newExperiment(client, 'browser-bench');
    return [
      ...(await logToDrawn(browser, client, server.url, experimentId)),
      ...(await firstChart(browser, client, server.url, experimentId)),
      ...(await liveCurves(browser, client, server.url, experimentId)),
    ];
  } finally {
    await browser.close();
    await client.close();
    await server.stop();
  }
}
