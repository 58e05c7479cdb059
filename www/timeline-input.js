// Turns mouse, touch, wheel and keyboard input on the timeline into calls
// that move Rust's viewport and the keyboard's place. Rust keeps both; `act`
// runs each change with the engine (waiting for it if need be) and redraws
// once per frame, or at once when it is given what to do after the draw.
import { currentQuery } from './page.js';

const ZOOM_STEP = 1.5;
const PAN_STEP = 0.2;

/**
 * With `wheelZoomNeedsCtrl`, a plain wheel is left to scroll the page (an
 * article around an embed) and only Ctrl+wheel, which is also how trackpad
 * pinches arrive, zooms.
 */
export function wireTimeline(element, { act, wheelZoomNeedsCtrl = false }) {
  const width = () => element.clientWidth || 1;
  const localX = (clientX) => clientX - element.getBoundingClientRect().left;

  document.querySelector('.timeline-buttons').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-zoom]');
    if (!button) return;
    const zoom = button.dataset.zoom;
    if (zoom === 'fit') act((explorer) => explorer.fitTimeline());
    else act((explorer) => explorer.zoomTimeline(zoom === 'in' ? ZOOM_STEP : 1 / ZOOM_STEP, width() / 2));
  });

  element.addEventListener('wheel', (event) => {
    const sideways = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
    if (wheelZoomNeedsCtrl && !event.ctrlKey && !sideways) return;
    event.preventDefault();
    if (sideways) {
      act((explorer) => explorer.panTimeline(-(event.deltaX || event.deltaY)));
    } else {
      act((explorer) => explorer.zoomTimeline(Math.exp(-event.deltaY * 0.002), localX(event.clientX)));
    }
  }, { passive: false });

  // The timeline is one Tab stop: Rust makes one mark (or cluster) focusable
  // and moves it; after each move the page focuses it again. The timeline
  // can be taller than the screen, and a step can land on a mark above or
  // below it (the redraw may have focused it already, without scrolling):
  // the page scrolls as little as brings it into view.
  const focusStop = () => {
    const stop = element.querySelector('[tabindex="0"]');
    if (!stop) return;
    stop.focus({ preventScroll: true });
    stop.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };
  // Rust's steps: back and forth in date order, or to the first and the last item.
  const STEPS = { ArrowLeft: -1, ArrowRight: 1, Home: -2, End: 2 };
  const ZOOMS = { '+': ZOOM_STEP, '=': ZOOM_STEP, '-': 1 / ZOOM_STEP, '−': 1 / ZOOM_STEP };
  element.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const { key } = event;
    const cluster = event.target.closest?.('[data-first-day]');
    if (STEPS[key]) {
      event.preventDefault();
      act((explorer) => explorer.stepTimeline(currentQuery(), width(), STEPS[key]), focusStop);
    } else if (ZOOMS[key]) {
      event.preventDefault();
      act((explorer) => explorer.zoomTimeline(ZOOMS[key], width() / 2), focusStop);
    } else if (key === ' ' || (key === 'Enter' && cluster)) {
      // Space opens, as Enter does, rather than scrolling the page.
      event.preventDefault();
      event.target.closest('a, [data-first-day]')?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    }
  });

  // A cluster zooms into its span when activated.
  element.addEventListener('click', (event) => {
    const cluster = event.target.closest('[data-first-day]');
    if (!cluster) return;
    event.preventDefault();
    act((explorer) => explorer.zoomTimelineTo(Number(cluster.dataset.firstDay), Number(cluster.dataset.lastDay)), focusStop);
  });

  // Drag with one pointer pans; two pointers pinch to zoom about their midpoint.
  const pointers = new Map();
  let dragged = 0;
  element.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    pointers.set(event.pointerId, event.clientX);
    dragged = 0;
  });
  element.addEventListener('pointermove', (event) => {
    if (!pointers.has(event.pointerId)) return;
    const previous = pointers.get(event.pointerId);
    if (pointers.size === 1) {
      const dx = event.clientX - previous;
      dragged += Math.abs(dx);
      if (dragged > 3) {
        element.setPointerCapture(event.pointerId);
        act((explorer) => explorer.panTimeline(dx));
      }
    } else if (pointers.size === 2) {
      const [other] = [...pointers.entries()].filter(([id]) => id !== event.pointerId).map(([, x]) => x);
      const before = Math.abs(previous - other);
      const after = Math.abs(event.clientX - other);
      if (before > 10 && after > 10) act((explorer) => explorer.zoomTimeline(after / before, localX((event.clientX + other) / 2)));
      dragged += 10;
    }
    pointers.set(event.pointerId, event.clientX);
  });
  const release = (event) => pointers.delete(event.pointerId);
  element.addEventListener('pointerup', release);
  element.addEventListener('pointercancel', release);
  // A drag is not a click on the item under the pointer.
  element.addEventListener('click', (event) => {
    if (dragged > 3) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
}
