// The peer benchmark: our explorer, TimelineJS3 and vis-timeline on the same
// items, in one headless Chromium, each page served locally with gzip.
// Usage (from tests/):
//   node bench-peers/run.mjs --root ../target/peers-site [--sizes real,1000,10000] [--runs 5]
//     [--limit 60] [--out bench-peers/results/peers.json]
// Environment: RUNS, PEER_SIZES and PEER_LIMIT override the defaults; CHROMIUM the browser.
// Ours runs twice for a synthetic dataset: its own site, pre-rendered (<root>/ours/synthetic-N/),
// and the real dataset's site given it as ?data=, loaded at run time.
// A built site in <root>/baseline (make bench-peers BASELINE_SITE=...) runs as
// one more page, taking turns with the others: two builds compared in one run,
// since runs minutes apart differ by up to a quarter on a small machine.
import { execFileSync } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../www/dev/server.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const root = option('root', '../target/peers-site');
const sizes = option('sizes', process.env.PEER_SIZES ?? 'real,1000,10000').split(',');
const runs = Number(option('runs', process.env.RUNS ?? 5));
const limitMs = Number(option('limit', process.env.PEER_LIMIT ?? 60)) * 1000;
const out = option('out', 'bench-peers/results/peers.json');
// The main thread counts as free once no long task (over 50 ms) has run for this long.
const QUIET_MS = 1000;
const OVER = 'over the limit';

const version = async (name) => JSON.parse(await readFile(new URL(`../node_modules/${name}/package.json`, import.meta.url))).version;
const versions = { timelinejs: await version('@knight-lab/timelinejs'), vis: await version('vis-timeline') };

// The peers get a permissive policy: TimelineJS writes inline styles. Nothing
// can leave the machine anyway: every request to another host is aborted and recorded.
const PEER_POLICY = "default-src * data: blob: 'unsafe-inline' 'unsafe-eval'";
const oursServer = await serve({ root: join(root, 'ours'), port: 0 });
const peersServer = await serve({ root: join(root, 'peers'), port: 0, headers: { 'Content-Security-Policy': PEER_POLICY } });
const hasBaseline = await access(join(root, 'baseline/index.html')).then(() => true, () => false);
const baselineServer = hasBaseline ? await serve({ root: join(root, 'baseline'), port: 0 }) : null;
const origin = (server) => `http://127.0.0.1:${server.address().port}`;

/** Runs in the page: one frame has been drawn after the work just done. */
const NEXT_FRAME = 'new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))';

/**
 * Runs in the page: the median time of `times` actions taken in turn
 * (`first`, `second`, `first`, ...), each until the next frame, with a
 * pause between them. The first zoom and filter of a load run code the
 * page has not run yet; these are the ones a reader who goes on meets.
 */
const AGAIN_TIMES = 6;
const again = (first, second) => `(async () => {
  const times = [];
  for (let i = 0; i < ${AGAIN_TIMES}; i += 1) {
    await new Promise((done) => setTimeout(done, 100));
    const t0 = performance.now();
    await (i % 2 ? (${second}) : (${first}))();
    await ${NEXT_FRAME};
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
})()`;

/**
 * Our page, served by `server` (this build, or the baseline's). `prerendered`:
 * a synthetic dataset's own site, built as a newsroom deploys its timeline
 * (`make site DATA=…`, in `<site>/synthetic-N/`), with that dataset's first
 * view in the page; otherwise the site built with the real dataset, given
 * the synthetic one as `?data=`, which the engine loads and draws at run time.
 */
