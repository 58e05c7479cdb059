// End-to-end: what a reader does with the explorer, in Debian's Chromium.
// Every state is checked with axe-core and for console errors, page errors
// and failed or foreign requests.
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

async function open(path = '/', options) {
  const session = await openPage(env, options);
  await session.page.goto(`${env.origin}${path}`);
  await session.page.waitForSelector('html[data-state="ready"]');
  return session;
}

/** Checks a state: no accessibility violations, nothing failed. */
async function checkState(session, name) {
  assert.deepEqual(await accessibilityViolations(session.page), [], `axe on ${name}`);
  assert.deepEqual(await session.problems(), [], `problems on ${name}`);
}

const total = async (page) => Number((await page.locator('#status').textContent()).match(/^(\d+)/)[1]);
const query = (page) => new URL(page.url()).searchParams;
const listIds = (page) => page.locator('#results li.result').evaluateAll((items) => items.map((i) => i.dataset.id));

test('filtering by a facet narrows the results, updates counts and the URL', async () => {
  const session = await open();
  const { page } = session;
  const everything = await total(page);
  const space = page.locator('#facets input[data-facet="area"][value="space"]');
  const spaceCount = Number((await space.locator('xpath=..').locator('.count').textContent()).replace(/\D/g, ''));
  await space.check();
  await page.waitForURL(/area=space/);
  assert.equal(await total(page), spaceCount);
  assert.ok(spaceCount < everything);
  // Choosing another area would add to the result: its count is not cut by the space filter.
  const defenceLabel = page.locator('#facets input[data-facet="area"][value="defence"]').locator('xpath=..');
  assert.match(await defenceLabel.textContent(), /\(\d+\)/);
  await page.locator('#facets input[data-facet="kind"][value="commitment"]').check();
  await page.waitForURL(/kind=commitment/);
  assert.ok((await total(page)) <= spaceCount);
  await checkState(session, 'filtered');
  await screenshot(page, 'filtered-1280');
  await page.getByRole('button', { name: 'Clear all' }).click();
  assert.equal(await total(page), everything);
  assert.equal(query(page).toString(), '');
  await session.context.close();
});

test('two inputs in one frame both count, each a history entry of its own, and the counts follow', async () => {
  const session = await open();
  const { page } = session;
  await page.locator('#explorer').hover();
  await page.waitForSelector('html[data-engine="ready"]');
  const before = await page.evaluate(() => history.length);
  // One task: the history entry of the first is not written yet when the second reads the state.
  await page.evaluate(() => {
    document.querySelector('#facets input[data-facet="area"][value="space"]').click();
    document.querySelector('#facets input[data-facet="kind"][value="commitment"]').click();
  });
  await page.waitForURL((url) => url.searchParams.get('area') === 'space' && url.searchParams.get('kind') === 'commitment');
  assert.equal(await page.evaluate(() => history.length), before + 2);
  const both = await total(page);
  // The counts are drawn after the frame: the commitment box's count is then the results'.
  const commitments = page.locator('#facets input[data-facet="kind"][value="commitment"]').locator('xpath=..').locator('.count');
  await page.waitForFunction((shown) => document.querySelector('#facets input[data-facet="kind"][value="commitment"]').parentElement.querySelector('.count').textContent === `(${shown})`, both);
  assert.equal(await commitments.textContent(), `(${both})`);
  await page.goBack();
  await page.waitForURL((url) => url.searchParams.get('area') === 'space' && !url.searchParams.has('kind'));
  assert.ok(await page.locator('#facets input[data-facet="area"][value="space"]').isChecked());
  assert.ok(!(await page.locator('#facets input[data-facet="kind"][value="commitment"]').isChecked()));
  assert.ok((await total(page)) > both);
  await checkState(session, 'two inputs in one frame, then Back');
  await session.context.close();
});

test('search updates the results as the reader types, with highlights', async () => {
  const session = await open();
  const { page } = session;
  const box = page.getByRole('searchbox', { name: 'Search' });
  const entries = await page.evaluate(() => history.length);
  await box.pressSequentially('jet eng', { delay: 30 });
  await page.waitForURL(/q=jet\+eng/);
  const ids = await listIds(page);
  assert.equal(ids[0], 'f414-co-production', `the engine deal comes first: ${ids}`);
  const marks = await page.locator('#results mark').allTextContents();
  assert.ok(marks.some((m) => /^jet$/i.test(m)), `marks: ${marks}`);
  // One search is one history entry, not one per keystroke.
  assert.equal(await page.evaluate(() => history.length), entries + 1);
  await box.fill('isro');
  await page.waitForURL(/q=isro/);
  assert.ok((await total(page)) > 0);
  await checkState(session, 'search');
  await session.context.close();
});

