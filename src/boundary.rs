//! The boundary: the core exposed to JavaScript as one `Explorer` class.
//!
//! Each method takes plain values, calls the core and returns a small view
//! model of its own types (never the core's), serialised with
//! `serde-wasm-bindgen`. Failures become thrown JS `Error`s; nothing panics.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::core::date::PartialDate;
use crate::core::error::{LoadError, Problem};
#[cfg(feature = "import")]
use crate::core::import;
use crate::core::load::{load, load_chunks};
#[cfg(feature = "import")]
use crate::core::model::ImportFormat;
use crate::core::model::{Dataset, Item};
use crate::core::query::{sentence_case, Query, QueryIndex, QueryResult};
use crate::core::search::SearchBuilder;
use crate::core::summary::{summarize, Summary};
use crate::core::url_state::{self, UrlState};
use crate::core::viewport::TimelineState;
use crate::render::list::{list, PrintCitations};
use crate::render::page::{page, LIST_LIMIT};
use crate::render::timeline::{step as timeline_step, timeline, LabelWidths, Placement, Step};
use crate::render::{summary as summary_view, Context};

/// Runs when the module is instantiated, before any table is built: the
/// hash tables of the datasets it will load take their seed from the
/// browser's random numbers, so a file cannot be crafted to make their
/// keys collide (see `core::hash`).
#[wasm_bindgen(start)]
pub fn start() {
    let high = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let low = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    crate::core::hash::seed_once((high << 32) | low);
}

/// A dataset loaded into wasm memory.
#[wasm_bindgen]
pub struct Explorer {
    dataset: Dataset,
    summary: Summary,
    index: QueryIndex,
    /// What the timeline shows; the page moves it through the zoom and pan methods.
    timeline: RefCell<TimelineState>,
    /// The label font's widths, as the page measured them.
    label_widths: RefCell<LabelWidths>,
    /// The latest query and its result: one render asks for the counts, the
    /// list and the timeline of the same query.
    last_result: RefCell<Option<(Query, Rc<QueryResult>)>>,
    /// The search index while the page builds it a slice at a time.
    search_builder: RefCell<Option<SearchBuilder>>,
    /// The explorer's address, for permanent links in "Cite this item".
    base: RefCell<String>,
    /// What the import of an opened timeline skipped.
    import_warnings: Vec<Problem>,
}

#[wasm_bindgen]
impl Explorer {
    /// Loads and validates a dataset from JSON text. Throws an `Error` named
    /// `DatasetError` whose `problems` lists every problem found.
    ///
    /// The text is copied into wasm memory a chunk at a time as the loader
    /// reads it, never whole: for a large dataset the text would take more
    /// memory than the dataset itself.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &js_sys::JsString) -> Result<Explorer, JsValue> {
        let dataset = load_js_string(json)?;
        Ok(Explorer::of(dataset, Vec::new()))
    }

    /// Opens a file's bytes, read the way `icet-check` reads them (UTF-8, a
    /// byte order mark dropped, any other encoding refused with its place):
    /// `format` is `ours`, `timelinejs` (TimelineJS3 JSON), `csv`
    /// (TimelineJS's sheet template) or `auto` (guessed from the text).
    /// Throws a `DatasetError` listing every problem that keeps it from being
    /// shown; problems it could skip are in `importWarnings()`.
    ///
    /// Only a build with the `import` feature reads the other tools'
    /// formats; the page's main build leaves the importers out (21 KB
    /// gzipped) and loads that build when a reader opens a file.
    ///
    /// A file in our format is copied into wasm memory a chunk at a time as
    /// the loader reads it (the others are read whole).
    pub fn open(bytes: &js_sys::Uint8Array, format: &str) -> Result<Explorer, JsValue> {
        if format == "ours" {
            return Explorer::open_ours(bytes);
        }
        let bytes = bytes.to_vec();
        let text = crate::core::text::decode(&bytes)
            .map_err(|problem| dataset_error(&LoadError::new(vec![problem])))?;
        match format {
            "ours" => Explorer::of_text(text),
            #[cfg(feature = "import")]
            "auto" | "timelinejs" | "csv" => {
                let format = match format {
                    "auto" => import::guess_format(text),
                    other => ImportFormat::from_name(other),
                };
                let Some(format) = format else {
                    return Explorer::of_text(text);
                };
                let imported = import::import(format, text).map_err(|e| dataset_error(&e))?;
                Ok(Explorer::of(imported.dataset, imported.warnings))
            }
            other => Err(js_sys::Error::new(&format!(
                "no timeline format {} in this build: use {}",
                crate::core::json::quoted(other),
                if cfg!(feature = "import") {
                    "ours, timelinejs, csv or auto"
                } else {
                    "ours"
                }
            ))
            .into()),
        }
    }

    /// Builds the search index, unless it is built, and says whether it is.
    /// A dataset opens without it (over half of opening one); the first
    /// query with text builds it too, so the page calls this only ahead of a
    /// search it expects (the reader turns to the search field), to answer
    /// the first keystroke sooner. With `items`, it adds at most that many
    /// items to the index and returns: the page builds a large dataset's
    /// index between frames (100k items take over half a second), and a
    /// query with text builds what is left.
    #[wasm_bindgen(js_name = prepareSearch)]
    pub fn prepare_search(&self, items: Option<u32>) -> bool {
        if self.index.search_ready() {
            return true;
        }
        let mut building = self.search_builder.borrow_mut();
        let builder = building.get_or_insert_with(|| SearchBuilder::new(&self.dataset));
        let all = items.map_or(usize::MAX, |items| items as usize);
        if !builder.add(&self.dataset, all) {
            return false;
        }
        if let Some(builder) = building.take() {
            self.index.finish_search(&self.dataset, builder);
        }
        true
    }

    /// What an opened timeline's import skipped, each with its place:
    /// `[{ kind, path, line, column, message }]`.
    #[wasm_bindgen(js_name = importWarnings)]
    pub fn import_warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&problem_views(&self.import_warnings))
    }
}

