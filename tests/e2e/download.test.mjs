// End-to-end: "Download as TimelineJS JSON" gives a TimelineJS3 file with one
// event per item of the loaded dataset.
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

test('the footer downloads the dataset as TimelineJS JSON', async () => {
  const { page, context, problems } = await openPage(env);
  await page.goto(`${env.origin}/`);
  await page.waitForSelector('html[data-state="ready"]');
  const button = page.getByRole('button', { name: 'Download as TimelineJS JSON' });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.equal(download.suggestedFilename(), 'icet-timelinejs.json');
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));

  const items = [...dataset.events, ...dataset.commitments];
  assert.equal(file.events.length, items.length);
  assert.deepEqual(new Set(file.events.map((event) => event.unique_id)), new Set(items.map((item) => item.id)));
  assert.ok(file.title.text.headline.length > 0);
  for (const event of file.events) {
    assert.equal(typeof event.start_date.year, 'number', JSON.stringify(event));
    assert.ok(event.text.headline.length > 0, JSON.stringify(event));
  }
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(await problems(), []);
  await context.close();
});
