// Boot: load the wasm module and the dataset, then let Rust draw the first view.
import init, { Explorer } from './pkg/icet_explorer.js';

const statusLine = document.getElementById('status');
const summaryBody = document.getElementById('summary-body');
const errorPanel = document.getElementById('load-error');

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
  errorPanel.querySelector('.load-error-message').textContent = error.message.split('\n')[0];
  const list = errorPanel.querySelector('.load-error-problems');
  list.replaceChildren();
  for (const problem of error.problems ?? []) {
    const item = document.createElement('li');
    const place = document.createElement('code');
    place.textContent = problem.path || '(document)';
    item.append(place, ` (line ${problem.line}, column ${problem.column}): ${problem.message}`);
    list.append(item);
  }
  errorPanel.hidden = false;
  document.getElementById('summary').hidden = true;
  statusLine.textContent = 'The explorer could not load.';
  document.documentElement.dataset.state = 'error';
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
    const explorer = new Explorer(text);
    explorer.renderSummary(summaryBody);
    const { totals } = explorer.summary();
    statusLine.textContent = `Loaded ${totals.events} events and ${totals.commitments} commitments.`;
    document.documentElement.dataset.state = 'ready';
  } catch (error) {
    showError(error);
  }
}

boot();
