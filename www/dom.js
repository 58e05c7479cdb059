// The one way markup enters the page. Rust's views write markup through an
// escaping writer; this module parses it under a Trusted Types policy and
// brings a container in line with it, keeping every node that did not change.
//
// Keeping nodes is what lets the wasm take over the pre-rendered page without
// a visible change, keeps focus and open <details> across renders, and lets
// a zoom move the timeline's marks (keyed by `data-key` or `data-id`) instead of
// rebuilding them.

// The markup comes from Rust's escaping writer (src/render/markup.rs), never
// from data directly; the policy marks the one place it is parsed.
const policy = globalThis.trustedTypes?.createPolicy('icet-markup', { createHTML: (markup) => markup });
const parser = document.createElement('template');

/** Replaces the content of `container` with `markup`, changing only what differs. */
export function apply(container, markup) {
  parser.innerHTML = policy ? policy.createHTML(markup) : markup;
  morphChildren(container, parser.content);
}

// An element's identity across renders: its `data-key`, or the item id it shows.
const keyOf = (node) => (node.nodeType === 1 ? node.getAttribute('data-key') ?? node.getAttribute('data-id') : null);

function morphChildren(target, source) {
  const keyed = new Map();
  for (let child = target.firstElementChild; child; child = child.nextElementSibling) {
    const key = keyOf(child);
    if (key !== null) keyed.set(key, child);
  }
  const wanted = new Set();
  for (let child = source.firstElementChild; child; child = child.nextElementSibling) {
    const key = keyOf(child);
    if (key !== null) wanted.add(key);
  }
  let cursor = target.firstChild;
  // Keyed nodes that are going away go at once: left in place, each would
  // make every kept node after it move (a removal and an insertion each),
  // which is most of the cost of a zoom or a pan that drops marks.
  const dropGone = () => {
    while (cursor && cursor.nodeType === 1) {
      const key = keyOf(cursor);
      if (key === null || wanted.has(key)) return;
      const following = cursor.nextSibling;
      keyed.delete(key);
      cursor.remove();
      cursor = following;
    }
  };
  for (let next = source.firstChild, following; next; next = following) {
    // Read before `next` may move into the page.
    following = next.nextSibling;
    dropGone();
    const key = keyOf(next);
    let match = null;
    if (key !== null) {
      match = keyed.get(key) ?? null;
      keyed.delete(key);
    } else if (cursor && keyOf(cursor) === null && cursor.nodeName === next.nodeName) {
      match = cursor;
    }
    if (match && match.nodeName === next.nodeName) {
      if (match === cursor) cursor = cursor.nextSibling;
      else target.insertBefore(match, cursor);
      morphNode(match, next);
    } else {
      target.insertBefore(next, cursor);
    }
  }
  while (cursor) {
    const following = cursor.nextSibling;
    cursor.remove();
    cursor = following;
  }
}

function morphNode(target, source) {
  if (target.nodeType !== 1) {
    if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
    return;
  }
  const wanted = source.attributes;
  for (let i = 0; i < wanted.length; i += 1) {
    const { name, value } = wanted[i];
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
  const present = target.attributes;
  // Backwards, since removing one shifts those after it.
  for (let i = present.length - 1; i >= 0; i -= 1) {
    const { name } = present[i];
    // Whether a <details> is open is the reader's choice, not the view's.
    if (!source.hasAttribute(name) && !(name === 'open' && target.localName === 'details')) target.removeAttribute(name);
  }
  if (target.localName === 'input') {
    const checked = source.hasAttribute('checked');
    if (target.checked !== checked) target.checked = checked;
  }
  if (target.firstChild || source.firstChild) morphChildren(target, source);
}
