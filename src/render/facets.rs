//! The filter panel: one group of checkboxes per facet, each value with the
//! number of items choosing it would give. Zero counts stay, dimmed.

use super::markup::Markup;
use crate::core::query::{FacetCounts, QueryIndex, QueryResult};

/// Facets with more values than this show the rest behind "Show N more".
const SHOWN_FIRST: usize = 8;

/// Every facet's values with their counts and selections.
pub fn facets(index: &QueryIndex, result: &QueryResult) -> String {
    let mut out = Markup::new();
    for counts in &result.facets {
        group(&mut out, index, counts);
    }
    out.finish()
}

/// How many values are selected across all facets.
pub fn selected_count(result: &QueryResult) -> usize {
    result
        .facets
        .iter()
        .map(|f| f.selected.iter().filter(|s| **s).count())
        .sum()
}

fn group(out: &mut Markup, index: &QueryIndex, counts: &FacetCounts) {
    let facet = counts.facet;
    let values: Vec<(&str, &str)> = index.values(facet).collect();
    let mut order: Vec<usize> = (0..values.len()).collect();
    // A long list (actors) shows the selected and the most useful values first.
    if values.len() > SHOWN_FIRST {
        crate::core::order::sort_by(&mut order, |&a, &b| {
            counts.selected[b]
                .cmp(&counts.selected[a])
                .then(counts.counts[b].cmp(&counts.counts[a]))
        });
    }
    out.open("fieldset")
        .attr("class", "facet")
        .attr("data-key", facet.key())
        .element("legend", "", facet.label())
        .open("ul");
    let split = if values.len() > SHOWN_FIRST {
        order
            .iter()
            .position(|&p| !counts.selected[p])
            .unwrap_or(order.len())
            .max(SHOWN_FIRST)
    } else {
        order.len()
    };
    for &position in &order[..split] {
        value(out, facet.key(), values[position], counts, position);
    }
    out.close("ul");
    if split < order.len() {
        out.open("details")
            .attr("class", "facet-more")
            .open("summary")
            .text(&format!("Show {} more", order.len() - split))
            .close("summary")
            .open("ul");
        for &position in &order[split..] {
            value(out, facet.key(), values[position], counts, position);
        }
        out.close("ul").close("details");
    }
    out.close("fieldset");
}

fn value(
    out: &mut Markup,
    facet: &str,
    (value, label): (&str, &str),
    counts: &FacetCounts,
    position: usize,
) {
    let count = counts.counts[position];
    let selected = counts.selected[position];
    out.open("li").attr("data-key", value).open("label");
    if count == 0 && !selected {
        out.attr("class", "zero");
    }
    out.open("input")
        .attr("type", "checkbox")
        .attr("data-facet", facet)
        .attr("value", value)
        .flag("checked", selected)
        .void()
        .text(" ")
        .element("span", "", label)
        .text(" ")
        .element("span", "count", &format!("({count})"))
        .close("label")
        .close("li");
}