const ourPage = (key, name, server, { prerendered }) => ({
  key,
  name,
  url: (size) => {
    if (size === 'real') return `${origin(server)}/`;
    return prerendered ? `${origin(server)}/synthetic-${size}/` : `${origin(server)}/?data=data/synthetic-${size}.json`;
  },
  // Loaded at run time, another dataset's items are those of the timeline
  // the engine drew, which has none of the pre-rendered timelines' classes.
  firstItem: (size) => (size === 'real' || prerendered
    ? '#timeline .mark, #timeline .cluster'
    : '#timeline > svg:not([class*="prerendered"]) .mark, #timeline > svg:not([class*="prerendered"]) .cluster'),
  // The real dataset is pre-rendered in both ways: the run-time page only runs for the others.
  runs: (size) => size !== 'real' || prerendered,
  // The engine loads when the reader turns to the explorer: a pointer over
  // it. Zoom and filter are timed once it is in and the page has been quiet
  // for a second, as the peers' are once they have drawn and been quiet.
  prepare: `(async () => {
    document.getElementById('explorer').dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    while (document.documentElement.dataset.engine !== 'ready') await new Promise((done) => setTimeout(done, 5));
    window.__bench.preparedAt = performance.now();
  })()`,
  zoom: `(async () => { const t0 = performance.now(); document.querySelector('[data-zoom="in"]').click(); await ${NEXT_FRAME}; return performance.now() - t0; })()`,
  filter: `(async () => { const box = document.querySelector('#facets input[data-facet="area"][value="space"]'); const t0 = performance.now(); box.click(); await ${NEXT_FRAME}; return performance.now() - t0; })()`,
  zoomAgain: again('() => document.querySelector(\'[data-zoom="out"]\').click()', '() => document.querySelector(\'[data-zoom="in"]\').click()'),
  // The box is ticked after the first filter: untick it, tick it, and so on.
  filterAgain: again('() => document.querySelector(\'#facets input[data-facet="area"][value="space"]\').click()', '() => document.querySelector(\'#facets input[data-facet="area"][value="space"]\').click()'),
});

const PAGES = [
  ourPage('ours', 'iCET Explorer', oursServer, { prerendered: true }),
  ourPage('runtime', 'iCET Explorer, data loaded at run time', oursServer, { prerendered: false }),
  // The baseline build has no site of its own per synthetic dataset: it loads them at run time.
  ...(baselineServer ? [ourPage('baseline', 'iCET Explorer, baseline build', baselineServer, { prerendered: false })] : []),
  {
    key: 'timelinejs',
    name: `TimelineJS3 ${versions.timelinejs}`,
    url: (size) => `${origin(peersServer)}/timelinejs.html?data=data/${size}.timelinejs.json`,
    firstItem: '.tl-timemarker',
    zoom: `(async () => { const t0 = performance.now(); await window.peer.zoom(); await ${NEXT_FRAME}; return performance.now() - t0; })()`,
    filter: null,
    zoomAgain: again('() => window.peer.zoom(-1)', '() => window.peer.zoom()'),
    filterAgain: null,
  },
  {
    key: 'vis',
    name: `vis-timeline ${versions.vis}`,
    url: (size) => `${origin(peersServer)}/vis.html?data=data/${size}.vis.json`,
    firstItem: '.vis-item',
    zoom: `(async () => { const t0 = performance.now(); await window.peer.zoom(); await ${NEXT_FRAME}; return performance.now() - t0; })()`,
    filter: `(async () => { const t0 = performance.now(); await window.peer.filter('space'); await ${NEXT_FRAME}; return performance.now() - t0; })()`,
    zoomAgain: again('() => window.peer.zoom(-1)', '() => window.peer.zoom()'),
    filterAgain: again('() => window.peer.filter(null)', "() => window.peer.filter('space')"),
  },
  // The least time in which any page shows an item here: one line of text,
  // loaded and timed as the others. A goal below it cannot be met on this machine.
  {
    key: 'floor',
    name: 'a page of one line of text',
    url: () => `${origin(peersServer)}/floor.html`,
    firstItem: '.floor-item',
  },
];

