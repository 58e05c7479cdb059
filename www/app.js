// Boot: the first view is pre-rendered into the page at build time, so this
// only applies the page's options and wires the controls. The engine (the
// wasm module, the dataset and their glue in engine.js) loads once the reader
// shows an intent to interact (a pointer over the explorer, focus in it, a
// touch, a key), or at once when the URL asks for a state of its own.
//
// The page loads this module async from the top of its body, so it runs
// while the rest of the page is still being parsed: a URL with a state of its
// own starts fetching the engine then, and the controls are wired once the
// page is parsed.
import {
  $, BASE, COMPACT_HEIGHT, DATASET, EMBEDDED, applyPageOptions, applyTheme, currentEmbedParams, currentQuery, datasetUrl,
  needsOwnView, isCompact, pageOptions, requestedDataset, setBusy, showEmbedLinks, showError, showNotice, showWarnings,
} from './page.js';
import { wireTimeline } from './timeline-input.js';

/** A search counts as settled after this long without a keystroke. */
const SEARCH_SETTLES_MS = 1000;

/** The engine once it is in; until then, actions wait in `pending`. */
let engine = null;
let loading = null;
/** Why the engine could not start, once it could not: the page says so, and no input waits for it. */
let engineError = null;
const pending = [];
let reportNow = () => {};

/**
 * Runs `action` with the engine, at once if it is in. Otherwise the control
 * the reader used shows that it is busy, the engine starts loading, and the
 * action runs when it is in: a first input waits, but is never lost. Actions
 * with the same `key` (keystrokes in one field) wait as one.
 */
function withEngine(action, control, key) {
  if (engine) return action(engine);
  if (engineError) return undefined;
  setBusy(control, true);
  if (key && pending.some((entry) => entry.key === key)) return undefined;
  pending.push({ key, run: () => { setBusy(control, false); action(engine); } });
  loadEngine();
  return undefined;
}

/**
 * Asks for everything the engine needs at once, rather than one after the
 * other as each module finds what it imports: on a slow network each step
 * of that chain would cost a round trip before the first input is answered.
 */
let preloaded = false;
function preloadEngine() {
  if (preloaded) return;
  preloaded = true;
  const hints = [['modulepreload', 'engine.js'], ['modulepreload', 'dom.js'], ['modulepreload', 'pkg/icet_explorer.js'],
    ['fetch', 'pkg/icet_explorer_bg.wasm'], ['fetch', datasetUrl().href]];
  for (const [kind, href] of hints) {
    const link = document.createElement('link');
    if (kind === 'modulepreload') {
      link.rel = 'modulepreload';
    } else {
      // The same mode as the engine's own fetch, so that it gets this response.
      Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous' });
    }
    link.href = href;
    document.head.append(link);
  }
}

/** Loads the engine, once. */
function loadEngine() {
  loading ??= (async () => {
    document.documentElement.dataset.engine = 'loading';
    preloadEngine();
    const { startEngine } = await import('./engine.js').catch((error) => {
      throw Object.assign(new Error(`Could not start the explorer's engine: ${error.message}`), { engine: true });
    });
    engine = await startEngine({ afterRender: () => reportNow() });
    document.documentElement.dataset.engine = 'ready';
    for (const { run } of pending.splice(0)) run();
  })().catch((error) => {
    // Inputs that waited are dropped with their busy state; the pre-rendered view stays.
    engineError = error;
    pending.length = 0;
    showError(error, { hideExplorer: !error.engine });
  });
  return loading;
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
  dialog.params = currentEmbedParams();
  dialog.open(button);
}

/** Follows links to other states of the explorer without reloading the page. */
function interceptLinks(event) {
  const link = event.target.closest('a[href^="?"]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  const href = link.getAttribute('href');
  withEngine(({ navigate, closeDetail }) => {
    if (link.hasAttribute('data-close')) closeDetail();
    // Previous and Next replace the entry, so Back closes the detail rather than stepping back.
    else navigate(href.slice(1), { replace: link.hasAttribute('data-step') });
    // A count in the header filters the results: the reader goes on to them.
    if (link.closest('#header-facts')) $('results-heading').focus();
  }, link);
}

/**
 * The detail's keys: Left and Right step through the results, Escape closes
 * it (a sheet's Escape comes as `cancel`, which the browser would close on
 * its own, out of step with the URL).
 */
function wireDetail() {
  const detail = $('detail');
  detail.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.target.closest('input, textarea, select, pre')) return;
    const step = { ArrowLeft: 'prev', ArrowRight: 'next' }[event.key];
    if (step) {
      const link = detail.querySelector(`a[data-step="${step}"]`);
      if (link) {
        event.preventDefault();
        link.click();
      }
    } else if (event.key === 'Escape' && !detail.matches(':modal')) {
      event.preventDefault();
      withEngine(({ closeDetail }) => closeDetail(), detail);
    }
  });
  detail.addEventListener('cancel', (event) => {
    event.preventDefault();
    withEngine(({ closeDetail }) => closeDetail(), detail);
  });
}

