// End-to-end: the horizontal timeline with the keyboard, and what a reader
// sees of its labels, at phone, tablet and desktop widths. Where a narrow
// results container shows the vertical timeline instead of the SVG (below
// about 640 px, so at 360 and 375 px), that width has nothing of this to
// test; at 1280 px the SVG must show.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibilityViolations, openPage, screenshot, start } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const WIDTHS = [360, 375, 768, 1280];

async function open(width, path = '/') {
  const session = await openPage(env, { width, height: 900 });
  await session.page.goto(`${env.origin}${path}`);
  await session.page.waitForSelector('html[data-state="ready"]');
  return session;
}

/** The SVG timeline that shows, or null where the container shows another. */
const svgShows = (page) => page.evaluate(() => [...document.querySelectorAll('#timeline > svg')].some((svg) => svg.checkVisibility()));

/** The element with focus: its key, tabindex and whether it is in the timeline. */
const focused = (page) => page.evaluate(() => {
  const element = document.activeElement;
  const entry = element?.closest('[data-key]');
  return {
    inTimeline: Boolean(element?.closest('#timeline')),
    key: entry?.dataset.key ?? null,
    id: element?.dataset.id ?? null,
    label: element?.getAttribute('aria-label') ?? '',
  };
});

/** The visible timeline's entries in document order: key, first day and whether each is a Tab stop. */
const entries = (page) => page.evaluate(() => {
  const svg = [...document.querySelectorAll('#timeline > svg')].find((s) => s.checkVisibility());
  return [...svg.querySelectorAll('[role="listitem"]')].map((item) => ({
    key: item.dataset.key,
    stop: item.querySelector('[tabindex="0"]') !== null,
  }));
});

/** Waits until the focused entry differs from `key`, and returns it. */
async function movedFrom(page, key) {
  await page.waitForFunction((before) => document.activeElement?.closest('[data-key]')?.dataset.key !== before, key);
  return focused(page);
}

/** Shift+Tabs from the control after the timeline: how many presses stay inside it. */
async function tabStopsInTimeline(page) {
  await page.getByRole('button', { name: 'Zoom in', exact: true }).focus();
  let inside = 0;
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Shift+Tab');
    if (!(await focused(page)).inTimeline) break;
    inside += 1;
  }
  return inside;
}

/** The days of an item, read from the list's machine-readable date. */
const dayOf = (page, id) => page.evaluate((itemId) => {
  const time = document.querySelector(`#results li[data-id="${itemId}"] time`);
  return time ? Date.parse(time.getAttribute('datetime')) : null;
}, id);

