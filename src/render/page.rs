//! One state of the explorer as every view the page shows for it.

use std::rc::Rc;

use super::timeline::LabelWidths;
use super::{detail, facets, list, plural, timeline, tracker, Context};
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
    /// The status line: how many results.
    pub status: String,
    /// How many facet values are selected.
    pub selected_filters: usize,
    pub facets: String,
    pub list: Option<String>,
    pub timeline: Option<String>,
    pub tracker: Option<String>,
    pub detail: Option<String>,
}

/// Draws every view of `cx.state`; `results` runs (or recalls) a query.
pub fn page(
    cx: &Context,
    results: &dyn Fn(&Query) -> Rc<QueryResult>,
    timeline_state: &mut TimelineState,
    width: f64,
    widths: &LabelWidths,
) -> PageView {
    let result = results(&cx.state.query);
    let view = cx.state.view;
    let (mut list_markup, mut timeline_markup, mut tracker_markup) = (None, None, None);
    let (total, status) = if view == View::Tracker {
        let commitments = results(&tracker::tracker_query(&cx.state.query));
        let (markup, shown) = tracker::tracker(cx, &commitments);
        tracker_markup = Some(markup);
        (
            shown,
            format!(
                "{} in the tracker.",
                plural(shown, "commitment", "commitments")
            ),
        )
    } else {
        list_markup = Some(list::list(cx, &result, LIST_LIMIT));
        if view == View::Timeline {
            timeline_markup =
                Some(timeline::timeline(cx, &result, timeline_state, width, widths).0);
        }
        let total = result.items.len();
        (total, format!("{}.", plural(total, "result", "results")))
    };
    PageView {
        state: url_state::to_query_string(cx.state),
        view,
        total,
        status,
        selected_filters: facets::selected_count(&result),
        facets: facets::facets(cx.index, &result),
        list: list_markup,
        timeline: timeline_markup,
        tracker: tracker_markup,
        detail: detail::detail(cx),
    }
}