/// Loads a dataset from a JS string, copying it into wasm memory a chunk at a time.
fn load_js_string(json: &js_sys::JsString) -> Result<Dataset, JsValue> {
    let length = json.length();
    let mut at = 0;
    let mut next_chunk = |out: &mut String| {
        let mut end = length.min(at + CHUNK_UNITS);
        // A chunk never ends between the two halves of a surrogate pair
        // (a high surrogate, U+D800 to U+DBFF, is the first half).
        if end < length && (55296.0..56320.0).contains(&json.char_code_at(end - 1)) {
            end -= 1;
        }
        out.push_str(&String::from(json.slice(at, end)));
        at = end;
        at < length
    };
    load_chunks(&mut next_chunk).map_err(|e| dataset_error(&e))
}

/// Loads a dataset and drops it, building nothing from it: how much
/// memory loading alone takes (benchmark builds only). Returns its items.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = loadDatasetOnly)]
pub fn load_dataset_only(json: &js_sys::JsString) -> Result<u32, JsValue> {
    Ok(load_js_string(json)?.item_count() as u32)
}

/// UTF-16 code units of the text copied into wasm memory at a time.
const CHUNK_UNITS: u32 = 256 * 1024;

/// Bytes of a file copied into wasm memory at a time.
const CHUNK_BYTES: u32 = 512 * 1024;

impl Explorer {
    /// Opens a file in our format, decoding and loading it a chunk at a time.
    fn open_ours(bytes: &js_sys::Uint8Array) -> Result<Explorer, JsValue> {
        let length = bytes.length();
        let mut decoder = crate::core::text::ChunkDecoder::default();
        let result = {
            let mut at = 0;
            let mut chunk = Vec::new();
            let mut next_chunk = |out: &mut String| {
                let end = length.min(at + CHUNK_BYTES);
                chunk.resize((end - at) as usize, 0);
                bytes.subarray(at, end).copy_to(&mut chunk);
                at = end;
                decoder.push(&chunk, at == length, out) && at < length
            };
            load_chunks(&mut next_chunk)
        };
        if let Some(problem) = decoder.problem() {
            return Err(dataset_error(&LoadError::new(vec![problem])));
        }
        let dataset = result.map_err(|e| dataset_error(&e))?;
        Ok(Explorer::of(dataset, Vec::new()))
    }

    fn of_text(text: &str) -> Result<Explorer, JsValue> {
        let dataset = load(text).map_err(|e| dataset_error(&e))?;
        Ok(Explorer::of(dataset, Vec::new()))
    }

    fn of(dataset: Dataset, import_warnings: Vec<Problem>) -> Explorer {
        let summary = summarize(&dataset);
        let index = QueryIndex::build_without_search(&dataset);
        let timeline = RefCell::new(TimelineState::new(&dataset));
        Explorer {
            dataset,
            summary,
            index,
            timeline,
            label_widths: RefCell::default(),
            last_result: RefCell::default(),
            search_builder: RefCell::default(),
            base: RefCell::default(),
            import_warnings,
        }
    }
}

