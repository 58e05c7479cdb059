//! One state of the explorer as every view the page shows for it.

use std::rc::Rc;

use super::list::{self, PrintCitations};
use super::timeline::{LabelWidths, Placement};
use super::{detail, facets, plural, timeline, tracker, Context};
use crate::core::query::{Query, QueryResult};
use crate::core::url_state::{self, View};
use crate::core::viewport::TimelineState;

/// At most this many results are listed; the count says how many there are.
pub const LIST_LIMIT: usize = 200;

/// The markup of every view for one state. Views the state does not show are `None`.
pub struct PageView {
    /// The canonical query string of the state that was drawn.
    pub state: String,
    pub view: View,
    /// How many items match (commitments, in the tracker).
    pub total: usize,
    /// The status line: how many results, and for what search.
    pub status: String,
    /// How many facet values are selected.
    pub selected_filters: usize,
    /// The filters sheet's button: "Show 12 results", "Show 1 commitment".
    pub show_label: String,
    pub facets: String,
    pub list: Option<String>,
    pub timeline: Option<String>,
    pub tracker: Option<String>,
    pub detail: Option<String>,
}

/// Draws every view of `cx.state`; `results` runs (or recalls) a query.
/// A `width` of 0 is a timeline the page does not show (a narrow container
/// shows the list as its timeline): it is not drawn.
pub fn page(
    cx: &Context,
    results: &dyn Fn(&Query) -> Rc<QueryResult>,
    timeline_state: &mut TimelineState,
    width: f64,
    widths: &LabelWidths,
    citations: PrintCitations,
    placement: Placement,
) -> PageView {
    let result = results(&cx.state.query);
    let view = cx.state.view;
    let (mut list_markup, mut timeline_markup, mut tracker_markup) = (None, None, None);
    // The count, "12 results" or "3 commitments", which the status line
    // and the filters sheet's button both say.
    let (total, counted, status, detail) = if view == View::Tracker {
        let commitments = results(&tracker::tracker_query(&cx.state.query));
        let (markup, shown) = tracker::tracker(cx, &commitments);
        tracker_markup = Some(markup);
        let detail = detail::detail(cx, &commitments.items);
        let counted = plural(shown, "commitment", "commitments");
        let status = status_line(cx, format!("{counted} in the tracker"));
        (shown, counted, status, detail)
    } else {
        list_markup = Some(list::list(cx, &result, LIST_LIMIT, citations));
        if view == View::Timeline && width > 0.0 {
            timeline_markup =
                Some(timeline::timeline(cx, &result, timeline_state, width, widths, placement).0);
        }
        let total = result.items.len();
        let detail = detail::detail(cx, &result.items);
        let counted = plural(total, "result", "results");
        let status = status_line(cx, counted.clone());
        (total, counted, status, detail)
    };
    PageView {
        show_label: format!("Show {counted}"),
        state: url_state::to_query_string(cx.state),
        view,
        total,
        status,
        selected_filters: facets::selected_count(&result),
        facets: facets::facets(cx.index, &result),
        list: list_markup,
        timeline: timeline_markup,
        tracker: tracker_markup,
        detail,
    }
}

/// The status line: the count, and what was searched for, so that a screen
/// reader hears what the number answers.
fn status_line(cx: &Context, count: String) -> String {
    match cx.state.query.text.trim() {
        "" => format!("{count}."),
        text => format!("{count} for “{}”.", shorten(text, 60)),
    }
}

/// `text` cut to at most `limit` characters, with an ellipsis when cut.
fn shorten(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}
