// End-to-end: the reader's shell at phone, tablet and laptop widths: one
// search field, the filters sheet, the detail in view with Previous and
// Next, history entries per settled search, and quiet announcements.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityViolations, onlyIn, openPage, screenshot, start } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const WIDTHS = [360, 375, 768, 1280];
/** Below this width the filters are a sheet (style.css: 52rem). */
const FILTERS_SHEET_BELOW = 832;

async function open(path, width) {
  const session = await openPage(env, { width, height: width < 600 ? 740 : 900 });
  await session.page.goto(`${env.origin}${path}`);
  await session.page.waitForSelector('html[data-state="ready"]');
  return session;
}

async function checkState(session, name) {
  assert.deepEqual(await accessibilityViolations(session.page), [], `axe on ${name}`);
  assert.deepEqual(await session.problems(), [], `problems on ${name}`);
}

const query = (page) => new URL(page.url()).searchParams;
const listIds = (page) => page.locator('#results li.result').evaluateAll((items) => items.map((i) => i.dataset.id));

/** Whether `locator`'s box starts inside the top `part` of the viewport, and is not cut at the side. */
async function inView(page, locator, part = 0.5) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  return box !== null && box.y >= -1 && box.y + box.height <= height * part && box.x >= -1 && box.x + Math.min(box.width, 100) <= width + 1;
}

/** The top of `locator`'s box in the document, whatever the scroll. */
const documentTop = (locator) => locator.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);

for (const width of WIDTHS) {
  test(`${width} px: one search field; the filters are in place or a sheet behind "Filters (n)"`, async () => {
    const session = await open('/', width);
    const { page } = session;
    const button = page.locator('#filters-button');
    const filters = page.locator('#filters');
    if (width >= FILTERS_SHEET_BELOW) {
      assert.equal(await button.isVisible(), false, 'no Filters button beside the open filters');
      assert.equal(await filters.isVisible(), true);
      await session.context.close();
      return;
    }
    assert.equal(await filters.isVisible(), false, 'the filters wait behind their button');
    const search = page.getByRole('searchbox', { name: 'Search' });
    assert.ok(await inView(page, search, 1), 'the search field is on the first screen');
    await button.click();
    await page.waitForFunction(() => document.getElementById('filters').matches(':modal'));
    assert.ok(await inView(page, page.locator('#filters-title')), 'the sheet shows its heading');
    await checkState(session, `filters sheet at ${width}`);
    await screenshot(page, `filters-sheet-${width}`, { fullPage: false });
    await page.locator('#facets input[data-facet="area"][value="space"]').check();
    await page.waitForURL(/area=space/);
    const shown = Number(((await page.locator('#status').textContent()).match(/^(\d+)/) ?? [])[1]);
    assert.equal(await page.locator('#filters-done').textContent(), `Show ${shown} results`);
    await page.locator('#filters-done').click();
    await page.waitForFunction(() => !document.getElementById('filters').matches(':modal'));
    assert.equal(await filters.isVisible(), false);
    assert.equal(await button.textContent(), 'Filters (1)');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'filters-button', 'focus returns to the button');
    // Escape closes the sheet too.
    await button.click();
    await page.waitForFunction(() => document.getElementById('filters').matches(':modal'));
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('filters').matches(':modal'));
    await checkState(session, `filters closed at ${width}`);
    await session.context.close();
  });

  test(`${width} px: the selected item's detail is in view, with Previous and Next; Back closes it`, async () => {
    const session = await open('/?view=list&area=defence', width);
    const { page } = session;
    const ids = await listIds(page);
    await page.locator(`#results a.result-link`).nth(2).click();
    await page.waitForURL(/item=/);
    assert.equal(query(page).get('item'), ids[2]);
    const detail = page.locator('#detail');
    await detail.waitFor();
    assert.ok(await inView(page, page.locator('#detail-title'), 1), 'the detail heading is in view');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'detail-title', 'focus moves to the heading');
    assert.equal(await detail.getAttribute('aria-live'), null, 'the detail is not read out as a live region');
    const asSheet = await detail.evaluate((d) => d.matches(':modal'));
    assert.equal(asSheet, width < 1200, 'a sheet below 75rem, beside the results above');
    if (!asSheet) {
      const list = await page.locator('#list-view').boundingBox();
      const box = await detail.boundingBox();
      assert.ok(box.x >= list.x + list.width, 'beside the list, not below it');
    }
    assert.equal(await detail.locator('.step-place').textContent(), `3 of ${ids.length}`);
    await checkState(session, `detail at ${width}`);
    await screenshot(page, `detail-${width}`, { fullPage: false });

    // Right and Left step through the results in their order, focus staying in the detail.
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.searchParams.get('item') === ids[3]);
    assert.equal(await detail.locator('.step-place').textContent(), `4 of ${ids.length}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'detail-title');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((url) => url.searchParams.get('item') === ids[1]);
    await detail.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL((url) => url.searchParams.get('item') === ids[2]);

    // Stepping replaced the entry, so one Back closes the detail and stays on the list.
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('item'));
    assert.equal(await detail.isVisible(), false);
    assert.equal(query(page).get('area'), 'defence');
    // Escape closes it too, back where it was opened from.
    await page.locator(`#results a.result-link`).first().click();
    await page.waitForURL(/item=/);
    await detail.waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('item'));
    assert.equal(await detail.isVisible(), false);
    await checkState(session, `detail closed at ${width}`);
    await session.context.close();
  });
}

