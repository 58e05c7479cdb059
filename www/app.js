// Glue: keep the state in the URL, wire the controls, and apply the views
// Rust draws. The first view is pre-rendered into the page at build time;
// the wasm engine and the dataset load only once the reader shows an intent
// to interact (a pointer over the explorer, focus in it, a touch, a key), or
// at once when the URL asks for a state of its own.
import { apply } from './dom.js';
import { wireTimeline } from './timeline-input.js';

const $ = (id) => document.getElementById(id);
// embed.html is the same explorer with less around it, inside an article's iframe.
const EMBEDDED = document.body.dataset.mode === 'embed';
// The explorer's own address (the folder of index.html and embed.html).
const BASE = new URL('./', location.href).href;
// The timeline's label font; Rust lays labels out with its measured widths.
const LABEL_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
/**
 * Options of the page rather than of the explorer's state: they stay out of
 * `explorer.render` (which would warn about them) and are carried along on
 * every navigation, like `data` (which dataset).
 */
const PAGE_OPTIONS = {
  theme: { valid: (v) => ['auto', 'light', 'dark'].includes(v), hint: 'use light, dark or auto' },
  header: { valid: (v) => v === '0' || v === '1', hint: 'use 0 to hide the header or 1 to show it' },
  facets: { valid: (v) => v === '0' || v === '1', hint: 'use 0 to hide the filters or 1 to show them' },
  embed: { valid: (v) => /^[A-Za-z0-9_-]{1,40}$/.test(v), hint: 'use up to 40 letters, digits, - or _' },
};
const KEPT_APART = ['data', ...Object.keys(PAGE_OPTIONS)];
/** The engine once it is in; until then, actions wait in `pending`. */
let explorer = null;
let engine = null;
const pending = [];
let reportNow = () => {};
/** The state and options that "Embed this view" offers, kept until its dialog loads. */
let embedParams = new URLSearchParams();
/** The width the timeline was last drawn at, so a resize to the same width draws nothing. */
let drawnWidth = 0;

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

/**
 * Shows why the explorer could not start. A dataset that did not load hides
 * the explorer, which would show other data; an engine that did not start
 * leaves the pre-rendered view readable.
 */
