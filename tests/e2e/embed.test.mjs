// End-to-end: the explorer embedded in a news article served from another
// origin (a second loopback port) with a Content-Security-Policy of its own,
// and the "Embed this view" dialog.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from '../../www/dev/server.mjs';
import { accessibilityViolations, BROWSER, openPage, screenshot, start } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let env;
let article;
let articleOrigin;
let articleDir;

before(async () => {
  env = await start();
  articleDir = await mkdtemp(join(tmpdir(), 'icet-article-'));
  const template = await readFile(join(here, 'article/index.html'), 'utf8');
  await writeFile(join(articleDir, 'index.html'), template.replaceAll('{{EXPLORER}}', env.origin));
  await copyFile(join(here, 'article/article.css'), join(articleDir, 'article.css'));
  await copyFile(join(here, '../../www/favicon.svg'), join(articleDir, 'favicon.svg'));
  // The article's own policy, not the explorer's: it allows the loader and the frames, and no inline styles.
  const policy = `default-src 'self'; script-src 'self' ${env.origin}; frame-src ${env.origin}; style-src 'self'; img-src 'self'`;
  article = await serve({ root: articleDir, port: 0, headers: { 'Content-Security-Policy': policy } });
  articleOrigin = `http://127.0.0.1:${article.address().port}`;
});
after(async () => {
  await env?.stop();
  if (article) await new Promise((done) => article.close(done));
  if (articleDir) await rm(articleDir, { recursive: true, force: true });
});

const EMBEDS = ['embed-space', 'embed-achieved', 'embed-defence'];

async function openArticle(options = {}) {
  const session = await openPage(env, { width: 1000, height: 900, origins: [articleOrigin], ...options });
  const requests = [];
  session.page.on('request', (request) => requests.push(request.url()));
  await session.page.goto(`${articleOrigin}/`);
  return { ...session, requests };
}

/** The explorer frame inside an embed's host element, once it has booted. */
async function embedFrame(page, host) {
  const iframe = page.locator(`#${host} iframe`);
  await iframe.waitFor({ state: 'attached' });
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot?.querySelector('iframe')?.src, host);
  // Firefox loads a loading="lazy" iframe only much nearer the viewport than
  // Chromium (and than the loader's own 800 px margin): a reader scrolls to it first.
  if (BROWSER === 'firefox') await iframe.scrollIntoViewIfNeeded();
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForSelector('html[data-state="ready"]');
  return frame;
}

const iframeHeight = (page, host) => page.locator(`#${host} iframe`).evaluate((el) => el.getBoundingClientRect().height);

/** The frame's content height, and whether it scrolls inside. */
const frameMetrics = (frame) => frame.evaluate(() => ({
  content: Math.ceil(document.body.getBoundingClientRect().height),
  scrollHeight: document.documentElement.scrollHeight,
  clientHeight: document.documentElement.clientHeight,
}));

/** Waits until the iframe is exactly as tall as its content, with no inner scrollbar. */
async function waitForFit(page, host, frame) {
  let last;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const height = await iframeHeight(page, host);
    const metrics = await frameMetrics(frame);
    last = { height, ...metrics };
    if (Math.abs(height - metrics.content) <= 1 && metrics.scrollHeight <= metrics.clientHeight + 1) return height;
    await page.waitForTimeout(100);
  }
  assert.fail(`${host} does not follow its content: ${JSON.stringify(last)}`);
}

/**
 * Waits until a compact embed is a card of `height` px: the iframe that tall,
 * the document not scrolling, and the view scrolling inside the card.
 */
async function waitForCard(page, host, frame, height) {
  await page.waitForFunction(([id, h]) => document.getElementById(id).shadowRoot.querySelector('iframe').getBoundingClientRect().height === h, [host, height]);
  const metrics = await frameMetrics(frame);
  assert.ok(metrics.scrollHeight <= metrics.clientHeight + 1, `${host} scrolls as a whole: ${JSON.stringify(metrics)}`);
  return height;
}