#[wasm_bindgen]
impl Explorer {
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.dataset.title.clone()
    }

    /// Counts by kind, focus area and status: the first view of the page.
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&SummaryView::new(&self.dataset, &self.summary))
    }

    /// The header's line of counts and the tables of "What the dataset
    /// holds", as markup: `{ facts, tables }`.
    #[wasm_bindgen(js_name = summaryMarkup)]
    pub fn summary_markup(&self) -> Result<JsValue, JsValue> {
        let result = js_sys::Object::new();
        set(
            &result,
            "facts",
            &summary_view::header_facts(&self.summary).into(),
        )?;
        set(
            &result,
            "tables",
            &summary_view::summary(&self.summary).into(),
        )?;
        Ok(result.into())
    }

    /// The widths of the page's label font: 95 for printable ASCII, then one
    /// for every other character. Returns false, keeping the widths it had,
    /// when the list is malformed.
    #[wasm_bindgen(js_name = setLabelWidths)]
    pub fn set_label_widths(&self, widths: Vec<f32>) -> bool {
        match LabelWidths::from_measured(&widths) {
            Some(measured) => {
                *self.label_widths.borrow_mut() = measured;
                true
            }
            None => false,
        }
    }

    /// The explorer's own address (without a query), for permanent links.
    #[wasm_bindgen(js_name = setBase)]
    pub fn set_base(&self, base: &str) {
        *self.base.borrow_mut() = base.to_string();
    }

    /// The results of a state as a file's text: `csv`, `json` (our own
    /// format, a dataset that loads on its own), `timelinejs` (TimelineJS3
    /// JSON) or `ics` (iCalendar of the dated events).
    pub fn export(&self, query_string: &str, format: &str) -> Result<String, JsValue> {
        use crate::core::export;
        let (state, _) = self.state_of(query_string);
        let items = &self.results(&state.query).items;
        match format {
            "csv" => Ok(export::csv(&self.dataset, items)),
            "json" => Ok(export::ours_json(&self.dataset, items)),
            "timelinejs" => Ok(export::timelinejs_of(&self.dataset, items)),
            "ics" => Ok(export::ical(&self.dataset, items)),
            _ => Err(js_sys::Error::new(&format!(
                "no export format {}: use csv, json, timelinejs or ics",
                crate::core::json::quoted(format)
            ))
            .into()),
        }
    }

    /// Every view of the state in a URL query string, for a timeline
    /// `width` pixels wide: `{ state, view, total, status, selectedFilters,
    /// showLabel, facets, list, timeline, tracker, detail, warnings }`, where each view
    /// is markup, or undefined when the state does not show it. A width of
    /// 0 leaves out a timeline the page does not show.
    pub fn render(&self, query_string: &str, width: f64) -> Result<JsValue, JsValue> {
        let (state, warnings) = self.state_of(query_string);
        let base = self.base.borrow();
        let cx = self.context(&state, &base);
        let view = page(
            &cx,
            &|query| self.results(query),
            &mut self.timeline.borrow_mut(),
            width,
            &self.label_widths.borrow(),
            PrintCitations::Omitted,
            Placement::Exact,
        );
        let result = js_sys::Object::new();
        set(&result, "state", &view.state.into())?;
        set(&result, "view", &view.view.key().into())?;
        set(&result, "total", &(view.total as u32).into())?;
        set(&result, "status", &view.status.into())?;
        set(
            &result,
            "selectedFilters",
            &(view.selected_filters as u32).into(),
        )?;
        set(&result, "showLabel", &view.show_label.into())?;
        set(&result, "facets", &view.facets.into())?;
        for (name, markup) in [
            ("list", view.list),
            ("timeline", view.timeline),
            ("tracker", view.tracker),
            ("detail", view.detail),
        ] {
            if let Some(markup) = markup {
                set(&result, name, &markup.into())?;
            }
        }
        let list: js_sys::Array = warnings.iter().map(|w| JsValue::from_str(w)).collect();
        set(&result, "warnings", &list.into())?;
        Ok(result.into())
    }

    /// The result list with each result's citations, which `render` leaves
    /// out: the page asks for it when the reader prints.
    #[wasm_bindgen(js_name = printListMarkup)]
    pub fn print_list_markup(&self, query_string: &str) -> String {
        let (state, _) = self.state_of(query_string);
        let result = self.results(&state.query);
        let base = self.base.borrow();
        let cx = self.context(&state, &base);
        list(&cx, &result, LIST_LIMIT, PrintCitations::Included)
    }

    /// The timeline alone, as markup: what zoom and pan redraw.
    #[wasm_bindgen(js_name = timelineMarkup)]
    pub fn timeline_markup(&self, query_string: &str, width: f64) -> String {
        let (state, _) = self.state_of(query_string);
        let result = self.results(&state.query);
        let cx = self.context(&state, "");
        timeline(
            &cx,
            &result,
            &mut self.timeline.borrow_mut(),
            width,
            &self.label_widths.borrow(),
            Placement::Exact,
        )
        .0
    }

    /// Zooms by `factor` (above 1 zooms in) about the point `x` pixels from the left.
    #[wasm_bindgen(js_name = zoomTimeline)]
    pub fn zoom_timeline(&self, factor: f64, x: f64) {
        self.timeline.borrow_mut().zoom_about(factor, x);
    }

    /// Moves the timeline by `dx` pixels (positive shows earlier days).
    #[wasm_bindgen(js_name = panTimeline)]
    pub fn pan_timeline(&self, dx: f64) {
        self.timeline.borrow_mut().pan(dx);
    }

    /// Fits the timeline to the current results.
    #[wasm_bindgen(js_name = fitTimeline)]
    pub fn fit_timeline(&self) {
        self.timeline.borrow_mut().fit_results();
    }

    /// Shows the days `first..=last` (a cluster's span), zoomed as far as allowed.
    #[wasm_bindgen(js_name = zoomTimelineTo)]
    pub fn zoom_timeline_to(&self, first: i32, last: i32) {
        self.timeline.borrow_mut().zoom_to(first, last);
    }

    /// Moves the keyboard along the timeline: `step` is -1 or 1 (the
    /// previous or next item in date order), -2 or 2 (the first or the last);
    /// the viewport pans to follow. The next draw makes that item's mark (or
    /// its cluster) the Tab stop. Returns whether it moved; any other step
    /// does nothing.
    #[wasm_bindgen(js_name = stepTimeline)]
    pub fn step_timeline(&self, query_string: &str, width: f64, step: i32) -> bool {
        let Some(step) = Step::from_code(step) else {
            return false;
        };
        let (state, _) = self.state_of(query_string);
        let result = self.results(&state.query);
        let cx = self.context(&state, "");
        timeline_step(
            &cx,
            &result,
            &mut self.timeline.borrow_mut(),
            width,
            &self.label_widths.borrow(),
            step,
        )
    }

    /// Moves to the start (or the end) of the data, keeping the zoom.
    #[wasm_bindgen(js_name = timelineToEdge)]
    pub fn timeline_to_edge(&self, start: bool) {
        self.timeline.borrow_mut().to_edge(start);
    }

    /// Every facet and its values (ids and labels) in display order. They do
    /// not change between queries, so `query` only returns counts by position.
    pub fn facets(&self) -> Result<JsValue, JsValue> {
        let facets: Vec<FacetView> = self
            .index
            .facets()
            .into_iter()
            .map(|facet| FacetView {
                facet: facet.key(),
                label: facet.label(),
                values: self
                    .index
                    .values(facet)
                    .map(|(value, label)| ValueView {
                        value: value.to_string(),
                        label: label.to_string(),
                    })
                    .collect(),
            })
            .collect();
        to_js(&facets)
    }

    /// Runs the query in a URL query string (such as `?area=space&q=engine`)
    /// and returns up to `limit` matching items with the fields a list needs,
    /// every facet's counts (in the order of `facets()`, zeros included), the
    /// total, the canonical query string and a warning for each part of the
    /// input that was dropped. `order` holds every match, in order, as
    /// positions into `itemIds()`: the whole ranking, whatever the limit.
    pub fn query(&self, query_string: &str, limit: u32) -> Result<JsValue, JsValue> {
        let mut json = String::new();
        let view = self.run_query(query_string, limit as usize);
        view.write_json(&mut json);
        let result = js_sys::JSON::parse(&json)?;
        // Numbers by the thousand travel best as one typed array, copied from wasm memory.
        let order = js_sys::Uint32Array::from(&view.order[..]);
        set(&result, "order", &order.into())?;
        Ok(result)
    }

    /// The id of every item, by the positions `query` gives in `order`.
    #[wasm_bindgen(js_name = itemIds)]
    pub fn item_ids(&self) -> Vec<String> {
        self.dataset
            .items()
            .map(|item| item.id().to_string())
            .collect()
    }

    /// Drops the cached result, so that a benchmark times every query in full
    /// (benchmark builds only).
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = forgetResults)]
    pub fn forget_results(&self) {
        self.last_result.borrow_mut().take();
    }
}

