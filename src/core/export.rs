//! The dataset in the formats of two other timeline tools: TimelineJS3 (its
//! JSON file) and vis-timeline (its items and groups, as one JSON object).
//!
//! Both tools put text fields into the page as HTML, so every text taken from
//! the data is HTML-escaped here: an export cannot inject markup into the page
//! that shows it. Partial dates keep their precision: a year gives only a
//! year, a season spans its months and says so in its label.

use std::borrow::Cow;

use super::date::{civil_from_day_number, Date, PartialDate};
use super::json::write_string;
use super::model::{Citation, Dataset, Item};

/// The dataset as a TimelineJS3 JSON file: a title slide and one event per
/// item, one event per line. Commitments span their status history.
pub fn timelinejs(dataset: &Dataset) -> String {
    let mut out = String::with_capacity(dataset.item_count() * 600);
    out.push_str("{\"title\":{\"text\":");
    let mut text = Object::new(&mut out);
    text.string("headline", &html(&dataset.title));
    text.string("text", &paragraph(&dataset.description));
    text.end();
    out.push_str("},\n\"events\":[");
    for (i, item) in dataset.items().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        timelinejs_event(dataset, item, &mut out);
    }
    out.push_str("\n]}\n");
    out
}

fn timelinejs_event(dataset: &Dataset, item: Item<'_>, out: &mut String) {
    let (first, last) = date_span(item);
    let mut event = Object::new(out);
    event.raw("start_date", &timelinejs_date(first.value, End::Start));
    if let Some(last) = last {
        event.raw("end_date", &timelinejs_date(last.value, End::End));
    } else if is_coarse(first.value) {
        event.raw("end_date", &timelinejs_date(first.value, End::End));
    }
    // TimelineJS prints the date itself; our label says what it cannot: "spring 2025", "about".
    let needs_label = last.is_some() || is_coarse(first.value) || first.approximate;
    if needs_label {
        event.string("display_date", &html(&span_label(first, last)));
    }
    let mut headline = String::new();
    write_string(&mut headline, &html(item.title()));
    let mut body = String::new();
    write_string(&mut body, &timelinejs_text(dataset, item));
    event.raw(
        "text",
        &format!("{{\"headline\":{headline},\"text\":{body}}}"),
    );
    if let Some(area) = item.focus_areas().first() {
        let name = dataset.focus_area(area).map_or(area.as_str(), |a| &a.name);
        event.string("group", &html(name));
    }
    event.string("unique_id", item.id());
    event.end();
}

/// The body of a TimelineJS slide: the description, the status history of a
/// commitment, and the sources cited.
fn timelinejs_text(dataset: &Dataset, item: Item<'_>) -> String {
    let mut text = paragraph(item.description());
    match item {
        Item::Event(event) => {
            let kind = super::query::sentence_case(event.event_type.as_str());
            let place = event.place.as_deref().map(|p| format!(", {}", html(p)));
            text.push_str(&format!(
                "<p>{kind}{}{}.</p>",
                place.unwrap_or_default(),
                if event.expected { " (expected)" } else { "" }
            ));
        }
        Item::Commitment(commitment) => {
            text.push_str(&format!(
                "<p>Current status: {}.</p><ul>",
                dataset.current_status(commitment).label()
            ));
            for entry in &commitment.status_history {
                text.push_str(&format!(
                    "<li>{}: {}. {}</li>",
                    html(&date_label(&entry.date)),
                    entry.status.label(),
                    html(&entry.summary)
                ));
            }
            text.push_str("</ul>");
        }
    }
    let sources = cited_sources(dataset, &item.citations());
    if !sources.is_empty() {
        text.push_str("<p>Sources: ");
        text.push_str(&sources.join("; "));
        text.push_str(".</p>");
    }
    text
}

/// Each source cited, once, in order of first citation: its publisher and
/// title, linked when it has a web address.
fn cited_sources(dataset: &Dataset, citations: &[&Citation]) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut sources = Vec::new();
    for citation in citations {
        if seen.contains(&citation.source.as_str()) {
            continue;
        }
        seen.push(&citation.source);
        let Some(source) = dataset.source(&citation.source) else {
            continue;
        };
        let name = html(&format!(
            "{}, {} ({})",
            source.publisher,
            source.title,
            source.published.value.label()
        ))
        .into_owned();
        // Only web addresses become links: a `javascript:` URL must stay text.
        sources.push(match source.url.as_deref() {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                format!("<a href=\"{}\">{name}</a>", html(url))
            }
            _ => name,
        });
    }
    sources
}

#[derive(Clone, Copy)]
enum End {
    Start,
    End,
}

