// Shared set-up for the end-to-end tests: the built site on a loopback port,
// the browser named by BROWSER (Chromium or Firefox ESR, see browsers.mjs)
// driven by playwright-core, and strict page watchers.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../www/dev/server.mjs';
import { BROWSER, launch, ownBrowserFor } from './browsers.mjs';

export { BROWSER, onlyIn } from './browsers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(here, 'artifacts');
export const SITE_ROOT = process.env.SITE_ROOT ?? join(here, '../../target/site');
// sha256 of `body {}`, the style playwright-core inserts before a screenshot in Firefox.
const PLAYWRIGHT_SYNC_STYLE_HASH = 'sha256-YjaKGiklmzC6wjXA513HAMmzus8VE61XCOT+SmwNZWA=';
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Starts the site server on a free port and the headless browser. With
 * `origin`, uses a server already running there instead (the deployed folder).
 */
export async function start({ origin: given } = {}) {
  const server = given ? null : await serve({ root: SITE_ROOT, port: 0 });
  const origin = given ?? `http://127.0.0.1:${server.address().port}`;
  // Without a browser the suite must fail, never skip: launch errors propagate.
  const browser = await launch();
  await mkdir(ARTIFACTS, { recursive: true });
  // Browsers of their own that pages opened (see openPage): a test that fails
  // before closing its page must not leave one running, which would keep the
  // test file, and the suite, from ever ending.
  const ownBrowsers = new Set();
  return {
    origin,
    browser,
    ownBrowsers,
    async stop() {
      await Promise.all([...ownBrowsers].map((own) => own.close().catch(() => {})));
      await browser.close();
      if (server) await new Promise((done) => server.close(done));
    },
  };
}

/**
 * Opens a page that records every console error, page error, failed or
 * foreign request and CSP violation; `problems()` lists them.
 */
export async function openPage(env, { width = 1280, height = 900, colorScheme = 'light', origins = [], contextOptions = {} } = {}) {
  const allowed = [env.origin, ...origins];
  // What Firefox cannot set per context (a dark scheme, no JavaScript) gets a browser of its own.
  const needs = ownBrowserFor({ colorScheme, ...contextOptions });
  const own = needs ? await launch(needs) : null;
  const context = await (own ?? env.browser).newContext({ viewport: { width, height }, colorScheme, ...contextOptions });
  if (own) {
    env.ownBrowsers?.add(own);
    context.on('close', () => {
      env.ownBrowsers?.delete(own);
      own.close();
    });
  }
  if (BROWSER === 'firefox') {
    // Firefox has no clipboard permissions to grant: its preferences
    // (browsers.mjs) let the page's script read and write the clipboard.
    const grant = context.grantPermissions.bind(context);
    context.grantPermissions = (permissions, options) => grant(permissions.filter((p) => !p.startsWith('clipboard-')), options);
  }
  const page = await context.newPage();
  if (own && !needs.javaScriptEnabled) scriptless.add(page);
  const problems = [];
  // Taking a screenshot in Firefox, playwright-core briefly inserts
  // `<style>body {}</style>` to sync animations; the page's CSP blocks it,
  // which proves the CSP works but is not the page's doing. Only that exact
  // style is forgiven: Firefox names its hash, and each one forgives one
  // style-src-elem violation report.
  let harnessStyles = 0;
  const onError = (text) => {
    if (text.includes(`'${PLAYWRIGHT_SYNC_STYLE_HASH}'`) && text.includes('style-src-elem')) harnessStyles += 1;
    else problems.push(text);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') onError(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => onError(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  // Each document the page loads, counted by its navigation's request, so
  // that a load the next navigation cuts short (the icon of a page left
  // behind) is not laid to the page that follows.
  let documents = 0;
  const startedIn = new WeakMap();
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    const cutShort = error === 'net::ERR_ABORTED' || error === 'NS_BINDING_ABORTED';
    if (cutShort && startedIn.get(request) !== documents) return;
    problems.push(`request failed: ${request.url()} ${error}`);
  });
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents += 1;
    startedIn.set(request, documents);
    const url = new URL(request.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && !allowed.includes(url.origin)) {
      problems.push(`request to another origin: ${request.url()}`);
    }
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    page,
    context,
    async problems() {
      // Every frame records its own violations: an embed's are in its iframe.
      const csp = [];
      for (const frame of page.frames()) {
        const found = await frame.evaluate(() => window.__cspViolations ?? []).catch(() => []);
        csp.push(...found.map((v) => `CSP violation in ${frame.url()}: ${v}`));
      }
      let forgiven = harnessStyles;
      const own = csp.filter((v) => !(forgiven > 0 && v.endsWith(': style-src-elem inline') && forgiven--));
      return [...problems, ...own];
    },
  };
}

/**
 * Runs axe-core on the current state of a page or frame; returns its
 * violations, summarised. With `iframes: false` it leaves iframes out (check
 * each embed's frame on its own: axe cannot enter them without being there).
 */
export async function accessibilityViolations(page, { iframes = true } = {}) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (iframes) => {
    const result = await window.axe.run(document, { resultTypes: ['violations'], iframes });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, iframes);
  return violations;
}

// Pages of a Firefox with JavaScript off: Playwright's screenshot waits for
// fonts through page script there, and would wait forever.
const scriptless = new WeakSet();

/** Saves a screenshot in `artifacts/`: the whole page, or with `fullPage: false` what the reader sees. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  if (scriptless.has(page)) return;
  await page.screenshot({ path: join(ARTIFACTS, `${BROWSER === 'chromium' ? '' : `${BROWSER}-`}${name}.png`), fullPage });
}
