//! The detail panel: everything the dataset says about one item, with its sources.

use super::markup::Markup;
use super::{event_type_label, machine_date, status_badge, Context};
use crate::core::date::Date;
use crate::core::export::cite_item;
use crate::core::model::{Citation, Id, Item, ItemIndex, Status, NO_SOURCE};
use crate::core::query::Facet;

/// The selected item's detail, or `None` when no item is selected. `order`
/// is the current results in their order, which Previous and Next step through.
pub fn detail(cx: &Context, order: &[ItemIndex]) -> Option<String> {
    let index = cx
        .state
        .item
        .as_deref()
        .and_then(|id| cx.dataset.item_index(id))?;
    Some(item_detail(cx, index, order))
}

fn item_detail(cx: &Context, index: ItemIndex, order: &[ItemIndex]) -> String {
    let item = cx.dataset.item(index);
    let mut out = Markup::new();
    out.open("article")
        .attr("class", "detail")
        .attr("aria-labelledby", "detail-title")
        .attr("data-key", item.id());
    steps(&mut out, cx, index, order);
    out.open("h2")
        .attr("class", "detail-title")
        .attr("id", "detail-title")
        .attr("tabindex", "-1")
        .text(item.title())
        .close("h2");

    out.open("p").attr("class", "detail-meta");
    match item {
        Item::Event(event) => {
            out.text("Event · ");
            if let Some(kind) = event_type_label(event) {
                out.text(&kind).text(" · ");
            }
            match event.display_date() {
                Some(shown) => {
                    out.open("time")
                        .attr("datetime", &machine_date(&event.date.value))
                        .text(shown)
                        .close("time");
                }
                None => {
                    date(&mut out, &event.date);
                }
            }
            if event.expected {
                out.text(" · expected, not yet reported as held");
            }
        }
        Item::Commitment(commitment) => {
            out.text("Commitment · ");
            status_badge(&mut out, cx.dataset.current_status(commitment));
            out.text(" · first recorded ");
            date(&mut out, &commitment.status_history[0].date);
        }
    }
    out.close("p");
    if !item.description().is_empty() {
        out.element("p", "detail-description", item.description());
    }

    out.open("dl").attr("class", "detail-facts");
    if let Item::Event(event) = item {
        if let Some(place) = event.place() {
            out.element("dt", "", "Place").element("dd", "", place);
        }
    }
    if let Some(group) = item.group() {
        filter_links(
            &mut out,
            cx,
            Facet::Group,
            "Group",
            std::slice::from_ref(&Id::from(group)),
        );
    }
    filter_links(&mut out, cx, Facet::Area, "Focus areas", item.focus_areas());
    let actors = if matches!(item, Item::Event(_)) {
        "Participants"
    } else {
        "Actors"
    };
    filter_links(&mut out, cx, Facet::Actor, actors, item.actors());
    out.close("dl");

    match item {
        Item::Commitment(commitment) => {
            open_section(&mut out, "Status history");
            out.open("ol").attr("class", "status-history");
            for entry in &commitment.status_history {
                out.open("li");
                status_badge(&mut out, entry.status);
                out.text(" ");
                date(&mut out, &entry.date);
                out.element("p", "", &entry.summary);
                citations(&mut out, cx, &entry.citations);
                out.close("li");
            }
            out.close("ol");
            if cx.dataset.current_status(commitment) == Status::NoLaterMention {
                out.element(
                    "p",
                    "note",
                    "No later document in the dataset mentions this commitment, up to the fact sheet of 6 January 2025.",
                );
            }
            out.close("section");
        }
        Item::Event(event) => {
            open_section(&mut out, "Sources");
            if event.citations.is_empty() {
                out.element("p", "note", &format!("{NO_SOURCE}."));
            }
            citations(&mut out, cx, &event.citations);
            out.close("section");
            if !event.links().is_empty() || event.media().is_some() {
                open_section(&mut out, "Links");
                out.open("ul").attr("class", "links");
                for link in event.links() {
                    out.open("li").link(&link.url, "", &link.text).close("li");
                }
                // Media are links, never embeds: nothing is fetched from another origin.
                if let Some(media) = event.media() {
                    out.open("li");
                    let text = [media.caption.as_str(), media.credit.as_str()]
                        .iter()
                        .filter(|t| !t.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let text = if text.is_empty() {
                        "Media"
                    } else {
                        text.as_str()
                    };
                    match &media.url {
                        Some(url) => out.link(url, "", text),
                        None => out.text(text),
                    };
                    out.close("li");
                }
                out.close("ul").close("section");
            }
            if !event.alternative_dates().is_empty() {
                open_section(&mut out, "Other dates given");
                for alternative in event.alternative_dates() {
                    out.open("p");
                    date(&mut out, &alternative.date);
                    out.text(": ").data(&alternative.note).close("p");
                    citations(&mut out, cx, &alternative.citations);
                }
                out.close("section");
            }
        }
    }
    let discrepancies = match item {
        Item::Event(e) => e.discrepancies(),
        Item::Commitment(c) => &c.discrepancies,
    };
    if !discrepancies.is_empty() {
        open_section(&mut out, "Where the sources disagree");
        for discrepancy in discrepancies {
            out.element("p", "", &discrepancy.note);
            citations(&mut out, cx, &discrepancy.citations);
        }
        out.close("section");
    }
    let related = match item {
        Item::Event(e) => e.related(),
        Item::Commitment(c) => &c.related,
    };
    let announced_at = match item {
        Item::Commitment(c) => Some(&c.announced_at),
        Item::Event(_) => None,
    };
    if !related.is_empty() || announced_at.is_some() {
        open_section(&mut out, "Related");
        out.open("ul").attr("class", "related");
        for id in announced_at.into_iter().chain(related) {
            let Some(other) = cx.dataset.item_index(id) else {
                continue;
            };
            out.open("li");
            if Some(id) == announced_at {
                out.text("Announced at: ");
            }
            out.link(&cx.select_href(other), "", cx.dataset.item(other).title())
                .close("li");
        }
        out.close("ul").close("section");
    }
    cite(&mut out, cx, index);
    out.close("article");
    out.finish()
}

/// Previous and Next through the current results, like a slide show's, the
/// item's place among them, and Close (the same state without the item).
fn steps(out: &mut Markup, cx: &Context, index: ItemIndex, order: &[ItemIndex]) {
    out.open("nav")
        .attr("class", "detail-steps")
        .attr("aria-label", "Results");
    let position = order.iter().position(|&i| i == index);
    let step = |out: &mut Markup, target: Option<ItemIndex>, rel: &'static str, text: &str| {
        match target {
            Some(target) => {
                let tag = out.open_link(&cx.select_href(target));
                out.attr("rel", rel)
                    .attr("class", "step")
                    .attr("data-step", rel)
                    .attr("title", cx.dataset.item(target).title())
                    .text(text)
                    .close(tag);
            }
            // A step that goes nowhere keeps its place, so the others do not move.
            None => {
                out.open("span")
                    .attr("class", "step")
                    .attr("aria-disabled", "true")
                    .text(text)
                    .close("span");
            }
        }
    };
    match position {
        Some(at) => {
            step(out, at.checked_sub(1).map(|i| order[i]), "prev", "Previous");
            out.element(
                "span",
                "step-place",
                &format!("{} of {}", at + 1, order.len()),
            );
            step(out, order.get(at + 1).copied(), "next", "Next");
        }
        None => {
            out.element("span", "step-place", "Not in the current results");
        }
    }
    let mut without = cx.state.clone();
    without.item = None;
    let tag = out.open_link(&cx.href(&without));
    out.attr("class", "detail-close")
        .attr("data-close", "")
        .text("Close")
        .close(tag);
    out.close("nav");
}

