// End-to-end: the deployable folder (`make dist`) as a static host serves it,
// in a subfolder of a news site (/explorer/): headers from its `_headers`
// only, files precompressed. The smoke test of the explorer runs against it:
// the first view, a filter, a deep link and an embed, each with no console
// error, failed or foreign request or CSP violation, and axe at zero.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serveDist } from '../../www/dev/dist-server.mjs';
import { CONTENT_SECURITY_POLICY } from '../../www/dev/server.mjs';
import { accessibilityViolations, openPage, screenshot, start } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DIST_ROOT = process.env.DIST_ROOT ?? join(here, '../../target/dist');
const PREFIX = '/explorer/';
let server;
let env;
let site;

before(async () => {
  server = await serveDist({ root: DIST_ROOT, port: 0, prefix: PREFIX });
  const origin = `http://127.0.0.1:${server.address().port}`;
  env = await start({ origin });
  site = `${origin}${PREFIX}`;
});
after(async () => {
  await env?.stop();
  if (server) await new Promise((done) => server.close(done));
});

test('the deployed folder carries its headers: the policy, caching and precompressed files', async () => {
  const page = await fetch(site, { headers: { 'Accept-Encoding': 'br, gzip' } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
  assert.equal(page.headers.get('cache-control'), 'no-cache', 'the pages are revalidated');
  assert.equal(page.headers.get('content-encoding'), 'br');
  const gzipped = await fetch(site, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(gzipped.headers.get('content-encoding'), 'gzip');

  const files = await readdir(DIST_ROOT, { recursive: true });
  const hashed = files.filter((file) => /\.[0-9a-f]{10}\.(js|css|wasm|svg)$/.test(file));
  assert.ok(hashed.some((file) => file.endsWith('.wasm')) && hashed.some((file) => /^app\./.test(file)), hashed.join());
  for (const file of hashed) {
    const response = await fetch(`${site}${file}`, { method: 'HEAD' });
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, file);
    assert.ok(files.includes(`${file}.br`) && files.includes(`${file}.gz`), `${file} is precompressed`);
  }
  for (const entry of ['embed.js', 'data/icet.json', 'embed.html']) {
    const response = await fetch(`${site}${entry}`, { method: 'HEAD' });
    assert.equal(response.status, 200, entry);
    assert.equal(response.headers.get('cache-control'), 'no-cache', `${entry} keeps its name and is revalidated`);
  }
  const wasm = await fetch(`${site}${hashed.find((file) => file.startsWith('pkg/') && file.endsWith('.wasm'))}`, { method: 'HEAD' });
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
});

test('smoke: the deployed explorer loads, filters, opens a deep link and an embed', async () => {
  const { page, context, problems } = await openPage(env);
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(site);
  await page.waitForSelector('html[data-state="ready"]');
  assert.deepEqual(await accessibilityViolations(page), [], 'axe on the first view');
  const space = page.locator('#facets input[data-facet="area"][value="space"]');
  await space.check();
  await page.waitForURL(/area=space/);
  await page.waitForSelector('html[data-engine="ready"]');
  const total = Number((await page.locator('#status').textContent()).match(/^(\d+)/)[1]);
  assert.ok(total > 0);
  assert.equal(await page.locator('#results li.result').count(), total);
  // The engine came by its hashed names, from the subfolder.
  assert.ok(requested.some((path) => /^\/explorer\/pkg\/icet_explorer_bg\.[0-9a-f]{10}\.wasm$/.test(path)), requested.join('\n'));
  assert.ok(requested.some((path) => /^\/explorer\/engine\.[0-9a-f]{10}\.js$/.test(path)), requested.join('\n'));
  assert.deepEqual(await accessibilityViolations(page), [], 'axe after filtering');
  await screenshot(page, 'dist-filtered');

  await page.goto(`${site}?item=f414-co-production`);
  await page.waitForSelector('html[data-state="ready"]');
  assert.match(await page.locator('#detail h2').textContent(), /F414/);
  assert.deepEqual(await accessibilityViolations(page), [], 'axe on the deep link');

  await page.goto(`${site}embed.html?area=space`);
  await page.waitForSelector('html[data-state="ready"]');
  assert.match(await page.locator('#status').textContent(), /^\d+ results?\.$/);
  assert.deepEqual(await accessibilityViolations(page), [], 'axe on the embed');
  assert.deepEqual(await problems(), []);
  await context.close();
});
