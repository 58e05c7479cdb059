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
  // A box the reader ticked differs from its attribute, which is all that
  // equal nodes compare, so every box takes the state the view gives it.
  for (const box of container.querySelectorAll('input[type="checkbox"]')) {
    const checked = box.hasAttribute('checked');
    if (box.checked !== checked) box.checked = checked;
  }
}

// An element's identity across renders: its `data-key`, or the item id it shows.
const keyOf = (node) => (node.nodeType === 1 ? node.getAttribute('data-key') ?? node.getAttribute('data-id') : null);

/** Brings `target`'s children in line with `source`'s. */
function morphChildren(target, source) {
  // Most containers (a label, a list item) keep their children in the same
  // order: pair them up without building any index.
  let kept = target.firstChild;
  let next = source.firstChild;
  while (kept && next && kept.nodeName === next.nodeName && keyOf(kept) === keyOf(next)) {
    kept = kept.nextSibling;
    next = next.nextSibling;
  }
  if (!kept && !next) {
    for (kept = target.firstChild, next = source.firstChild; kept; kept = kept.nextSibling, next = next.nextSibling) {
      if (!kept.isEqualNode(next)) morphNode(kept, next);
    }
    return;
  }
  reorderChildren(target, source);
}

/** Each child with its identity: its name and key, or its name and how many of that name came before it. */
function identities(parent) {
  const counts = new Map();
  const children = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    const { nodeName } = child;
    let key = keyOf(child);
    if (key === null) {
      const count = counts.get(nodeName) ?? 0;
      counts.set(nodeName, count + 1);
      // No attribute value holds a NUL, so no key can look like this.
      key = `\0${count}`;
    }
    children.push([`${nodeName} ${key}`, child]);
  }
  return children;
}

/**
 * Brings `target`'s children in line with `source`'s when some come, go or
 * move: each source child reuses the target child of the same identity. Of
 * those, the longest run already in order stays where it is and only the
 * others move, so a value that climbs a list sorted by count costs one move,
 * not one for each value it passes.
 */
function reorderChildren(target, source) {
  const old = new Map();
  identities(target).forEach(([identity, child], at) => {
    // A second child with one key would never be matched: it goes now.
    if (old.has(identity)) child.remove();
    else old.set(identity, [child, at]);
  });
  const placed = identities(source).map(([identity, child]) => {
    const match = old.get(identity);
    old.delete(identity);
    return [child, ...(match ?? [])];
  });
  for (const [child] of old.values()) child.remove();
  // The longest run in old order, by patience sorting: `tails[n]` ends the best run of n + 1.
  const tails = [];
  const previous = new Map();
  for (const [, match, at] of placed) {
    if (!match) continue;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (tails[middle][1] < at) low = middle + 1;
      else high = middle;
    }
    previous.set(match, tails[low - 1]?.[0]);
    tails[low] = [match, at];
  }
  const staying = new Set();
  for (let node = tails.at(-1)?.[0]; node; node = previous.get(node)) staying.add(node);
  // From the end, so each node goes before the one placed after it.
  let anchor = null;
  for (let i = placed.length - 1; i >= 0; i -= 1) {
    const [child, match] = placed[i];
    const node = match ?? child;
    if (!match || (!staying.has(match) && match.nextSibling !== anchor)) target.insertBefore(node, anchor);
    // Comparing whole subtrees natively is much cheaper than walking them here.
    if (match && !match.isEqualNode(child)) morphNode(match, child);
    anchor = node;
  }
}

function morphNode(target, source) {
  if (target.nodeType !== 1) {
    if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
    return;
  }
  for (const name of source.getAttributeNames()) {
    const value = source.getAttribute(name);
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
  for (const name of target.getAttributeNames()) {
    // Whether a <details> is open is the reader's choice, not the view's.
    if (!source.hasAttribute(name) && !(name === 'open' && target.localName === 'details')) target.removeAttribute(name);
  }
  if (target.firstChild || source.firstChild) morphChildren(target, source);
}
