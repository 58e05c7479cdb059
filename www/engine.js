// The engine's glue, loaded with the wasm module once the reader shows an
// intent to interact: it loads the dataset, asks Rust for every view of a
// state and applies them through the one sink (dom.js).
import { apply } from './dom.js';
import {
  $, EMBEDDED, KEPT_APART, applyPageOptions, currentQuery, datasetUrl, isCompact, needsOwnView, pageOptions,
  pageSearch, requestedDataset, setBusy, setUnwrittenSearch, showEmbedLinks, showWarnings,
} from './page.js';

// Where the detail is a sheet over the results rather than a column beside them (style.css).
const SHEET_QUERY = '(max-width: 74.99rem)';

// The timeline's label font; Rust lays labels out with its measured widths.
const LABEL_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

/** The bytes of `url`; Rust reads them as icet-check does, so an encoding problem has its place. */
async function fetchBytes(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`Could not fetch ${what} (${url.pathname}): ${error.message}`);
  }
  if (!response.ok) throw new Error(`Could not fetch ${what} (${url.pathname}): HTTP ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
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

/** Items added to the search index between yields: about 13 ms on the 2-core development VM (100k items). */
const SEARCH_SLICE = 2000;
/** Lets the page answer what is waiting (input, a frame) before going on. */
const yieldToPage = () => globalThis.scheduler?.yield?.() ?? new Promise((next) => setTimeout(next, 0));

/**
 * Runs `task` in a task of its own, behind anything else the page has to do
 * (input first). Where `scheduler.postTask` is missing, a timer does the
 * same, without the lower priority.
 */
const inBackground = (task) => {
  if (globalThis.scheduler?.postTask) scheduler.postTask(task, { priority: 'background' });
  else setTimeout(task, 0);
};
/** Runs `task` in the background once the next frame has been drawn. */
const afterNextFrame = (task) => requestAnimationFrame(() => inBackground(task));

/**
 * The wasm engine runs a function as quickly compiled code at first, and
 * compiles it well only once it has run a while. Drawing the timeline this
 * many more times out of sight once the engine is in means the reader's
 * first zoom or filter runs the well-compiled draw.
 */
const WARM_DRAWS = 3;
/**
 * No warming for more results than this (the first draws of 1k results
 * took 10 to 30 ms), or once a draw is a long task (over 50 ms): a large
 * dataset's draws are long enough to warm their own code, and input waits
 * for an idle task that is running.
 */
const WARM_MAX_RESULTS = 2000;
const WARM_DRAW_MAX_MS = 50;

/** The width to draw the timeline at in a full render: 0, not drawn, while it is hidden (a narrow container shows the list instead). */
const shownTimelineWidth = () => $('timeline').clientWidth;

/** The wasm module and the dataset's bytes, once asked for. */
let fetched = null;

/**
 * Starts what the engine needs before the page is: the wasm module and the
 * dataset's bytes, fetched together. The boot code calls it while the page
 * is still being parsed when the URL asks for a state of its own.
 */
export function fetchEngine() {
  fetched ??= Promise.all([
    import('./pkg/icet_explorer.js').then(async (loaded) => {
      await loaded.default();
      return loaded;
    }).catch((error) => {
      throw Object.assign(new Error(`Could not start the explorer's WebAssembly module: ${error.message}`), { engine: true });
    }),
    fetchBytes(datasetUrl(), 'the dataset'),
  ]);
  return fetched;
}

/**
 * Loads the wasm module and the dataset and returns the engine: the
 * `explorer` and what the page does with it. `afterRender` runs after every
 * full render (an embed reports its height).
 */
