//! The boundary: the core exposed to JavaScript as one `Explorer` class.
//!
//! Each method takes plain values, calls the core and returns a small view
//! model of its own types (never the core's), serialised with
//! `serde-wasm-bindgen`. Failures become thrown JS `Error`s; nothing panics.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::core::date::PartialDate;
use crate::core::error::LoadError;
use crate::core::load::load;
use crate::core::model::Dataset;
use crate::core::summary::{summarize, Summary};

/// A dataset loaded into wasm memory.
#[wasm_bindgen]
pub struct Explorer {
    pub(crate) dataset: Dataset,
    pub(crate) summary: Summary,
}

#[wasm_bindgen]
impl Explorer {
    /// Loads and validates a dataset from JSON text. Throws an `Error` named
    /// `DatasetError` whose `problems` lists every problem found.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<Explorer, JsValue> {
        let dataset = load(json).map_err(|e| dataset_error(&e))?;
        let summary = summarize(&dataset);
        Ok(Explorer { dataset, summary })
    }

    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.dataset.title.clone()
    }

    /// Counts by kind, focus area and status: the first view of the page.
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&SummaryView::new(&self.dataset, &self.summary))
    }
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

fn dataset_error(error: &LoadError) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    js_error.set_name("DatasetError");
    let problems: Vec<ProblemView> = error
        .problems()
        .iter()
        .map(|p| ProblemView {
            kind: p.kind.as_str(),
            path: &p.path,
            line: p.pos.line,
            column: p.pos.column,
            message: &p.message,
        })
        .collect();
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

/// "in_progress" → "In progress".
fn sentence_case(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
