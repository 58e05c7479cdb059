// TimelineJS3 as a newsroom embeds it, over `?data=` (a TimelineJS JSON file
// made by icet-convert). Only `script_path` differs from the defaults, so that
// its fonts and language files come from this site instead of Knight Lab's CDN.
const data = new URLSearchParams(location.search).get('data');
try {
  const response = await fetch(new URL(data, location.href));
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${data}`);
  const json = await response.json();
  const timeline = new window.TL.Timeline('timeline', json, {
    script_path: new URL('timelinejs/js/', location.href).href,
    hash_bookmark: false,
  });
  window.peer = {
    timeline,
    // TimelineJS has no filter.
    filter: null,
    // Its zoom-in button (zoom-out for a negative `direction`); the timeline
    // then animates, so the bench times the click to the next frame.
    async zoom(direction = 1) {
      document.querySelector(direction < 0 ? '.tl-icon-zoom-out' : '.tl-icon-zoom-in').parentElement.click();
    },
  };
} catch (error) {
  const box = document.getElementById('error');
  box.textContent = error.message;
  box.hidden = false;
}