fn set(target: &JsValue, name: &str, value: &JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(target, &JsValue::from_str(name), value).map(|_| ())
}

impl Explorer {
    fn context<'a>(&'a self, state: &'a UrlState, base: &'a str) -> Context<'a> {
        Context {
            dataset: &self.dataset,
            index: &self.index,
            state,
            base,
        }
    }

    /// The result of `query`, computed once however many views draw it.
    fn results(&self, query: &Query) -> Rc<QueryResult> {
        let mut last = self.last_result.borrow_mut();
        if let Some((cached, result)) = last.as_ref() {
            if cached == query {
                return result.clone();
            }
        }
        // Every query reaches the index here: one with text finds the
        // search index built (the dataset opens without it).
        if !query.text.is_empty() {
            self.prepare_search(None);
        }
        let result = Rc::new(self.index.run(query));
        *last = Some((query.clone(), result.clone()));
        result
    }

    /// Reads a query string and drops what this dataset does not have.
    fn state_of(&self, query_string: &str) -> (UrlState, Vec<String>) {
        let (mut state, mut warnings) = url_state::parse(query_string);
        warnings.extend(url_state::retain_known(
            &mut state,
            &self.index,
            &self.dataset,
        ));
        (state, warnings)
    }

    fn run_query(&self, query_string: &str, limit: usize) -> ResultView<'_> {
        let (state, warnings) = self.state_of(query_string);
        let result = self.results(&state.query);
        let text = state.query.text.as_str();
        // The query is resolved against the index once for all the titles.
        let highlighter = self.index.highlighter(text);
        let items = result
            .items
            .iter()
            .take(limit)
            .map(|&index| {
                let item = self.dataset.item(index);
                let title = item.title();
                let highlights = highlighter
                    .as_ref()
                    .map_or_else(Vec::new, |h| h.highlight_title(index, title));
                ItemView {
                    id: item.id(),
                    kind: match item {
                        Item::Event(_) => "event",
                        Item::Commitment(_) => "commitment",
                    },
                    category: match item {
                        Item::Event(e) => e.event_type.as_str(),
                        Item::Commitment(c) => self.dataset.current_status(c).as_str(),
                    },
                    title,
                    title_highlights: utf16_ranges(title, &highlights),
                    date: item.date().value,
                    date_label: item.date().value.label(),
                    approximate: item.date().approximate,
                    expected: matches!(item, Item::Event(e) if e.expected),
                    areas: item.focus_areas(),
                }
            })
            .collect();
        let facets = result
            .facets
            .iter()
            .map(|f| CountsView {
                facet: f.facet.key(),
                counts: f.counts.iter().map(|&c| c as u32).collect(),
                selected: f
                    .selected
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| **s)
                    .map(|(i, _)| i as u32)
                    .collect(),
            })
            .collect();
        ResultView {
            state: url_state::to_query_string(&state),
            view: state.view.key(),
            item: state.item.clone(),
            total: result.items.len(),
            order: result.items.clone(),
            items,
            facets,
            warnings,
        }
    }
}

