// End-to-end: "Open your own timeline". A TimelineJS3 JSON file, TimelineJS's
// own sample sheet as CSV and a broken file go through the page's file input;
// then hostile timelines in all three formats, with markup, script, event
// handlers, javascript: URLs, CSS and template syntax in every text and URL
// field, are opened and every view walked: nothing may run, nothing may be
// fetched from elsewhere, and every link is http(s) or the explorer's own.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { accessibilityViolations, openPage, screenshot, start } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const IMPORTS = join(here, '../data/import');
const ICET = join(here, '../../data/icet.json');

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const total = async (page) => Number((await page.locator('#status').textContent()).match(/^(\d+)/)[1]);

async function openFile(page, file) {
  await page.locator('#open-timeline summary').click();
  await page.locator('#open-file').setInputFiles(file);
}

test('a TimelineJS file opens in this tab, with its groups, links and "no source"', async () => {
  const session = await openPage(env);
  const { page } = session;
  await page.goto(`${env.origin}/`);
  const timeline = JSON.parse(await readFile(join(IMPORTS, 'small.json'), 'utf8'));
  await openFile(page, join(IMPORTS, 'small.json'));
  await page.locator('#local-banner').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('data'), 'local', 'the URL says a local file is shown');
  assert.match(await page.locator('#local-name').textContent(), /small\.json/);
  // An event without a start date is left out, with a warning that says where.
  const dated = timeline.events.filter((event) => event.start_date);
  assert.equal(await total(page), dated.length);
  assert.match(await page.locator('#local-warnings-summary').textContent(), /^\d+ parts? of the file (was|were) skipped$/);
  await page.locator('#local-warnings-summary').click();
  assert.ok((await page.locator('#local-warnings-list li').allTextContents()).some((w) => /^events\[\d+\] \(line \d+, column \d+\): .*start date/.test(w)));
  assert.ok(await page.locator('#facets input[data-facet="group"]').count() > 0, 'groups are a facet');
  await page.locator('#results a.result-link').first().click();
  await page.waitForURL(/item=/);
  assert.match(await page.locator('#detail').textContent(), /No source given/);
  await checkLinks(page);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshot(page, 'opened-timelinejs-1280');
  // A reload, or the link shared, cannot show a file that is not there: it says so.
  await page.reload();
  await page.locator('#notice').filter({ hasText: /opened from a file/ }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('data'), null);
  assert.equal(await total(page), JSON.parse(await readFile(ICET, 'utf8')).events.length + JSON.parse(await readFile(ICET, 'utf8')).commitments.length);
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test("TimelineJS's own sample sheet opens as it is, and Back to the iCET dataset returns", async () => {
  const session = await openPage(env, { width: 375 });
  const { page } = session;
  await page.goto(`${env.origin}/`);
  const rows = (await readFile(join(IMPORTS, 'women-in-computing.csv'), 'utf8')).split('\n').filter((line) => /^\d/.test(line));
  await openFile(page, join(IMPORTS, 'women-in-computing.csv'));
  await page.locator('#local-banner').waitFor();
  assert.equal(await total(page), rows.length, 'one item per dated row');
  assert.match(await page.locator('#header-facts').textContent(), /events?/);
  await screenshot(page, 'opened-csv-375');
  await page.getByRole('button', { name: 'Back to the iCET dataset' }).click();
  await page.waitForURL((url) => !url.searchParams.has('data'));
  await page.waitForSelector('html[data-state="ready"]');
  assert.equal(await page.locator('#local-banner').isVisible(), false);
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('a broken file lists every problem with its place, and the explorer keeps what it had', async () => {
  const session = await openPage(env);
  const { page } = session;
  await page.goto(`${env.origin}/?area=space`);
  await page.waitForSelector('html[data-state="ready"]');
  const before = await total(page);
  await openFile(page, join(IMPORTS, 'broken-types.json'));
  const problems = page.locator('#open-problems');
  await problems.waitFor();
  assert.match(await problems.locator('.open-problems-message').textContent(), /could not be opened: \d+ problems?/);
  const places = await problems.locator('li').allTextContents();
  assert.ok(places.length > 0 && places.every((p) => /\(line \d+, column \d+\): /.test(p)), places.join('\n'));
  assert.equal(await total(page), before);
  assert.equal(new URL(page.url()).searchParams.get('area'), 'space');
  // A file in another encoding is refused with its place too.
  await page.locator('#open-file').setInputFiles({ name: 'utf16.json', mimeType: 'application/json', buffer: Buffer.from('\ufeff{"events": []}', 'utf16le') });
  await problems.locator('li', { hasText: /UTF-16/ }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshot(page, 'open-problems-1280');
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

/** Every link on the page goes to http(s), to the explorer's own states, or within the page. */
async function checkLinks(page) {
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const unsafe = hrefs.filter((href) => !/^(https?:\/\/|\?|#|\.\/|data\/icet\.json$)/i.test(href));
  assert.deepEqual(unsafe, [], 'links only http(s) or the explorer\'s own');
}

// Each payload, if it ever ran, would set window.__xss.
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '"><svg onload=window.__xss=3>',
  "'><iframe src=javascript:window.__xss=4>",
  '<a href="javascript:window.__xss=5">click</a>',
  '<style>body{display:none}</style>',
  '{{constructor.constructor("window.__xss=6")()}}',
  '${window.__xss=7}',
  '\u202eevil',
];
const URL_PAYLOADS = ['javascript:window.__xss=8', 'data:text/html,<script>window.__xss=9</script>', 'JaVaScRiPt:window.__xss=10'];

function hostileTimelinejs() {
  const events = PAYLOADS.map((payload, i) => ({
    start_date: { year: 2020 + i, month: 1, day: 1 },
    text: { headline: `Event ${i} ${payload}`, text: `<p>${payload} <a href="${URL_PAYLOADS[i % 3]}">link</a> <a href="https://example.org/${i}">ok</a></p>` },
    media: { url: URL_PAYLOADS[i % 3], caption: payload, credit: payload },
    group: payload,
    display_date: payload,
    unique_id: `event-${i}`,
  }));
  return JSON.stringify({ title: { text: { headline: PAYLOADS[0], text: PAYLOADS[1] } }, events });
}

function hostileCsv() {
  const quote = (cell) => `"${cell.replaceAll('"', '""')}"`;
  const header = 'Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background';
  const rows = PAYLOADS.map((payload, i) => [2020 + i, 1, 1, '', '', '', '', '', payload, `Row ${i} ${payload}`, `${payload} <a href="${URL_PAYLOADS[i % 3]}">x</a>`, URL_PAYLOADS[i % 3], payload, payload, URL_PAYLOADS[i % 3], '', payload, ''].map((cell) => quote(String(cell))).join(','));
  return [header, ...rows].join('\r\n');
}

async function hostileOurs() {
  const dataset = JSON.parse(await readFile(ICET, 'utf8'));
  let n = 0;
  const walk = (value, key) => {
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (typeof value === 'string' && ['title', 'description', 'name', 'short_name', 'summary', 'note', 'quote', 'place', 'publisher', 'role'].includes(key)) {
      n += 1;
      return `${value} ${PAYLOADS[n % PAYLOADS.length]}`;
    }
    return value;
  };
  return JSON.stringify(walk(dataset));
}

for (const [format, make] of [['TimelineJS JSON', hostileTimelinejs], ['CSV', hostileCsv], ['our format', hostileOurs]]) {
  test(`hostile text in a ${format} timeline stays text in every view`, async () => {
    const session = await openPage(env);
    const { page } = session;
    await page.goto(`${env.origin}/`);
    const name = format === 'CSV' ? 'hostile.csv' : 'hostile.json';
    await page.locator('#open-timeline summary').click();
    await page.locator('#open-file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(await make()) });
    await page.locator('#local-banner').waitFor();
    const ids = await page.locator('#results li.result').evaluateAll((rows) => rows.map((row) => row.dataset.id));
    assert.ok(ids.length > 0);
    // The detail of several items, the list, the tracker, the embed dialog.
    for (const id of ids.slice(0, 6)) {
      await page.locator(`#results li[data-id="${id}"] a.result-link`).click();
      await page.waitForURL(new RegExp(`item=${id}`));
      await checkLinks(page);
    }
    for (const view of ['List', 'Commitment tracker', 'Timeline']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      await checkLinks(page);
    }
    await page.getByRole('button', { name: 'Embed this view' }).click();
    await page.getByRole('dialog', { name: 'Embed this view' }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
    assert.equal(await page.locator('#results script, #detail script, #timeline script, #results img, #detail img, #detail iframe, #results style, #detail style').count(), 0);
    assert.deepEqual(await session.problems(), [], 'no CSP or Trusted Types violation, no foreign request');
    await session.context.close();
  });
}
