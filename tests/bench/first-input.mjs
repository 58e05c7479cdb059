// The first input from a cold start: the pre-rendered page has loaded and the
// reader ticks a filter; how long until the filtered view is drawn, on
// loopback and under network emulation like Lighthouse's "Slow 4G" (150 ms
// round trip, 1.6 Mbps down, 750 kbps up). Prints medians; a benchmark, not a test.
// Usage (from tests/): node bench/first-input.mjs --root ../target/site [--runs 5]
import { chromium } from 'playwright-core';
import { serve } from '../../www/dev/server.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const root = option('root', '../target/site');
const runs = Number(option('runs', process.env.RUNS ?? 5));
const CONDITIONS = {
  loopback: null,
  'Slow 4G': { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
};

const server = await serve({ root, port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** One cold load: milliseconds from the click on a filter to its view drawn, and to the page's first items. */
async function once(network) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  const firstItem = await page.evaluate(() => performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')?.startTime ?? null);
  const box = page.locator('#facets input[data-facet="area"][value="space"]');
  const start = await page.evaluate(() => performance.now());
  await box.click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('area') === 'space' && !document.querySelector('[aria-busy="true"]'), null, { polling: 'raf', timeout: 60_000 });
  const answered = (await page.evaluate(() => performance.now())) - start;
  await context.close();
  return { answered, firstItem };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`first input (tick "Space") from a cold start, median of ${runs} runs`);
console.log('| network | first contentful paint, ms | first filter answered, ms |');
console.log('|---|---:|---:|');
for (const [name, network] of Object.entries(CONDITIONS)) {
  const results = [];
  for (let run = 0; run < runs; run += 1) results.push(await once(network));
  console.log(`| ${name} | ${median(results.map((r) => r.firstItem)).toFixed(0)} | ${median(results.map((r) => r.answered)).toFixed(0)} |`);
}
await browser.close();
server.close();
