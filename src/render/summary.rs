//! What the dataset holds: its span and counts under the title, in one line
//! and as bars that filter, and as tables in "What the dataset holds".

use super::markup::Markup;
use super::{close_table, machine_date, open_table, plural, table_row};
use crate::core::query::{sentence_case, Facet};
use crate::core::summary::Summary;
use crate::core::url_state::{self, UrlState};

/// The span and the counts by kind, focus area and status, as tables.
pub fn summary(summary: &Summary) -> String {
    let mut out = Markup::new();
    if let (Some(first), Some(last)) = (summary.first, summary.last) {
        out.open("p")
            .attr("class", "summary-range")
            .text("From ")
            .time(&machine_date(&first), &first.label())
            .text(" to ")
            .time(&machine_date(&last), &last.label())
            .close("p");
    }
    out.open("ul")
        .attr("class", "summary-totals")
        .attr("aria-label", "Totals");
    for (count, one, many) in [
        (summary.events, "event", "events"),
        (summary.commitments, "commitment", "commitments"),
        (summary.actors, "actor", "actors"),
        (summary.focus_areas, "focus area", "focus areas"),
        (summary.sources, "source", "sources"),
        (summary.citations, "citation", "citations"),
    ] {
        out.open("li")
            .element("strong", "", &count.to_string())
            .text(" ")
            .text(if count == 1 { one } else { many })
            .close("li");
    }
    out.close("ul").open("div").attr("class", "summary-tables");
    open_table(
        &mut out,
        "By focus area",
        &["Focus area", "Events", "Commitments"],
    );
    for area in &summary.focus_areas_by_items {
        table_row(&mut out, &area.name, &[area.events, area.commitments]);
    }
    close_table(&mut out);
    count_table(
        &mut out,
        "Commitments by current status",
        "Status",
        summary
            .commitments_by_status
            .iter()
            .map(|(s, n)| (s.label().to_string(), *n)),
    );
    count_table(
        &mut out,
        "Events by type",
        "Type",
        summary
            .events_by_type
            .iter()
            .map(|(t, n)| (sentence_case(t.as_str()), *n)),
    );
    count_table(
        &mut out,
        "Actors by kind",
        "Kind",
        summary
            .actors_by_kind
            .iter()
            .map(|(k, n)| (sentence_case(k.as_str()), *n)),
    );
    out.close("div");
    out.finish()
}

fn count_table(
    out: &mut Markup,
    caption: &str,
    header: &str,
    rows: impl Iterator<Item = (String, usize)>,
) {
    open_table(out, caption, &[header, "Count"]);
    for (label, count) in rows {
        table_row(out, &label, &[count]);
    }
    close_table(out);
}

/// The dataset's span and counts in one line, then its counts by focus area
/// and by current status as small bars, each a link to those items. The
/// bars open on demand (a phone's first screen is for items); wide screens
/// show them at once (`style.css`, "Header counts").
pub fn header_facts(summary: &Summary) -> String {
    let label = |date: Option<crate::core::date::PartialDate>| {
        date.map_or_else(|| "?".to_string(), |d| d.label())
    };
    let mut out = Markup::new();
    let counts = format!(
        "{} and {}",
        plural(summary.events, "event", "events"),
        plural(summary.commitments, "commitment", "commitments"),
    );
    let line = format!(
        "{} to {}: {counts}.",
        label(summary.first),
        label(summary.last)
    );
    let mut areas: Vec<(&str, &str, usize)> = summary
        .focus_areas_by_items
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str(), a.events + a.commitments))
        .collect();
    let mut statuses: Vec<(&str, &str, usize)> = summary
        .commitments_by_status
        .iter()
        .map(|(s, n)| (s.as_str(), s.label(), *n))
        .collect();
    areas.retain(|a| a.2 > 0);
    statuses.retain(|s| s.2 > 0);
    if areas.is_empty() && statuses.is_empty() {
        out.element("p", "", &line);
        return out.finish();
    }
    // The line with the span shows on wide screens; a phone's first screen
    // has only the counts, as the disclosure's summary.
    out.element("p", "facts-line", &line);
    out.open("details")
        .attr("class", "facts")
        .element("summary", "", &counts)
        .open("div")
        .attr("class", "fact-bars");
    bars(&mut out, "By focus area", Facet::Area, &mut areas);
    bars(
        &mut out,
        "Commitments by status",
        Facet::Status,
        &mut statuses,
    );
    out.close("div").close("details");
    out.finish()
}

/// `(value, name, count)` above zero, largest first, as a titled list of
/// links that filter by `facet`, each with its count in words and a bar as
/// long as the count over the largest. The names come from the data.
fn bars(out: &mut Markup, title: &str, facet: Facet, counts: &mut Vec<(&str, &str, usize)>) {
    if counts.is_empty() {
        return;
    }
    crate::core::order::sort_by(counts, |a, b| b.2.cmp(&a.2));
    let largest = counts[0].2.max(1) as f64;
    out.open("div")
        .attr("class", "bar-group")
        .element("p", "bars-title", title)
        .open("ul")
        .attr("class", "bars");
    for &(value, name, count) in counts.iter() {
        let mut state = UrlState::default();
        state.query.select(facet, value);
        out.open("li")
            .open("a")
            .attr("href", &format!("?{}", url_state::to_query_string(&state)))
            .element("span", "bar-name", name)
            .text(" ")
            .open("svg")
            .attr("aria-hidden", "true")
            .open("rect")
            .percent("width", count as f64 / largest, 1)
            .void()
            .close("rect")
            .close("svg")
            .element("span", "bar-count", &count.to_string())
            .close("a")
            .close("li");
    }
    out.close("ul").close("div");
}