/**
 * The filters: a sheet on narrow screens, opened by the Filters button. On
 * wide screens they are open in place, which is also how the page comes.
 */
function wireFilters() {
  const filters = $('filters');
  const button = $('filters-button');
  let sheet = false;
  button.addEventListener('click', () => {
    // A dialog open in place must close before it can open as a sheet.
    filters.close();
    filters.showModal();
    sheet = true;
    $('filters-done').focus();
  });
  $('filters-done').addEventListener('click', () => filters.close());
  // Closed as a sheet, the filters are open in place again (hidden while the
  // screen is narrow). The close that made way for the sheet changes nothing.
  filters.addEventListener('close', () => {
    if (filters.open || !sheet) return;
    sheet = false;
    // show() would move focus into the filters: focus stays where the sheet's closing put it.
    const focused = document.activeElement;
    filters.show();
    if (filters.contains(focused) || focused === document.body) button.focus();
    else focused?.focus();
  });
}

/** Wires every control at once; what needs the engine waits for it. */
function wireControls() {
  const search = $('search');
  // Typing within one search replaces its history entry; a settled search
  // (Enter, leaving the field, or a pause) is an entry of its own, so Back
  // returns to it, and only then does the status line speak.
  let typing = 0;
  const settleSearch = () => {
    if (!typing) return;
    clearTimeout(typing);
    typing = 0;
    engine?.announce();
  };
  search.addEventListener('input', () => withEngine(({ update, holdAnnouncement }) => {
    const replace = typing !== 0;
    clearTimeout(typing);
    typing = setTimeout(settleSearch, SEARCH_SETTLES_MS);
    holdAnnouncement();
    update((p) => (search.value.trim() ? p.set('q', search.value) : p.delete('q')), { replace });
  }, search, 'search'));
  search.addEventListener('blur', settleSearch);
  for (const name of ['from', 'to']) {
    $(name).addEventListener('change', (event) => withEngine(
      ({ update }) => update((p) => (event.target.value.trim() ? p.set(name, event.target.value.trim()) : p.delete(name))),
      event.target,
    ));
  }
  $('sort').addEventListener('change', (event) => withEngine(
    ({ update }) => update((p) => (event.target.value === 'auto' ? p.delete('sort') : p.set('sort', event.target.value))),
    event.target,
  ));
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    settleSearch();
  });
  $('clear').addEventListener('click', (event) => withEngine(({ navigate }) => {
    const view = new URLSearchParams(currentQuery()).get('view');
    navigate(view ? `view=${view}` : '');
    search.focus();
  }, event.currentTarget));
  $('facets').addEventListener('change', (event) => {
    const box = event.target;
    if (box.type !== 'checkbox') return;
    const { facet } = box.dataset;
    const { value, checked } = box;
    withEngine(({ update }) => update((params) => {
      const values = new Set((params.get(facet) ?? '').split(',').filter(Boolean));
      if (checked) values.add(value);
      else values.delete(value);
      if (values.size) params.set(facet, [...values].join(','));
      else params.delete(facet);
    }), box);
  });
  // Enter in the filters submits them, as in a form: the results come next,
  // without a Tab through every other filter.
  $('filters').addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !event.target.matches('input:not([type="search"]), select')) return;
    event.preventDefault();
    if (event.target.matches('#from, #to')) event.target.dispatchEvent(new Event('change', { bubbles: true }));
    if ($('filters').matches(':modal')) $('filters').close();
    $('results-heading').focus();
  });
  for (const button of document.querySelectorAll('.views button')) {
    button.addEventListener('click', () => withEngine(({ update }) => update((p) => {
      if (button.dataset.view === 'timeline') p.delete('view');
      else p.set('view', button.dataset.view);
      // The tracker shows a detail as a sheet over its table: the reader asked for the table.
      if (button.dataset.view === 'tracker') p.delete('item');
    }), button));
  }
  document.addEventListener('click', interceptLinks);
  wireDetail();
  wireFilters();
  // "Copy the reference" in "Cite this item": the text is already in the page.
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button.copy-reference');
    if (!button) return;
    try {
      await navigator.clipboard.writeText(button.parentElement.querySelector('.reference').textContent);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select the text above to copy it';
    }
  });
  $('embed-open').addEventListener('click', openEmbedDialog);
  // A pointer on its way or keyboard focus starts loading the dialog before the click.
  for (const type of ['pointerenter', 'focus']) {
    $('embed-open').addEventListener(type, () => loadEmbedDialog().catch(() => {}), { once: true });
  }
  // Like the embed dialog, the download code loads when it is first used.
  $('downloads')?.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-export]');
    if (!button) return;
    withEngine(({ explorer }) => import('./download.js').then(
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
  // Back out of an opened timeline returns to the dataset the page was built with.
  window.addEventListener('popstate', () => {
    if (document.documentElement.dataset.local && !isLocal()) location.reload();
    else withEngine(({ dropUnwritten, render }) => {
      dropUnwritten();
      render();
    });
  });
  wireOpenTimeline();
  // In an article the wheel scrolls the article; the timeline zooms with Ctrl or pinch.
  wireTimeline($('timeline'), {
    act: (change, afterDraw) => withEngine(({ explorer, redrawTimeline }) => {
      change(explorer);
      redrawTimeline({ now: Boolean(afterDraw) });
      afterDraw?.();
    }, $('timeline'), 'timeline'),
    wheelZoomNeedsCtrl: EMBEDDED,
  });
  // Any sign that the reader is about to interact starts loading the engine.
  const intent = () => loadEngine();
  for (const type of ['pointerover', 'focusin', 'touchstart']) $('explorer').addEventListener(type, intent, { once: true, passive: true });
  document.addEventListener('keydown', intent, { once: true });
}

const isLocal = () => requestedDataset() === 'local';

/** "Open your own timeline": a file chosen, dropped or pasted; its code loads on first use. */
function wireOpenTimeline() {
  const panel = $('open-timeline');
  if (!panel) return;
  const open = (control, read) => withEngine((engine) => import('./open-timeline.js').then(
    async (module) => {
      if (await read(module, engine)) document.documentElement.dataset.local = 'true';
    },
    (error) => showNotice(`Could not load "Open your own timeline": ${error.message}`),
  ), control);
  $('open-file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) open(event.target, (module, engine) => module.openFile(engine, file));
  });
  $('open-pasted').addEventListener('click', (event) => {
    const text = $('open-text').value;
    if (text.trim()) open(event.currentTarget, (module, engine) => module.openText(engine, text, 'the pasted text'));
  });
  document.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  document.addEventListener('drop', (event) => {
    const [file] = event.dataTransfer?.files ?? [];
    if (!file) return;
    event.preventDefault();
    open(document.body, (module, engine) => module.openFile(engine, file));
  });
  $('back-to-icet').addEventListener('click', () => location.assign(location.pathname));
}

