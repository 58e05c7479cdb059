// The embed's side of embedding: tells the page around the iframe how tall
// the explorer is, so the iframe never scrolls inside the article. Besides our
// own message it sends the forms that common embed hosts already understand.
// Heights are not secret, so they go to any parent origin; the loader checks
// that they come from the explorer's origin and from its own iframe.

export const HEIGHT_MESSAGE = 'icet-explorer:height';

/**
 * Starts reporting the document's height to the parent window, if there is
 * one. `frameId` is the loader's id for this iframe (the `embed` parameter),
 * or null in a plain iframe. A compact embed, a card that scrolls inside,
 * reports its `fixedHeight` instead of its content's. Returns a function
 * that reports at once.
 */
export function reportHeight(frameId, fixedHeight = null) {
  if (window.parent === window) return () => {};
  // Datawrapper's hosts find the iframe by id or by a part of its src; the
  // address the iframe was loaded from is such a part before any navigation.
  const hostId = frameId ?? `${location.pathname}${location.search}`;
  let last = -1;
  const post = () => {
    // The body contains its children's margins (display: flow-root), so its box
    // is the content's height; the root element is never shorter than the iframe.
    const height = fixedHeight ?? Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const parent = window.parent;
    parent.postMessage({ type: HEIGHT_MESSAGE, id: frameId, height }, '*');
    parent.postMessage({ 'datawrapper-height': { [hostId]: height } }, '*');
    parent.postMessage(JSON.stringify({ sender: 'Flourish', context: 'iframe.resize', method: 'resize', height, src: location.href }), '*');
    parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
  };
  // Browsers may skip rendering, and so resize observations, in iframes out of
  // view; the explorer also reports after each render, which measures at once.
  new ResizeObserver(post).observe(document.body);
  return post;
}
