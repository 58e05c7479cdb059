// Runs in the browser: times our wasm query engine and MiniSearch on the
// same synthetic items and the same queries. Results go to window.benchResults.
import initGenerator, { syntheticDataset } from './pkg/icet_explorer.js?generator';
import MiniSearch from './minisearch.js';

const QUERIES = [
  ['facets', 'area=space'],
  ['facets', 'area=space,defence&kind=commitment&year=2024'],
  ['search', 'q=quantum'],
  ['search', 'q=semicond'],
  ['search', 'q=semiconducter'],
  ['search', 'q=jet+engines'],
  ['both', 'area=space&q=launch'],
  ['both', 'area=defence,space&year=2024&q=engines'],
];
const SIZES = (new URLSearchParams(location.search).get('sizes') ?? '1000,10000,100000').split(',').map(Number);
// `load-only`: time and measure loading alone, without MiniSearch and the queries.
const LOAD_ONLY = new URLSearchParams(location.search).has('load-only');
const log = document.getElementById('log');

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median milliseconds per call of `run`. The page's clock is coarsened (to
 * 100 µs without cross-origin isolation), so each sample times a batch of
 * calls long enough to measure; samples are taken for about 300 ms.
 */
function time(run) {
  let batch = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) run();
    if (performance.now() - start >= 5 || batch >= 4096) break;
    batch *= 2;
  }
  const samples = [];
  const deadline = performance.now() + 300;
  while (samples.length < 5 || (samples.length < 100 && performance.now() < deadline)) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) run();
    samples.push((performance.now() - start) / batch);
  }
  return median(samples);
}

function heapBytes() {
  globalThis.gc?.();
  return performance.memory?.usedJSHeapSize ?? NaN;
}

/** The same searchable text MiniSearch gets as our index: titles, descriptions, actor names, areas, quotes. */
function documentsOf(dataset) {
  const actors = new Map(dataset.actors.map((a) => [a.id, [a.name, a.short_name ?? '', ...a.aliases].join(' ')]));
  const areas = new Map(dataset.focus_areas.map((a) => [a.id, a.name]));
  const quotes = (citations) => citations.map((c) => c.quote).join(' ');
  const events = dataset.events.map((e) => ({
    id: e.id, title: e.title, description: e.description, areaIds: e.focus_areas, year: e.date.value.slice(0, 4),
    actors: e.participants.map((id) => actors.get(id)).join(' '), areas: e.focus_areas.map((id) => areas.get(id)).join(' '),
    quotes: quotes(e.citations), kind: 'event',
  }));
  const commitments = dataset.commitments.map((c) => ({
    id: c.id, title: c.title, description: c.description, areaIds: c.focus_areas, year: c.status_history[0].date.value.slice(0, 4),
    actors: c.actors.map((id) => actors.get(id)).join(' '), areas: c.focus_areas.map((id) => areas.get(id)).join(' '),
    quotes: quotes(c.status_history.flatMap((s) => s.citations)), kind: 'commitment',
  }));
  return [...events, ...commitments];
}

/** The nearest MiniSearch equivalent of one of our query strings: its text, with facets as a filter. */
function miniSearchQuery(queryString) {
  const params = new URLSearchParams(queryString);
  const areas = params.get('area')?.split(',');
  const kinds = params.get('kind')?.split(',');
  const years = params.get('year')?.split(',');
  const filter = (result) => (!areas || result.areaIds.some((a) => areas.includes(a)))
    && (!kinds || kinds.includes(result.kind)) && (!years || years.includes(result.year));
  return { text: params.get('q') ?? '', filter };
}

/**
 * A fresh instance of our wasm, apart from the generator's and from every
 * other size's: wasm memory never shrinks, so its size after loading is the
 * peak that loading this size alone reached.
 */
async function freshEngine(name) {
  const engine = await import(`./pkg/icet_explorer.js?${name}`);
  const wasm = await engine.default();
  return { Explorer: engine.Explorer, loadDatasetOnly: engine.loadDatasetOnly, memory: wasm.memory };
}

/** The peak wasm memory of loading the dataset alone, without building its index, in a fresh instance. */
async function loadingAlone(size, json) {
  const { loadDatasetOnly, memory } = await freshEngine(`load-only=${size}`);
  const start = performance.now();
  loadDatasetOnly(json);
  return { loadTime: performance.now() - start, loadMemory: memory.buffer.byteLength };
}

/** Items per slice of the search index: engine.js's `SEARCH_SLICE`. */
const SEARCH_SLICE = 2000;

