//! The result list: one entry per matching item, with search highlights.

use super::markup::Markup;
use super::{event_type_label, plural, status_badge, Context};
use crate::core::model::Item;
use crate::core::query::QueryResult;

/// The first `limit` results as an ordered list of links that select the
/// item, each with its date and kind, and its citations for print.
pub fn list(cx: &Context, result: &QueryResult, limit: usize) -> String {
    let mut out = Markup::new();
    let text = cx.state.query.text.trim();
    // The query is resolved against the index once for all the titles.
    let highlighter = (!text.is_empty()).then(|| cx.index.search_index().highlighter(text));
    if result.items.is_empty() {
        out.element(
            "p",
            "empty",
            "Nothing matches all of these filters. Remove one, or clear them all.",
        );
        return out.finish();
    }
    out.open("ol").attr("class", "results");
    for &index in result.items.iter().take(limit) {
        let item = cx.dataset.item(index);
        out.open("li")
            .attr("class", "result")
            .attr("data-id", item.id());
        if cx.is_selected(item.id()) {
            out.attr("aria-current", "true");
        }
        out.open("a")
            .attr("class", "result-link")
            .attr("href", &cx.select_href(index));
        let marks = highlighter
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
                status_badge(&mut out, cx.dataset.current_status(commitment));
            }
        }
        out.close("span");
        // Printed with the list (see print.css): each result with its sources.
        out.open("ul").attr("class", "print-citations");
        for citation in item.citations() {
            let source = cx.dataset.source(&citation.source);
            let name = source.map_or(&*citation.source, |s| s.publisher.as_str());
            out.open("li")
                .text("“")
                .data(&citation.quote)
                .text("” (")
                .data(name)
                .text(")")
                .close("li");
        }
        out.close("ul").close("li");
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
