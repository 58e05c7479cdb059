//! The result list: one entry per matching item, with search highlights.
//!
//! In date order the list is also the vertical timeline that phones and
//! narrow containers show instead of the SVG (see `style.css`, "Vertical
//! timeline"): the items come under year headings, a month with many items
//! is one group that opens in place, and each commitment carries its status
//! history as a small bar. Ranked by relevance, it is a plain list.

use super::markup::Markup;
use super::{event_type_label, plural, status_badge, status_class, Context};
use crate::core::date::{civil_from_day_number, year_label, PartialDate};
use crate::core::model::{Commitment, Item, ItemIndex, Status};
use crate::core::query::{Query, QueryResult, Sort};
use crate::core::url_state::View;

/// A month with at least this many results in a row is drawn as one group
/// that opens in place, so that a phone's first screens show the whole span
/// rather than one busy month.
pub const DENSE_MONTH: usize = 6;

/// Whether a list carries each result's citations, which only print shows.
/// They are over half of the list's markup, so the page's engine leaves
/// them out of its redraws and asks for them when the reader prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintCitations {
    Included,
    Omitted,
}

/// The first `limit` results as an ordered list of links that select the
/// item, each with its date and kind, and its citations for print if asked.
pub fn list(cx: &Context, result: &QueryResult, limit: usize, citations: PrintCitations) -> String {
    let mut out = Markup::new();
    if result.items.is_empty() {
        out.element(
            "p",
            "empty",
            "Nothing matches all of these filters. Remove one, or clear them all.",
        );
        return out.finish();
    }
    let shown = &result.items[..result.items.len().min(limit)];
    let mut rows = Rows::new(cx, citations);
    match date_order(&cx.state.query) {
        Some(newest_first) => {
            out.open("ol").attr(
                "class",
                if newest_first {
                    "results by-date newest-first"
                } else {
                    "results by-date"
                },
            );
            for year in runs(shown, &|index| Some((start_year(cx, index), 0))) {
                let heading = year_label(start_year(cx, year[0]));
                out.open("li")
                    .attr("class", "year")
                    .attr("data-key", &heading)
                    .element("h3", "year-heading", &heading)
                    .open("ol")
                    .attr("class", "year-items");
                for month in runs(year, &|index| month_of(cx, index)) {
                    match month_of(cx, month[0]) {
                        Some((y, m)) if month.len() >= DENSE_MONTH => {
                            rows.dense_group(&mut out, PartialDate::Month(y, m), month);
                        }
                        _ => month.iter().for_each(|&index| rows.row(&mut out, index)),
                    }
                }
                out.close("ol").close("li");
            }
        }
        None => {
            if cx.state.view == View::Timeline {
                // Where the list stands in for the timeline (narrow
                // containers), a ranking must not pass for a time line.
                let mut by_date = cx.state.clone();
                by_date.query.sort = Sort::DateAscending;
                out.open("p")
                    .attr("class", "ranked-note")
                    .text("Ranked by best match, not in time order. ")
                    .link(&cx.href(&by_date), "", "Show them by date")
                    .text(".")
                    .close("p");
            }
            out.open("ol").attr("class", "results");
            shown.iter().for_each(|&index| rows.row(&mut out, index));
        }
    }
    out.close("ol");
    if result.items.len() > limit {
        out.element(
            "p",
            "more",
            &format!(
                "Showing {limit} of {}.",
                plural(result.items.len(), "result", "results")
            ),
        );
    }
    out.finish()
}

/// Whether the results are in date order, and if so whether newest first:
/// year headings and a spine only make sense then.
fn date_order(query: &Query) -> Option<bool> {
    match query.sort {
        Sort::DateAscending => Some(false),
        Sort::DateDescending => Some(true),
        Sort::Auto if query.text.trim().is_empty() => Some(false),
        Sort::Auto | Sort::Relevance => None,
    }
}

/// The calendar year an item's date starts in: results are ordered by
/// that start, so a year's items are one run.
fn start_year(cx: &Context, index: ItemIndex) -> i64 {
    civil_from_day_number(cx.dataset.item(index).date().value.interval().0).0
}

/// An item's year and month, for a date of a month or a day.
fn month_of(cx: &Context, index: ItemIndex) -> Option<(i64, u8)> {
    match cx.dataset.item(index).date().value {
        PartialDate::Month(y, m) | PartialDate::Day(y, m, _) => Some((y, m)),
        _ => None,
    }
}

/// Consecutive runs of `items` with the same `key` (one non-generic
/// function for both uses keeps one copy in the wasm).
fn runs<'a>(
    items: &'a [ItemIndex],
    key: &'a dyn Fn(ItemIndex) -> Option<(i64, u8)>,
) -> impl Iterator<Item = &'a [ItemIndex]> + 'a {
    let mut rest = items;
    std::iter::from_fn(move || {
        let first = key(*rest.first()?);
        let end = rest
            .iter()
            .position(|&i| key(i) != first)
            .unwrap_or(rest.len());
        let (run, after) = rest.split_at(end);
        rest = after;
        Some(run)
    })
}

/// Writes result rows: what every row needs, looked up once.
struct Rows<'c, 'a> {
    cx: &'c Context<'a>,
    highlighter: Option<crate::core::search::Highlighter<'a>>,
    /// The last day of the record: a status holds from its entry until the
    /// next, or until then.
    record_end: i64,
    citations: PrintCitations,
}

impl<'c, 'a> Rows<'c, 'a> {
    fn new(cx: &'c Context<'a>, citations: PrintCitations) -> Self {
        let text = cx.state.query.text.trim();
        // The query is resolved against the index once for all the titles.
        let highlighter = cx.index.highlighter(text);
        let record_end = cx
            .dataset
            .reviewed_through()
            .map_or(i64::MIN, |d| d.interval_days().1 + 1);
        Rows {
            cx,
            highlighter,
            record_end,
            citations,
        }
    }