export async function startEngine({ afterRender }) {
  const [module, bytes] = await fetchEngine();
  const labelWidths = measureLabelFont();
  const prepare = (opened) => {
    opened.setLabelWidths(labelWidths);
    opened.setBase(new URL(location.pathname, location.href).href);
    return opened;
  };
  let explorer = prepare(module.Explorer.open(bytes, 'ours'));
  /** The width the timeline was last drawn at, so a resize to the same width draws nothing. */
  let drawnWidth = 0;
  /**
   * The timeline's width as last laid out, kept by the ResizeObserver below:
   * reading `clientWidth` after an input has changed the page (a ticked box)
   * lays the whole page out there and then, and again once it is redrawn.
   */
  let laidOutWidth = null;
  const widthNow = () => laidOutWidth ?? shownTimelineWidth();
  let timelineFrame = 0;

  /**
   * The filters' counts waiting to be drawn, or null. After a reader's input
   * they come in a task of their own, once the frame with the results is
   * drawn: on the real items they are a third of the work of a filter (all
   * 130 counts change, and long facets reorder), and the answer the reader
   * looks for is the results. A render before they are drawn replaces them.
   */
  let facetsLater = null;
  function drawFacets(markup, params, { later = false } = {}) {
    const scheduled = facetsLater !== null;
    facetsLater = later ? markup : null;
    if (!later) {
      apply($('facets'), markup);
      return;
    }
    // The boxes show the state at once: a box ticked while the engine
    // loaded (which its first render unticked) must not blink off.
    for (const box of $('facets').querySelectorAll('input[type="checkbox"]')) {
      const checked = (params.get(box.dataset.facet) ?? '').split(',').includes(box.value);
      if (box.checked !== checked) box.checked = checked;
    }
    if (!scheduled) {
      afterNextFrame(() => {
        if (facetsLater === null) return;
        apply($('facets'), facetsLater);
        facetsLater = null;
        afterRender();
      });
    }
  }

  /**
   * `countsLater`: the state comes from the reader's input, so the filters'
   * counts follow the results (`drawFacets`). Returns how many results it shows.
   */
  function render({ countsLater = false } = {}) {
    drawnWidth = widthNow();
    const view = explorer.render(currentQuery(), drawnWidth);
    const params = new URLSearchParams(view.state);

    // Controls show the state as Rust read it, so a hand-edited URL is reflected faithfully.
    if (document.activeElement !== $('search')) $('search').value = params.get('q') ?? '';
    for (const name of ['from', 'to']) if (document.activeElement !== $(name)) $(name).value = params.get(name) ?? '';
    $('sort').value = params.get('sort') ?? 'auto';
    drawFacets(view.facets, params, { later: countsLater });
    $('filters-button').textContent = view.selectedFilters ? `Filters (${view.selectedFilters})` : 'Filters';
    $('filters-done').textContent = view.showLabel;
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
    $('status').textContent = view.status;
    announcement = view.status;
    if (!announcementHeld) announce();
    if (view.tracker !== undefined) apply($('tracker'), view.tracker);
    if (view.list !== undefined) apply($('results'), view.list);
    if (view.timeline !== undefined) apply($('timeline'), view.timeline);
    showDetail(view.detail, params.get('item'), view.view);
    setBusy($('explorer'), false);
    document.documentElement.dataset.state = 'ready';
    afterRender();
    return view.total;
  }

  function navigate(queryString, { replace = false } = {}) {
    const params = new URLSearchParams(queryString);
    const current = new URLSearchParams(pageSearch());
    for (const name of KEPT_APART) if (current.has(name)) params.set(name, current.get(name));
    const search = params.toString() ? `?${params}` : '';
    if (search === pageSearch()) return render({ countsLater: true });
    writeHistoryLater(search, replace);
    return render({ countsLater: true });
  }

  /**
   * History entries waiting to be written. `history.pushState` takes 1 to 2
   * ms, and up to 9, on the 2-core development VM: it is done after the
   * frame that answers the input, in order, and the page reads the state
   * from `pageSearch` meanwhile, so a second input in the same frame builds
   * on the first.
   */
  const unwritten = [];
  function writeHistoryLater(search, replace) {
    // Each entry remembers the one before it, so closing the detail can go back to it.
    unwritten.push({ search, replace, from: pageSearch() });
    setUnwrittenSearch(search);
    if (unwritten.length === 1) afterNextFrame(writeHistory);
  }
  function writeHistory() {
    for (const { search, replace, from } of unwritten.splice(0)) {
      const url = search || location.pathname;
      // An embed must not add entries to the article's history: Back leaves the article.
      if (replace || EMBEDDED) history.replaceState(history.state, '', url);
      else history.pushState({ from }, '', url);
    }
    setUnwrittenSearch(null);
  }
  /** Back or Forward before they are written: the browser's entry wins, and they are dropped. */
  function dropUnwritten() {
    unwritten.length = 0;
    setUnwrittenSearch(null);
  }

  /**
   * The status line is shown at once but read out only when its words
   * change, and, while the reader types, only once the search settles.
   */
  let announcement = '';
  let announcementHeld = false;
  function announce() {
    announcementHeld = false;
    if ($('announcer').textContent !== announcement) $('announcer').textContent = announcement;
  }

  /**
   * Shows the detail, or closes it: beside the results where there is room,
   * else as a sheet over them. Focus moves to its heading when the item
   * changes (the detail is not a live region: it would read out all of it),
   * and returns where it was when the detail closes.
   */
  let shownItem = null;
  let returnFocus = null;
  function showDetail(markup, item, shownView) {
    const detail = $('detail');
    if (markup === undefined) {
      shownItem = null;
      const focusWasInside = detail.contains(document.activeElement);
      if (detail.open) detail.close();
      apply(detail, '');
      if (returnFocus?.isConnected && (focusWasInside || document.activeElement === document.body)) returnFocus.focus();
      returnFocus = null;
      return;
    }
    apply(detail, markup);
    // The tracker's table needs the whole width: there the detail is a sheet over it.
    const sheet = isCompact() || shownView === 'tracker' || matchMedia(SHEET_QUERY).matches;
    if (!detail.contains(document.activeElement)) returnFocus = document.activeElement;
    if (detail.open && detail.matches(':modal') !== sheet) detail.close();
    if (!detail.open) {
      if (sheet) detail.showModal();
      else detail.show();
    }
    if (item !== shownItem) {
      shownItem = item;
      $('detail-title')?.focus();
    }
  }

  /** Closes the detail: back to the entry it was opened from, or to this state without it. */
  function closeDetail() {
    writeHistory();
    const params = new URLSearchParams(location.search);
    params.delete('item');
    const without = params.toString() ? `?${params}` : '';
    if (!EMBEDDED && history.state?.from === without) history.back();
    else {
      const state = new URLSearchParams(currentQuery());
      state.delete('item');
      navigate(state.toString());
    }
  }

  /**
   * Redraws the timeline alone, at most once per animation frame: a discrete
   * input (a button, a key) is answered at once, and the inputs that follow
   * within the same frame (wheel, drag) are drawn together in the next one.
   */
  let drewThisFrame = false;
  function drawTimeline() {
    if ($('timeline-view').hidden || !widthNow()) return;
    drawnWidth = widthNow();
    const timeline = $('timeline');
    const hadFocus = timeline.contains(document.activeElement);
    apply(timeline, explorer.timelineMarkup(currentQuery(), drawnWidth));
    // A mark that panned out of view took the focus with it: the Tab stop keeps it.
    if (hadFocus && !timeline.contains(document.activeElement)) timeline.querySelector('[tabindex="0"]')?.focus({ preventScroll: true });
  }
  /** `now`: a discrete input (a key) whose answer must be drawn before it returns. */
  function redrawTimeline({ now = false } = {}) {
    if (now) {
      drawTimeline();
      return;
    }
    if (!drewThisFrame) {
      drewThisFrame = true;
      drawTimeline();
      requestAnimationFrame(() => requestAnimationFrame(() => { drewThisFrame = false; }));
      return;
    }
    if (timelineFrame) return;
    timelineFrame = requestAnimationFrame(() => requestAnimationFrame(() => {
      timelineFrame = 0;
      drawTimeline();
    }));
  }

  /**
   * Draws the timeline `left` more times, each in an idle task of its own
   * and thrown away (see WARM_DRAWS): at 1k items, the draw in a first
   * zoom took 16 ms before and 6 ms after.
   */
  function warmTimeline(left) {
    inBackground(() => {
      const width = widthNow();
      if ($('timeline-view').hidden || !width) return;
      const start = performance.now();
      explorer.timelineMarkup(currentQuery(), width);
      if (left > 1 && performance.now() - start < WARM_DRAW_MAX_MS) warmTimeline(left - 1);
    });
  }

  if (requestedDataset() !== null) showSummary();
  let shownTotal;
  if (needsOwnView()) {
    shownTotal = render();
  } else {
    // The pre-rendered view is this state already, so the engine takes over
    // without a visible change: it leaves the timeline as drawn (only fitting
    // its viewport for what comes next). It draws every view once all the
    // same: the reader's first input then runs code already compiled, and
    // the list sheds the citations that only print needs.
    const view = explorer.render(currentQuery(), shownTimelineWidth());
    shownTotal = view.total;
    apply($('facets'), view.facets);
    if (view.list !== undefined) apply($('results'), view.list);
    drawnWidth = shownTimelineWidth();
  }
  if (shownTotal <= WARM_MAX_RESULTS) warmTimeline(WARM_DRAWS);
  // A detail open beside the results becomes a sheet when the screen narrows, and back.
  matchMedia(SHEET_QUERY).addEventListener('change', ({ matches }) => {
    const detail = $('detail');
    if (isCompact()) return;
    if (!detail.open || detail.matches(':modal') === matches || new URLSearchParams(currentQuery()).get('view') === 'tracker') return;
    detail.close();
    if (matches) detail.showModal();
    else detail.show();
  });
  // Redraws leave the list's citations out (print.css shows them alone);
  // printing asks for them. The media query also answers print emulation.
  const printList = () => {
    if (!$('list-view').hidden) apply($('results'), explorer.printListMarkup(currentQuery()));
  };
  addEventListener('beforeprint', printList);
  matchMedia('print').addEventListener('change', ({ matches }) => {
    if (matches) printList();
  });
  // A timeline that narrows, widens or comes into view is drawn at its new width.
  new ResizeObserver(() => {
    const width = shownTimelineWidth();
    laidOutWidth = width;
    if (!$('timeline-view').hidden && width > 0 && width !== drawnWidth) redrawTimeline();
  }).observe($('timeline'));

  // The dataset opens without its search index, over half of opening it:
  // it is built when the reader turns to the search field, before the
  // first keystroke, or by the first query with text (a `?q=` link). It is
  // built some items at a time, yielding between them, so that a large
  // dataset's (over half a second at 100k items) never holds the page up;
  // a keystroke before it is done builds the rest.
  let preparing = false;
  async function prepareSearch() {
    if (preparing) return;
    preparing = true;
    while (!explorer.prepareSearch(SEARCH_SLICE)) await yieldToPage();
    preparing = false;
  }
  for (const type of ['focus', 'pointerenter']) $('search').addEventListener(type, prepareSearch);
  if (document.activeElement === $('search')) prepareSearch();

  /** Shows the header's counts and "What the dataset holds" for the dataset in use. */
  function showSummary() {
    const summary = explorer.summaryMarkup();
    if ($('header-facts')) apply($('header-facts'), summary.facts);
    if ($('summary-body')) apply($('summary-body'), summary.tables);
  }

  return {
    get explorer() {
      return explorer;
    },
    render,
    navigate,
    dropUnwritten,
    /** Changes the parameters of the current state and navigates there. */
    update(change, options) {
      const params = new URLSearchParams(currentQuery());
      change(params);
      navigate(params.toString(), options);
    },
    redrawTimeline,
    closeDetail,
    announce,
    /** Keeps the status line quiet until `announce`: the reader is still typing. */
    holdAnnouncement() {
      announcementHeld = true;
    },
    /**
     * Shows a timeline the reader opened in place of the dataset, in this
     * tab only: the URL says `data=local`, so a shared link never points at
     * data its recipient cannot have. Throws a `DatasetError` (the explorer
     * stays as it was) when the text cannot be shown.
     */
    async openTimeline(bytes) {
      // The importers come in a build of their own, loaded by the few who open a file.
      const full = await import('./pkg-import/icet_explorer.js');
      await full.default();
      const next = prepare(full.Explorer.open(bytes, 'auto'));
      const warnings = next.importWarnings();
      explorer.free();
      explorer = next;
      writeHistory();
      history.pushState(null, '', '?data=local');
      showSummary();
      render();
      return { title: explorer.title, warnings };
    },
  };
}
