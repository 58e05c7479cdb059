// Glue: boot the wasm module and the dataset, keep the state in the URL, wire
// the controls, and ask Rust to draw. Rust draws everything that shows data.
import init, { Explorer } from './pkg/icet_explorer.js';
import './components/facet-panel.js';
import { wireTimeline } from './timeline-input.js';

const $ = (id) => document.getElementById(id);
const LIST_LIMIT = 200;
// embed.html is the same explorer with less around it, inside an article's iframe.
const EMBEDDED = document.body.dataset.mode === 'embed';
// The explorer's own address (the folder of index.html and embed.html).
const BASE = new URL('./', location.href).href;
/**
 * Options of the page rather than of the explorer's state: they stay out of
 * `explorer.query` (which would warn about them) and are carried along on
 * every navigation, like `data` (which dataset).
 */
const PAGE_OPTIONS = {
  theme: { valid: (v) => ['auto', 'light', 'dark'].includes(v), hint: 'use light, dark or auto' },
  header: { valid: (v) => v === '0' || v === '1', hint: 'use 0 to hide the header or 1 to show it' },
  facets: { valid: (v) => v === '0' || v === '1', hint: 'use 0 to hide the filters or 1 to show them' },
  embed: { valid: (v) => /^[A-Za-z0-9_-]{1,40}$/.test(v), hint: 'use up to 40 letters, digits, - or _' },
};
const KEPT_APART = ['data', ...Object.keys(PAGE_OPTIONS)];
let explorer;
let reportNow = () => {};
/** The state and options that "Embed this view" offers, kept until its dialog loads. */
let embedParams = new URLSearchParams();
let lastState = '';

/** The dataset to load: `data/icet.json`, or `?data=` naming a file on this site. */
function datasetUrl() {
  const requested = new URLSearchParams(location.search).get('data');
  const url = new URL(requested || 'data/icet.json', document.baseURI);
  if (url.origin !== location.origin) {
    throw new Error(`The data parameter must name a file on this site (${location.origin}), not ${url.origin}.`);
  }
  return url;
}

async function fetchText(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`Could not fetch ${what} (${url.pathname}): ${error.message}`);
  }
  if (!response.ok) throw new Error(`Could not fetch ${what} (${url.pathname}): HTTP ${response.status}.`);
  return response.text();
}

function showError(error) {
  const panel = $('load-error');
  panel.querySelector('.load-error-message').textContent = error.message.split('\n')[0];
  const list = panel.querySelector('.load-error-problems');
  list.replaceChildren();
  for (const problem of error.problems ?? []) {
    const item = document.createElement('li');
    const place = document.createElement('code');
    place.textContent = problem.path || '(document)';
    item.append(place, ` (line ${problem.line}, column ${problem.column}): ${problem.message}`);
    list.append(item);
  }
  panel.hidden = false;
  $('explorer').hidden = true;
  document.documentElement.dataset.state = 'error';
}

/**
 * Reports a failure that leaves the explorer usable, such as a module that
 * could not load. It has its own line: the status line is rewritten by every
 * render, and the reader must still see what failed after the next click.
 */
function showNotice(message) {
  const notice = $('notice');
  notice.textContent = message;
  notice.hidden = false;
}

/** The explorer's own parameters; `data` and the page options are kept apart and always carried along. */
function currentQuery() {
  const params = new URLSearchParams(location.search);
  for (const name of KEPT_APART) params.delete(name);
  return params.toString();
}

/** The page options in the URL that are valid, and a warning for each that is not. */
function pageOptions() {
  const params = new URLSearchParams(location.search);
  const options = {};
  const warnings = [];
  for (const [name, { valid, hint }] of Object.entries(PAGE_OPTIONS)) {
    const value = params.get(name);
    if (value === null) continue;
    if (valid(value)) options[name] = value;
    else warnings.push(`"${name}=${value}" is ignored: ${hint}`);
  }
  return { options, warnings };
}

function applyPageOptions({ theme, header, facets }) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
  if (header === '0') root.dataset.header = 'off';
  else delete root.dataset.header;
  $('filters').hidden = facets === '0';
}

function navigate(queryString, { replace = false } = {}) {
  const params = new URLSearchParams(queryString);
  const current = new URLSearchParams(location.search);
  for (const name of KEPT_APART) if (current.has(name)) params.set(name, current.get(name));
  const search = params.toString();
  const url = search ? `?${search}` : location.pathname;
  if (url === location.search || (!search && !location.search)) return render();
  // An embed must not add entries to the article's history: Back leaves the article.
  history[replace || EMBEDDED ? 'replaceState' : 'pushState'](null, '', url);
  render();
}

