// Runs the browser benchmark (bench.html) in headless Chromium and prints
// our figures next to MiniSearch's, with ratios. Usage:
//   node tests/bench/run.mjs --root target/bench-site [--sizes 1000,10000,100000] [--out FILE] [--load-only]
// --load-only times and measures loading alone (no MiniSearch, no queries).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../www/dev/server.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const root = option('root', 'target/bench-site');
const sizes = option('sizes', '1000,10000,100000');
const out = option('out', 'tests/bench/results/browser.json');
const loadOnly = process.argv.includes('--load-only');

const server = await serve({ root, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/bench.html?sizes=${sizes}${loadOnly ? '&load-only' : ''}`);
  await page.waitForFunction(() => window.benchResults || window.benchError, null, { timeout: 15 * 60 * 1000, polling: 500 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error(error);
  const results = await page.evaluate(() => window.benchResults);
  const version = browser.version();

  const ms = (value) => (value == null ? '—' : value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(2)} ms`);
  const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : '—');
  console.log(`iCET Explorer browser benchmark: headless Chromium ${version}; medians; MiniSearch 7.2.0 as the baseline\n`);
  for (const r of results) {
    console.log(loadOnly
      ? `${r.size} items (${mb(r.jsonBytes)} of JSON): load + index build (with the search index): ours ${ms(r.oursBuild)}`
      : `${r.size} items (${mb(r.jsonBytes)} of JSON): load + index build (with the search index): ours ${ms(r.oursBuild)}, MiniSearch index ${ms(r.miniBuild)} (ratio ${(r.oursBuild / r.miniBuild).toFixed(2)}x, ours also validates the JSON)`);
    console.log(`  as the page opens it (Explorer.open of the bytes, fresh instance): ${ms(r.openTime)}, ${mb(r.openMemory)} wasm linear memory at its peak`);
    console.log(`    then its search index (prepareSearch, when the reader turns to search): ${ms(r.searchTime)} more, in slices of ${r.searchSlice} items of at most ${ms(r.longestSlice)}, ${mb(r.searchMemory)} at the peak`);
    console.log(`  loading alone (no index, another fresh instance): ${ms(r.loadTime)}, ${mb(r.loadMemory)} wasm linear memory at its peak`);
    console.log(`  memory: ours ${mb(r.wasmMemory)} wasm linear memory at its peak while loading (${mb(r.wasmBefore)} before; ${mb(r.wasmAfterQueries)} after the queries; +${mb(r.oursHeap)} JS heap), MiniSearch ${mb(r.miniHeap)} JS heap`);
    console.log(`  ${'group'.padEnd(8)} ${'query'.padEnd(44)} ${'results'.padStart(9)} ${'ours'.padStart(9)} ${'MiniSearch'.padStart(11)} ${'ratio'.padStart(7)} ${'+50 rows'.padStart(9)}`);
    for (const q of r.queries) {
      const ratio = q.mini == null ? '—' : `${(q.ours / q.mini).toFixed(2)}x`;
      const counts = q.miniTotal == null || q.miniTotal === q.oursTotal ? `${q.oursTotal}` : `${q.oursTotal}/${q.miniTotal}`;
      console.log(`  ${q.group.padEnd(8)} ${q.query.padEnd(44)} ${counts.padStart(9)} ${ms(q.ours).padStart(9)} ${ms(q.mini).padStart(11)} ${ratio.padStart(7)} ${ms(q.oursRows).padStart(9)}`);
    }
    console.log('');
  }
  console.log('"ours": the whole ranking (as positions), every facet count and the total, like MiniSearch\'s results plus the counts;');
  console.log('"+50 rows": the same with the first 50 rows of a list (id, title, highlights, dates, areas) as JS objects. Results a/b: ours/MiniSearch.');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify({ date: new Date().toISOString(), chromium: version, results }, null, 2));
  console.log(`Written to ${out}.`);
} finally {
  await browser.close();
  server.close();
}
