// "Open your own timeline": a file chosen, dropped or pasted is read in the
// page, never uploaded, and shown in this tab in place of the iCET dataset.
// A file that cannot be shown leaves the explorer as it was and lists every
// problem with its place.
import { $ } from './page.js';

function showProblems(name, error) {
  const panel = $('open-problems');
  const problems = error.problems ?? [];
  panel.querySelector('.open-problems-message').textContent = problems.length
    ? `${name} could not be opened: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}. The explorer still shows what it showed.`
    : `${name} could not be opened: ${error.message}`;
  const list = panel.querySelector('.open-problems-list');
  list.replaceChildren(...problems.map((problem) => {
    const item = document.createElement('li');
    const place = document.createElement('code');
    place.textContent = problem.path || '(document)';
    item.append(place, ` (line ${problem.line}, column ${problem.column}): ${problem.message}`);
    return item;
  }));
  panel.hidden = false;
  $('open-timeline').open = true;
}

function showOpened(name, title, warnings) {
  $('open-problems').hidden = true;
  $('open-timeline').open = false;
  $('local-name').textContent = `Showing “${title}” from ${name}, opened from your computer in this tab only.`;
  const details = $('local-warnings');
  details.hidden = warnings.length === 0;
  $('local-warnings-summary').textContent = warnings.length === 1 ? '1 part of the file was skipped' : `${warnings.length} parts of the file were skipped`;
  $('local-warnings-list').replaceChildren(...warnings.map((warning) => Object.assign(document.createElement('li'), {
    textContent: `${warning.path || '(document)'} (line ${warning.line}, column ${warning.column}): ${warning.message}`,
  })));
  $('local-banner').hidden = false;
  $('local-banner').querySelector('button').focus();
}

/** Opens `bytes` (from a file called `name`) with the engine; returns whether it opened. */
async function openBytes(engine, bytes, name) {
  try {
    const { title, warnings } = await engine.openTimeline(bytes);
    showOpened(name, title, warnings);
    return true;
  } catch (error) {
    showProblems(name, error);
    return false;
  }
}

export function openText(engine, text, name) {
  return openBytes(engine, new TextEncoder().encode(text), name);
}

export async function openFile(engine, file) {
  return openBytes(engine, new Uint8Array(await file.arrayBuffer()), file.name);
}
