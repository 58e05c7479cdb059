// End-to-end: "Download these results" gives the current results as CSV, as
// a dataset in our own format, as TimelineJS3 JSON and as iCalendar; "Cite
// this item" gives a reference with the item's permanent link.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { accessibilityViolations, openPage, SITE_ROOT, start } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const dataset = JSON.parse(await readFile(`${SITE_ROOT}/data/icet.json`, 'utf8'));
const inSpace = (item) => item.focus_areas.includes('space');

async function downloaded(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

test('the current results download in four formats', async () => {
  const { page, context, problems } = await openPage(env);
  await page.goto(`${env.origin}/?area=space`);
  await page.waitForSelector('html[data-state="ready"]');
  const total = Number((await page.locator('#status').textContent()).match(/^(\d+)/)[1]);
  const items = [...dataset.events, ...dataset.commitments].filter(inSpace);
  assert.equal(total, items.length);
  await page.getByText('Download these results').click();

  const timelinejs = await downloaded(page, 'TimelineJS JSON');
  assert.equal(timelinejs.name, 'icet-timelinejs.json');
  const file = JSON.parse(timelinejs.text);
  assert.deepEqual(new Set(file.events.map((event) => event.unique_id)), new Set(items.map((item) => item.id)));
  for (const event of file.events) assert.equal(typeof event.start_date.year, 'number', JSON.stringify(event));

  const ours = await downloaded(page, 'JSON, our format');
  const subset = JSON.parse(ours.text);
  assert.deepEqual(new Set([...subset.events, ...subset.commitments].filter(inSpace).map((item) => item.id)), new Set(items.map((item) => item.id)));
  assert.ok(subset.sources.length > 0 && subset.actors.length > 0, 'what the items reference comes along');

  const csv = await downloaded(page, 'CSV');
  assert.equal(csv.name, 'icet-results.csv');
  const ids = new Set(items.map((item) => item.id));
  const rows = csv.text.replace(/^\uFEFF/, '').split('\r\n').filter((line) => ids.has(line.split(',')[0]));
  assert.equal(rows.length, items.length, 'one row per item');

  const ics = await downloaded(page, 'iCalendar (events)');
  assert.match(ics.text, /^BEGIN:VCALENDAR\r\n/);
  assert.equal(ics.text.match(/BEGIN:VEVENT/g).length, dataset.events.filter(inSpace).length);

  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(await problems(), []);
  await context.close();
});

test('"Cite this item" gives a reference with the permanent link and the sources', async () => {
  const { page, context, problems } = await openPage(env);
  await page.goto(`${env.origin}/?q=engine&item=f414-co-production`);
  await page.waitForSelector('html[data-state="ready"]');
  await page.locator('#detail .cite summary').click();
  const reference = await page.locator('#detail .cite .reference').textContent();
  assert.ok(reference.includes(`${env.origin}/?item=f414-co-production`), reference);
  assert.match(reference, /Sources:\n- /);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy the reference' }).click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), reference);
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(await problems(), []);
  await context.close();
});