/// Byte ranges of `text` as UTF-16 offsets, which is what JavaScript strings count.
fn utf16_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<[u32; 2]> {
    if text.is_ascii() {
        return ranges
            .iter()
            .map(|&(start, end)| [start as u32, end as u32])
            .collect();
    }
    let utf16_offset = |byte: usize| {
        text.get(..byte)
            .map_or(0, |prefix| prefix.encode_utf16().count()) as u32
    };
    ranges
        .iter()
        .map(|&(start, end)| [utf16_offset(start), utf16_offset(end)])
        .collect()
}

/// One row of the result list. It borrows from the dataset: the row is
/// written out as JSON at once, so copying its text would be wasted work.
pub(crate) struct ItemView<'d> {
    pub id: &'d str,
    /// `event` or `commitment`.
    pub kind: &'static str,
    /// An event's type, or a commitment's current status.
    pub category: &'static str,
    pub title: &'d str,
    /// `[start, end)` UTF-16 offsets into `title` that match the search text.
    pub title_highlights: Vec<[u32; 2]>,
    /// The date in the dataset's notation, such as `2023-06` or `2024-H1`.
    pub date: PartialDate,
    /// The date for reading, such as "June 2023".
    pub date_label: String,
    /// Written only when true, as most dates are exact and most events past:
    /// every key a row leaves out is work `JSON.parse` does not do.
    pub approximate: bool,
    pub expected: bool,
    pub areas: &'d [crate::core::model::Id],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ValueView {
    pub value: String,
    pub label: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FacetView {
    /// The facet's URL parameter, such as `area`.
    pub facet: &'static str,
    pub label: &'static str,
    pub values: Vec<ValueView>,
}