function showError(error, { hideExplorer = true } = {}) {
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
  $('explorer').hidden = hideExplorer;
  setBusy($('explorer'), false);
  for (const control of document.querySelectorAll('[aria-busy="true"]')) setBusy(control, false);
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

function setBusy(element, busy) {
  if (!element) return;
  if (busy) element.setAttribute('aria-busy', 'true');
  else element.removeAttribute('aria-busy');
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

function showWarnings(warnings) {
  const list = $('warnings');
  list.replaceChildren(...warnings.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  list.hidden = warnings.length === 0;
}

/**
 * Runs `action` with the engine, at once if it is in. Otherwise the control
 * the reader used shows that it is busy, the engine starts loading, and the
 * action runs when it is in: a first input waits, but is never lost. Actions
 * with the same `key` (keystrokes in one field) wait as one.
 */
function withEngine(action, control, key) {
  if (explorer) return action();
  setBusy(control, true);
  if (key && pending.some((entry) => entry.key === key)) return undefined;
  pending.push({ key, run: () => { setBusy(control, false); action(); } });
  startEngine();
  return undefined;
}

/** The widths of the label font's printable ASCII characters, then of any other. */
function measureLabelFont() {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return [];
  context.font = LABEL_FONT;
  const widths = [];
  for (let code = 32; code < 127; code += 1) widths.push(context.measureText(String.fromCharCode(code)).width);
  widths.push(context.measureText('é').width);
  return widths;
}

/** Loads the engine and the dataset, once. */
function startEngine() {
  engine ??= (async () => {
    document.documentElement.dataset.engine = 'loading';
    const url = datasetUrl();
    const [module, text] = await Promise.all([
      import('./pkg/icet_explorer.js').then(async (loaded) => {
        await loaded.default();
        return loaded;
      }).catch((error) => {
        throw Object.assign(new Error(`Could not start the explorer's WebAssembly module: ${error.message}`), { engine: true });
      }),
      fetchText(url, 'the dataset'),
    ]);
    explorer = new module.Explorer(text);
    explorer.setLabelWidths(measureLabelFont());
    explorer.setBase(new URL(location.pathname, location.href).href);
    wireEngine();
    if (new URLSearchParams(location.search).has('data')) {
      const summary = explorer.summaryMarkup();
      if ($('header-facts')) apply($('header-facts'), summary.facts);
      if ($('summary-body')) apply($('summary-body'), summary.tables);
    }
    if (needsOwnView()) {
      render();
    } else {
      // The pre-rendered view is this state already: the engine takes over
      // without drawing, and only fits the timeline for what comes next.
      explorer.render(currentQuery(), timelineWidth());
      drawnWidth = timelineWidth();
    }
    document.documentElement.dataset.engine = 'ready';
    for (const { run } of pending.splice(0)) run();
  })().catch((error) => showError(error, { hideExplorer: !error.engine }));
  return engine;
}

/** Whether the URL asks for something other than the pre-rendered first view. */
function needsOwnView() {
  return currentQuery() !== '' || new URLSearchParams(location.search).has('data');
}

function timelineWidth() {
  return $('timeline').clientWidth || 1;
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
  return render();
}

/** Changes one parameter of the current state and navigates there. */
function update(change, options) {
  const params = new URLSearchParams(currentQuery());
  change(params);
  navigate(params.toString(), options);
}

function render() {
  const view = explorer.render(currentQuery(), timelineWidth());
  drawnWidth = timelineWidth();
  const params = new URLSearchParams(view.state);

  // Controls show the state as Rust read it, so a hand-edited URL is reflected faithfully.
  if (document.activeElement !== $('search')) $('search').value = params.get('q') ?? '';
  for (const name of ['from', 'to']) if (document.activeElement !== $(name)) $(name).value = params.get(name) ?? '';
  $('sort').value = params.get('sort') ?? 'auto';
  apply($('facets'), view.facets);
  $('filters').querySelector('summary').textContent = view.selectedFilters ? `Filters (${view.selectedFilters} chosen)` : 'Filters';
  for (const button of document.querySelectorAll('.views button')) {
    button.setAttribute('aria-pressed', String(button.dataset.view === view.view));
  }

  const { options, warnings } = pageOptions();
  applyPageOptions(options);
  showWarnings([...view.warnings, ...warnings]);
  showEmbedLinks(view.state, options);

  $('timeline-view').hidden = view.view !== 'timeline';
  $('list-view').hidden = view.view === 'tracker';
  $('tracker-view').hidden = view.view !== 'tracker';
  // The status line is read out when it changes, so it changes only when its words do.
  if ($('status').textContent !== view.status) $('status').textContent = view.status;
  if (view.tracker !== undefined) apply($('tracker'), view.tracker);
  if (view.list !== undefined) apply($('results'), view.list);
  if (view.timeline !== undefined) apply($('timeline'), view.timeline);
  const detail = $('detail');
  apply(detail, view.detail ?? '');
  detail.hidden = view.detail === undefined;
  setBusy($('explorer'), false);
  document.documentElement.dataset.state = 'ready';
  reportNow();
}

/** Redraws the timeline alone, at most once per animation frame. */
let timelineFrame = 0;
function redrawTimeline() {
  if (timelineFrame) return;
  timelineFrame = requestAnimationFrame(() => {
    timelineFrame = 0;
    if ($('timeline-view').hidden) return;
    drawnWidth = timelineWidth();
    apply($('timeline'), explorer.timelineMarkup(currentQuery(), drawnWidth));
  });
}

/**
 * Points "Open in the full explorer" at this state, and gives the embed
 * dialog the state with the page's options (but not the loader's frame id).
 */
function showEmbedLinks(state, options) {
  const params = new URLSearchParams(state);
  const data = new URLSearchParams(location.search).get('data');
  if (data) params.set('data', data);
  const full = $('open-full');
  const link = params.toString();
  if (full) full.href = new URL(link ? `?${link}` : '', BASE).href;
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
  const href = link.getAttribute('href');
  withEngine(() => {
    navigate(href.slice(1));
    if (new URLSearchParams(href).has('item') && !$('detail').hidden) $('detail-title')?.focus();
  }, link);
}

/** Wires every control at once; what needs the engine waits for it. */
function wireControls() {
  const search = $('search');
  // Typing replaces the history entry, so Back does not step through every keystroke.
  search.addEventListener('input', () => withEngine(
    () => update((p) => (search.value.trim() ? p.set('q', search.value) : p.delete('q')), { replace: true }),
    search,
    'search',
  ));
  for (const name of ['from', 'to']) {
    $(name).addEventListener('change', (event) => withEngine(
      () => update((p) => (event.target.value.trim() ? p.set(name, event.target.value.trim()) : p.delete(name))),
      event.target,
    ));
  }
  $('sort').addEventListener('change', (event) => withEngine(
    () => update((p) => (event.target.value === 'auto' ? p.delete('sort') : p.set('sort', event.target.value))),
    event.target,
  ));
  $('controls').addEventListener('submit', (event) => event.preventDefault());
  $('clear').addEventListener('click', (event) => withEngine(() => {
    const view = new URLSearchParams(currentQuery()).get('view');
    navigate(view ? `view=${view}` : '');
    search.focus();
  }, event.currentTarget));
  $('facets').addEventListener('change', (event) => {
    const box = event.target;
    if (box.type !== 'checkbox') return;
    const { facet } = box.dataset;
    const { value, checked } = box;
    withEngine(() => update((params) => {
      const values = new Set((params.get(facet) ?? '').split(',').filter(Boolean));
      if (checked) values.add(value);
      else values.delete(value);
      if (values.size) params.set(facet, [...values].join(','));
      else params.delete(facet);
    }), box);
  });
  for (const button of document.querySelectorAll('.views button')) {
    button.addEventListener('click', () => withEngine(
      () => update((p) => (button.dataset.view === 'timeline' ? p.delete('view') : p.set('view', button.dataset.view))),
      button,
    ));
  }
  document.addEventListener('click', interceptLinks);
  $('embed-open').addEventListener('click', openEmbedDialog);
  // A pointer on its way or keyboard focus starts loading the dialog before the click.
  for (const type of ['pointerenter', 'focus']) {
    $('embed-open').addEventListener(type, () => loadEmbedDialog().catch(() => {}), { once: true });
  }
  // Like the embed dialog, the download code loads when it is first used.
  $('downloads')?.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-export]');
    if (!button) return;
    withEngine(() => import('./download.js').then(
      ({ download }) => download(explorer, currentQuery(), button.dataset.export),
      (error) => showNotice(`Could not load the download: ${error.message}`),
    ), button);
  });
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
  window.addEventListener('popstate', () => withEngine(render));
  // In an article the wheel scrolls the article; the timeline zooms with Ctrl or pinch.
  wireTimeline($('timeline'), {
    act: (change) => withEngine(() => {
      change(explorer);
      redrawTimeline();
    }, $('timeline'), 'timeline'),
    wheelZoomNeedsCtrl: EMBEDDED,
  });
  // Any sign that the reader is about to interact starts loading the engine.
  const intent = () => startEngine();
  for (const type of ['pointerover', 'focusin', 'touchstart']) $('explorer').addEventListener(type, intent, { once: true, passive: true });
  document.addEventListener('keydown', intent, { once: true });
}

