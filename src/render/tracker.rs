//! The commitment tracker: every commitment that matches the filters,
//! grouped by current status, with tallies by focus area, in the spirit of
//! the promise meters news organisations publish.

use super::markup::Markup;
use super::{close_table, open_table, plural, status_badge, status_class, table_row, Context};
use crate::core::model::{Item, Status};
use crate::core::query::{Facet, Query, QueryResult};

/// The order statuses are shown in: what was done first.
const ORDER: [Status; 5] = [
    Status::Achieved,
    Status::InProgress,
    Status::Announced,
    Status::Stalled,
    Status::NoLaterMention,
];

/// The query the tracker runs: the filters, but only commitments.
pub fn tracker_query(query: &Query) -> Query {
    let mut query = query.clone();
    query
        .selections
        .retain(|(facet, _)| *facet != Facet::Kind && *facet != Facet::EventType);
    query.select(Facet::Kind, "commitment");
    query
}

/// The tracker for the result of [`tracker_query`]; returns its markup and
/// how many commitments it shows.
pub fn tracker(cx: &Context, result: &QueryResult) -> (String, usize) {
    let commitments: Vec<_> = result
        .items
        .iter()
        .filter_map(|&i| match cx.dataset.item(i) {
            Item::Commitment(c) => Some((i, c)),
            Item::Event(_) => None,
        })
        .collect();
    let status_of: Vec<Status> = commitments
        .iter()
        .map(|(_, c)| cx.dataset.current_status(c))
        .collect();
    let count = |status: Status| status_of.iter().filter(|s| **s == status).count();

    let mut out = Markup::new();
    out.open("ul")
        .attr("class", "tracker-meter")
        .attr("aria-label", "Commitments by current status");
    for status in ORDER {
        out.open("li")
            .attr("class", &status_class(status))
            .element("strong", "", &count(status).to_string())
            .text(" ")
            .text(&status.label().to_ascii_lowercase())
            .close("li");
    }
    out.close("ul");

    let headers: Vec<&str> = std::iter::once("Focus area")
        .chain(ORDER.iter().map(|s| s.label()))
        .collect();
    open_table(
        &mut out,
        "Commitments by focus area and current status",
        &headers,
    );
    for area in &cx.dataset.focus_areas {
        let in_area: Vec<Status> = commitments
            .iter()
            .zip(&status_of)
            .filter(|((_, c), _)| c.focus_areas().iter().any(|a| **a == *area.id))
            .map(|(_, s)| *s)
            .collect();
        if in_area.is_empty() {
            continue;
        }
        let counts: Vec<usize> = ORDER
            .iter()
            .map(|&s| in_area.iter().filter(|x| **x == s).count())
            .collect();
        table_row(&mut out, &area.name, &counts);
    }
    close_table(&mut out);

    for status in ORDER {
        let shown = count(status);
        if shown == 0 {
            continue;
        }
        out.open("section")
            .attr("class", "tracker-group")
            .open("h3");
        status_badge(&mut out, status);
        out.text(&format!(" {shown}")).close("h3").open("ul");
        for ((index, commitment), _) in commitments
            .iter()
            .zip(&status_of)
            .filter(|(_, s)| **s == status)
        {
            out.open("li")
                .link(&cx.select_href(*index), "", commitment.title());
            if let Some(latest) = commitment.status_history.last() {
                out.open("span").attr("class", "result-meta").text(&format!(
                    " · {}, latest ",
                    plural(commitment.status_history.len(), "entry", "entries")
                ));
                out.time(
                    &super::machine_date(&latest.date.value),
                    &latest.date.value.label(),
                )
                .close("span");
            }
            out.close("li");
        }
        out.close("ul").close("section");
    }
    if commitments.is_empty() {
        out.element("p", "empty", "No commitment matches these filters.");
    }
    (out.finish(), commitments.len())
}
