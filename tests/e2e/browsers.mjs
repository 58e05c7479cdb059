// The two browsers the end-to-end suite runs in, both driven by playwright-core
// so that every test uses one API:
// - Chromium (Debian's /usr/bin/chromium) over the Chrome DevTools Protocol;
// - Firefox ESR (Debian's /usr/bin/firefox-esr) over WebDriver BiDi
//   (playwright-core's "moz-firefox" channel), through firefox-esr-bidi.mjs.
// BROWSER=chromium|firefox picks one; a browser that does not launch fails the
// run, it is never skipped.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, firefox } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const BROWSER = process.env.BROWSER ?? 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`BROWSER must be chromium or firefox, not ${BROWSER}`);

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Firefox: nothing fetched from the internet (no updates, telemetry, safe
// browsing or remote settings), and the clipboard open to the page's script.
const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'services.settings.server': 'data:,',
  'toolkit.telemetry.enabled': false,
  'dom.events.asyncClipboard.clipboardItem': true,
  'dom.events.asyncClipboard.readText': true,
  'dom.events.testing.asyncClipboard': true,
};

/**
 * Launches the browser named by BROWSER. Options for Firefox only, which
 * cannot set them per context over WebDriver BiDi, so such a page gets a
 * browser of its own with a preference instead: `colorScheme` (what
 * prefers-color-scheme answers) and `javaScriptEnabled`.
 */
export async function launch({ colorScheme, javaScriptEnabled = true } = {}) {
  if (BROWSER === 'chromium') {
    return chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  }
  const prefs = { ...FIREFOX_PREFS };
  // 0: dark, 1: light (what the content sees as prefers-color-scheme).
  if (colorScheme) prefs['layout.css.prefers-color-scheme.content-override'] = colorScheme === 'dark' ? 0 : 1;
  if (!javaScriptEnabled) prefs['javascript.enabled'] = false;
  return firefox.launch({
    channel: 'moz-firefox',
    executablePath: join(here, 'firefox-esr-bidi.mjs'),
    firefoxUserPrefs: prefs,
  });
}

/**
 * The options of `launch` a context with `contextOptions` needs, or null when
 * the shared browser can open it.
 */
export function ownBrowserFor({ colorScheme = 'light', javaScriptEnabled = true }) {
  if (BROWSER === 'chromium' || (colorScheme === 'light' && javaScriptEnabled)) return null;
  return { colorScheme, javaScriptEnabled };
}

/**
 * node:test options for a test that runs in some browsers only: skipped, with
 * its reason printed, in the others.
 */
export function onlyIn(browsers, reason) {
  return browsers.includes(BROWSER) ? {} : { skip: `${BROWSER}: ${reason}` };
}