test('in the tracker the detail does not push the tracker down', async () => {
  for (const width of [375, 1280]) {
    const session = await open('/?view=tracker', width);
    const { page } = session;
    const before = await documentTop(page.locator('#tracker'));
    await page.locator('#tracker a[href*="item="]').first().click();
    await page.waitForURL(/item=/);
    await page.locator('#detail').waitFor();
    assert.equal(await documentTop(page.locator('#tracker')), before, `at ${width} px the tracker stays where it was`);
    assert.ok(await inView(page, page.locator('#detail-title'), 1), `at ${width} px the detail is in view`);
    await checkState(session, `tracker detail at ${width}`);
    await screenshot(page, `tracker-detail-${width}`, { fullPage: false });
    await session.context.close();
  }
});

for (const width of WIDTHS) {
  test(`${width} px: each settled search and each filter is a history entry; Back returns to it, never leaving the site`, async () => {
    const session = await open('/', width);
    const { page } = session;
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.pressSequentially('quantum', { delay: 20 });
    await search.press('Enter');
    await page.waitForURL(/q=quantum/);
    await search.fill('');
    await search.pressSequentially('space', { delay: 20 });
    await page.waitForURL(/q=space/);
    // A pause of about a second settles a search as Enter does.
    await page.waitForTimeout(1300);
    const sheet = width < FILTERS_SHEET_BELOW;
    if (sheet) await page.locator('#filters-button').click();
    await page.locator('#facets input[data-facet="kind"][value="event"]').check();
    await page.waitForURL(/kind=event/);
    if (sheet) await page.locator('#filters-done').click();

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === 'space' && !url.searchParams.has('kind'));
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === 'quantum');
    assert.equal(await search.inputValue(), 'quantum', 'the field shows the search Back returned to');
    await page.goBack();
    await page.waitForURL((url) => url.search === '' && url.origin === env.origin);
    assert.equal(await search.inputValue(), '');
    assert.deepEqual(await session.problems(), []);
    await session.context.close();
  });
}

test('the status line speaks once the search settles, and says what was searched', async () => {
  const session = await open('/', 1280);
  const { page } = session;
  const announcer = page.locator('#announcer');
  assert.equal(await announcer.getAttribute('role'), 'status');
  // Every change of the announcer's words is one announcement.
  await page.evaluate(() => {
    window.__announcements = [];
    new MutationObserver(() => window.__announcements.push(document.getElementById('announcer').textContent))
      .observe(document.getElementById('announcer'), { childList: true, characterData: true, subtree: true });
  });
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.pressSequentially('quantum', { delay: 40 });
  await page.waitForURL(/q=quantum/);
  assert.deepEqual(await page.evaluate(() => window.__announcements), [], 'nothing is read out while typing');
  await search.press('Enter');
  await page.waitForFunction(() => window.__announcements.length > 0);
  const [announcement, ...more] = await page.evaluate(() => window.__announcements);
  assert.match(announcement, /^\d+ results? for “quantum”\.$/);
  assert.deepEqual(more, []);
  // A filter that leaves the count as it was says nothing new.
  const status = await page.locator('#status').textContent();
  assert.equal(status, announcement, 'the visible status says the same');
  await session.context.close();
});

test('skip links lead past the header to the search and past the filters to the results; the pressed view is marked by more than colour', async () => {
  const session = await open('/', 1280);
  const { page } = session;
  const skip = async (tabs) => {
    await page.locator('body').focus();
    for (let i = 0; i < tabs; i += 1) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
    await page.keyboard.press('Enter');
    return page.evaluate(() => document.activeElement?.id);
  };
  assert.equal(await skip(1), 'search');
  await page.goto(`${env.origin}/`);
  await page.waitForSelector('html[data-state="ready"]');
  assert.equal(await skip(2), 'results-heading');
  const look = (name) => page.getByRole('button', { name, exact: true }).evaluate((b) => {
    const style = getComputedStyle(b);
    return { line: style.textDecorationLine, weight: style.fontWeight };
  });
  const pressed = await look('Timeline');
  const unpressed = await look('List');
  assert.notEqual(pressed.line, unpressed.line, 'an underline marks the pressed view');
  assert.notEqual(pressed.weight, unpressed.weight);
  // Forced colours drop backgrounds: the underline stays.
  await page.emulateMedia({ forcedColors: 'active' });
  assert.equal((await look('Timeline')).line, 'underline');
  await session.context.close();
});

