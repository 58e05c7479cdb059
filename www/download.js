// "Download these results": Rust writes the current results in the chosen
// format, and the page hands them to the browser as a file through a
// temporary object URL.
const FILES = {
  csv: { type: 'text/csv;charset=utf-8', name: 'icet-results.csv' },
  json: { type: 'application/json', name: 'icet-results.json' },
  timelinejs: { type: 'application/json', name: 'icet-timelinejs.json' },
  ics: { type: 'text/calendar;charset=utf-8', name: 'icet-events.ics' },
};

export function download(explorer, query, format) {
  const file = FILES[format];
  const blob = new Blob([explorer.export(query, format)], { type: file.type });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download the browser has not yet read; later is safe.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}