/** What only makes sense once the engine is in. */
function wireEngine() {
  new ResizeObserver(() => {
    if (!$('timeline-view').hidden && timelineWidth() !== drawnWidth) redrawTimeline();
  }).observe($('timeline'));
}

function boot() {
  const { options, warnings } = pageOptions();
  // The theme applies before anything else, so the page does not flash.
  applyPageOptions(options);
  showWarnings(warnings);
  if (EMBEDDED) {
    // Only an embed reports its height, so only an embed loads that code.
    import('./embed-frame.js').then(({ reportHeight }) => {
      reportNow = reportHeight(options.embed ?? null);
      reportNow();
    }, (error) => showNotice(`Could not load the embed's height reporting: ${error.message}`));
  }
  // On a phone the results come first; the filters open on request.
  if (matchMedia('(max-width: 52rem)').matches) $('filters').open = false;
  try {
    datasetUrl();
  } catch (error) {
    showError(error);
    return;
  }
  wireControls();
  showEmbedLinks(currentQuery(), options);
  if (needsOwnView()) {
    // The page holds the first view, not this one: it shows as loading, in
    // the same shape, until the engine has drawn this state.
    setBusy($('explorer'), true);
    $('status').textContent = 'Loading…';
    document.documentElement.dataset.state = 'loading';
    startEngine();
  } else {
    document.documentElement.dataset.state = 'ready';
  }
}

boot();
