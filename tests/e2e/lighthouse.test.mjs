// Lighthouse on the built site, offline, in Debian's Chromium: the first view,
// a deep link and an embed, each with the mobile and the desktop preset.
// Accessibility and best practices must score 100 everywhere, SEO 100 on the
// pages meant to be indexed (the embed is `noindex` on purpose); performance
// is printed, and fails below a floor a few points under what was measured
// (the machine is shared and noisy: see the README's "Lighthouse in make test").
// Lighthouse drives Chromium over the DevTools protocol: it runs once, not per
// browser, and is left out when BROWSER=firefox.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { serve } from '../../www/dev/server.mjs';
import { onlyIn, SITE_ROOT } from './support.mjs';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// No background networking, updates or sync: nothing is fetched from the internet.
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-default-apps --disable-domain-reliability';
const LIGHTHOUSE = new URL('../node_modules/lighthouse/cli/index.js', import.meta.url).pathname;

// Performance floors, a few points under the runs measured on this 2-core VM
// on 1 December 2026 (the README's "Lighthouse in make test" has them): /
// 100 and 100; the deep link 89-96 and 99-100; the embed 95-96 and 100
// (mobile and desktop). The VM is shared and noisy: the deep link on mobile
// has scored 89 and 96 on the same build.
const PAGES = [
  { path: '/', indexed: true, floor: { mobile: 95, desktop: 96 } },
  { path: '/?item=f414-co-production', indexed: true, floor: { mobile: 85, desktop: 95 } },
  { path: '/embed.html?area=space', indexed: false, floor: { mobile: 88, desktop: 95 } },
];

let server;
let origin;
let folder;
before(async () => {
  server = await serve({ root: SITE_ROOT, port: 0 });
  origin = `http://127.0.0.1:${server.address().port}`;
  folder = await mkdtemp(join(tmpdir(), 'lighthouse-'));
});
after(async () => {
  if (server) await new Promise((done) => server.close(done));
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function audit(path, preset) {
  const out = join(folder, 'report.json');
  const args = [LIGHTHOUSE, `${origin}${path}`, '--output=json', `--output-path=${out}`, '--quiet',
    `--chrome-path=${CHROMIUM}`, `--chrome-flags=${CHROME_FLAGS}`,
    '--only-categories=performance,accessibility,best-practices,seo'];
  if (preset === 'desktop') args.push('--preset=desktop');
  await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(await readFile(out, 'utf8'));
  const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const failing = (id) => (report.categories[id]?.auditRefs ?? [])
    .map((ref) => report.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1 && weighs(report, id, a.id))
    .map((a) => a.id);
  const requests = (report.audits['network-requests']?.details?.items ?? []).map((item) => item.url);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    lcp: report.audits['largest-contentful-paint']?.numericValue,
    cls: report.audits['cumulative-layout-shift']?.numericValue,
    failing: { accessibility: failing('accessibility'), bestPractices: failing('best-practices'), seo: failing('seo') },
    requests,
  };
}

/** Whether an audit counts towards a category's score. */
function weighs(report, category, id) {
  return report.categories[category].auditRefs.some((ref) => ref.id === id && ref.weight > 0);
}

const results = [];
for (const { path, indexed, floor } of PAGES) {
  for (const preset of ['mobile', 'desktop']) {
    test(`Lighthouse: ${path}, ${preset}`, onlyIn(['chromium'], 'Lighthouse runs in Chromium only'), async () => {
      const result = await audit(path, preset);
      results.push({ path, preset, ...result });
      console.log(`${path} ${preset}: performance ${result.performance} (floor ${floor[preset]}), accessibility ${result.accessibility}, best practices ${result.bestPractices}, SEO ${result.seo}, LCP ${result.lcp?.toFixed(0)} ms, CLS ${result.cls?.toFixed(3)}`);
      for (const url of result.requests) {
        assert.ok(/^(data|blob|about):/.test(url) || new URL(url).origin === origin, `fetched from elsewhere: ${url}`);
      }
      assert.equal(result.accessibility, 100, `accessibility: ${result.failing.accessibility.join(', ')}`);
      assert.equal(result.bestPractices, 100, `best practices: ${result.failing.bestPractices.join(', ')}`);
      if (indexed) assert.equal(result.seo, 100, `SEO: ${result.failing.seo.join(', ')}`);
      assert.ok(result.performance >= floor[preset], `performance ${result.performance} is below its floor of ${floor[preset]}`);
    });
  }
}

test('Lighthouse summary', onlyIn(['chromium'], 'Lighthouse runs in Chromium only'), () => {
  console.log('| page | preset | performance | accessibility | best practices | SEO | LCP, ms | CLS |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| \`${r.path}\` | ${r.preset} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${r.lcp?.toFixed(0)} | ${r.cls?.toFixed(3)} |`);
  }
});
