// <icet-facet-panel>: one group of checkboxes per facet, each value with the
// number of items choosing it would give. Data comes down as properties
// (`facets`, then `counts` on every query); choices go up as
// `icet-facet-change` events. Zero-count values stay visible, dimmed.
const COLLAPSED_AFTER = 8;

class FacetPanel extends HTMLElement {
  #facets = [];
  #counts = [];
  #expanded = new Set();

  /** Every facet with its values, as returned by `Explorer.facets()`. */
  set facets(facets) {
    this.#facets = facets;
    this.update();
  }

  /** Counts and selections by position, as in `Explorer.query().facets`. */
  set counts(counts) {
    this.#counts = counts;
    this.update();
  }

  connectedCallback() {
    this.addEventListener('change', (event) => {
      const box = event.target;
      if (box.type !== 'checkbox') return;
      this.dispatchEvent(new CustomEvent('icet-facet-change', {
        bubbles: true,
        detail: { facet: box.dataset.facet, value: box.value, checked: box.checked },
      }));
    });
    this.addEventListener('click', (event) => {
      const toggle = event.target.closest('button.facet-more');
      if (!toggle) return;
      const facet = toggle.dataset.facet;
      if (this.#expanded.has(facet)) this.#expanded.delete(facet);
      else this.#expanded.add(facet);
      this.update();
      this.querySelector(`button.facet-more[data-facet="${facet}"]`)?.focus();
    });
  }

  update() {
    const focused = document.activeElement?.closest?.('icet-facet-panel') === this ? document.activeElement : null;
    const focusKey = focused?.type === 'checkbox' ? `${focused.dataset.facet}=${focused.value}` : null;
    const groups = this.#facets.map((facet) => {
      const counts = this.#counts.find((c) => c.facet === facet.facet);
      const selected = new Set(counts?.selected ?? []);
      const values = facet.values.map((value, position) => ({
        ...value, position, count: counts?.counts[position] ?? 0, selected: selected.has(position),
      }));
      // Long lists (actors) show the selected and the most useful values first.
      const ordered = facet.facet === 'actor' ? [...values].sort((a, b) => b.selected - a.selected || b.count - a.count) : values;
      const shown = this.#expanded.has(facet.facet) ? ordered : ordered.filter((v, i) => i < COLLAPSED_AFTER || v.selected);
      return this.#group(facet, shown, ordered.length - shown.length);
    });
    this.replaceChildren(...groups);
    if (focusKey) {
      const [facet, value] = focusKey.split('=');
      [...this.querySelectorAll('input')].find((i) => i.dataset.facet === facet && i.value === value)?.focus();
    }
  }

  #group(facet, values, hidden) {
    const fieldset = document.createElement('fieldset');
    fieldset.className = 'facet';
    const legend = document.createElement('legend');
    legend.textContent = facet.label;
    fieldset.append(legend);
    const list = document.createElement('ul');
    for (const value of values) {
      const item = document.createElement('li');
      const label = document.createElement('label');
      if (value.count === 0 && !value.selected) label.className = 'zero';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = value.value;
      box.checked = value.selected;
      box.dataset.facet = facet.facet;
      const name = document.createElement('span');
      name.textContent = value.label;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = `(${value.count})`;
      label.append(box, ' ', name, ' ', count);
      item.append(label);
      list.append(item);
    }
    fieldset.append(list);
    if (hidden > 0 || this.#expanded.has(facet.facet)) {
      const more = document.createElement('button');
      more.type = 'button';
      more.className = 'facet-more';
      more.dataset.facet = facet.facet;
      more.setAttribute('aria-expanded', String(this.#expanded.has(facet.facet)));
      more.textContent = this.#expanded.has(facet.facet) ? 'Show fewer' : `Show ${hidden} more`;
      fieldset.append(more);
    }
    return fieldset;
  }
}

customElements.define('icet-facet-panel', FacetPanel);