/** Installed before any page script: notes when the first item is visible, and every long task. */
function watch(selector) {
  window.__bench = { firstItem: null, longTaskEnds: [], memories: [] };
  // WebAssembly memories are invisible from outside the module that made them; note them as they are made.
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function noteMemories(...args) {
      const result = await original.apply(this, args);
      const exports = (result.instance ?? result).exports ?? {};
      for (const value of Object.values(exports)) if (value instanceof WebAssembly.Memory) window.__bench.memories.push(value);
      return result;
    };
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTaskEnds.push(entry.startTime + entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const visible = (element) => {
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
  };
  const firstPaint = new Promise((done) => {
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (!entry) return;
      observer.disconnect();
      done(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  });
  let found = false;
  const check = () => {
    if (found) return;
    const candidates = document.querySelectorAll(selector);
    // A pre-rendered page holds hidden variants (ours: one timeline per width range), so look past them.
    for (let i = 0; i < Math.min(candidates.length, 2000); i += 1) {
      if (visible(candidates[i])) {
        found = true;
        observer.disconnect();
        // Visible is when a frame draws it: markup parsed before its style
        // sheet has loaded (our pre-rendered page) is laid out on demand
        // here but not painted until the sheet is in, and a frame's
        // callbacks wait for that too. So the time is the start of the
        // first frame after the item is in the page, for every page, and
        // no earlier than the page's first paint (the first frame of a
        // page is rastered whole, which takes a while before it shows).
        requestAnimationFrame((frameStart) => {
          firstPaint.then((painted) => {
            window.__bench.firstItem = Math.max(frameStart, painted);
          });
        });
        return;
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  // Markup that arrives with the page, styled by a sheet that loads later, is
  // visible without another mutation: look again once the sheets are in.
  for (const type of ['DOMContentLoaded', 'load']) addEventListener(type, () => requestAnimationFrame(check));
}

class OverTheLimit extends Error {}

/** `promise`, or OverTheLimit once `ms` have passed. */
function within(ms, promise) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new OverTheLimit()), Math.max(ms, 0));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const category = (url, type = '') => {
  const path = new URL(url).pathname;
  if (/\.(js|mjs|wasm)$/.test(path) || /javascript|wasm/.test(type)) return 'code';
  if (/\.css$/.test(path) || type.includes('css')) return 'styles';
  if (/\.json$/.test(path) || type.includes('json')) return 'data';
  if (/\.html$/.test(path) || path.endsWith('/') || type.includes('html')) return 'html';
  return 'other';
};

/**
 * Waits until the page has been quiet (no task over 50 ms) for QUIET_MS
 * since the time `window.__bench[since]`; resolves to when it was last busy.
 */
const quietAfter = (tab, since) => tab.waitForFunction(([quiet, key]) => {
  const lastBusy = Math.max(window.__bench[key], ...window.__bench.longTaskEnds);
  return performance.now() - lastBusy >= quiet ? lastBusy : false;
}, [QUIET_MS, since], { timeout: limitMs, polling: 100 }).then((handle) => handle.jsonValue());

/** One load of one page: every figure, or OVER for those that did not finish in time. */
async function measure(browser, page, size) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const blocked = [];
  const errors = [];
  const bytes = { code: 0, styles: 0, data: 0, html: 0, other: 0 };
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  tab.on('response', (response) => {
    const headers = response.headers();
    bytes[category(response.url(), headers['content-type'])] += Number(headers['content-length'] ?? 0);
  });
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.addInitScript(watch, typeof page.firstItem === 'function' ? page.firstItem(size) : page.firstItem);
  const cdp = await context.newCDPSession(tab);
  const result = { bytes, blocked, errors };
  const started = Date.now();
  const left = () => limitMs - (Date.now() - started);
  try {
    try {
      await within(left(), tab.goto(page.url(size), { waitUntil: 'commit', timeout: limitMs }));
      await within(left(), tab.waitForFunction(() => window.__bench.firstItem !== null, null, { timeout: limitMs, polling: 100 }));
      result.firstItem = await tab.evaluate(() => window.__bench.firstItem);
      result.responsive = await within(left(), quietAfter(tab, 'firstItem'));
    } catch (error) {
      if (!(error instanceof OverTheLimit || error.name === 'TimeoutError')) throw error;
      for (const figure of ['firstItem', 'responsive', 'heap', 'wasm', 'memory', 'zoom', 'filter', 'zoomAgain', 'filterAgain']) result[figure] ??= OVER;
      return result;
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    result.heap = heap.usedSize;
    // Linear memory only grows, so this is the most the module has held.
    result.wasm = await tab.evaluate(() => window.__bench.memories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0));
    if (page.prepare) {
      await within(limitMs, tab.evaluate(page.prepare));
      // The same quiet second as after the first item, from the end of the preparation.
      await within(limitMs, quietAfter(tab, 'preparedAt'));
    }
    for (const action of ['zoom', 'filter', 'zoomAgain', 'filterAgain']) {
      if (!page[action]) {
        result[action] = null;
        continue;
      }
      try {
        result[action] = await within(limitMs, tab.evaluate(page[action]));
      } catch (error) {
        if (!(error instanceof OverTheLimit)) throw error;
        result[action] = OVER;
        break;
      }
    }
    return result;
  } finally {
    await context.close();
  }
}

const median = (values) => {
  if (values.some((v) => v === OVER)) return OVER;
  const numbers = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return numbers.length ? numbers[Math.floor(numbers.length / 2)] : null;
};

const FIGURES = [
  ['code', 'code (JS + wasm), KB gz', (r) => r.bytes.code / 1024],
  ['styles', 'styles (CSS), KB gz', (r) => r.bytes.styles / 1024],
  ['data', 'data (JSON), KB gz', (r) => r.bytes.data / 1024],
  ['htmlOther', 'HTML and other, KB gz', (r) => (r.bytes.html + r.bytes.other) / 1024],
  ['total', 'total transferred, KB gz', (r) => Object.values(r.bytes).reduce((a, b) => a + b, 0) / 1024],
  ['firstItem', 'first item visible, ms', (r) => r.firstItem],
  ['responsive', 'responsive to input, ms', (r) => r.responsive],
  ['heap', 'JS heap after load, MB', (r) => (typeof r.heap === 'number' ? r.heap / 1e6 : r.heap)],
  ['wasm', 'wasm linear memory, MB', (r) => (typeof r.wasm === 'number' ? r.wasm / 1e6 : r.wasm)],
  ['memory', 'JS heap + wasm memory, MB', (r) => (typeof r.heap === 'number' ? (r.heap + r.wasm) / 1e6 : r.heap)],
  ['filter', 'filter (area = space), ms', (r) => r.filter],
  ['zoom', 'zoom in once, ms', (r) => r.zoom],
  ['filterAgain', `filter off and on again, median of ${AGAIN_TIMES}, ms`, (r) => r.filterAgain],
  ['zoomAgain', `zoom out and in again, median of ${AGAIN_TIMES}, ms`, (r) => r.zoomAgain],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
const chromiumVersion = browser.version();
const results = [];
try {
  for (const size of sizes) {
    const items = size === 'real'
      ? (({ events, commitments }) => events.length + commitments.length)(JSON.parse(await readFile(join(root, 'ours/data/icet.json'), 'utf8')))
      : Number(size);
    const entry = { size, items, pages: {} };
    // One uncounted load of each page first: the first page a fresh browser
    // opens is slower, and no page should pay for that alone.
    const pages = PAGES.filter((page) => page.runs?.(size) ?? true);
    if (size === sizes[0]) {
      for (const page of pages) await measure(browser, page, size);
    }
    // Runs take turns (ours, TimelineJS, vis, ours, ...), so a slow spell of
    // the machine falls on all pages, not on the runs of one.
    const samplesOf = Object.fromEntries(pages.map((page) => [page.key, []]));
    for (let run = 0; run < runs; run += 1) {
      for (const page of pages) {
        const samples = samplesOf[page.key];
        // A page over the limit once would be again: its later runs are skipped.
        if (samples.at(-1)?.firstItem === OVER) continue;
        const sample = await measure(browser, page, size);
        samples.push(sample);
        process.stderr.write(`${size} ${page.key} run ${run + 1}: first item ${typeof sample.firstItem === 'number' ? sample.firstItem.toFixed(0) : sample.firstItem}\n`);
      }
    }
    for (const page of pages) {
      const samples = samplesOf[page.key];
      const medians = Object.fromEntries(FIGURES.map(([key, , pick]) => [key, median(samples.map(pick))]));
      entry.pages[page.key] = {
        name: page.name,
        runs: samples.length,
        medians,
        blocked: [...new Set(samples.flatMap((s) => s.blocked))],
        errors: [...new Set(samples.flatMap((s) => s.errors))],
        samples,
      };
    }
    const ratios = (mine, other) => Object.fromEntries(FIGURES.map(([key]) => {
      const ours = entry.pages[mine].medians[key];
      const theirs = entry.pages[other].medians[key];
      return [key, typeof ours === 'number' && typeof theirs === 'number' && theirs > 0 ? ours / theirs : null];
    }));
    entry.ratios = Object.fromEntries(pages.filter((p) => !['ours', 'runtime', 'baseline', 'floor'].includes(p.key)).map(({ key: peer }) => [peer, ratios('ours', peer)]));
    if (entry.pages.runtime) entry.runtimeRatios = { timelinejs: ratios('runtime', 'timelinejs'), vis: ratios('runtime', 'vis') };
    // Like with like: the baseline loads a synthetic dataset at run time, as the run-time page does.
    if (entry.pages.baseline) entry.ratios.baseline = ratios(size === 'real' ? 'ours' : 'runtime', 'baseline');
    results.push(entry);
  }
} finally {
  await browser.close();
  oursServer.close();
  baselineServer?.close();
  peersServer.close();
}

const show = (value, key) => {
  if (value === OVER) return OVER;
  if (value == null) return key.startsWith('filter') ? 'n/a' : '—';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
};
const ratio = (value) => (value == null ? '—' : value.toFixed(2));
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Chromium ${chromiumVersion}`;
const lines = [
  `Peer benchmark, ${new Date().toISOString().slice(0, 10)}: ${machine}; medians of ${runs} runs (fewer where a page went over the ${limitMs / 1000} s limit); viewport 1280 × 900.`,
  '',
];
for (const entry of results) {
  const { ours, timelinejs, vis } = entry.pages;
  lines.push(`| ${entry.size === 'real' ? `real dataset, ${entry.items} items` : `synthetic, ${entry.items} items`} | ours | ${timelinejs.name} | ${vis.name} | ours / TimelineJS | ours / vis |`);
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const [key, label] of FIGURES) {
    lines.push(`| ${label} | ${show(ours.medians[key], key)} | ${show(timelinejs.medians[key], key)} | ${show(vis.medians[key], key)} | ${ratio(entry.ratios.timelinejs[key])} | ${ratio(entry.ratios.vis[key])} |`);
  }
  const floor = entry.pages.floor.medians.firstItem;
  const tjsFirst = timelinejs.medians.firstItem;
  const [quarter, half] = [4, 2].map((part) => (typeof tjsFirst === 'number' ? show(tjsFirst / part, 'firstItem') : '—'));
  lines.push('', `First item on ${entry.pages.floor.name} (no style sheet, no script), loaded in turn with the others: ${show(floor, 'firstItem')} ms. `
    + `A quarter of TimelineJS's first item is ${quarter} ms, a half ${half} ms.`, '');
  const { runtime, baseline } = entry.pages;
  if (runtime) {
    lines.push(`| ${entry.items} items, the real dataset's site given them as \`?data=\` | ours at run time | ours at run time / TimelineJS | ours at run time / vis |`, '|---|---:|---:|---:|');
    for (const [key, label] of FIGURES) {
      lines.push(`| ${label} | ${show(runtime.medians[key], key)} | ${ratio(entry.runtimeRatios.timelinejs[key])} | ${ratio(entry.runtimeRatios.vis[key])} |`);
    }
    lines.push('');
  }
  if (baseline) {
    const mine = runtime ?? ours;
    lines.push(`| ${entry.size}: this build against the baseline build${runtime ? ', both at run time' : ''} | ours | baseline | ours / baseline |`, '|---|---:|---:|---:|');
    for (const [key, label] of FIGURES) {
      lines.push(`| ${label} | ${show(mine.medians[key], key)} | ${show(baseline.medians[key], key)} | ${ratio(entry.ratios.baseline[key])} |`);
    }
    lines.push('');
  }
}
const blocked = results.flatMap((e) => Object.values(e.pages).flatMap((p) => p.blocked.map((url) => `${p.name}: ${url}`)));
lines.push(`Requests to other hosts (aborted, never sent): ${blocked.length ? '' : 'none.'}`);
for (const line of [...new Set(blocked)]) lines.push(`- ${line}`);
const errors = results.flatMap((e) => Object.values(e.pages).flatMap((p) => p.errors.map((message) => `${p.name}, ${e.size}: ${message}`)));
if (errors.length) {
  lines.push('Page errors:');
  for (const line of [...new Set(errors)]) lines.push(`- ${line}`);
}
lines.push('', 'Our page runs under its own Content-Security-Policy; the peer pages under a permissive one '
  + `(${PEER_POLICY}). n/a: TimelineJS has no filter. vis-timeline filters by group (an item's first focus area), `
  + 'we by any of its focus areas. "Responsive": the end of the last task over 50 ms before a quiet second. '
  + 'JS heap: used, after a forced garbage collection (CDP Runtime.getHeapUsage); it leaves out DOM and layout memory.');
console.log(lines.join('\n'));

let nproc = '';
try {
  nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
} catch {
  nproc = String(cpus().length);
}
await mkdir(dirname(out), { recursive: true });
await writeFile(out, JSON.stringify({
  date: new Date().toISOString(), machine: { cpus: nproc, model: cpus()[0]?.model, chromium: chromiumVersion },
  runs, limitSeconds: limitMs / 1000, quietMs: QUIET_MS, versions, peerPolicy: PEER_POLICY, results,
}, null, 2));
console.log(`\nWritten to ${out}.`);