/// One facet's counts for a query, by position in `FacetView::values`.
pub(crate) struct CountsView {
    pub facet: &'static str,
    pub counts: Vec<u32>,
    /// Positions of the selected values.
    pub selected: Vec<u32>,
}

/// The answer to one query, as the page needs it.
pub(crate) struct ResultView<'d> {
    /// The canonical query string of the state that was run.
    pub state: String,
    pub view: &'static str,
    pub item: Option<String>,
    pub total: usize,
    pub items: Vec<ItemView<'d>>,
    /// Every match in order, by item position; handed over as a typed array, not as JSON.
    pub order: Vec<crate::core::model::ItemIndex>,
    pub facets: Vec<CountsView>,
    pub warnings: Vec<String>,
}

/// A synthetic dataset of `items` items as JSON text (benchmark builds only).
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = syntheticDataset)]
pub fn synthetic_dataset(items: u32, seed: u32) -> String {
    crate::core::synthetic::dataset_json(items as usize, u64::from(seed))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// One problem, as JavaScript sees it.
#[derive(Serialize)]
struct ProblemView<'a> {
    kind: &'static str,
    path: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

fn problem_views(problems: &[Problem]) -> Vec<ProblemView<'_>> {
    problems
        .iter()
        .map(|p| ProblemView {
            kind: p.kind.as_str(),
            path: &p.path,
            line: p.pos.line,
            column: p.pos.column,
            message: &p.message,
        })
        .collect()
}

fn dataset_error(error: &LoadError) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    js_error.set_name("DatasetError");
    let problems = problem_views(error.problems());
    // Should attaching the list fail, the message still carries every problem.
    if let Ok(list) = to_js(&problems) {
        let _ = js_sys::Reflect::set(&js_error, &JsValue::from_str("problems"), &list);
    }
    js_error.into()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DateView {
    pub value: String,
    pub label: String,
}

