// End-to-end: phones and narrow containers. Where the results area is
// narrow (a phone, a narrow embed, 200% zoom) the timeline view is the
// result list drawn down a spine, with year headings and dense months that
// open in place; where it is wide, the SVG. The header counts are bars that
// filter.
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
const itemCount = dataset.events.length + dataset.commitments.length;

// Phone screens: a common Android one and the smallest iPhone still sold.
const PHONES = [{ width: 360, height: 740 }, { width: 375, height: 667 }];
const WIDE = [{ width: 768, height: 1024 }, { width: 1280, height: 900 }];

async function waitUntilReady(page) {
  await page.waitForSelector('html[data-state="ready"], html[data-state="error"]');
  assert.equal(await page.getAttribute('html', 'data-state'), 'ready', await page.locator('#load-error').textContent());
}

async function assertNoViolations(page, state) {
  assert.deepEqual(await accessibilityViolations(page), [], `axe-core in ${state}`);
}

const yearHeadings = async (page) => (await page.locator('#results .year-heading').allTextContents()).map(Number);

for (const { width, height } of PHONES) {
  test(`at ${width} px the timeline is vertical, in date order, and the first item is on the first screen`, async () => {
    const { page, context, problems } = await openPage(env, { width, height });
    await page.goto(`${env.origin}/`);
    await waitUntilReady(page);
    assert.equal(await page.locator('#timeline-view').isVisible(), false, 'the SVG timeline gives way');
    assert.equal(await page.locator('#results ol.by-date').isVisible(), true);
    const years = await yearHeadings(page);
    assert.ok(years.length >= 3, `year headings: ${years}`);
    assert.deepEqual(years, [...years].sort((a, b) => a - b), 'years run down in order');
    // Every item is in the list, directly or in a dense month's group.
    assert.equal(await page.locator('#results li.result').count(), itemCount);
    const first = page.locator('#results .result, #results .dense').first();
    const top = await first.evaluate((row) => row.getBoundingClientRect().top);
    await screenshot(page, `narrow-first-screen-${width}`);
    assert.ok(top < height, `the first item starts ${top} px down a ${height} px screen`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    await assertNoViolations(page, `the vertical timeline at ${width} px`);
    assert.deepEqual(await problems(), []);
    await context.close();
  });

  test(`at ${width} px a dense month opens in place with the keyboard, and a row in it opens its detail`, async () => {
    const { page, context, problems } = await openPage(env, { width, height });
    await page.goto(`${env.origin}/`);
    await waitUntilReady(page);
    const group = page.locator('#results details.dense-group').first();
    const summary = group.locator('summary');
    const count = Number((await summary.locator('.dense-count').textContent()).match(/\d+/)[0]);
    assert.equal(await group.locator('li.result').count(), count, 'the summary counts its items');
    assert.equal(await group.locator('li.result').first().isVisible(), false, 'closed at first');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await group.evaluate((details) => details.open), true);
    const row = group.locator('li.result').first();
    assert.equal(await row.isVisible(), true, 'its items show in place');
    await screenshot(page, `narrow-dense-open-${width}`);
    await assertNoViolations(page, `an open dense month at ${width} px`);
    // The next Tab stop is the group's first row; Enter selects it.
    await page.keyboard.press('Tab');
    const id = await row.getAttribute('data-id');
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.dataset.id), id);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('item') === id, id);
    await page.waitForSelector('#detail:not([hidden])');
    const title = await row.locator('.result-link').textContent();
    assert.equal((await page.locator('#detail-title').textContent()).trim(), title.trim());
    assert.equal(await row.getAttribute('aria-current'), 'true');
    assert.equal(await group.evaluate((details) => details.open), true, 'the group stays open');
    await screenshot(page, `narrow-row-selected-${width}`);
    await assertNoViolations(page, `a selected row at ${width} px`);
    assert.deepEqual(await problems(), []);
    await context.close();
  });
}

test('on a phone the hidden timeline is not drawn, and it is drawn when the page widens', async () => {
  const { page, context, problems } = await openPage(env, PHONES[0]);
  await page.goto(`${env.origin}/?area=space`);
  await waitUntilReady(page);
  const drawn = () => page.locator('#timeline > svg:not(.prerendered-wide) .mark').count();
  assert.equal(await page.locator('#timeline-view').isVisible(), false, 'the list is the timeline here');
  assert.equal(await drawn(), 0, 'no timeline drawn for a hidden view');
  await page.setViewportSize(WIDE[1]);
  await page.waitForFunction(() => document.querySelectorAll('#timeline > svg:not(.prerendered-wide) .mark').length > 0);
  assert.equal(await page.locator('#timeline-view').isVisible(), true);
  assert.ok(await drawn() > 0);
  assert.deepEqual(await problems(), []);
  await context.close();
});

