// vis-timeline over `?data=` (items and groups made by icet-convert), through
// a DataView so that a filter is one refresh, as its documentation suggests.
const data = new URLSearchParams(location.search).get('data');
try {
  const response = await fetch(new URL(data, location.href));
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${data}`);
  const json = await response.json();
  const { DataSet, DataView, Timeline } = window.vis;
  let group = null;
  const items = new DataSet(json.items);
  const view = new DataView(items, { filter: (item) => group === null || item.group === group });
  const timeline = new Timeline(document.getElementById('timeline'), view, new DataSet(json.groups), {
    height: '640px',
  });
  // Resolves after the next redraw that vis-timeline reports.
  const redrawn = () => new Promise((done) => timeline.once('changed', done));
  window.peer = {
    timeline,
    /** Shows only the items whose group (first focus area) is `area`. */
    async filter(area) {
      const changed = redrawn();
      group = area;
      view.refresh();
      await changed;
    },
    /** Zooms in, or out for a negative `direction`, by half, as its own buttons' examples do. */
    async zoom(direction = 1) {
      const changed = redrawn();
      if (direction < 0) timeline.zoomOut(0.5, { animation: false });
      else timeline.zoomIn(0.5, { animation: false });
      await changed;
    },
  };
} catch (error) {
  const box = document.getElementById('error');
  box.textContent = error.message;
  box.hidden = false;
}