for (const width of WIDTHS) {
  test(`the timeline is one Tab stop, keys walk it in date order, at ${width} px`, async () => {
    const session = await open(width);
    const { page } = session;
    if (!(await svgShows(page))) {
      // A narrow container shows the vertical timeline instead; its own tests cover it.
      assert.notEqual(width, 1280, 'the SVG timeline shows at 1280 px');
      await session.context.close();
      return;
    }
    assert.equal(await page.locator('[role="application"]').count(), 0, 'no role=application');
    const stops = (await entries(page)).filter((e) => e.stop);
    assert.equal(stops.length, 1, 'one entry of the visible timeline is its Tab stop');
    assert.equal(await tabStopsInTimeline(page), 1, 'Tab passes through the timeline in one step');

    // Into the timeline, then Home: the first item.
    await page.locator('#timeline > svg:visible [tabindex="0"]').focus();
    const start = await focused(page);
    await page.keyboard.press('Home');
    await page.waitForSelector('html[data-engine="ready"]');
    const first = start.key === (await focused(page)).key ? start : await focused(page);
    assert.ok(first.inTimeline, 'Home keeps focus in the timeline');

    // Right walks forwards in date order; the document order is the same.
    const walked = [first.key];
    const days = [];
    for (let i = 0; i < 6; i += 1) {
      const before = walked.at(-1);
      await page.keyboard.press('ArrowRight');
      const now = await movedFrom(page, before);
      assert.ok(now.inTimeline, 'focus stays in the timeline');
      walked.push(now.key);
      if (now.id) days.push(await dayOf(page, now.id));
      const order = (await entries(page)).map((e) => e.key);
      assert.ok(order.indexOf(before) === -1 || order.indexOf(before) < order.indexOf(now.key), `${now.key} follows ${before} in the document`);
    }
    const known = days.filter((d) => d !== null);
    assert.deepEqual(known, [...known].sort((a, b) => a - b), 'Right steps forwards in time');
    assert.equal(new Set(walked).size, walked.length, 'every step reaches a new item');
    // Left comes back.
    await page.keyboard.press('ArrowLeft');
    assert.equal((await movedFrom(page, walked.at(-1))).key, walked.at(-2), 'Left steps back');

    // End: the last item, with the timeline panned to it.
    const axisBefore = await page.locator('#timeline .axis text').allTextContents();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.waitForFunction((before) => JSON.stringify([...document.querySelectorAll('#timeline .axis text')].map((t) => t.textContent)) !== before, JSON.stringify(axisBefore));
    const zoomed = await page.locator('#timeline .axis text').allTextContents();
    assert.notDeepEqual(zoomed, axisBefore, '+ zooms in');
    const beforeEnd = await focused(page);
    await page.keyboard.press('End');
    const last = await movedFrom(page, beforeEnd.key);
    assert.ok(last.inTimeline);
    assert.notDeepEqual(await page.locator('#timeline .axis text').allTextContents(), zoomed, 'End pans to the last item');
    const box = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      const t = document.querySelector('#timeline').getBoundingClientRect();
      return { left: r.left - t.left, right: r.right - t.left, width: t.width };
    });
    assert.ok(box.right > 0 && box.left < box.width, 'the last item is in view');
    const atEnd = JSON.stringify(await page.locator('#timeline .axis text').allTextContents());
    await page.keyboard.press('-');
    await page.waitForFunction((before) => JSON.stringify([...document.querySelectorAll('#timeline .axis text')].map((t) => t.textContent)) !== before, atEnd);

    // Space opens what has focus (a cluster zooms in), and never scrolls the page.
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.closest('#timeline'));
    const scrollBefore = await page.evaluate(() => scrollY);
    const target = await focused(page);
    await page.keyboard.press(' ');
    if (target.id) {
      await page.waitForURL(new RegExp(`item=${target.id}`));
    } else {
      await page.waitForFunction((key) => !document.querySelector(`#timeline [data-key="${key}"]`), target.key);
    }
    assert.ok(Math.abs((await page.evaluate(() => scrollY)) - scrollBefore) < 2 || target.id, 'Space does not scroll the page');
    await screenshot(page, `timeline-keyboard-${width}`);
    assert.deepEqual(await accessibilityViolations(page), [], `axe after the keyboard walk at ${width} px`);
    assert.deepEqual(await session.problems(), []);
    await session.context.close();
  });

  test(`Enter opens the focused item at ${width} px`, async () => {
    const session = await open(width);
    const { page } = session;
    if (!(await svgShows(page))) {
      await session.context.close();
      return;
    }
    await page.locator('#timeline > svg:visible [tabindex="0"]').focus();
    // Step until a mark (not a cluster) has focus.
    for (let i = 0; i < 8 && !(await page.evaluate(() => document.activeElement?.matches('#timeline a.mark'))); i += 1) {
      const before = (await focused(page)).key;
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('html[data-engine="ready"]');
      await movedFrom(page, before);
    }
    const { id } = await focused(page);
    const scroll = await page.evaluate(() => scrollY);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`item=${id}`));
    assert.ok(id, 'a mark had focus');
    // Space on a mark opens it too, without scrolling the page first.
    await page.goto(`${env.origin}/`);
    await page.waitForSelector('html[data-state="ready"]');
    await page.locator('#timeline > svg:visible a[tabindex="0"], #timeline > svg:visible [tabindex="0"]').first().focus();
    const before = await page.evaluate(() => scrollY);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    assert.ok(scroll >= 0);
    const after = await page.evaluate(() => ({ y: scrollY, item: new URL(location.href).searchParams.get('item') }));
    assert.ok(after.item || Math.abs(after.y - before) < 2, 'Space opened the mark or the cluster without scrolling the page');
    await session.context.close();
  });

  test(`no timeline label overlaps another or a mark, or is cut off, at ${width} px`, async () => {
    const session = await open(width);
    const { page } = session;
    if (!(await svgShows(page))) {
      await session.context.close();
      return;
    }
    const states = ['pre-rendered'];
    const check = async (state) => {
      const problems = await page.evaluate(() => {
        const svg = [...document.querySelectorAll('#timeline > svg')].find((s) => s.checkVisibility());
        const frame = svg.getBoundingClientRect();
        const boxes = (selector) => [...svg.querySelectorAll(selector)].map((element) => {
          const r = element.getBoundingClientRect();
          return { element, owner: element.closest('[data-key]')?.dataset.key, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        });
        const labels = boxes('text.label');
        const marks = boxes('.mark circle, .mark rect, .cluster .card, .cluster .count');
        const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        const found = [];
        for (const label of labels) {
          if (label.left < frame.left - 1 || label.right > frame.right + 1) found.push(`label of ${label.owner} cut at an edge (${Math.round(label.left - frame.left)}..${Math.round(label.right - frame.left)} of ${Math.round(frame.width)})`);
          for (const other of labels) if (other.owner !== label.owner && overlap(label, other)) found.push(`labels of ${label.owner} and ${other.owner} overlap`);
          for (const mark of marks) if (mark.owner !== label.owner && overlap(label, mark)) found.push(`label of ${label.owner} overlaps the mark of ${mark.owner}`);
        }
        return { found: [...new Set(found)], labels: labels.length };
      });
      assert.ok(problems.labels > 0, `labels drawn (${state})`);
      assert.deepEqual(problems.found, [], `label legibility at ${width} px (${state})`);
    };
    await check(states[0]);
    // The engine's own drawing, zoomed in and out.
    await page.locator('#timeline > svg:visible [tabindex="0"]').focus();
    await page.keyboard.press('+');
    await page.waitForSelector('html[data-engine="ready"]');
    await page.waitForFunction(() => !document.querySelector('#timeline .prerendered-narrow, #timeline .prerendered-wide'));
    await check('zoomed in');
    await page.keyboard.press('End');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await check('at the end');
    await page.getByRole('button', { name: 'Fit to results' }).click();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await check('fitted');
    await screenshot(page, `timeline-labels-${width}`);
    await session.context.close();
  });
}

test('the legend explains the marks and statuses, in light and dark schemes, where the SVG timeline shows', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [768, 1280]) {
      const session = await openPage(env, { width, height: 900, colorScheme });
      const { page } = session;
      await page.goto(`${env.origin}/`);
      await page.waitForSelector('html[data-state="ready"]');
      const legend = page.locator('.timeline-legend');
      if (!(await legend.isVisible())) {
        // Where the vertical timeline shows instead, so does not this key.
        assert.notEqual(width, 1280, 'the key shows at 1280 px');
        await session.context.close();
        continue;
      }
      await legend.locator('summary').click();
      assert.equal(await legend.getAttribute('open'), '');
      const text = await legend.textContent();
      for (const words of ['Approximate date', 'Expected', 'Several items', 'Announced', 'In progress', 'Achieved', 'Stalled', 'No later mention']) {
        assert.ok(text.includes(words), `the legend says "${words}"`);
      }
      await legend.scrollIntoViewIfNeeded();
      await screenshot(page, `timeline-legend-${colorScheme}-${width}`);
      assert.deepEqual(await accessibilityViolations(page), [], `axe with the legend open (${colorScheme}, ${width} px)`);
      assert.deepEqual(await session.problems(), []);
      await session.context.close();
    }
  }
});