    /// A month of many items: its name and count as a disclosure, open when
    /// it holds the selected item.
    fn dense_group(&mut self, out: &mut Markup, month: PartialDate, items: &[ItemIndex]) {
        let label = month.label();
        let holds_selection = items
            .iter()
            .any(|&i| self.cx.is_selected(self.cx.dataset.item(i).id()));
        out.open("li")
            .attr("class", "dense")
            .attr("data-key", &label)
            .open("details")
            .attr("class", "dense-group")
            .flag("open", holds_selection)
            .open("summary")
            .element("span", "dense-month", &label)
            .text(" ")
            .element("span", "dense-count", &plural(items.len(), "item", "items"))
            .close("summary")
            .open("ol")
            .attr("class", "dense-items");
        items.iter().for_each(|&index| self.row(out, index));
        out.close("ol").close("details").close("li");
    }

    fn row(&mut self, out: &mut Markup, index: ItemIndex) {
        let cx = self.cx;
        let item = cx.dataset.item(index);
        out.open("li")
            .attr(
                "class",
                match item {
                    Item::Event(_) => "result event",
                    Item::Commitment(_) => "result commitment",
                },
            )
            .attr("data-id", item.id());
        if cx.is_selected(item.id()) {
            out.attr("aria-current", "true");
        }
        out.open("a")
            .attr("class", "result-link")
            .attr("href", &cx.select_href(index));
        let marks = self
            .highlighter
            .as_ref()
            .map_or_else(Vec::new, |h| h.highlight_title(index, item.title()));
        out.highlighted(item.title(), &marks).close("a");

        out.open("span").attr("class", "result-meta");
        let date = item.date();
        out.time(&super::machine_date(&date.value), &date.value.label());
        if date.approximate {
            out.text(" (approximate)");
        }
        match item {
            Item::Event(event) => {
                if let Some(kind) = event_type_label(event) {
                    out.text(" · ").text(&kind);
                }
                if event.expected {
                    out.text(" · expected");
                }
            }
            Item::Commitment(commitment) => {
                out.text(" · Commitment ");
                status_badge(out, cx.dataset.current_status(commitment));
            }
        }
        out.close("span");
        if let Item::Commitment(commitment) = item {
            self.status_history(out, commitment);
        }
        if self.citations == PrintCitations::Included {
            // Printed with the list (see print.css): each result with its sources.
            out.open("ul").attr("class", "print-citations");
            let citations = item.citations();
            for (at, citation) in citations.iter().enumerate() {
                // A quote that backs two facts (an alternative date's, say) prints once.
                if citations[..at]
                    .iter()
                    .any(|c| c.source == citation.source && c.quote() == citation.quote())
                {
                    continue;
                }
                let source = cx.dataset.source(&citation.source);
                let name = source.map_or(&*citation.source, |s| s.publisher.as_str());
                out.open("li")
                    .text("“")
                    .data(citation.quote())
                    .text("” (")
                    .data(name)
                    .text(")")
                    .close("li");
            }
            out.close("ul");
        }
        out.close("li");
    }

    /// The commitment's status history as a bar, one segment per period of
    /// one status, as long as the period. The bar is a picture of the words
    /// beside it: the current status is in the badge, and a history of more
    /// than one status is also written out ("Announced, then in progress").
    fn status_history(&mut self, out: &mut Markup, commitment: &Commitment) {
        let mut periods: Vec<(Status, i64)> = Vec::new();
        for entry in &commitment.status_history {
            if periods.last().map(|p| p.0) != Some(entry.status) {
                periods.push((entry.status, entry.date.value.interval_days().0));
            }
        }
        let start = periods[0].1;
        let last_entry = commitment
            .status_history
            .last()
            .map_or(start, |e| e.date.value.interval_days().1 + 1);
        // A day's width at least, so that a history of one day still shows.
        let end = self.record_end.max(last_entry).max(start + 1);
        // The documents' silence after the last entry is a period of its own.
        if self.cx.dataset.current_status(commitment) == Status::NoLaterMention && last_entry < end
        {
            periods.push((Status::NoLaterMention, last_entry));
        }
        let span = (end - start) as f64;
        out.open("span").attr("class", "history");
        out.open("svg").attr("aria-hidden", "true");
        // Each period is drawn from the start of the bar to its own end,
        // the latest first and the earlier ones over it: no positions to
        // write, and the last one is as wide as the bar (the style sheet's
        // width).
        for (i, &(status, _)) in periods.iter().enumerate().rev() {
            out.open("rect").attr("class", &status_class(status));
            if let Some(next) = periods.get(i + 1) {
                out.percent("width", (next.1 - start) as f64 / span, 1);
            }
            out.void().close("rect");
        }
        out.close("svg");
        if periods.len() > 1 {
            out.open("span").attr("class", "history-text");
            for (i, (status, _)) in periods.iter().enumerate() {
                let label = status.label();
                if i == 0 {
                    out.text(label);
                } else {
                    out.text(", then ").text(later(*status));
                }
            }
            out.close("span");
        }
        out.close("span");
    }
}

/// A status's label within a sentence (lower-casing at run time would
/// bring Unicode tables into the wasm).
fn later(status: Status) -> &'static str {
    match status {
        Status::Announced => "announced",
        Status::InProgress => "in progress",
        Status::Achieved => "achieved",
        Status::Stalled => "stalled",
        Status::NoLaterMention => "no later mention",
    }
}
