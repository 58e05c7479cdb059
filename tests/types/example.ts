// A page of one's own around the engine, as README.md's "Use it from
// JavaScript" shows it. `make test` type-checks it against the package's
// declarations (tsc --noEmit); it is not run.
import init, { Explorer } from 'icet-explorer';
import type { DatasetError, ExportFormat, ItemView, Problem, QueryView, RenderView, SummaryView } from 'icet-explorer';

/** Loads the wasm module once, then a dataset; reports every problem of a dataset that does not load. */
export async function load(url: string): Promise<Explorer | Problem[]> {
  await init();
  const text = await (await fetch(url)).text();
  try {
    return new Explorer(text);
  } catch (error) {
    if (error instanceof Error && error.name === 'DatasetError') return (error as DatasetError).problems;
    throw error;
  }
}

export function describe(explorer: Explorer): string {
  const summary: SummaryView = explorer.summary();
  const span = summary.first && summary.last ? ` from ${summary.first.label} to ${summary.last.label}` : '';
  return `${explorer.title}: ${summary.totals.events} events and ${summary.totals.commitments} commitments${span}`;
}

/** Shows one state: every view's markup goes into the page through a Trusted Types policy. */
export function show(explorer: Explorer, container: HTMLElement, state: string): RenderView {
  const policy = window.trustedTypes?.createPolicy('my-markup', { createHTML: (markup: string) => markup });
  explorer.setBase(`${location.origin}${location.pathname}`);
  const view = explorer.render(state, container.clientWidth);
  const parts: (string | undefined)[] = [view.facets, view.timeline, view.list, view.tracker, view.detail];
  const markup = parts.filter((part): part is string => part !== undefined).join('');
  container.innerHTML = (policy ? policy.createHTML(markup) : markup) as string;
  for (const warning of view.warnings) console.warn(warning);
  return view;
}

/** Zoom and pan redraw only the timeline. */
export function zoomIn(explorer: Explorer, state: string, timeline: HTMLElement, x: number): string {
  explorer.zoomTimeline(1.5, x);
  explorer.panTimeline(-40);
  explorer.zoomTimelineTo(19000, 19400);
  explorer.timelineToEdge(true);
  explorer.fitTimeline();
  return explorer.timelineMarkup(state, timeline.clientWidth);
}

/** The titles of the first ten results, with their highlighted ranges. */
export function titles(explorer: Explorer, state: string): string[] {
  const result: QueryView = explorer.query(state, 10);
  const ids: string[] = explorer.itemIds();
  const firstId: string | undefined = ids[result.order[0] ?? -1];
  const rows: ItemView[] = result.items;
  const facetLabels = explorer.facets().map((facet) => `${facet.label} (${facet.values.length})`);
  console.log(firstId, facetLabels, result.facets.map((counts) => counts.counts.length));
  return rows.map((row) => `${row.title} [${row.titleHighlights.map(([start, end]) => `${start}-${end}`).join(', ')}] ${row.kind} ${row.dateLabel}`);
}

export function download(explorer: Explorer, state: string): Blob[] {
  const formats: ExportFormat[] = ['csv', 'json', 'timelinejs', 'ics'];
  const { facts, tables } = explorer.summaryMarkup();
  console.log(facts.length + tables.length);
  // The label font's widths as measured in the page: 95 for printable ASCII, then one per other character.
  explorer.setLabelWidths(new Float32Array(95).fill(7));
  return formats.map((format) => new Blob([explorer.export(state, format)]));
}

// What the declarations refuse.
export function mistakes(explorer: Explorer, view: RenderView): void {
  // @ts-expect-error: not an export format
  explorer.export('', 'xml');
  // @ts-expect-error: the views are timeline, list and tracker
  const wrong: RenderView['view'] = 'map';
  // @ts-expect-error: total is a number
  const total: string = view.total;
  console.log(wrong, total);
  explorer.free();
}
