// End-to-end: the built explorer in Debian's Chromium.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { accessibilityViolations, openPage, screenshot, SITE_ROOT, start } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const dataset = JSON.parse(await readFile(`${SITE_ROOT}/data/icet.json`, 'utf8'));

/** Counts citation objects ({source, quote}) anywhere in the JSON, independently of the Rust code. */
function countCitations(value) {
  if (Array.isArray(value)) return value.reduce((sum, v) => sum + countCitations(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  const own = typeof value.quote === 'string' && typeof value.source === 'string' ? 1 : 0;
  return Object.values(value).reduce((sum, v) => sum + countCitations(v), own);
}

/** Waits until the page has booted; fails with the page's own message if it did not load. */
async function waitUntilReady(page) {
  // A URL with a state of its own shows as loading until its view is drawn.
  await page.waitForSelector('html[data-state="ready"], html[data-state="error"]');
  const state = await page.getAttribute('html', 'data-state');
  if (state !== 'ready') assert.fail(`the page did not load: ${await page.locator('#load-error').textContent()}`);
}

async function totals(page) {
  const items = await page.locator('.summary-totals li').allTextContents();
  return Object.fromEntries(items.map((text) => {
    const [, count, label] = text.match(/^(\d+) (.+)$/);
    return [label, Number(count)];
  }));
}

for (const width of [1280, 375, 360]) {
  test(`the first view shows the dataset's counts at ${width} px`, async () => {
    const { page, context, problems } = await openPage(env, { width });
    await page.goto(`${env.origin}/`);
    await waitUntilReady(page);
    await page.locator('details.about summary').click();
    assert.deepEqual(await totals(page), {
      events: dataset.events.length,
      commitments: dataset.commitments.length,
      actors: dataset.actors.length,
      'focus areas': dataset.focus_areas.length,
      sources: dataset.sources.length,
      citations: countCitations(dataset),
    });
    const areaRows = await page.locator('table:has(caption:text("By focus area")) tbody tr').count();
    assert.equal(areaRows, dataset.focus_areas.length);
    const statuses = await page.locator('table:has(caption:text("Commitments by current status")) tbody td').allTextContents();
    assert.equal(statuses.reduce((sum, n) => sum + Number(n), 0), dataset.commitments.length);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    assert.deepEqual(await accessibilityViolations(page), []);
    await screenshot(page, `first-view-${width}`);
    assert.deepEqual(await problems(), []);
    await context.close();
  });
}

test('an invalid dataset shows every problem with its place, not a blank page', async () => {
  const { page, context, problems } = await openPage(env);
  const broken = structuredClone(dataset);
  broken.events[0].date.value = '2023-02-30';
  delete broken.actors[0].name;
  await page.route('**/data/icet.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(broken, null, 2) }));
  await page.goto(`${env.origin}/`);
  // The engine and the dataset load when the reader turns to the explorer.
  await page.locator('#search').focus();
  await page.waitForSelector('html[data-state="error"]');
  const alert = page.getByRole('alert');
  assert.match(await alert.locator('.load-error-message').textContent(), /2 problems/);
  const problemTexts = await alert.locator('li').allTextContents();
  assert.equal(problemTexts.length, 2);
  assert.ok(problemTexts.some((t) => /^actors\[0\] \(line \d+, column \d+\): missing field "name"$/.test(t)), problemTexts.join('\n'));
  assert.ok(problemTexts.some((t) => /^events\[0\]\.date\.value \(line \d+, column \d+\): .*not a real day/.test(t)), problemTexts.join('\n'));
  assert.equal(await page.locator('#explorer').isVisible(), false, 'an empty explorer is not shown');
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshot(page, 'invalid-dataset');
  assert.deepEqual(await problems(), []);
  await context.close();
});

test('text that is not JSON is reported with its line and column', async () => {
  const { page, context } = await openPage(env);
  await page.route('**/data/icet.json', (route) => route.fulfill({ contentType: 'application/json', body: '{\n  "version": 1,\n  "title": oops\n}' }));
  await page.goto(`${env.origin}/`);
  await page.locator('#search').focus();
  await page.waitForSelector('html[data-state="error"]');
  assert.deepEqual(await page.locator('.load-error li').allTextContents(), [
    "(document) (line 3, column 12): not valid JSON: expected a JSON value, found 'o'",
  ]);
  await context.close();
});

test('a missing wasm module gives a readable message, and the pre-rendered view stays', async () => {
  const { page, context } = await openPage(env);
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto(`${env.origin}/`);
  const space = page.locator('#facets input[data-facet="area"][value="space"]');
  await space.check();
  await page.waitForSelector('html[data-state="error"]');
  assert.match(await page.locator('.load-error-message').textContent(), /WebAssembly module/);
  assert.ok(await page.locator('#results li.result').count() > 0, 'the items the reader had are still there');
  assert.equal(await space.getAttribute('aria-busy'), null, 'the control no longer waits');
  // An input after the failure (the pointer may have started the load before the first one) waits for nothing.
  const defence = page.locator('#facets input[data-facet="area"][value="defence"]');
  await defence.check();
  assert.equal(await defence.getAttribute('aria-busy'), null, 'a later control does not wait for an engine that failed');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'error');
  await context.close();
});

test('a module that fails to load on first use is reported, and the explorer stays usable', async () => {
  const { page, context } = await openPage(env);
  await page.route('**/components/embed-dialog.js', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto(`${env.origin}/`);
  await waitUntilReady(page);
  const notice = page.getByRole('alert');
  await page.getByRole('button', { name: 'Embed this view' }).click();
  await notice.filter({ hasText: /^Could not load the embed dialog: / }).waitFor();
  // The next render rewrites the status line, but the notice stays.
  await page.getByRole('searchbox', { name: 'Search' }).fill('semiconductor');
  await page.waitForURL(/q=semiconductor/);
  await page.locator('#status').filter({ hasText: /^\d+ results? for “semiconductor”\.$/ }).waitFor();
  assert.match(await notice.textContent(), /^Could not load the embed dialog: /);
  assert.ok(await page.locator('#results li.result').count() > 0, 'the results still show');
  await context.close();

  // In an embed, the height reporting fails before the first render, which must not hide the notice.
  const embed = await openPage(env);
  await embed.page.route('**/embed-frame.js', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await embed.page.goto(`${env.origin}/embed.html?area=space`);
  await waitUntilReady(embed.page);
  await embed.page.getByRole('alert').filter({ hasText: /^Could not load the embed's height reporting: / }).waitFor();
  assert.match(await embed.page.locator('#status').textContent(), /^\d+ results?\.$/);
  await embed.context.close();
});

test('a data parameter naming another origin is refused', async () => {
  const { page, context, problems } = await openPage(env);
  await page.goto(`${env.origin}/?data=https://example.org/evil.json`);
  await page.waitForSelector('html[data-state="error"]');
  assert.match(await page.locator('.load-error-message').textContent(), /must name a file on this site \(http:\/\/127\.0\.0\.1:\d+\), not https:\/\/example\.org\.$/);
  await page.goto(`${env.origin}/?data=javascript:alert(1)`);
  await page.waitForSelector('html[data-state="error"]');
  assert.match(await page.locator('.load-error-message').textContent(), /not a javascript: address\.$/);
  assert.deepEqual(await problems(), []);
  await context.close();
});

test('the server sends the strict Content-Security-Policy', async () => {
  const response = await fetch(`${env.origin}/`);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /require-trusted-types-for 'script'/);
  assert.match(csp, /trusted-types icet-markup(;|$)/);
});

test('with JavaScript off, the first view lists every item with its date and kind', async () => {
  const { page, context } = await openPage(env, { contextOptions: { javaScriptEnabled: false } });
  await page.goto(`${env.origin}/`);
  const items = [...dataset.events, ...dataset.commitments];
  const ids = await page.locator('#results li.result').evaluateAll((rows) => rows.map((row) => row.dataset.id));
  assert.deepEqual(new Set(ids), new Set(items.map((item) => item.id)));
  const titles = await page.locator('#results a.result-link').allTextContents();
  assert.deepEqual(new Set(titles), new Set(items.map((item) => item.title)));
  for (const meta of await page.locator('#results .result-meta').allTextContents()) {
    assert.match(meta, /\d{4}.* · (Commitment|[A-Z][a-z]+)/, meta);
  }
  assert.ok(await page.locator('#timeline > svg a.mark').count() > 0, 'the timeline is drawn too');
  assert.match(await page.locator('#status').textContent(), new RegExp(`^${items.length} results\\.$`));
  await screenshot(page, 'no-javascript-1280');
  await context.close();
});

test('a first input waits visibly for the engine, then is answered, never lost', async () => {
  const { page, context, problems } = await openPage(env);
  let release;
  const held = new Promise((done) => { release = done; });
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${env.origin}/`);
  const space = page.locator('#facets input[data-facet="area"][value="space"]');
  await space.check();
  assert.equal(await space.getAttribute('aria-busy'), 'true', 'the control shows that it waits');
  assert.equal(new URL(page.url()).search, '', 'nothing has happened yet');
  await page.getByRole('searchbox', { name: 'Search' }).fill('launch');
  release();
  await page.waitForURL(/area=space/);
  await page.waitForURL(/q=launch/);
  assert.equal(await space.getAttribute('aria-busy'), null);
  assert.ok(await space.isChecked());
  const total = Number((await page.locator('#status').textContent()).match(/^(\d+)/)[1]);
  assert.equal(await page.locator('#results li.result').count(), total);
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(await problems(), []);
  await context.close();
});

test('the engine loads only when the reader turns to the explorer, and takes over without a change', async () => {
  const { page, context, problems } = await openPage(env);
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`${env.origin}/`);
  await page.waitForLoadState('networkidle');
  assert.ok(!requested.some((path) => path.endsWith('.wasm') || path.endsWith('icet.json')), requested.join('\n'));
  // The list's citations show only in print, and the engine leaves them
  // out until the reader prints: apart from them, not one node changes.
  const markup = () => page.locator('#explorer').evaluate((element) => {
    const copy = element.cloneNode(true);
    for (const citations of copy.querySelectorAll('.print-citations')) citations.remove();
    return copy.outerHTML;
  });
  const before = await markup();
  assert.ok(await page.locator('#results .print-citations').count() > 0, 'the pre-rendered list carries its citations for print');
  await page.locator('#explorer').hover();
  await page.waitForSelector('html[data-engine="ready"]');
  assert.equal(await markup(), before, 'nothing changed on take-over');
  assert.deepEqual(await problems(), []);
  await context.close();
});
