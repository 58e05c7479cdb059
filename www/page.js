// What both the boot code (app.js) and the engine's glue (engine.js) need:
// the page's elements, its options, the state in its URL, and how it reports.
// The names in the URL come from the Rust core, through names.js (icet-site
// writes it from src/core/url_state.rs and src/core/page_options.rs).
import NAMES from './names.js';

export const $ = (id) => document.getElementById(id);
// embed.html is the same explorer with less around it, inside an article's iframe.
export const EMBEDDED = document.body.dataset.mode === 'embed';
// The explorer's own address (the folder of index.html and embed.html).
export const BASE = new URL('./', location.href).href;
/**
 * Options of the page rather than of the explorer's state (theme, header, an
 * embed's layout, ...): they are carried along on every navigation, like
 * `data` (which dataset), and kept out of the state the engine is given.
 */
const PAGE_OPTIONS = NAMES.pageOptions;
/** The parameter that names the dataset to load. */
export const DATASET = NAMES.datasetParameter;
/** What an embed's card is, unless `layout=full`; its height, unless `height` says otherwise. */
export const COMPACT_HEIGHT = NAMES.compactHeight;
export const KEPT_APART = [DATASET, ...Object.keys(PAGE_OPTIONS)];
/** The page options "Embed this view" carries into its snippets (not the loader's frame id). */
const EMBED_OPTIONS = Object.keys(PAGE_OPTIONS).filter((name) => PAGE_OPTIONS[name].inSnippets);

/** Whether a page option, as names.js describes it, takes `value`. */
function takes(option, value) {
  if (option.values) return option.values.includes(value);
  if (option.pattern) return new RegExp(option.pattern).test(value);
  return /^\d{3,4}$/.test(value) && Number(value) >= option.min && Number(value) <= option.max;
}

/** Whether this is an embed shown as a card of fixed height, whose detail and filters are sheets. */
export const isCompact = () => document.documentElement.dataset.layout === 'compact';
/** The state and options that "Embed this view" offers, kept until its dialog loads. */
let embedParams = new URLSearchParams();
export const currentEmbedParams = () => embedParams;

/** What the address's `data` parameter asks for (which dataset), or null. */
export const requestedDataset = () => new URLSearchParams(location.search).get(DATASET);

/** The dataset to load: `data/icet.json`, or `?data=` naming a file on this site. */
export function datasetUrl() {
  const requested = requestedDataset();
  if (requested === 'local') throw new Error('A timeline opened from a file is not on this site.');
  const url = new URL(requested || 'data/icet.json', document.baseURI);
  if (url.origin !== location.origin) {
    // A javascript: or data: address has no origin to name; its scheme says what it is.
    const elsewhere = url.origin === 'null' ? `a ${url.protocol} address` : url.origin;
    throw new Error(`The data parameter must name a file on this site (${location.origin}), not ${elsewhere}.`);
  }
  return url;
}

export function setBusy(element, busy) {
  if (!element) return;
  if (busy) element.setAttribute('aria-busy', 'true');
  else element.removeAttribute('aria-busy');
}

/**
 * Shows why the explorer could not start. A dataset that did not load hides
 * the explorer, which would show other data; an engine that did not start
 * leaves the pre-rendered view readable.
 */
export function showError(error, { hideExplorer = true } = {}) {
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
export function showNotice(message) {
  const notice = $('notice');
  notice.textContent = message;
  notice.hidden = false;
}

/**
 * The URL's query as the page stands: the engine answers an input first and
 * writes its history entry after the frame (engine.js), so until then the
 * state is the one it navigated to, not yet the address bar's.
 */
let unwrittenSearch = null;
export const pageSearch = () => unwrittenSearch ?? location.search;
/** `search` (`?…`, or '' for none) is the state until its history entry is written; null once it is. */
export function setUnwrittenSearch(search) {
  unwrittenSearch = search;
}

/** The explorer's own parameters; `data` and the page options are kept apart and always carried along. */
export function currentQuery() {
  const params = new URLSearchParams(pageSearch());
  for (const name of KEPT_APART) params.delete(name);
  return params.toString();
}

/** Whether the URL asks for something other than the pre-rendered first view. */
export function needsOwnView() {
  return currentQuery() !== '' || new URLSearchParams(pageSearch()).has(DATASET);
}

/** The page options in the URL that are valid, and a warning for each that is not. */
export function pageOptions() {
  const params = new URLSearchParams(pageSearch());
  const options = {};
  const warnings = [];
  for (const [name, option] of Object.entries(PAGE_OPTIONS)) {
    const value = params.get(name);
    if (value === null) continue;
    if (takes(option, value)) options[name] = value;
    else warnings.push(`"${name}=${value}" is ignored: ${option.hint}`);
  }
  return { options, warnings };
}

/** `theme=light|dark` forces that scheme; otherwise the reader's own applies. */
export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

export function applyPageOptions({ theme, header, facets, layout }) {
  const root = document.documentElement;
  // An embed is a compact card unless it asks to grow with its content; the page always grows.
  if (EMBEDDED) root.dataset.layout = layout === 'full' ? 'full' : 'compact';
  applyTheme(theme);
  if (header === '0') root.dataset.header = 'off';
  else delete root.dataset.header;
  $('filters').hidden = facets === '0';
  $('filters-button').hidden = facets === '0';
}

export function showWarnings(warnings) {
  const list = $('warnings');
  list.replaceChildren(...warnings.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  list.hidden = warnings.length === 0;
}

/**
 * Points "Open in the full explorer" at this state, and gives the embed
 * dialog the state with the page's options (but not the loader's frame id).
 */
export function showEmbedLinks(state, options) {
  const params = new URLSearchParams(state);
  const data = requestedDataset();
  if (data) params.set(DATASET, data);
  const full = $('open-full');
  const link = params.toString();
  if (full) full.href = new URL(link ? `?${link}` : '', BASE).href;
  for (const name of EMBED_OPTIONS) if (options[name]) params.set(name, options[name]);
  embedParams = params;
  // Before its module has loaded, the element has no `params` setter to call.
  if (customElements.get('icet-embed-dialog')) $('embed-dialog').params = params;
}
