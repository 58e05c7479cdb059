// "Download as TimelineJS JSON": Rust converts the loaded dataset, and the
// page hands it to the browser as a file through a temporary object URL.
const FILE_NAME = 'icet-timelinejs.json';

export function downloadTimelinejs(explorer) {
  const blob = new Blob([explorer.timelinejsJson()], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: FILE_NAME });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download the browser has not yet read; later is safe.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}