impl DateView {
    fn new(date: PartialDate) -> DateView {
        DateView {
            value: date.to_string(),
            label: date.label(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CountView {
    pub id: &'static str,
    pub label: String,
    pub count: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AreaView {
    pub id: String,
    pub name: String,
    pub events: usize,
    pub commitments: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TotalsView {
    pub items: usize,
    pub events: usize,
    pub commitments: usize,
    pub actors: usize,
    pub sources: usize,
    pub citations: usize,
    pub focus_areas: usize,
}

/// The first view: what the dataset holds.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SummaryView {
    pub title: String,
    pub description: String,
    pub totals: TotalsView,
    pub first: Option<DateView>,
    pub last: Option<DateView>,
    pub focus_areas: Vec<AreaView>,
    pub commitments_by_status: Vec<CountView>,
    pub events_by_type: Vec<CountView>,
    pub actors_by_kind: Vec<CountView>,
}

impl SummaryView {
    pub(crate) fn new(dataset: &Dataset, summary: &Summary) -> SummaryView {
        SummaryView {
            title: dataset.title.clone(),
            description: dataset.description.clone(),
            totals: TotalsView {
                items: summary.events + summary.commitments,
                events: summary.events,
                commitments: summary.commitments,
                actors: summary.actors,
                sources: summary.sources,
                citations: summary.citations,
                focus_areas: summary.focus_areas,
            },
            first: summary.first.map(DateView::new),
            last: summary.last.map(DateView::new),
            focus_areas: summary
                .focus_areas_by_items
                .iter()
                .map(|a| AreaView {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    events: a.events,
                    commitments: a.commitments,
                })
                .collect(),
            commitments_by_status: summary
                .commitments_by_status
                .iter()
                .map(|(s, n)| CountView {
                    id: s.as_str(),
                    label: s.label().to_string(),
                    count: *n,
                })
                .collect(),
            events_by_type: summary
                .events_by_type
                .iter()
                .map(|(t, n)| CountView {
                    id: t.as_str(),
                    label: sentence_case(t.as_str()),
                    count: *n,
                })
                .collect(),
            actors_by_kind: summary
                .actors_by_kind
                .iter()
                .map(|(k, n)| CountView {
                    id: k.as_str(),
                    label: sentence_case(k.as_str()),
                    count: *n,
                })
                .collect(),
        }
    }
}

/// Writes a view model as JSON text. `query` runs on every keystroke, and one
/// `JSON.parse` of its result costs far less than the JS call per field that
/// serde-wasm-bindgen makes; the methods called once per load use the latter.
trait WriteJson {
    fn write_json(&self, out: &mut String);
}

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        crate::core::json::write_string(out, self);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl WriteJson for crate::core::model::Id {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl WriteJson for &str {
    fn write_json(&self, out: &mut String) {
        (*self).write_json(out);
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl WriteJson for u32 {
    fn write_json(&self, out: &mut String) {
        // Digits go into a buffer on the stack: `to_string` would allocate per number.
        let mut digits = [0u8; 10];
        let mut at = digits.len();
        let mut rest = *self;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
    }
}

impl WriteJson for usize {
    fn write_json(&self, out: &mut String) {
        match u32::try_from(*self) {
            Ok(small) => small.write_json(out),
            Err(_) => out.push_str(&self.to_string()),
        }
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl WriteJson for PartialDate {
    /// The notation has only letters, digits and hyphens: nothing to escape.
    fn write_json(&self, out: &mut String) {
        use std::fmt::Write;
        out.push('"');
        let _ = write!(out, "{self}");
        out.push('"');
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, value) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            value.write_json(out);
        }
        out.push(']');
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: WriteJson, const N: usize> WriteJson for [T; N] {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// Writes `{"name":value,...}` from a struct's fields.
macro_rules! write_json_object {
    ($type:ty { $($field:ident => $name:literal $(if $only_when:literal)?),+ $(,)? }) => {
        impl WriteJson for $type {
            fn write_json(&self, out: &mut String) {
                let mut separator = '{';
                $(
                    // A flag marked `if true` is written only when it is set.
                    if true $(&& self.$field == $only_when)? {
                        out.push(separator);
                        out.push_str(concat!("\"", $name, "\":"));
                        self.$field.write_json(out);
                        separator = ',';
                    }
                )+
                let _ = separator;
                out.push('}');
            }
        }
    };
}

write_json_object!(ItemView<'_> {
    id => "id",
    kind => "kind",
    category => "category",
    title => "title",
    title_highlights => "titleHighlights",
    date => "date",
    date_label => "dateLabel",
    areas => "areas",
    approximate => "approximate" if true,
    expected => "expected" if true,
});
write_json_object!(CountsView { facet => "facet", counts => "counts", selected => "selected" });
write_json_object!(ResultView<'_> {
    state => "state",
    view => "view",
    item => "item",
    total => "total",
    items => "items",
    facets => "facets",
    warnings => "warnings",
});

// Native only: the numbers include one too large for wasm32's `usize`.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::WriteJson;

    fn check(value: &dyn WriteJson, expected: &str) {
        let mut out = String::new();
        value.write_json(&mut out);
        assert_eq!(out, expected);
    }

    #[test]
    fn numbers_and_strings_are_written_as_json() {
        for (number, expected) in [(0u32, "0"), (7, "7"), (10, "10"), (u32::MAX, "4294967295")] {
            check(&number, expected);
        }
        check(&5_000_000_000usize, "5000000000");
        check(&"plain", "\"plain\"");
        check(&"a\"b\\c\nd\u{1}é–", "\"a\\\"b\\\\c\\u000ad\\u0001é–\"");
    }
}

/// Where the wasm memory of loading goes (`heap-stats` builds only, a
/// measuring tool: `tests/bench/heap.mjs`). Counts the live heap as the
/// allocator lays it out on wasm32 (`crate::alloc`) and notes each growth
/// of memory, so that what the dataset and its index hold can be told
/// from the room that freed blocks leave, which memory never gives back.
#[cfg(all(feature = "heap-stats", target_arch = "wasm32"))]
mod heap_stats {
    use crate::alloc::WASM;
    use std::alloc::{GlobalAlloc, Layout};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    /// Bytes of the live chunks, bytes asked for, live allocations, and the most chunk bytes ever live.
    pub static CHUNKS: AtomicUsize = AtomicUsize::new(0);
    pub static REQUESTED: AtomicUsize = AtomicUsize::new(0);
    pub static COUNT: AtomicUsize = AtomicUsize::new(0);
    pub static PEAK: AtomicUsize = AtomicUsize::new(0);
    /// (request, live chunk bytes, memory after) at each growth of memory, the first 4096.
    pub static GROWTHS: [AtomicUsize; 3 * 4096] = [const { AtomicUsize::new(0) }; 3 * 4096];
    pub static GROWTH_COUNT: AtomicUsize = AtomicUsize::new(0);
    static LAST_MEMORY: AtomicUsize = AtomicUsize::new(0);

    /// The room a request takes: a small block of its class, or dlmalloc's
    /// chunk on wasm32 (a 4-byte header, 8-byte alignment, 16 bytes at least).
    fn chunk(layout: Layout) -> usize {
        crate::alloc::small_block(layout).unwrap_or(((layout.size() + 4 + 7) & !7).max(16))
    }

    pub fn memory() -> usize {
        core::arch::wasm32::memory_size(0) * 65536
    }

    fn note_growth(size: usize) {
        let memory = memory();
        if memory != LAST_MEMORY.swap(memory, Relaxed) {
            let at = GROWTH_COUNT.fetch_add(1, Relaxed);
            if at < 4096 {
                GROWTHS[3 * at].store(size, Relaxed);
                GROWTHS[3 * at + 1].store(CHUNKS.load(Relaxed), Relaxed);
                GROWTHS[3 * at + 2].store(memory, Relaxed);
            }
        }
    }

    fn add(layout: Layout) {
        let now = CHUNKS.fetch_add(chunk(layout), Relaxed) + chunk(layout);
        PEAK.fetch_max(now, Relaxed);
        REQUESTED.fetch_add(layout.size(), Relaxed);
    }

    fn remove(layout: Layout) {
        CHUNKS.fetch_sub(chunk(layout), Relaxed);
        REQUESTED.fetch_sub(layout.size(), Relaxed);
    }

    struct Counting;

    // SAFETY: every call goes to the page's allocator unchanged; only
    // counters are updated around it. A global allocator cannot be
    // written without `unsafe`, and this one is only in measuring builds.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            add(layout);
            COUNT.fetch_add(1, Relaxed);
            let block = unsafe { WASM.alloc(layout) };
            note_growth(layout.size());
            block
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            remove(layout);
            COUNT.fetch_sub(1, Relaxed);
            unsafe { WASM.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
            add(new_layout);
            remove(layout);
            let block = unsafe { WASM.realloc(ptr, layout, new_size) };
            note_growth(new_size);
            block
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;
}

/// The heap now: [live chunk bytes, bytes asked for, live allocations,
/// most chunk bytes ever live, wasm memory] (`heap-stats` builds only).
#[cfg(all(feature = "heap-stats", target_arch = "wasm32"))]
#[wasm_bindgen(js_name = heapStats)]
pub fn heap_stats() -> Vec<u32> {
    use heap_stats::*;
    use std::sync::atomic::Ordering::Relaxed;
    [&CHUNKS, &REQUESTED, &COUNT, &PEAK]
        .iter()
        .map(|counter| counter.load(Relaxed))
        .chain([memory()])
        .map(|n| n as u32)
        .collect()
}

/// Each growth of memory so far, as (request, live chunk bytes, memory)
/// (`heap-stats` builds only).
#[cfg(all(feature = "heap-stats", target_arch = "wasm32"))]
#[wasm_bindgen(js_name = heapGrowths)]
pub fn heap_growths() -> Vec<u32> {
    use std::sync::atomic::Ordering::Relaxed;
    let count = heap_stats::GROWTH_COUNT.load(Relaxed).min(4096);
    heap_stats::GROWTHS[..3 * count]
        .iter()
        .map(|n| n.load(Relaxed) as u32)
        .collect()
}

/// Loads a dataset, builds its index and drops it, with [`heap_stats`]
/// after each step, one after the other (`heap-stats` builds only).
#[cfg(all(feature = "heap-stats", target_arch = "wasm32"))]
#[wasm_bindgen(js_name = loadInStages)]
pub fn load_in_stages(json: &js_sys::JsString) -> Result<Vec<u32>, JsValue> {
    let dataset = load_js_string(json)?;
    let mut stats = heap_stats();
    // As the page opens a dataset: the index, then its search index apart.
    let index = QueryIndex::build_without_search(&dataset);
    stats.extend(heap_stats());
    index.prepare_search(&dataset);
    stats.extend(heap_stats());
    drop(index);
    stats.extend(heap_stats());
    Ok(stats)
}