/// A TimelineJS date object with the fields the precision allows: only
/// `year` for a year, `year` and `month` for anything between a year and a day.
fn timelinejs_date(date: PartialDate, end: End) -> String {
    match date {
        PartialDate::Year(year) => format!("{{\"year\":{year}}}"),
        PartialDate::Month(year, month) => format!("{{\"year\":{year},\"month\":{month}}}"),
        PartialDate::Day(year, month, day) => {
            format!("{{\"year\":{year},\"month\":{month},\"day\":{day}}}")
        }
        _ => {
            let (first, last) = date.interval();
            let (year, month, _) = civil_from_day_number(match end {
                End::Start => first,
                End::End => last,
            });
            format!("{{\"year\":{year},\"month\":{month}}}")
        }
    }
}

/// The dataset as vis-timeline data: `{"title", "groups", "items"}`, every
/// text in it HTML like vis-timeline's `content`. Groups are
/// the focus areas; items with no focus area go to a group of their
/// own, because vis-timeline hides items without a group once groups are set.
pub fn vis_timeline(dataset: &Dataset) -> String {
    const NO_AREA: &str = "(none)";
    let mut out = String::with_capacity(dataset.item_count() * 250);
    out.push_str("{\"title\":");
    write_string(&mut out, &html(&dataset.title));
    out.push_str(",\n\"groups\":[");
    let mut groups: Vec<(&str, &str)> = dataset
        .focus_areas
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    if dataset.items().any(|item| item.focus_areas().is_empty()) {
        groups.push((NO_AREA, "No focus area"));
    }
    for (order, (id, name)) in groups.iter().enumerate() {
        out.push_str(if order == 0 { "\n" } else { ",\n" });
        let mut group = Object::new(&mut out);
        group.string("id", id);
        group.string("content", &html(name));
        group.raw("order", &order.to_string());
        group.end();
    }
    out.push_str("\n],\n\"items\":[");
    for (i, item) in dataset.items().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let (first, last) = date_span(item);
        let (start, first_end) = first.value.interval();
        let end = last.map_or(first_end, |last| last.value.interval().1);
        let mut object = Object::new(&mut out);
        object.string("id", item.id());
        object.string("content", &html(item.title()));
        object.string("start", &iso_day(start));
        // A single day is a point; anything longer is a range ending after its last day.
        if end > start {
            object.string("end", &iso_day(end + 1));
        }
        object.string(
            "group",
            item.focus_areas().first().map_or(NO_AREA, String::as_str),
        );
        let kind = match item {
            Item::Event(_) => "event",
            Item::Commitment(_) => "commitment",
        };
        object.string("className", kind);
        object.string(
            "title",
            &html(&format!("{}: {kind}", span_label(first, last))),
        );
        object.end();
    }
    out.push_str("\n]}\n");
    out
}

/// When an item happened: an event's date, or a commitment's first and
/// last status dates (the last only when it differs from the first).
fn date_span(item: Item<'_>) -> (&Date, Option<&Date>) {
    match item {
        Item::Event(event) => (&event.date, None),
        Item::Commitment(commitment) => {
            let first = &commitment.status_history[0].date;
            let last = commitment
                .status_history
                .last()
                .map(|entry| &entry.date)
                .filter(|last| last.value != first.value);
            (first, last)
        }
    }
}

fn span_label(first: &Date, last: Option<&Date>) -> String {
    match last {
        Some(last) => format!("{} to {}", date_label(first), date_label(last)),
        None => date_label(first),
    }
}

fn date_label(date: &Date) -> String {
    if date.approximate {
        format!("{} (approximate)", date.value.label())
    } else {
        date.value.label()
    }
}

/// Dates TimelineJS cannot express as one point: halves, quarters, parts of
/// a year and seasons.
fn is_coarse(date: PartialDate) -> bool {
    !matches!(
        date,
        PartialDate::Year(_) | PartialDate::Month(..) | PartialDate::Day(..)
    )
}

fn iso_day(day: super::date::DayNumber) -> String {
    let (year, month, day) = civil_from_day_number(day);
    format!("{year:04}-{month:02}-{day:02}")
}

fn paragraph(text: &str) -> String {
    format!("<p>{}</p>", html(text))
}

/// `text` with the characters that HTML reads as markup replaced by entities.
pub fn html(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// Writes one JSON object's members in order.
struct Object<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> Object<'o> {
    fn new(out: &'o mut String) -> Object<'o> {
        out.push('{');
        Object { out, empty: true }
    }

    fn key(&mut self, name: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_string(self.out, name);
        self.out.push(':');
    }

    fn string(&mut self, name: &str, value: &str) {
        self.key(name);
        write_string(self.out, value);
    }

    /// A member whose value is already JSON text.
    fn raw(&mut self, name: &str, json: &str) {
        self.key(name);
        self.out.push_str(json);
    }

    fn end(self) {
        self.out.push('}');
    }
}