test('the sheets in the dark scheme and under reduced motion', async () => {
  const session = await openPage(env, { width: 375, height: 740, colorScheme: 'dark', contextOptions: { reducedMotion: 'reduce' } });
  const { page } = session;
  await page.goto(`${env.origin}/?item=f414-co-production`);
  await page.waitForSelector('html[data-state="ready"]');
  await page.waitForFunction(() => document.getElementById('detail').matches(':modal'));
  assert.deepEqual(await accessibilityViolations(page), [], 'axe on the dark detail sheet');
  await screenshot(page, 'detail-dark-375', { fullPage: false });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('detail').open);
  await page.locator('#filters-button').click();
  await page.waitForFunction(() => document.getElementById('filters').matches(':modal'));
  assert.deepEqual(await accessibilityViolations(page), [], 'axe on the dark filters sheet');
  await screenshot(page, 'filters-dark-375', { fullPage: false });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('filters').matches(':modal'));
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('printed, the selected item\'s detail is part of the page, without the controls', onlyIn(['chromium'], 'no print media emulation over WebDriver BiDi'), async () => {
  const session = await open('/?view=list&item=f414-co-production', 375);
  const { page } = session;
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#detail').isVisible(), true, 'the detail prints');
  assert.equal(await page.locator('#search').isVisible(), false, 'the controls do not');
  assert.equal(await page.locator('.detail-steps').isVisible(), false, 'nor Previous and Next');
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

/**
 * The keyboard walk "search, tick a filter, select the third item on the
 * timeline, open its first citation, switch to the tracker", every key
 * counted. It took 122 presses before the timeline became one Tab stop and
 * Enter in the filters led to the results; the budget is a third of that.
 */
const WALK_BUDGET = 40;

for (const width of [375, 1280]) {
  test(`${width} px: the keyboard walk takes at most ${WALK_BUDGET} key presses`, async () => {
    const session = await open('/', width);
    const { page } = session;
    // Following a source would leave the page: record the activation instead.
    await page.evaluate(() => document.addEventListener('click', (event) => {
      const link = event.target.closest('a[href^="http"]');
      if (!link) return;
      event.preventDefault();
      window.__opened = link.href;
    }, true));
    let presses = 0;
    const press = async (key) => {
      presses += 1;
      await page.keyboard.press(key);
    };
    const focused = (selector) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    /** Presses Tab (or Shift+Tab) until focus is on `selector`. */
    const tabTo = async (selector, key = 'Tab') => {
      for (let i = 0; i < 200 && !(await focused(selector)); i += 1) await press(key);
      assert.ok(await focused(selector), `${key} never reaches ${selector}`);
    };

    // The first Tab stop skips the header, the second its counts.
    await press('Tab');
    assert.ok(await focused('.skip-link[href="#search"]'), 'the first Tab stop is "Skip to search"');
    await press('Enter');
    assert.ok(await focused('#search'));
    // A search whose third item has a linked source (some sources are stored texts only).
    for (const key of 'nasa') await press(key);
    await press('Enter');
    await page.waitForURL(/q=nasa/);
    if (width < FILTERS_SHEET_BELOW) {
      await tabTo('#filters-button');
      await press('Enter');
    }
    await tabTo('#facets input[type="checkbox"]');
    await press('Space');
    await page.waitForURL(/q=nasa&.+=/);
    await press('Enter');
    assert.ok(await focused('#results-heading'), 'Enter in the filters leads to the results');

    let third;
    if (width < 640) {
      // On a phone the list is the timeline (style.css: 40rem), each row a Tab stop.
      const rows = await page.locator('#results li.result').evaluateAll((items) => items.map((item) => item.dataset.id));
      third = rows[2];
      await tabTo(`#results li.result[data-id="${third}"] a.result-link`);
      await press('Enter');
    } else {
      // The timeline is one Tab stop; Right moves item by item in date order.
      await tabTo('#timeline, #timeline *');
      // Marks and clusters alike are items of the timeline's list, in date order.
      const items = await page.evaluate(() => [...document.querySelectorAll('#timeline [role="listitem"]')].map((item) => item.dataset.key));
      third = items[2];
      await press('ArrowRight');
      await press('ArrowRight');
      await press('Enter');
    }
    await page.waitForURL(/item=/);
    assert.equal(new URL(page.url()).searchParams.get('item'), third, 'the third item');
    await page.locator('#detail').waitFor();

    await tabTo('#detail figure.citation a');
    await press('Enter');
    assert.match(await page.evaluate(() => window.__opened ?? ''), /^https:/, 'the first citation opened');

    await press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('item'));
    await tabTo('.views button[data-view="tracker"]', 'Shift+Tab');
    await press('Enter');
    await page.waitForURL(/view=tracker/);
    console.log(`# the keyboard walk at ${width} px: ${presses} key presses (budget ${WALK_BUDGET})`);
    assert.ok(presses <= WALK_BUDGET, `${presses} key presses`);
    await session.context.close();
  });
}
