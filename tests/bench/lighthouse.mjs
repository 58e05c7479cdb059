// Lighthouse on the built site, offline: the pages are served on loopback and
// Debian's Chromium runs with its background networking off. Prints each
// page's category scores, its largest contentful paint and its cumulative
// layout shift, for the mobile and the desktop preset.
// Usage (from tests/): node bench/lighthouse.mjs --root ../target/site [--pages /,/?item=f414-co-production,/embed.html?area=space]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '../../www/dev/server.mjs';

const run = promisify(execFile);
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const root = option('root', '../target/site');
const pages = option('pages', '/,/?item=f414-co-production,/embed.html?area=space').split(',');
const presets = option('presets', 'mobile,desktop').split(',');
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';

const server = await serve({ root, port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const folder = await mkdtemp(join(tmpdir(), 'lighthouse-'));
const lighthouse = new URL('../node_modules/lighthouse/cli/index.js', import.meta.url).pathname;

/** One Lighthouse run: its scores (0 to 100) and two metrics. */
async function audit(path, preset) {
  const out = join(folder, 'report.json');
  const args = [lighthouse, `${origin}${path}`, '--output=json', `--output-path=${out}`, '--quiet',
    `--chrome-path=${process.env.CHROMIUM ?? '/usr/bin/chromium'}`, `--chrome-flags=${CHROME_FLAGS}`,
    '--only-categories=performance,accessibility,best-practices,seo'];
  if (preset === 'desktop') args.push('--preset=desktop');
  await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(await readFile(out, 'utf8'));
  const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    lcp: report.audits['largest-contentful-paint']?.numericValue,
    cls: report.audits['cumulative-layout-shift']?.numericValue,
    failing: Object.values(report.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id),
  };
}

export const results = [];
console.log('| page | preset | performance | accessibility | best practices | SEO | LCP, ms | CLS |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
try {
  for (const path of pages) {
    for (const preset of presets) {
      const result = { path, preset, ...(await audit(path, preset)) };
      results.push(result);
      console.log(`| \`${path}\` | ${preset} | ${result.performance} | ${result.accessibility} | ${result.bestPractices} | ${result.seo} | ${result.lcp?.toFixed(0)} | ${result.cls?.toFixed(3)} |`);
      if (result.failing.length) console.log(`|  | failing: ${result.failing.join(', ')} | | | | | | |`);
    }
  }
} finally {
  server.close();
  await rm(folder, { recursive: true, force: true });
}
