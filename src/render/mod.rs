//! Views: pure functions from the core's data and a state to markup.
//!
//! Every view writes through [`markup::Markup`], which escapes data by
//! construction and accepts only safe link addresses. Nothing here knows
//! about the browser: the same functions pre-render the first view at build
//! time (`icet-site`), run in the snapshot tests, and run in wasm, where the
//! boundary hands their markup to the page's one Trusted Types sink.

pub mod detail;
pub mod facets;
pub mod list;
pub mod markup;
pub mod page;
pub mod summary;
pub mod timeline;
pub mod tracker;

use crate::core::date::{civil_from_day_number, PartialDate};
use crate::core::model::{Dataset, ItemIndex, Status};
use crate::core::query::QueryIndex;
use crate::core::url_state::{self, UrlState};
use markup::Markup;

/// What every view draws from: the dataset, its index, the state being
/// shown, and the explorer's own address for permanent links (empty where
/// it is not known, as at build time).
pub struct Context<'a> {
    pub dataset: &'a Dataset,
    pub index: &'a QueryIndex,
    pub state: &'a UrlState,
    pub base: &'a str,
}

impl Context<'_> {
    /// A relative link to a state of the explorer.
    pub fn href(&self, state: &UrlState) -> String {
        format!("?{}", url_state::to_query_string(state))
    }

    /// A link to this state with `item` selected.
    pub fn select_href(&self, item: ItemIndex) -> String {
        let mut target = self.state.clone();
        target.item = Some(self.dataset.item(item).id().to_string());
        self.href(&target)
    }

    pub fn is_selected(&self, id: &str) -> bool {
        self.state.item.as_deref() == Some(id)
    }
}

/// A commitment status as a badge: its name in words, its colour as a hint.
pub(crate) fn status_badge(out: &mut Markup, status: Status) {
    badge(out, status.label(), &status_class(status));
}

pub(crate) fn badge(out: &mut Markup, text: &str, class: &str) {
    out.open("span")
        .attr("class", &format!("badge {class}"))
        .text(text)
        .close("span");
}

pub(crate) fn status_class(status: Status) -> String {
    format!("status-{}", status.as_str())
}

/// "1 result", "2 results": a count with its noun in the right number.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// A table with a caption and column headers; call [`table_row`] for each
/// row, then close `tbody` and `table`.
pub(crate) fn open_table(out: &mut Markup, caption: &str, headers: &[&str]) {
    out.open("table").element("caption", "", caption);
    out.open("thead").open("tr");
    for (i, header) in headers.iter().enumerate() {
        out.open("th").attr("scope", "col");
        if i > 0 {
            out.attr("class", "number");
        }
        out.text(header).close("th");
    }
    out.close("tr").close("thead").open("tbody");
}

pub(crate) fn table_row(out: &mut Markup, label: &str, counts: &[usize]) {
    out.open("tr");
    if counts.iter().all(|c| *c == 0) {
        out.attr("class", "zero");
    }
    out.open("th").attr("scope", "row").text(label).close("th");
    for count in counts {
        out.element("td", "number", &count.to_string());
    }
    out.close("tr");
}

pub(crate) fn close_table(out: &mut Markup) {
    out.close("tbody").close("table");
}

/// A valid `datetime` value for a partial date: years, months and days as
/// they are, coarser spans by the day they start (their precision stays in
/// the visible label).
pub(crate) fn machine_date(date: &PartialDate) -> String {
    match date {
        PartialDate::Year(..) | PartialDate::Month(..) | PartialDate::Day(..) => date.to_string(),
        _ => {
            let (year, month, day) = civil_from_day_number(date.interval().0);
            PartialDate::Day(year, month, day).to_string()
        }
    }
}

/// What kind of event it is, in words; `None` for an imported event, whose
/// source tool has no types.
pub(crate) fn event_type_label(event: &crate::core::model::Event) -> Option<String> {
    (event.event_type != crate::core::model::EventType::Unspecified)
        .then(|| crate::core::query::sentence_case(event.event_type.as_str()))
}
