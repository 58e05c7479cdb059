// End-to-end: the size budget, gzipped as the server sends it. Three figures
// a reader waits for or pays for, each within its budget; the test prints the
// breakdown either way:
// - what the first view waits for: the pre-rendered page and its styles;
// - what a reader who never touches the explorer transfers;
// - everything the first filter needs: the engine and the dataset too.
// Beside each gzip figure it prints the Brotli one (quality 11, computed here
// from the same bytes): what a host that serves `make dist`'s .br files sends.
// The budgets stay on gzip, which every host can send.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { brotliCompressSync, constants } from 'node:zlib';
import { openPage, start } from './support.mjs';

// Budgets in KB, just above what was measured on 1 December 2026: 31.2, 39.2
// and 224.7 (see the README's "Size"); raising one is a decision to record there.
// The issue that asked for this page set 40 KB for the first two.
// firstFilter rose from 226 KB on 1 December: about 6 KB of engine for the
// loader that reads a dataset in chunks without a tree of it (110 MB of wasm
// memory for 100k items instead of 452), and 1.7 KB for the vertical
// timeline and the header count bars. Set again to what the merge measures.
// The timeline's keyboard model, legible labels and legend added about 4 KB
// of wasm (237.8 KB measured after merging with the above).
// A morph that moves only the nodes out of order, and the list's citations
// drawn only for print, cost 0.4 KB (238.2 measured) and take half the
// markup out of every redraw.
// Opening a dataset without its search index, built when the reader turns to
// the search field (prepareSearch), cost 0.6 KB (239.5 measured) and takes
// 40% off opening the dataset in the page (80 to 46 ms, first open).
// The smaller dataset and index in memory of #13 (texts of an item in one
// allocation, compact postings and facet values in two bytes while they fit)
// cost 5.1 KB of wasm (244.6 measured) for a third less memory at 100k items
// (99.4 to 67.9 MB): a phone refuses a large wasm memory before a desktop does.
// Answering an input before drawing the filters' counts and writing its
// history entry (engine.js, page.js) cost 0.5 KB (245.3 measured) for a
// first filter on the real items about 9 ms quicker (38 to 30 ms).
const BUDGET_KB = { firstView: 32, untouched: 40, firstFilter: 246 };

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

function category(type) {
  if (/javascript|wasm/.test(type)) return 'code';
  if (type.includes('css')) return 'styles';
  if (type.includes('json')) return 'data';
  if (type.includes('html')) return 'html';
  return 'other';
}

async function describe(responses) {
  const files = [];
  for (const response of responses) {
    const headers = await response.allHeaders();
    const { responseBodySize } = await response.request().sizes();
    files.push({
      path: new URL(response.url()).pathname,
      category: category(headers['content-type'] ?? ''),
      gzipped: headers['content-encoding'] === 'gzip',
      blocking: response.request().resourceType() === 'document'
        || (response.request().resourceType() === 'stylesheet' && !response.url().endsWith('print.css')),
      bytes: responseBodySize,
      brotli: await brotliSize(response),
    });
  }
  return files;
}

/** The response's body compressed with Brotli at quality 11, in bytes (printed only). */
async function brotliSize(response) {
  const body = await response.body().catch(() => null);
  if (!body) return 0;
  return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length;
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const sum = (files, key = 'bytes') => files.reduce((total, file) => total + file[key], 0);

function print(title, files, budget) {
  console.log(`${title}: ${kb(sum(files))} KB gzip (budget ${budget} KB), ${kb(sum(files, 'brotli'))} KB Brotli`);
  for (const file of [...files].sort((a, b) => b.bytes - a.bytes)) {
    console.log(`  ${kb(file.bytes).padStart(7)} KB gzip  ${kb(file.brotli).padStart(7)} KB Brotli  ${file.path}`);
  }
}

test('the first view, an untouched page and the first filter stay within their budgets', async () => {
  const { page, context, problems } = await openPage(env);
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(`${env.origin}/`);
  await page.waitForSelector('html[data-state="ready"]');
  await page.waitForLoadState('networkidle');
  const untouched = await describe(responses);
  const firstView = untouched.filter((file) => file.blocking);

  await page.locator('#facets input[data-facet="area"][value="space"]').check();
  await page.waitForURL(/area=space/);
  await page.waitForLoadState('networkidle');
  const firstFilter = await describe(responses);

  print('what the first view waits for', firstView, BUDGET_KB.firstView);
  print('what an untouched page transfers', untouched, BUDGET_KB.untouched);
  print('everything the first filter needs', firstFilter, BUDGET_KB.firstFilter);

  // The budgets only mean something if every file really came, compressed, from the server.
  assert.ok(firstView.some((file) => file.category === 'html') && firstView.some((file) => file.category === 'styles'));
  assert.ok(!untouched.some((file) => file.path.endsWith('.wasm') || file.category === 'data'), 'an untouched page loads no engine and no data');
  assert.ok(firstFilter.some((file) => file.path.endsWith('.wasm')), 'the wasm module was not transferred');
  assert.ok(firstFilter.some((file) => file.category === 'data'), 'the dataset was not transferred');
  for (const file of firstFilter) assert.ok(file.gzipped || file.category === 'other', `${file.path} was not compressed`);
  for (const [name, files] of Object.entries({ firstView, untouched, firstFilter })) {
    assert.ok(sum(files) <= BUDGET_KB[name] * 1024, `${name}: ${kb(sum(files))} KB, over the budget of ${BUDGET_KB[name]} KB`);
  }
  assert.deepEqual(await problems(), []);
  await context.close();
});
