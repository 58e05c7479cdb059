// The view models the engine hands to JavaScript. `make site` appends these
// declarations to the wasm package's icet_explorer.d.ts and gives the
// Explorer's methods these return types in place of wasm-bindgen's `any`
// (www/dev/typed-package.mjs). They mirror the structs in src/boundary.rs:
// change both together; tests/types/example.ts type-checks against them.

/** The explorer's three views. */
export type ViewName = 'timeline' | 'list' | 'tracker';

/** The formats of `Explorer.export`. */
export type ExportFormat = 'csv' | 'json' | 'timelinejs' | 'ics';

/** Every view of one state, as markup (HTML text), from `Explorer.render`. */
export interface RenderView {
  /** The canonical query string of the state, such as `area=space&q=engine`. */
  state: string;
  view: ViewName;
  /** How many items match. */
  total: number;
  /** The status line, such as "12 results.". */
  status: string;
  /** How many filter values are selected. */
  selectedFilters: number;
  /** What the filters sheet's button says: "Show 12 results", "Show 1 commitment". */
  showLabel: string;
  /** The facets (filters) with their counts, as markup. */
  facets: string;
  /** The result list, as markup; absent when the state does not show it. */
  list?: string;
  /** The timeline (an SVG), as markup; absent when the state does not show it. */
  timeline?: string;
  /** The commitment tracker, as markup; absent when the state does not show it. */
  tracker?: string;
  /** The selected item's detail, as markup; absent when no item is selected. */
  detail?: string;
  /** One message for each part of the query string that was dropped. */
  warnings: string[];
}

/** The header's line of counts and the tables of "What the dataset holds", as markup. */
export interface SummaryMarkup {
  facts: string;
  tables: string;
}

/** A date in the dataset's notation (`2023-06`, `2024-H1`) and for reading ("June 2023"). */
export interface DateView {
  value: string;
  label: string;
}

export interface CountView {
  id: string;
  label: string;
  count: number;
}

export interface AreaView {
  id: string;
  name: string;
  events: number;
  commitments: number;
}

export interface TotalsView {
  items: number;
  events: number;
  commitments: number;
  actors: number;
  sources: number;
  citations: number;
  focusAreas: number;
}

/** Counts by kind, focus area and status, from `Explorer.summary`. */
export interface SummaryView {
  title: string;
  description: string;
  totals: TotalsView;
  first: DateView | null;
  last: DateView | null;
  focusAreas: AreaView[];
  commitmentsByStatus: CountView[];
  eventsByType: CountView[];
  actorsByKind: CountView[];
}

/** One value of a facet. */
export interface FacetValue {
  /** The value in URLs, such as `space`. */
  value: string;
  label: string;
}

/** A facet and its values in display order, from `Explorer.facets`. */
export interface FacetView {
  /** The facet's URL parameter, such as `area`. */
  facet: string;
  label: string;
  values: FacetValue[];
}

/** One row of a query's result list. */
export interface ItemView {
  id: string;
  kind: 'event' | 'commitment';
  /** An event's type, or a commitment's current status. */
  category: string;
  title: string;
  /** `[start, end)` UTF-16 offsets into `title` that match the search text. */
  titleHighlights: [number, number][];
  /** The date in the dataset's notation, such as `2023-06` or `2024-H1`. */
  date: string;
  /** The date for reading, such as "June 2023". */
  dateLabel: string;
  /** Present (and true) only for approximate dates. */
  approximate?: true;
  /** Present (and true) only for events still expected. */
  expected?: true;
  /** Focus area ids. */
  areas: string[];
}

/** One facet's counts for a query, by position in `FacetView.values`. */
export interface CountsView {
  facet: string;
  counts: number[];
  /** Positions of the selected values. */
  selected: number[];
}

/** The answer to one query, from `Explorer.query`. */
export interface QueryView {
  state: string;
  view: ViewName;
  /** The selected item's id, or null. */
  item: string | null;
  total: number;
  /** Up to `limit` rows. */
  items: ItemView[];
  facets: CountsView[];
  warnings: string[];
  /** Every match in order, as positions into `itemIds()`: the whole ranking. */
  order: Uint32Array;
}

/** What kind of problem a dataset has. */
export type ProblemKind = 'encoding' | 'syntax' | 'unknown_field' | 'missing_field' |
  'duplicate_field' | 'wrong_type' | 'invalid_value' | 'empty_text' | 'invalid_id' |
  'duplicate_id' | 'unknown_reference' | 'invalid_date' | 'missing_date_note' | 'empty_quote' |
  'ellipsis_in_quote' | 'quote_not_found' | 'invalid_url' | 'missing_citation' | 'empty_list' |
  'empty_status_history' | 'status_out_of_order' | 'unsupported_version';

/** One problem in a dataset, with its place. */
export interface Problem {
  kind: ProblemKind;
  /** A JSON path, such as `events[0].date.value`, or `(document)`. */
  path: string;
  line: number;
  column: number;
  message: string;
}

/** What `new Explorer(json)` throws for a dataset that does not load: every problem, in text order. */
export interface DatasetError extends Error {
  name: 'DatasetError';
  problems: Problem[];
}