const total = async (frame) => Number((await frame.locator('#status').textContent()).match(/^(\d+)/)[1]);
const pressedView = (frame) => frame.locator('.views button[aria-pressed="true"]').getAttribute('data-view');

/** The main explorer's count for a query, to compare an embed with. */
async function mainTotal(query) {
  const session = await openPage(env);
  await session.page.goto(`${env.origin}/?${query}`);
  await session.page.waitForSelector('html[data-state="ready"]');
  const count = await total(session.page);
  await session.context.close();
  return count;
}

test('an article embeds three explorers that keep their own state, size and links', async () => {
  const expected = {
    space: await mainTotal('area=space'),
    spaceCommitments: await mainTotal('area=space&kind=commitment'),
    achieved: await mainTotal('kind=commitment&status=achieved&view=list'),
    defence: await mainTotal('area=defence&view=tracker'),
  };
  const session = await openArticle();
  const { page, requests } = session;

  // The article's own links fall back to the full explorer, with each embed's state.
  const fallbacks = await page.locator('article :is(.icet-explorer, icet-explorer) > a').evaluateAll((links) => links.map((a) => a.href));
  assert.deepEqual(fallbacks, [
    `${env.origin}/?area=space`,
    `${env.origin}/?kind=commitment&status=achieved&view=list`,
    `${env.origin}/?area=defence&view=tracker`,
  ]);

  const space = await embedFrame(page, 'embed-space');
  const achieved = await embedFrame(page, 'embed-achieved');
  // The third embed is far below the fold: it is not loaded before the reader nears it.
  assert.equal(await page.locator('#embed-defence iframe').getAttribute('src'), null);
  assert.ok(!requests.some((url) => url.includes('embed=3')), 'the third embed loaded before it was needed');

  // The loader titles each iframe with the wording the dialog's snippets use for their links.
  for (const host of ['embed-space', 'embed-achieved']) {
    const link = await page.locator(`#${host} > a`).textContent();
    assert.equal(await page.locator(`#${host} iframe`).getAttribute('title'), link);
  }

  // Each shows its own state.
  assert.equal(await pressedView(space), 'timeline');
  assert.equal(await total(space), expected.space);
  assert.equal(await pressedView(achieved), 'list');
  assert.equal(await total(achieved), expected.achieved);
  assert.notEqual(expected.space, expected.achieved);
  assert.equal(await achieved.locator('#filters').isHidden(), true, 'data-facets="0" hides the filters');
  assert.equal(await achieved.locator('#filters-button').isHidden(), true);
  assert.equal(await space.locator('#filters-button').isVisible(), true, 'a compact embed has its filters behind a button');

  // The article's iframe rules do not reach the embeds.
  const frameStyle = await page.locator('#embed-space iframe').evaluate((el) => {
    const style = getComputedStyle(el);
    return { border: style.borderTopWidth, width: el.getBoundingClientRect().width, column: el.getRootNode().host.getBoundingClientRect().width };
  });
  assert.equal(frameStyle.border, '0px');
  assert.equal(frameStyle.width, frameStyle.column, 'the embed is as wide as the article column');
  assert.ok(Math.abs(frameStyle.width - 700) < 40, `the article column is about 700 px (${frameStyle.width})`);

  // A compact embed is a card of 600 px whose view scrolls inside; a full one follows its content.
  await waitForCard(page, 'embed-space', space, 600);
  assert.ok((await iframeHeight(page, 'embed-space')) < 900, 'a timeline embed in a 700 px column is under 900 px tall');
  assert.ok(await space.locator('.views-and-detail').evaluate((el) => el.scrollHeight > el.clientHeight), 'the list scrolls inside the card');
  assert.equal(await space.locator('.views-and-detail').evaluate((el) => getComputedStyle(el).overflowY), 'auto');
  // Its toolbar is one line in this 700 px column: search, Filters, views and "Embed this view".
  const toolbarTops = await Promise.all(['#search', '#filters-button', '.views', '#embed-open'].map(
    (selector) => space.locator(selector).evaluate((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2)),
  ));
  assert.ok(Math.max(...toolbarTops) - Math.min(...toolbarTops) <= 4, `one line: ${toolbarTops}`);
  const achievedHeight = await waitForFit(page, 'embed-achieved', achieved);

  // The embed's link to the full explorer carries its state (and not the embed's options).
  const openFull = space.getByRole('link', { name: /Open in the full explorer/ });
  assert.equal(await openFull.getAttribute('href'), `${env.origin}/?area=space`);
  assert.equal(await openFull.getAttribute('target'), '_blank');
  assert.match(await openFull.getAttribute('rel'), /noopener/);

  // The reader filters inside the first embed, in a sheet over the card, which keeps its height.
  await space.locator('#filters-button').click();
  await space.waitForFunction(() => document.getElementById('filters').matches(':modal'));
  assert.deepEqual(await accessibilityViolations(space), [], 'axe with the filters sheet open in the embed');
  await space.locator('#facets input[data-facet="kind"][value="commitment"]').check();
  await space.waitForFunction((n) => document.getElementById('status').textContent.startsWith(`${n} `), expected.spaceCommitments);
  await space.locator('#filters-done').click();
  await waitForCard(page, 'embed-space', space, 600);
  // The detail opens over the card, too.
  await space.locator('#results a.result-link').first().click();
  await space.waitForFunction(() => document.getElementById('detail').matches(':modal'));
  assert.deepEqual(await accessibilityViolations(space), [], 'axe with the detail open in the embed');
  await screenshot(page, 'article-embed-detail');
  // Clicking the first row scrolled the article only as far as that row; the
  // sheet's own top (Close) can sit above the article's viewport, where
  // Playwright cannot scroll a top-layer element in a frame into view.
  await page.locator('#embed-space').evaluate((host) => host.scrollIntoView());
  await space.locator('#detail .detail-close').click();
  await space.waitForFunction(() => !document.getElementById('detail').open);
  await waitForCard(page, 'embed-space', space, 600);
  assert.equal(await openFull.getAttribute('href'), `${env.origin}/?area=space&kind=commitment`);
  assert.equal(await iframeHeight(page, 'embed-achieved'), achievedHeight, 'the other embed keeps its height');
  assert.equal(await total(achieved), expected.achieved, 'the other embed keeps its state');
  assert.ok(!new URL(page.url()).search, 'the article URL is untouched');

  // The article scrolls normally with the wheel over the card's toolbar, and the
  // wheel over its view scrolls the view, never zooming the timeline without Ctrl.
  await page.locator('#embed-space').scrollIntoViewIfNeeded();
  const status = await space.locator('#status').boundingBox();
  await page.mouse.move(status.x + status.width / 2, status.y + status.height / 2);
  const before = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, 400);
  await page.waitForFunction((y) => window.scrollY > y, before);
  await page.mouse.move(10, 10);
  await page.mouse.wheel(0, 600);
  await page.waitForFunction((y) => window.scrollY > y + 400, before);

  // Near the third embed, it loads, with its own view and options.
  await page.locator('#embed-defence').scrollIntoViewIfNeeded();
  const defence = await embedFrame(page, 'embed-defence');
  assert.equal(await pressedView(defence), 'tracker');
  const tracked = Number((await defence.locator('#status').textContent()).match(/^(\d+) commitments? in the tracker/)[1]);
  assert.ok(tracked > 0);
  assert.equal(await defence.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await defence.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(20, 23, 26)');
  assert.equal(await defence.locator('.embed-header p').isHidden(), true, 'data-header="0" hides the header');
  assert.equal(await defence.getByRole('heading', { level: 1 }).count(), 1, 'the heading stays for screen readers');
  await waitForCard(page, 'embed-defence', defence, 480);
  assert.equal(await defence.getByRole('link', { name: /Open in the full explorer/ }).getAttribute('href'), `${env.origin}/?area=defence&view=tracker`);
  assert.ok(requests.some((url) => url.includes('embed=3')));

  // Every request went to the article's origin or the explorer's.
  for (const url of requests) assert.ok([env.origin, articleOrigin].includes(new URL(url).origin), url);
  assert.deepEqual(await accessibilityViolations(page, { iframes: false }), [], 'axe on the article');
  for (const [name, frame] of [['space', space], ['achieved', achieved], ['defence', defence]]) {
    assert.deepEqual(await accessibilityViolations(frame), [], `axe in the ${name} embed`);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'article');
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('the loader accepts height messages only from its own iframe, in its own shape', async () => {
  const session = await openArticle();
  const { page } = session;
  const space = await embedFrame(page, 'embed-space');
  const achieved = await embedFrame(page, 'embed-achieved');
  const height = await waitForCard(page, 'embed-space', space, 600);
  const forge = (frame, message) => frame.evaluate((m) => window.parent.postMessage(m, '*'), message);
  const settle = () => page.waitForTimeout(300);

  // From the article itself: the wrong origin.
  await page.evaluate(() => window.postMessage({ type: 'icet-explorer:height', id: '1', height: 4321 }, '*'));
  // From the explorer's origin, but another iframe than the one named.
  await forge(achieved, { type: 'icet-explorer:height', id: '1', height: 4321 });
  // From the right iframe, in the wrong shape.
  await forge(space, { type: 'icet-explorer:height', id: '1', height: '4321px' });
  await forge(space, { type: 'icet-explorer:height', id: '1', height: 1e9 });
  await forge(space, { type: 'icet-explorer:height', height: 4321 });
  await settle();
  assert.equal(await iframeHeight(page, 'embed-space'), height);

  // The same message from the right iframe is obeyed: the checks above could fail.
  await forge(space, { type: 'icet-explorer:height', id: '1', height: 4321 });
  await page.waitForFunction(() => document.getElementById('embed-space').shadowRoot.querySelector('iframe').getBoundingClientRect().height === 4321);
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('the embed posts the height messages common embed hosts understand', async () => {
  const session = await openArticle();
  const { page } = session;
  await page.evaluate(() => {
    window.__heights = [];
    window.addEventListener('message', (event) => window.__heights.push(event.data));
  });
  const space = await embedFrame(page, 'embed-space');
  await waitForCard(page, 'embed-space', space, 600);
  // A full embed reports its content's height, again when it changes.
  const achieved = await embedFrame(page, 'embed-achieved');
  await waitForFit(page, 'embed-achieved', achieved);
  await achieved.getByRole('button', { name: 'Commitment tracker' }).click();
  const height = await waitForFit(page, 'embed-achieved', achieved);
  const messages = await page.evaluate(() => window.__heights);
  assert.ok(messages.some((m) => m?.type === 'icet-explorer:height' && m.id === '2' && m.height === height), JSON.stringify(messages));
  // A compact one reports its card's height.
  assert.ok(messages.some((m) => m?.type === 'icet-explorer:height' && m.id === '1' && m.height === 600));
  assert.ok(messages.some((m) => m?.['datawrapper-height'] && m['datawrapper-height']['2'] === height));
  assert.ok(messages.some((m) => m?.sentinel === 'amp' && m.type === 'embed-size' && m.height === height));
  const flourish = messages.filter((m) => typeof m === 'string').map((m) => JSON.parse(m));
  assert.ok(flourish.some((m) => m.sender === 'Flourish' && m.method === 'resize' && m.context === 'iframe.resize' && m.height === height));
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('without JavaScript the article shows a plain link to each view', async () => {
  const session = await openPage(env, { origins: [articleOrigin], contextOptions: { javaScriptEnabled: false } });
  await session.page.goto(`${articleOrigin}/`);
  const link = session.page.getByRole('link', { name: 'iCET Explorer: timeline, area space' });
  assert.equal(await link.isVisible(), true);
  assert.equal(await link.getAttribute('href'), `${env.origin}/?area=space`);
  assert.equal(await session.page.locator('iframe').count(), 0);
  await session.context.close();
});

test('a site built with its own dataset names its embeds after it', async () => {
  const session = await openPage(env);
  const { page } = session;
  await page.goto(`${env.origin}/?area=space`);
  await page.waitForSelector('html[data-state="ready"]');
  const name = page.locator('meta[name="application-name"]');
  assert.equal(await name.getAttribute('content'), 'iCET Explorer');
  // icet-site --header-from-data writes the dataset's title here; the dialog's module reads it when it loads.
  await name.evaluate((meta) => meta.setAttribute('content', 'Dams & "rivers"'));
  await page.getByRole('button', { name: 'Embed this view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.waitFor();
  assert.match(await dialog.getByLabel(/with the loader/).inputValue(), /">Dams &amp; &quot;rivers&quot;: timeline, area space<\/a><\/div>/);
  assert.match(await dialog.getByLabel('Plain iframe').inputValue(), / title="Dams &amp; &quot;rivers&quot;: timeline, area space"/);
  await session.context.close();
});

test('"Embed this view" gives both snippets for the current state, and copies them', async () => {
  const session = await openPage(env, { contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } });
  const { page } = session;
  await page.goto(`${env.origin}/?area=space&q=launch&view=list`);
  await page.waitForSelector('html[data-state="ready"]');
  const opener = page.getByRole('button', { name: 'Embed this view' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  // The dialog's module loads on first use, so it opens a moment after the click.
  await dialog.waitFor();
  const loader = await dialog.getByLabel(/with the loader/).inputValue();
  assert.equal(loader, [
    `<div class="icet-explorer" data-area="space" data-q="launch" data-view="list"><a href="${env.origin}/?area=space&amp;q=launch&amp;view=list">iCET Explorer: result list, area space; q launch</a></div>`,
    `<script src="${env.origin}/embed.js" async></script>`,
  ].join('\n'));
  const iframe = await dialog.getByLabel('Plain iframe').inputValue();
  assert.match(iframe, new RegExp(`^<iframe src="${env.origin}/embed\\.html\\?area=space&amp;q=launch&amp;view=list" title="iCET Explorer: result list, area space; q launch"`));
  assert.deepEqual(await accessibilityViolations(page), [], 'axe with the dialog open');

  await dialog.getByRole('button', { name: 'Copy the loader snippet' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Copied the loader snippet.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), loader);
  await page.keyboard.press('Escape');
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'embed-open', 'focus returns to the button');

  // Snippet text is text: markup in the state stays escaped.
  await page.goto(`${env.origin}/?q=%22%3E%3Cscript%3E`);
  await page.waitForSelector('html[data-state="ready"]');
  await opener.click();
  const escaped = await dialog.getByLabel(/with the loader/).inputValue();
  assert.match(escaped, /data-q="&quot;&gt;&lt;script&gt;"/);
  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('the dialog in an embed keeps its options, leaves out its frame id and shows by its button', async () => {
  const session = await openArticle();
  const { page } = session;
  await page.locator('#embed-defence').scrollIntoViewIfNeeded();
  const defence = await embedFrame(page, 'embed-defence');
  await waitForCard(page, 'embed-defence', defence, 480);
  const opener = defence.getByRole('button', { name: 'Embed this view' });
  await opener.scrollIntoViewIfNeeded();
  await opener.click();
  const dialog = defence.getByRole('dialog', { name: 'Embed this view' });
  const loader = await dialog.getByLabel(/with the loader/).inputValue();
  assert.match(loader, /^<div class="icet-explorer" data-area="defence" data-view="tracker" data-theme="dark" data-header="0" data-height="480"><a href="[^"]+\/\?area=defence&amp;view=tracker">/);
  assert.match(await dialog.getByLabel('Plain iframe').inputValue(), / height="480"/);
  assert.doesNotMatch(loader, /embed=|data-embed/);
  // The dialog is on the reader's screen, though the iframe is taller than the window.
  const box = await dialog.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `the dialog is at ${box.y}..${box.y + box.height}`);
  // The copy works inside the article's iframe, or falls back to selecting the text.
  await dialog.getByRole('button', { name: 'Copy the iframe snippet' }).click();
  await dialog.getByRole('status').filter({ hasText: /Copied the iframe snippet|the snippet is selected/ }).waitFor();
  assert.deepEqual(await accessibilityViolations(defence), [], 'axe on the dialog in the embed');
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.equal(await defence.evaluate(() => document.activeElement.id), 'embed-open');
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('an embed works in a 360 px article column', async () => {
  const session = await openArticle({ width: 360, height: 740 });
  const { page } = session;
  const space = await embedFrame(page, 'embed-space');
  await waitForCard(page, 'embed-space', space, 600);
  // The card shows items at once, not a form.
  // (Shown: a dense month's items wait in its group, which shows instead.)
  const firstItem = await space.locator('#results li.result, #results li.dense, #timeline [data-id]').filter({ visible: true }).first()
    .evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(firstItem > 0 && firstItem < 600, `the first item is at ${firstItem} px in the card`);
  const sideways = await space.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(sideways <= 0, `the embed scrolls sideways by ${sideways} px`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the article scrolls sideways');
  assert.deepEqual(await accessibilityViolations(space), []);
  await screenshot(page, 'article-360');
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('an invalid embed option is reported, not silently dropped', async () => {
  const session = await openPage(env);
  await session.page.goto(`${env.origin}/embed.html?area=space&theme=purple&facets=no&layout=wide&height=99`);
  await session.page.waitForSelector('html[data-state="ready"]');
  const warnings = await session.page.locator('#warnings li').allTextContents();
  assert.deepEqual(warnings, [
    '"theme=purple" is ignored: use light, dark or auto',
    '"facets=no" is ignored: use 0 to hide the filters or 1 to show them',
    '"layout=wide" is ignored: use compact (a card of fixed height) or full (as tall as its content)',
    '"height=99" is ignored: use a height in pixels from 240 to 4000',
  ]);
  assert.equal(await session.page.getAttribute('html', 'data-layout'), 'compact', 'an unknown layout leaves the compact card');
  assert.equal(await session.page.getAttribute('html', 'data-theme'), null);
  assert.deepEqual(await accessibilityViolations(session.page), []);
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});

test('the loader passes on every parameter of the state, the dataset and the embed options, and only those', async () => {
  // The names the build gave the scripts, from the Rust core.
  const module = await (await fetch(`${env.origin}/names.js`)).text();
  const names = JSON.parse(module.replace(/^export default /, '').replace(/;\s*$/, ''));
  // Every facet the explorer draws is among them, under the key it draws it with.
  const main = await openPage(env);
  await main.page.goto(`${env.origin}/`);
  const facets = await main.page.$$eval('#facets [data-facet]', (boxes) => [...new Set(boxes.map((box) => box.dataset.facet))]);
  await main.context.close();
  assert.ok(facets.length >= 5, `only ${facets.length} facets drawn`);
  for (const facet of facets) assert.ok(names.stateParameters.includes(facet), `the facet ${facet} is not a parameter of the state`);

  const passed = [...names.stateParameters, names.datasetParameter,
    ...Object.keys(names.pageOptions).filter((name) => names.pageOptions[name].inSnippets)];
  const session = await openArticle();
  const { page } = session;
  // Only the addresses matter here: the frames get an empty page.
  await page.route(`${env.origin}/embed.html?*`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>frame</title>' }));
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.evaluate((names) => {
    const host = document.createElement('icet-explorer');
    host.id = 'embed-every';
    for (const name of names) host.setAttribute(`data-${name}`, `value-${name}`);
    host.setAttribute('data-colour', 'red');
    document.body.prepend(host);
  }, passed);
  await page.waitForFunction(() => document.getElementById('embed-every').shadowRoot?.querySelector('iframe')?.src);
  const src = new URL(await page.locator('#embed-every iframe').getAttribute('src'));
  assert.deepEqual([...src.searchParams.keys()], [...passed, 'embed']);
  for (const name of passed) assert.equal(src.searchParams.get(name), `value-${name}`);
  assert.ok(warnings.some((text) => text.includes('ignored data-colour')), `no warning of data-colour: ${JSON.stringify(warnings)}`);
  assert.deepEqual(await session.problems(), []);
  await session.context.close();
});