test('selecting from the list opens the detail with citations, and back and forward work', async () => {
  const session = await open('/?area=defence');
  const { page } = session;
  await page.locator('#results a.result-link', { hasText: 'GE' }).first().click();
  await page.waitForURL(/item=/);
  const id = query(page).get('item');
  const detail = page.locator('#detail');
  await detail.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'detail-title', 'focus moves to the detail');
  assert.ok((await detail.locator('blockquote').count()) > 0, 'the detail quotes its sources');
  const sourceLinks = await detail.locator('figcaption a').evaluateAll((links) => links.map((a) => a.href));
  assert.ok(sourceLinks.length > 0 && sourceLinks.every((href) => href.startsWith('https://')), sourceLinks.join());
  assert.equal(await page.locator(`#results li[data-id="${id}"]`).getAttribute('aria-current'), 'true');
  assert.equal(await page.locator(`#timeline a[data-id="${id}"]`).getAttribute('aria-current'), 'true', 'the timeline shows the selection');
  await checkState(session, 'detail');
  await screenshot(page, 'detail-1280');

  // An actor link in the detail filters by that actor.
  await detail.locator('.filter-links a[href*="actor="]').first().click();
  await page.waitForURL(/actor=/);
  assert.ok(query(page).get('actor'));
  await page.goBack();
  await page.waitForURL((url) => !url.searchParams.has('actor'));
  assert.equal(query(page).get('item'), id);
  await page.goBack();
  await page.waitForURL((url) => !url.searchParams.has('item'));
  assert.equal(await page.locator('#detail').isHidden(), true);
  await page.goForward();
  await page.waitForURL(/item=/);
  assert.equal(await page.locator('#detail').isVisible(), true);
  await session.context.close();
});

test('opening a citation links to the source document', async () => {
  const session = await open('/?item=icet-inaugural-meeting');
  const { page } = session;
  const link = page.locator('#detail figcaption a').first();
  assert.match(await link.getAttribute('href'), /^https:\/\/www\.whitehouse\.gov\//);
  // The source is on another origin, which this offline test does not fetch: check where a click would go.
  await page.route('https://www.whitehouse.gov/**', (route) => route.fulfill({ contentType: 'text/plain', body: 'source document' }));
  const [request] = await Promise.all([page.waitForRequest(/whitehouse\.gov/), link.click()]);
  assert.match(request.url(), /2023\/01\/31\/fact-sheet/);
  await session.context.close();
});

test('selecting on the timeline selects in the list', async () => {
  const session = await open('/?area=space');
  const { page } = session;
  const mark = page.locator('#timeline a.mark').first();
  const id = await mark.getAttribute('data-id');
  await mark.click();
  await page.waitForURL(new RegExp(`item=${id}`));
  assert.equal(await page.locator(`#results li[data-id="${id}"]`).getAttribute('aria-current'), 'true');
  await checkState(session, 'timeline selection');
  await session.context.close();
});

test('clusters on the timeline open when activated', async () => {
  const session = await open('/');
  const { page } = session;
  // The full dataset is dense enough at this width to cluster.
  const cluster = page.locator('#timeline .cluster').filter({ visible: true }).first();
  const span = `[data-first-day="${await cluster.getAttribute('data-first-day')}"][data-last-day="${await cluster.getAttribute('data-last-day')}"]`;
  const members = Number(await cluster.textContent());
  assert.ok(members > 1);
  await cluster.click();
  // The timeline redraws on the next frame, once the engine is in.
  await page.waitForFunction((selector) => !document.querySelector(selector), `#timeline .cluster${span}`);
  assert.ok((await page.locator('#timeline a.mark').count()) > 0);
  await checkState(session, 'timeline');
  await session.context.close();
});

test('the timeline zooms with buttons, keys and the wheel, and pans with drag', async () => {
  const session = await open();
  const { page } = session;
  const axis = () => page.locator('#timeline .axis text').allTextContents();
  // Redraws come once per animation frame: wait for the axis to differ from `previous`.
  const changedAxis = async (previous) => {
    await page.waitForFunction((before) => JSON.stringify([...document.querySelectorAll('#timeline .axis text')].map((t) => t.textContent)) !== before, JSON.stringify(previous));
    return axis();
  };
  const fit = page.getByRole('button', { name: 'Fit to results' });
  await fit.click();
  await page.waitForSelector('html[data-engine="ready"]');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const yearsOnly = await axis();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  const zoomed = await changedAxis(yearsOnly);
  assert.notDeepEqual(zoomed, yearsOnly, 'finer ticks after zooming in');
  const timeline = page.locator('#timeline');
  // The timeline's one Tab stop; End steps to the last item, panning to it.
  await page.locator('#timeline [tabindex="0"]').focus();
  await page.keyboard.press('End');
  const panned = await changedAxis(zoomed);
  assert.notDeepEqual(panned, zoomed, 'the keyboard pans to follow');
  await page.keyboard.press('Home');
  // The first item is at the top of a timeline taller than the screen: the step brings it into view.
  await page.waitForFunction(() => document.activeElement?.dataset.id === 'icet-launch');
  const first = await page.evaluate(() => {
    const { top, bottom } = document.activeElement.getBoundingClientRect();
    return { top, bottom, height: innerHeight };
  });
  assert.ok(first.top >= 0 && first.bottom <= first.height, `the focused first item is on screen (${Math.round(first.top)}..${Math.round(first.bottom)} of ${first.height})`);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  // Wheel and drag where the reader would: over the timeline, on screen, at the focused item's height.
  const box = await timeline.boundingBox();
  const y = (await page.locator(':focus').boundingBox()).y + 8;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.wheel(0, -400);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 200, y, { steps: 5 });
  await page.mouse.up();
  await fit.click();
  await page.waitForFunction((years) => JSON.stringify([...document.querySelectorAll('#timeline .axis text')].map((t) => t.textContent)) === years, JSON.stringify(yearsOnly));
  assert.deepEqual(await axis(), yearsOnly, 'fit returns to the whole span');
  await checkState(session, 'zoomed');
  await session.context.close();
});