/** Changes one parameter of the current state and navigates there. */
function update(change, options) {
  const params = new URLSearchParams(currentQuery());
  change(params);
  navigate(params.toString(), options);
}

function render() {
  const query = currentQuery();
  const result = explorer.query(query, 0);
  const params = new URLSearchParams(result.state);
  const view = result.view;

  // Controls show the state as Rust read it, so a hand-edited URL is reflected faithfully.
  if (document.activeElement !== $('search')) $('search').value = params.get('q') ?? '';
  for (const name of ['from', 'to']) if (document.activeElement !== $(name)) $(name).value = params.get(name) ?? '';
  $('sort').value = params.get('sort') ?? 'auto';
  $('facets').counts = result.facets;
  const active = result.facets.reduce((sum, facet) => sum + facet.selected.length, 0);
  $('filters').querySelector('summary').textContent = active ? `Filters (${active} chosen)` : 'Filters';
  for (const button of document.querySelectorAll('.views button')) {
    button.setAttribute('aria-pressed', String(button.dataset.view === view));
  }

  const { options, warnings: optionWarnings } = pageOptions();
  applyPageOptions(options);
  const allWarnings = [...result.warnings, ...optionWarnings];
  const warnings = $('warnings');
  warnings.replaceChildren(...allWarnings.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  warnings.hidden = allWarnings.length === 0;
  showEmbedLinks(result.state, options);

  $('timeline-view').hidden = view !== 'timeline';
  $('list-view').hidden = view === 'tracker';
  $('tracker-view').hidden = view !== 'tracker';
  if (view === 'tracker') {
    const shown = explorer.renderTracker($('tracker'), query);
    $('status').textContent = `${shown} commitment${shown === 1 ? '' : 's'} in the tracker.`;
  } else {
    $('status').textContent = `${result.total} result${result.total === 1 ? '' : 's'}.`;
    explorer.renderList($('results'), query, LIST_LIMIT);
    if (view === 'timeline') explorer.renderTimeline($('timeline'), query);
  }
  const detail = $('detail');
  detail.hidden = !explorer.renderDetail(detail, query);
  document.documentElement.dataset.state = 'ready';
  reportNow();
}

/**
 * Points "Open in the full explorer" at this state, and gives the embed
 * dialog the state with the page's options (but not the loader's frame id).
 */
function showEmbedLinks(state, options) {
  const params = new URLSearchParams(state);
  const data = new URLSearchParams(location.search).get('data');
  if (data) params.set('data', data);
  lastState = params.toString();
  const full = $('open-full');
  if (full) full.href = new URL(lastState ? `?${lastState}` : '', BASE).href;
  for (const name of ['theme', 'header', 'facets']) if (options[name]) params.set(name, options[name]);
  embedParams = params;
  // Before its module has loaded, the element has no `params` setter to call.
  if (customElements.get('icet-embed-dialog')) $('embed-dialog').params = params;
}

/**
 * The embed dialog's module, loaded on first use: most readers never open
 * it, so the first view does not carry it.
 */
const loadEmbedDialog = () => import('./components/embed-dialog.js');

/** Opens "Embed this view". */
async function openEmbedDialog(event) {
  const button = event.currentTarget;
  try {
    await loadEmbedDialog();
  } catch (error) {
    showNotice(`Could not load the embed dialog: ${error.message}`);
    return;
  }
  const dialog = $('embed-dialog');
  dialog.base = BASE;
  dialog.params = embedParams;
  dialog.open(button);
}

/** Follows links to other states of the explorer without reloading the page. */
function interceptLinks(event) {
  const link = event.target.closest('a[href^="?"]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  const selects = new URLSearchParams(link.getAttribute('href')).has('item');
  navigate(link.getAttribute('href').slice(1));
  if (selects && !$('detail').hidden) $('detail-title')?.focus();
}

function wireControls() {
  const search = $('search');
  // Typing replaces the history entry, so Back does not step through every keystroke.
  search.addEventListener('input', () => update((p) => (search.value.trim() ? p.set('q', search.value) : p.delete('q')), { replace: true }));
  for (const name of ['from', 'to']) {
    $(name).addEventListener('change', (event) => update((p) => (event.target.value.trim() ? p.set(name, event.target.value.trim()) : p.delete(name))));
  }
  $('sort').addEventListener('change', (event) => update((p) => (event.target.value === 'auto' ? p.delete('sort') : p.set('sort', event.target.value))));
  $('controls').addEventListener('submit', (event) => event.preventDefault());
  $('clear').addEventListener('click', () => {
    const view = new URLSearchParams(currentQuery()).get('view');
    navigate(view ? `view=${view}` : '');
    search.focus();
  });
  $('facets').addEventListener('icet-facet-change', ({ detail }) => update((params) => {
    const values = new Set((params.get(detail.facet) ?? '').split(',').filter(Boolean));
    if (detail.checked) values.add(detail.value);
    else values.delete(detail.value);
    if (values.size) params.set(detail.facet, [...values].join(','));
    else params.delete(detail.facet);
  }));
  for (const button of document.querySelectorAll('.views button')) {
    button.addEventListener('click', () => update((p) => (button.dataset.view === 'timeline' ? p.delete('view') : p.set('view', button.dataset.view))));
  }
  document.addEventListener('click', interceptLinks);
  $('embed-open').addEventListener('click', openEmbedDialog);
  // A pointer on its way or keyboard focus starts loading the dialog before the click.
  for (const type of ['pointerenter', 'focus']) {
    $('embed-open').addEventListener(type, () => loadEmbedDialog().catch(() => {}), { once: true });
  }
  if (EMBEDDED) {
    // A link out of the explorer (a source, the full explorer) must not replace
    // the embed inside the article: it opens in a new tab instead.
    document.addEventListener('click', (event) => {
      const link = event.target.closest('a[href]');
      if (!link || /^[?#]/.test(link.getAttribute('href'))) return;
      link.target = '_blank';
      link.rel = 'noopener';
    });
  }
  window.addEventListener('popstate', render);
  // In an article the wheel scrolls the article; the timeline zooms with Ctrl or pinch.
  wireTimeline($('timeline'), explorer, () => explorer.renderTimeline($('timeline'), currentQuery()), { wheelZoomNeedsCtrl: EMBEDDED });
  new ResizeObserver(() => {
    if (!$('timeline-view').hidden) explorer.renderTimeline($('timeline'), currentQuery());
  }).observe($('timeline'));
}

/** The dataset's span and its counts by focus area and status, in one line under the title. */
function showHeaderFacts(summary) {
  const byCount = (list) => list.filter((entry) => entry.count > 0).sort((a, b) => b.count - a.count);
  const areas = summary.focusAreas.map((area) => ({ label: area.name, count: area.events + area.commitments }));
  const parts = [
    `${summary.first?.label ?? '?'} to ${summary.last?.label ?? '?'}`,
    `${summary.totals.events} events and ${summary.totals.commitments} commitments`,
    `by focus area: ${byCount(areas).map((a) => `${a.label} ${a.count}`).join(', ')}`,
    `commitments by status: ${byCount(summary.commitmentsByStatus).map((s) => `${s.label.toLowerCase()} ${s.count}`).join(', ')}`,
  ];
  const facts = $('header-facts');
  if (facts) facts.textContent = `${parts.join('. ')}.`;
}

async function boot() {
  try {
    const url = datasetUrl();
    const [text] = await Promise.all([
      fetchText(url, 'the dataset'),
      init().catch((error) => {
        throw new Error(`Could not start the explorer's WebAssembly module: ${error.message}`);
      }),
    ]);
    explorer = new Explorer(text);
    // The embed has neither the download nor the dataset summary.
    const download = $('download-timelinejs');
    if (download) {
      download.hidden = false;
      // Like the embed dialog, the download code loads when it is first used.
      download.addEventListener('click', () => import('./download.js').then(
        ({ downloadTimelinejs }) => downloadTimelinejs(explorer),
        (error) => showNotice(`Could not load the download: ${error.message}`),
      ));
    }
    if ($('summary-body')) explorer.renderSummary($('summary-body'));
    showHeaderFacts(explorer.summary());
    $('facets').facets = explorer.facets();
    // On a phone the results come first; the filters open on request.
    if (matchMedia('(max-width: 52rem)').matches) $('filters').open = false;
    $('explorer').hidden = false;
    wireControls();
    render();
  } catch (error) {
    showError(error);
  }
}

if (EMBEDDED) {
  const { options } = pageOptions();
  // The theme applies before the first render, so the embed does not flash.
  applyPageOptions(options);
  // Only an embed reports its height, so only an embed loads that code.
  import('./embed-frame.js').then(({ reportHeight }) => {
    reportNow = reportHeight(options.embed ?? null);
    reportNow();
  }, (error) => showNotice(`Could not load the embed's height reporting: ${error.message}`));
}
boot();
