//! What the dataset holds: its span and counts, in one line under the title
//! and as tables in "What the dataset holds".

use super::markup::Markup;
use super::{close_table, machine_date, open_table, plural, table_row};
use crate::core::query::sentence_case;
use crate::core::summary::Summary;

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

/// The dataset's span and its counts by focus area and status, in one line.
pub fn header_facts(summary: &Summary) -> String {
    let label = |date: Option<crate::core::date::PartialDate>| {
        date.map_or_else(|| "?".to_string(), |d| d.label())
    };
    let mut out = Markup::new();
    out.text(&format!(
        "{} to {}. {} and {}.",
        label(summary.first),
        label(summary.last),
        plural(summary.events, "event", "events"),
        plural(summary.commitments, "commitment", "commitments"),
    ));
    let mut areas: Vec<(&str, usize)> = summary
        .focus_areas_by_items
        .iter()
        .map(|a| (a.name.as_str(), a.events + a.commitments))
        .collect();
    by_count(&mut out, " By focus area: ", &mut areas);
    let mut statuses: Vec<(&str, usize)> = summary
        .commitments_by_status
        .iter()
        .map(|(s, n)| (s.label(), *n))
        .collect();
    by_count(&mut out, " Commitments by status: ", &mut statuses);
    out.finish()
}

/// `heading`, then the counts above zero, largest first; the names come
/// from the data, so each is isolated from the page's words around it.
fn by_count(out: &mut Markup, heading: &str, counts: &mut Vec<(&str, usize)>) {
    counts.retain(|(_, n)| *n > 0);
    if counts.is_empty() {
        return;
    }
    crate::core::order::sort_by(counts, |a, b| b.1.cmp(&a.1));
    out.text(heading);
    for (i, (name, count)) in counts.iter().enumerate() {
        if i > 0 {
            out.text(", ");
        }
        out.data(name).text(&format!(" {count}"));
    }
    out.text(".");
}