test('a deep link loads its state, and a broken one loads with warnings', async () => {
  const session = await open('/?area=space,defence&q=launch&from=2023-01&to=2025&item=indus-x-launch');
  const { page } = session;
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'launch');
  assert.equal(await page.locator('#from').inputValue(), '2023-01');
  assert.ok(await page.locator('#facets input[value="space"]').isChecked());
  assert.match(await page.locator('#detail h2').textContent(), /INDUS-X/);
  await checkState(session, 'deep link');
  await page.goto(`${env.origin}/?area=spaec&colour=red&from=2023-02-30`);
  await page.waitForSelector('html[data-state="ready"]');
  const warnings = await page.locator('#warnings li').allTextContents();
  assert.equal(warnings.length, 3, warnings.join('\n'));
  await checkState(session, 'warnings');
  await session.context.close();
});

test('the tracker groups commitments by status with tallies per focus area', async () => {
  const session = await open('/?view=tracker');
  const { page } = session;
  const groups = await page.locator('#tracker .tracker-group h3').allTextContents();
  assert.ok(groups.some((g) => /Achieved/.test(g)) && groups.some((g) => /No later mention/.test(g)), groups.join());
  const tallies = page.locator('#tracker table tbody tr');
  assert.ok((await tallies.count()) > 3);
  await page.locator('#tracker .tracker-group a').first().click();
  await page.waitForURL(/item=/);
  assert.ok(await page.locator('#detail .status-history li').count());
  await checkState(session, 'tracker');
  await screenshot(page, 'tracker-1280');
  await session.context.close();
});

for (const width of [375, 1280]) {
  test(`the explorer works at ${width} px`, async () => {
    const session = await open('/?area=space&item=nisar-launch', { width, height: 800 });
    const { page } = session;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    assert.ok(await page.locator('#timeline a.mark').count());
    assert.ok(await page.locator('#detail h2').isVisible());
    await checkState(session, `${width} px`);
    await screenshot(page, `explorer-${width}`);
    await session.context.close();
  });
}

test('the dark colour scheme keeps readable contrast', async () => {
  const session = await open('/?q=quantum&item=ucla-pqc-workshop', { colorScheme: 'dark' });
  const background = await session.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(20, 23, 26)', 'the dark scheme is in use');
  await checkState(session, 'dark scheme');
  await screenshot(session.page, 'explorer-dark-1280');
  await session.context.close();
});

// Firefox's WebDriver BiDi cannot emulate print media (emulateMedia is a no-op there).
test('printing gives the result list with its citations and no controls', onlyIn(['chromium'], 'no print media emulation over WebDriver BiDi'), async () => {
  const session = await open('/?area=semiconductors');
  const { page } = session;
  // Redraws leave the citations out; the print media query brings them in.
  assert.equal(await page.locator('.print-citations').count(), 0, 'the list on screen carries no citations');
  await page.emulateMedia({ media: 'print' });
  await page.locator('#results li.result .print-citations').first().waitFor();
  const results = await page.locator('#results li.result').count();
  assert.ok(results > 0);
  assert.equal(await page.locator('#results li.result .print-citations').filter({ visible: true }).count(), results);
  assert.ok((await page.locator('.print-citations li').first().textContent()).startsWith('“'));
  assert.equal(await page.locator('.controls').isVisible(), false);
  assert.equal(await page.locator('#timeline-view').isVisible(), false);
  // Nothing that only works on screen, and the header's counts as their one line.
  for (const control of ['#embed-open', '#open-timeline', '#downloads', '.facts']) {
    assert.equal(await page.locator(control).isVisible(), false, `${control} does not print`);
  }
  assert.equal(await page.locator('.facts-line').isVisible(), true);
  // The printed list says how many it holds.
  assert.equal(await page.locator('#status').isVisible(), true);
  assert.match(await page.locator('#status').textContent(), /^\d+ results?\.$/);
  await session.context.close();
});