function boot() {
  const { options, warnings } = pageOptions();
  applyPageOptions(options);
  showWarnings(warnings);
  if (EMBEDDED) {
    // Only an embed reports its height, so only an embed loads that code.
    import('./embed-frame.js').then(({ reportHeight }) => {
      // A compact card asks for its own height; a full embed for its content's.
      reportNow = reportHeight(options.embed ?? null, isCompact() ? Number(options.height ?? COMPACT_HEIGHT) : null);
      reportNow();
    }, (error) => showNotice(`Could not load the embed's height reporting: ${error.message}`));
  }
  if (isLocal()) {
    // A timeline opened from a file lives only in the tab that opened it.
    const params = new URLSearchParams(location.search);
    params.delete(DATASET);
    history.replaceState(null, '', params.toString() ? `?${params}` : location.pathname);
    showNotice('This address showed a timeline opened from a file on someone’s computer, which is not here. Here is this explorer’s own dataset instead.');
  }
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
    loadEngine();
  } else {
    document.documentElement.dataset.state = 'ready';
  }
}

/**
 * Starts fetching the engine before the page is parsed when the URL asks for
 * a state the page was not built with: that state waits for the engine, and
 * the wasm module and the dataset come while the page is still being read.
 * Anything wrong with the URL is left to `boot`, which reports it.
 */
function fetchEarly() {
  try {
    if (!needsOwnView() || isLocal()) return;
    datasetUrl();
  } catch {
    return;
  }
  preloadEngine();
  import('./engine.js').then(({ fetchEngine }) => fetchEngine()).catch(() => {});
}

// A theme the URL asks for applies now, often before the first paint, so a
// dark embed in a dark article does not show light first.
applyTheme(pageOptions().options.theme);
fetchEarly();
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