test('newest first, the years run the other way; ranked by relevance, there are no years', async () => {
  const { page, context, problems } = await openPage(env, PHONES[0]);
  await page.goto(`${env.origin}/?sort=-date`);
  await waitUntilReady(page);
  const years = await yearHeadings(page);
  assert.ok(years.length >= 3);
  assert.deepEqual(years, [...years].sort((a, b) => b - a));
  await page.goto(`${env.origin}/?q=quantum`);
  await waitUntilReady(page);
  assert.equal(await page.locator('#results .year-heading').count(), 0);
  assert.ok(await page.locator('#results li.result').count() > 0);
  // The list stands in for the timeline, and says it is not in time order.
  const note = page.locator('#results .ranked-note');
  assert.equal(await note.isVisible(), true);
  await note.locator('a').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'date');
  await page.waitForSelector('#results .year-heading');
  await assertNoViolations(page, 'a search in date order at 360 px');
  assert.deepEqual(await problems(), []);
  await context.close();
});

for (const { width, height } of WIDE) {
  test(`at ${width} px the SVG timeline shows, and the list shows every item`, async () => {
    const { page, context, problems } = await openPage(env, { width, height });
    await page.goto(`${env.origin}/`);
    await waitUntilReady(page);
    assert.equal(await page.locator('#timeline > svg').filter({ visible: true }).count(), 1);
    assert.equal(await page.locator('#results .dense-group > summary').filter({ visible: true }).count(), 0);
    assert.equal(await page.locator('#results li.result .result-link').filter({ visible: true }).count(), itemCount);
    await screenshot(page, `narrow-wide-${width}`);
    await assertNoViolations(page, `the first view at ${width} px`);
    assert.deepEqual(await problems(), []);
    await context.close();
  });
}

/** The bar for `name` in the header counts, with the count it shows. */
async function bar(page, name) {
  const link = page.locator('#header-facts .bars a', { has: page.locator('.bar-name', { hasText: name }) }).first();
  return { link, count: Number(await link.locator('.bar-count').textContent()) };
}

for (const { width, height } of [PHONES[0], WIDE[1]]) {
  test(`at ${width} px the header counts are bars that filter`, async () => {
    const { page, context, problems } = await openPage(env, { width, height });
    await page.goto(`${env.origin}/`);
    await waitUntilReady(page);
    const facts = page.locator('#header-facts details.facts');
    if (width < 800) {
      assert.equal(await facts.locator('.fact-bars').isVisible(), false, 'on a phone they open on demand');
      await facts.locator('summary').click();
    }
    assert.equal(await facts.locator('.fact-bars').isVisible(), true);
    await screenshot(page, `narrow-header-counts-${width}`);
    await assertNoViolations(page, `the header counts at ${width} px`);
    const space = await bar(page, 'Space');
    assert.equal(await space.link.getAttribute('href'), '?area=space');
    await space.link.click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('area') === 'space');
    await page.waitForFunction((n) => document.getElementById('status').textContent.startsWith(`${n} result`), space.count);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading', 'the reader is taken to the results');
    const progress = await bar(page, 'In progress');
    await progress.link.click();
    await page.waitForFunction(() => location.search === '?status=in_progress');
    await page.waitForFunction((n) => document.getElementById('status').textContent.startsWith(`${n} result`), progress.count);
    assert.equal(await page.locator('#results li.result').count(), progress.count);
    assert.deepEqual(await problems(), []);
    await context.close();
  });
}

test('without JavaScript a bar is a link to the filtered page', async () => {
  const { page, context } = await openPage(env, { ...WIDE[1], contextOptions: { javaScriptEnabled: false } });
  await page.goto(`${env.origin}/`);
  const space = await bar(page, 'Space');
  assert.equal(await space.link.isVisible(), true, 'shown on a wide screen without script');
  // Forced: without script in the page, Firefox cannot run the click's checks.
  await space.link.click({ force: true });
  await page.waitForURL(/\?area=space$/);
  await context.close();
  // The same address, loaded with JavaScript, is the filtered view.
  const scripted = await openPage(env, WIDE[1]);
  await scripted.page.goto(`${env.origin}/?area=space`);
  await waitUntilReady(scripted.page);
  assert.equal(await scripted.page.locator('#results li.result').count(), space.count);
  assert.deepEqual(await scripted.problems(), []);
  await scripted.context.close();
});

test('at 200% zoom (1280 px wide, 640 CSS px) the timeline is vertical and nothing scrolls sideways', async () => {
  const { page, context, problems } = await openPage(env, { width: 640, height: 450, contextOptions: { deviceScaleFactor: 2 } });
  await page.goto(`${env.origin}/`);
  await waitUntilReady(page);
  assert.equal(await page.locator('#timeline-view').isVisible(), false);
  assert.ok((await yearHeadings(page)).length >= 3);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
  await page.locator('#results .dense-group > summary').first().click();
  await screenshot(page, 'narrow-zoom-200');
  await assertNoViolations(page, 'the vertical timeline at 200% zoom');
  assert.deepEqual(await problems(), []);
  await context.close();
});
