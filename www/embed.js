// The iCET Explorer embed loader. An article includes it once, as a classic
// script (a module would need CORS), and marks places for explorers:
//
//   <div class="icet-explorer" data-view="list" data-area="space"><a href="…">…</a></div>
//   <icet-explorer data-view="tracker"></icet-explorer>
//
// Each becomes an iframe of embed.html on the loader's own origin, with the
// data-* attributes as its URL parameters, loaded when it nears the viewport
// and kept as tall as its content by the height messages the iframe posts.
// The loader adds no CSS to the article: it styles only its own iframes, which
// live in a shadow root so the article's CSS cannot reach them either.
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script || !script.src) return;
  const base = new URL('./', script.src);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return;
  const origin = base.origin;

  // Included twice (say, once per embed in a CMS): the first copy does the work.
  const loaders = (window.__icetExplorerLoaders ??= {});
  if (loaders[origin]) return;
  loaders[origin] = true;

  // The names in the explorer's URLs, from the Rust core: icet-site writes
  // them here (a classic script cannot import names.js, as the page does).
  const NAMES = ICET_NAMES;
  const PAGE_OPTION_NAMES = Object.keys(NAMES.pageOptions);
  /** The URL parameters an attribute may set: the explorer's state, the dataset and the embed options. */
  const PARAMETERS = [...NAMES.stateParameters, NAMES.datasetParameter,
    ...PAGE_OPTION_NAMES.filter((name) => NAMES.pageOptions[name].inSnippets)];
  /** Attributes for the loader itself. */
  const OWN = ['title'];
  const VIEW_NAMES = NAMES.views;
  // The explorer's name, for frame titles and messages: a site built with
  // its own dataset has that dataset's title here (icet-site writes it).
  const NAME = 'iCET Explorer';
  const HEIGHT_MESSAGE = 'icet-explorer:height';
  const MAX_HEIGHT = 100000;
  // A compact card's height, and a full embed's until it reports its content's.
  const COMPACT_HEIGHT = NAMES.compactHeight;
  const FULL_HEIGHT = NAMES.fullHeight;
  // The heights an article may ask for (data-height).
  const { min: MIN_ASKED_HEIGHT, max: MAX_ASKED_HEIGHT } = NAMES.pageOptions.height;

  const frames = new Map();
  const pending = new Map();
  const mounted = new WeakSet();
  let count = 0;

  const nearViewport = 'IntersectionObserver' in window
    ? new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        nearViewport.unobserve(entry.target);
        pending.get(entry.target)?.();
        pending.delete(entry.target);
      }
    }, { rootMargin: '800px 0px' })
    : null;

  // The same as `describe` in components/embed-dialog.js (a classic script cannot
  // import it); the embed end-to-end tests hold both to the same wording.
  function describe(params) {
    const view = VIEW_NAMES[params.get('view')] ?? VIEW_NAMES.timeline;
    const filters = [...params].filter(([key]) => key !== 'view' && !PAGE_OPTION_NAMES.includes(key));
    const what = filters.length ? `, ${filters.map(([key, value]) => `${key} ${value}`).join('; ')}` : '';
    return `${NAME}: ${view}${what}`;
  }

  function mount(host) {
    if (mounted.has(host)) return;
    mounted.add(host);
    const params = new URLSearchParams();
    const ignored = [];
    for (const { name, value } of host.attributes) {
      if (!name.startsWith('data-')) continue;
      const key = name.slice(5);
      if (PARAMETERS.includes(key)) params.set(key, value);
      else if (!OWN.includes(key)) ignored.push(name);
    }
    if (ignored.length) {
      console.warn(`${NAME}: ignored ${ignored.join(', ')}; the options are listed in the README's "Embed it".`);
    }
    const title = host.getAttribute('data-title') || describe(params);
    const id = String(++count);
    params.set('embed', id);
    const src = `${base.href}embed.html?${params}`;
    const asked = Number(host.getAttribute('data-height'));
    const height = asked >= MIN_ASKED_HEIGHT && asked <= MAX_ASKED_HEIGHT ? asked : params.get('layout') === 'full' ? FULL_HEIGHT : COMPACT_HEIGHT;

    const iframe = document.createElement('iframe');
    iframe.title = title;
    iframe.setAttribute('loading', 'lazy');
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    iframe.setAttribute('allow', 'clipboard-write');
    // Scripts and its own origin for the explorer; popups (links open in new
    // tabs) that are not sandboxed; never navigating the article.
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    const style = iframe.style;
    style.display = 'block';
    style.boxSizing = 'border-box';
    style.width = '100%';
    style.maxWidth = '100%';
    style.height = `${height}px`;
    style.margin = '0';
    style.padding = '0';
    style.border = '0';
    frames.set(id, iframe);

    // The shadow root keeps the article's CSS off the iframe and hides the
    // fallback link, which stays in the article for readers without scripts.
    let root = host;
    try {
      root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    } catch {
      host.replaceChildren();
    }
    // A custom element is inline unless the article says otherwise.
    if (host.localName === 'icet-explorer' && getComputedStyle(host).display === 'inline') host.style.display = 'block';
    root.append(iframe);
    const load = () => {
      iframe.src = src;
    };
    if (nearViewport) {
      pending.set(host, load);
      nearViewport.observe(host);
    } else {
      load();
    }
  }

  // Only our own message, from the explorer's origin, from the iframe it names.
  window.addEventListener('message', (event) => {
    if (event.origin !== origin) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== HEIGHT_MESSAGE || typeof data.id !== 'string') return;
    const iframe = frames.get(data.id);
    if (!iframe || event.source !== iframe.contentWindow) return;
    const { height } = data;
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
    iframe.style.height = `${Math.ceil(height)}px`;
  });

  // The first scan numbers the embeds in document order; only then does the
  // custom element take over, for elements added later.
  const start = () => {
    document.querySelectorAll('.icet-explorer, icet-explorer').forEach(mount);
    if (!customElements.get('icet-explorer')) {
      customElements.define('icet-explorer', class extends HTMLElement {
        connectedCallback() {
          mount(this);
        }
      });
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