/// "Cite this item": a ready reference with the permanent link and the sources.
fn cite(out: &mut Markup, cx: &Context, index: ItemIndex) {
    let Some(reference) = cite_item(cx.dataset, index, cx.base) else {
        return;
    };
    out.open("details")
        .attr("class", "cite")
        .element("summary", "", "Cite this item")
        .open("pre")
        .attr("class", "reference")
        .text(&reference)
        .close("pre")
        .open("button")
        .attr("type", "button")
        .attr("class", "copy-reference")
        .text("Copy the reference")
        .close("button")
        .close("details");
}

fn open_section(out: &mut Markup, title: &str) {
    out.open("section").element("h3", "", title);
}

/// A date with its precision, and how it was inferred when it is approximate.
fn date(out: &mut Markup, date: &Date) {
    out.time(&super::machine_date(&date.value), &date.value.label());
    if date.approximate {
        out.open("span")
            .attr("class", "date-note")
            .text(" (approximate: ")
            .data(date.note().unwrap_or("inferred"))
            .text(")")
            .close("span");
    }
}

/// A `<dt>` and one link per value that filters the explorer by it.
fn filter_links(out: &mut Markup, cx: &Context, facet: Facet, title: &str, ids: &[Id]) {
    if ids.is_empty() {
        return;
    }
    out.element("dt", "", title)
        .open("dd")
        .open("ul")
        .attr("class", "filter-links");
    for id in ids {
        let label = match facet {
            Facet::Actor => cx.dataset.actor(id).map(|a| a.name.as_str()),
            _ => cx.index.label(facet, id),
        }
        .unwrap_or(id);
        let mut target = cx.state.clone();
        target.query.selections.retain(|(f, _)| *f != facet);
        target.query.select(facet, id);
        out.open("li");
        let tag = out.open_link(&cx.href(&target));
        out.attr("title", &format!("Show everything with {label}"))
            .text(label)
            .close(tag)
            .close("li");
    }
    out.close("ul").close("dd");
}

/// Each citation as the verbatim quote and a link to its source.
fn citations(out: &mut Markup, cx: &Context, citations: &[Citation]) {
    for citation in citations {
        out.open("figure")
            .attr("class", "citation")
            .element("blockquote", "", citation.quote())
            .open("figcaption");
        if let Some(source) = cx.dataset.source(&citation.source) {
            let tag = match &source.url {
                Some(url) => out.open_link(url),
                None => {
                    out.open("span");
                    "span"
                }
            };
            out.data(&source.publisher)
                .text(", ")
                .data(&source.title)
                .text(&format!(" ({})", source.published.value.label()))
                .close(tag);
            if let Some(note) = citation.note() {
                out.text(" (").data(note).text(")");
            }
        }
        out.close("figcaption").close("figure");
    }
}