/**
 * The page's own way in, `Explorer.open(bytes, 'ours')` on the file's bytes,
 * in a fresh instance; then the search index, which the page builds when the
 * reader turns to the search field.
 */
async function openedAsThePageDoes(size, json) {
  const bytes = new TextEncoder().encode(json);
  const { Explorer, memory } = await freshEngine(`open=${size}`);
  const start = performance.now();
  const explorer = Explorer.open(bytes, 'ours');
  const openTime = performance.now() - start;
  const openMemory = memory.buffer.byteLength;
  // A slice of items at a time, as the page builds it.
  let longestSlice = 0;
  for (let done = false; !done;) {
    const sliceStart = performance.now();
    done = explorer.prepareSearch(SEARCH_SLICE);
    longestSlice = Math.max(longestSlice, performance.now() - sliceStart);
  }
  const searchTime = performance.now() - start - openTime;
  explorer.free();
  return { openTime, openMemory, searchTime, searchSlice: SEARCH_SLICE, longestSlice, searchMemory: memory.buffer.byteLength };
}

async function run() {
  await initGenerator();
  const results = [];
  for (const size of SIZES) {
    log.textContent += `\n${size} items…`;
    const json = syntheticDataset(size, 42);
    const { loadTime, loadMemory } = await loadingAlone(size, json);
    const { openTime, openMemory, searchTime, searchSlice, longestSlice, searchMemory } = await openedAsThePageDoes(size, json);
    const { Explorer, memory } = await freshEngine(`size=${size}`);
    const wasmBefore = memory.buffer.byteLength;
    const heapBefore = heapBytes();
    let t = performance.now();
    const explorer = new Explorer(json);
    // With its search index, which opening leaves for later: what MiniSearch's build compares with.
    explorer.prepareSearch();
    const oursBuild = performance.now() - t;
    const wasmMemory = memory.buffer.byteLength;
    const oursHeap = heapBytes() - heapBefore;
    if (LOAD_ONLY) {
      results.push({ size, jsonBytes: json.length, oursBuild, oursHeap, wasmBefore, wasmMemory, wasmAfterQueries: wasmMemory, loadTime, loadMemory, openTime, openMemory, searchTime, searchSlice, longestSlice, searchMemory, queries: [] });
      explorer.free();
      continue;
    }

    const dataset = JSON.parse(json);
    const documents = documentsOf(dataset);
    const miniBefore = heapBytes();
    t = performance.now();
    const mini = new MiniSearch({
      fields: ['title', 'actors', 'areas', 'description', 'quotes'],
      storeFields: ['areaIds', 'kind', 'year'],
      searchOptions: { boost: { title: 4, actors: 3, areas: 2, description: 1.5 }, prefix: (term, i, terms) => i === terms.length - 1, fuzzy: (term) => (term.length >= 5 ? 1 : 0), combineWith: 'AND' },
    });
    mini.addAll(documents);
    const miniBuild = performance.now() - t;
    const miniHeap = heapBytes() - miniBefore;

    const queries = QUERIES.map(([group, query]) => {
      // The explorer keeps its latest result for the views of one render; forget it to time each query in full.
      // Like MiniSearch's results, `order` is the whole ranking; with it come every facet count and the total.
      const ours = time(() => {
        explorer.forgetResults();
        explorer.query(query, 0);
      });
      // The same with the first 50 rows of a list (titles, dates, highlights) made into JS objects.
      const oursRows = time(() => {
        explorer.forgetResults();
        explorer.query(query, 50);
      });
      const oursTotal = explorer.query(query, 0).order.length;
      const { text, filter } = miniSearchQuery(query);
      // MiniSearch has no facet counts; with no text it has nothing to search, so only text queries compare.
      const miniTime = text ? time(() => mini.search(text, { filter })) : null;
      const miniTotal = text ? mini.search(text, { filter }).length : null;
      return { group, query, ours, oursRows, oursTotal, mini: miniTime, miniTotal };
    });
    results.push({
      size, jsonBytes: json.length, oursBuild, miniBuild, oursHeap, miniHeap,
      wasmBefore, wasmMemory, wasmAfterQueries: memory.buffer.byteLength, loadTime, loadMemory, openTime, openMemory, searchTime, searchSlice, longestSlice, searchMemory, queries,
    });
    explorer.free();
  }
  window.benchResults = results;
  log.textContent += '\ndone';
}

run().catch((error) => {
  window.benchError = String(error?.stack ?? error);
});
