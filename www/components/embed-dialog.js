// <icet-embed-dialog>: "Embed this view". Shows the two snippets that put the
// current view into an article (the loader form and a plain iframe), each
// with a copy button. Data comes down as properties (`base`, the explorer's
// address, and `params`, the state and embed options); `open(opener)` shows
// it. Snippets are built as text and shown in textareas, never as HTML.
import NAMES from '../names.js';

/** Escapes text for an HTML attribute value in double quotes. */
const attribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const VIEW_NAMES = NAMES.views;
/** The page's options (theme, layout, ...): how the view is shown, not what it shows. */
const PAGE_OPTION_NAMES = Object.keys(NAMES.pageOptions);
/** The explorer's name: a site built with its own dataset has that dataset's title (icet-site writes it). */
const NAME = document.querySelector('meta[name="application-name"]')?.content || 'iCET Explorer';

/**
 * A reader-facing description of a state, for link texts and iframe titles.
 * The loader, `embed.js`, has its own copy; the embed end-to-end tests hold both to the same wording.
 */
export function describe(params) {
  const view = VIEW_NAMES[params.get('view')] ?? VIEW_NAMES.timeline;
  const filters = [...params].filter(([key]) => key !== 'view' && !PAGE_OPTION_NAMES.includes(key));
  const what = filters.length ? `, ${filters.map(([key, value]) => `${key} ${value}`).join('; ')}` : '';
  return `${NAME}: ${view}${what}`;
}

/** The loader form: a placeholder with a plain link, then the loader script. */
export function loaderSnippet(base, params) {
  const data = [...params].map(([key, value]) => ` data-${key}="${attribute(value)}"`).join('');
  const state = new URLSearchParams([...params].filter(([key]) => !PAGE_OPTION_NAMES.includes(key)));
  const link = new URL(state.toString() ? `?${state}` : '', base).href;
  return `<div class="icet-explorer"${data}><a href="${attribute(link)}">${attribute(describe(params))}</a></div>\n`
    + `<script src="${attribute(new URL('embed.js', base).href)}" async></script>`;
}

/** The plain form: a fixed-height iframe, for hosts that allow no scripts. */
export function iframeSnippet(base, params) {
  const src = new URL(`embed.html${params.toString() ? `?${params}` : ''}`, base).href;
  const height = params.get('height') ?? String(params.get('layout') === 'full' ? NAMES.fullHeight : NAMES.compactHeight);
  return `<iframe src="${attribute(src)}" title="${attribute(describe(params))}" width="100%" height="${attribute(height)}"`
    + ' loading="lazy" referrerpolicy="no-referrer" allow="clipboard-write" style="border:0"></iframe>';
}

class EmbedDialog extends HTMLElement {
  #base = '';
  #params = new URLSearchParams();
  #dialog;
  #fields = {};
  #status;
  #opener = null;

  /** The explorer's own address, ending in `/`. */
  set base(base) {
    this.#base = base;
    this.update();
  }

  /** The state and embed options, as URLSearchParams. */
  set params(params) {
    this.#params = new URLSearchParams(params);
    this.update();
  }

  connectedCallback() {
    if (this.#dialog) return;
    const prefix = this.id || 'embed-dialog';
    const dialog = document.createElement('dialog');
    dialog.className = 'embed-dialog';
    dialog.setAttribute('aria-labelledby', `${prefix}-title`);
    const title = document.createElement('h2');
    title.id = `${prefix}-title`;
    title.textContent = 'Embed this view';
    const intro = document.createElement('p');
    intro.textContent = `Paste one of these into your article. Each shows this view as a card ${NAMES.compactHeight} px tall that scrolls inside (data-height or height= changes that; data-layout="full" makes it as tall as its content instead). The first loads when the reader nears it; the second is a plain iframe for pages that allow no scripts.`;
    dialog.append(title, intro);
    for (const [key, label, copy] of [
      ['loader', 'Snippet with the loader (recommended)', 'Copy the loader snippet'],
      ['iframe', 'Plain iframe', 'Copy the iframe snippet'],
    ]) {
      const field = document.createElement('textarea');
      field.id = `${prefix}-${key}`;
      field.readOnly = true;
      field.rows = key === 'loader' ? 5 : 4;
      field.spellcheck = false;
      const caption = document.createElement('label');
      caption.htmlFor = field.id;
      caption.textContent = label;
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.copy = key;
      button.textContent = copy;
      dialog.append(caption, field, button);
      this.#fields[key] = field;
    }
    const actions = document.createElement('div');
    actions.className = 'embed-dialog-actions';
    this.#status = document.createElement('p');
    this.#status.className = 'embed-dialog-status';
    this.#status.setAttribute('role', 'status');
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'embed-dialog-close';
    close.textContent = 'Close';
    actions.append(this.#status, close);
    dialog.append(actions);
    this.append(dialog);
    this.#dialog = dialog;

    dialog.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (button === close) dialog.close();
      else if (button?.dataset.copy) this.#copy(button.dataset.copy);
    });
    // Focus goes back to the button that opened the dialog, however it closed.
    dialog.addEventListener('close', () => this.#opener?.focus());
    this.update();
  }

  /** Shows the dialog; focus returns to `opener` when it closes. */
  open(opener) {
    // A second click while the module was loading asks again; the first opening stands.
    if (this.#dialog.open) return;
    this.#opener = opener ?? null;
    this.#status.textContent = '';
    this.update();
    this.#dialog.showModal();
    // In an iframe as tall as its content, the viewport is the whole document and
    // a centred dialog could be far off the reader's screen: centre it on the part
    // of the iframe the reader sees (an intersection with the top-level viewport
    // is known even across origins), and on its button until that is known.
    if (window.parent !== window && opener) {
      const box = opener.getBoundingClientRect();
      this.#place(box.top + box.height / 2 - this.#dialog.offsetHeight / 2);
      const watch = new IntersectionObserver(([entry]) => {
        watch.disconnect();
        const seen = entry.intersectionRect;
        if (seen.height > 0) this.#place(seen.top + (seen.height - this.#dialog.offsetHeight) / 2);
      });
      watch.observe(document.body);
    }
    this.#fields.loader.focus({ preventScroll: true });
    this.#fields.loader.select();
  }

  /** Puts the dialog's top at `top` px in the document, kept inside it. */
  #place(top) {
    const limit = document.documentElement.clientHeight - this.#dialog.offsetHeight - 8;
    this.#dialog.style.marginTop = `${Math.round(Math.max(8, Math.min(top, limit)))}px`;
    this.#dialog.style.marginBottom = 'auto';
  }

  update() {
    if (!this.#dialog || !this.#base) return;
    this.#fields.loader.value = loaderSnippet(this.#base, this.#params);
    this.#fields.iframe.value = iframeSnippet(this.#base, this.#params);
  }

  async #copy(key) {
    const field = this.#fields[key];
    try {
      await navigator.clipboard.writeText(field.value);
      this.#status.textContent = key === 'loader' ? 'Copied the loader snippet.' : 'Copied the iframe snippet.';
    } catch {
      // Without clipboard access (an old browser, or a host page that does not
      // allow it), select the text so the reader can copy it with the keyboard.
      field.focus();
      field.select();
      this.#status.textContent = 'Copying was not allowed here: the snippet is selected, press Ctrl+C (⌘C on a Mac) to copy it.';
    }
  }
}

customElements.define('icet-embed-dialog', EmbedDialog);
