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

/**
 * Installed before any page script: notes when the first click lands and
 * when the frame after the status line next changes is drawn, which is when
 * the filtered view shows.
 */
function watch() {
  window.__firstInput = {};
  document.addEventListener('click', () => { window.__firstInput.click ??= performance.now(); }, true);
  new MutationObserver(() => {
    if (window.__firstInput.click === undefined || window.__firstInput.drawn !== undefined) return;
    requestAnimationFrame(() => setTimeout(() => { window.__firstInput.drawn ??= performance.now(); }, 0));
  }).observe(document.getElementById('status') ?? document, { childList: true, characterData: true, subtree: true });
}

/** One cold load: milliseconds from the click on a filter to its view drawn, and to the page's first paint. */
async function once(network) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(watch);
  const cdp = await context.newCDPSession(page);
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  const firstItem = await page.evaluate(() => performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')?.startTime ?? null);
  await page.waitForLoadState('networkidle');
  await page.locator('#facets input[data-facet="area"][value="space"]').click();
  await page.waitForFunction(() => window.__firstInput.drawn !== undefined && new URLSearchParams(location.search).get('area') === 'space', null, { timeout: 60_000 });
  const answered = await page.evaluate(() => window.__firstInput.drawn - window.__firstInput.click);
  await context.close();
  return { answered, firstItem };
}

const median = (values) => {
  const known = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return known.length ? known[Math.floor(known.length / 2)].toFixed(0) : '—';
};
console.log(`first input (tick "Space") from a cold start, median of ${runs} runs`);
console.log('| network | first contentful paint, ms | first filter answered, ms |');
console.log('|---|---:|---:|');
for (const [name, network] of Object.entries(CONDITIONS)) {
  const results = [];
  for (let run = 0; run < runs; run += 1) results.push(await once(network));
  console.log(`| ${name} | ${median(results.map((r) => r.firstItem))} | ${median(results.map((r) => r.answered))} |`);
}
await browser.close();
server.close();
