//! The dataset, or the items of a result set, in other formats: the
//! JSON of two other timeline tools, TimelineJS3 (`timelinejs`) and
//! vis-timeline (`vis_timeline`); a spreadsheet (`csv`); a calendar
//! (`ical`); our own format (`ours_json`); and a ready reference to one
//! item (`cite_item`).
//!
//! Every function takes the dataset and, for a subset, a list of item
//! positions ([`ItemIndex`], as `Dataset::item` numbers them); the `_of`
//! variants and the subset functions keep the order they are given.
//!
//! TimelineJS and vis-timeline put text fields into the page as HTML, so
//! every text taken from the data is HTML-escaped there: an export cannot
//! inject markup into the page that shows it. The spreadsheet guards
//! against formulas instead. Partial dates keep their precision: a year
//! gives only a year, a season spans its months and says so in its label.

use std::borrow::Cow;

use super::date::{civil_from_day_number, Date, DayNumber, PartialDate};
use super::json::write_string;
use super::model::{
    Actor, Citation, Commitment, Dataset, Discrepancy, Entry, Event, FocusArea, Id, Item,
    ItemIndex, Media, Source, Status,
};

/// Every item position of the dataset, in order.
pub fn all_items(dataset: &Dataset) -> Vec<ItemIndex> {
    (0..dataset.item_count() as ItemIndex).collect()
}

/// The dataset as a TimelineJS3 JSON file: a title slide and one event per
/// item, one event per line. Commitments span their status history.
pub fn timelinejs(dataset: &Dataset) -> String {
    timelinejs_of(dataset, &all_items(dataset))
}

/// [`timelinejs`] of the items at `items` only (positions out of range are
/// skipped).
pub fn timelinejs_of(dataset: &Dataset, items: &[ItemIndex]) -> String {
    let mut out = String::with_capacity(items.len() * 600);
    out.push_str("{\"title\":{\"text\":");
    let mut text = Object::new(&mut out);
    text.string("headline", &html(&dataset.title));
    text.string("text", &paragraph(&dataset.description));
    text.end();
    out.push_str("},\n\"events\":[");
    for (i, item) in selected(dataset, items).enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        timelinejs_event(dataset, item, &mut out);
    }
    out.push_str("\n]}\n");
    out
}

/// The items at `items`, skipping positions out of range.
fn selected<'d, 'i>(
    dataset: &'d Dataset,
    items: &'i [ItemIndex],
) -> impl Iterator<Item = Item<'d>> + 'i
where
    'd: 'i,
{
    let count = dataset.item_count();
    items
        .iter()
        .filter(move |&&i| (i as usize) < count)
        .map(move |&i| dataset.item(i))
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
    // An imported timeline's own group; otherwise the first focus area.
    if let Some(name) = group_name(dataset, item) {
        event.string("group", &html(name));
    } else if let Some(area) = item.focus_areas().first() {
        let name = dataset.focus_area(area).map_or(&**area, |a| &a.name);
        event.string("group", &html(name));
    }
    // Media kept as a link (only an http(s) address was kept on import).
    if let Some((media, url)) = media_of(item).and_then(|m| Some((m, m.url.as_deref()?))) {
        let mut object = String::new();
        let mut fields = Object::new(&mut object);
        fields.string("url", url);
        if !media.caption.is_empty() {
            fields.string("caption", &html(&media.caption));
        }
        if !media.credit.is_empty() {
            fields.string("credit", &html(&media.credit));
        }
        if let Some(thumbnail) = media.thumbnail.as_deref().filter(|t| is_web_address(t)) {
            fields.string("thumbnail", thumbnail);
        }
        fields.end();
        event.raw("media", &object);
    }
    event.string("unique_id", item.id());
    event.end();
}

/// The name of an imported item's group.
fn group_name<'d>(dataset: &'d Dataset, item: Item<'d>) -> Option<&'d str> {
    let id = item.group()?;
    let group = dataset.groups().iter().find(|g| g.id == id)?;
    Some(&group.name)
}

fn is_web_address(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// An imported event's media.
fn media_of(item: Item<'_>) -> Option<&Media> {
    match item {
        Item::Event(event) => event.media(),
        Item::Commitment(_) => None,
    }
}

/// The body of a TimelineJS slide: the description, the status history of a
/// commitment, and the sources cited.
fn timelinejs_text(dataset: &Dataset, item: Item<'_>) -> String {
    let mut text = paragraph(item.description());
    match item {
        Item::Event(event) => {
            let kind = super::query::sentence_case(event.event_type.as_str());
            let place = event.place().map(|p| format!(", {}", html(p)));
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
        if seen.contains(&&*citation.source) {
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
            Some(url) if is_web_address(url) => {
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
    vis_timeline_of(dataset, &all_items(dataset))
}

/// [`vis_timeline`] of the items at `items` only; every focus area stays a
/// group.
pub fn vis_timeline_of(dataset: &Dataset, items: &[ItemIndex]) -> String {
    const NO_AREA: &str = "(none)";
    let mut out = String::with_capacity(items.len() * 250);
    out.push_str("{\"title\":");
    write_string(&mut out, &html(&dataset.title));
    out.push_str(",\n\"groups\":[");
    let mut groups: Vec<(&str, &str)> = dataset
        .focus_areas
        .iter()
        .map(|a| (&*a.id, a.name.as_str()))
        .collect();
    if selected(dataset, items).any(|item| item.focus_areas().is_empty()) {
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
    for (i, item) in selected(dataset, items).enumerate() {
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
            item.focus_areas().first().map_or(NO_AREA, |a| &**a),
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

// ---------------------------------------------------------------------------
// Spreadsheet (CSV)

/// The columns of [`csv`], in order.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "type",
    "title",
    "date",
    "date_label",
    "date_approximate",
    "last_date",
    "status",
    "expected",
    "place",
    "focus_areas",
    "actors",
    "description",
    "first_source",
    "first_source_url",
    "first_quote",
    "group",
    "media_url",
    "media_caption",
    "media_credit",
];

/// The items at `items` as CSV (RFC 4180: comma-separated, CRLF line ends,
/// fields quoted when they need it), one row per item after a header row,
/// starting with a UTF-8 byte order mark so that spreadsheets read it as
/// UTF-8. See [`CSV_COLUMNS`]: an event's date, or a commitment's first and
/// last status dates and its current status; focus areas and actors by name,
/// separated by "; "; the item's first citation; and, for an imported
/// timeline, its group's name and its media (only an http(s) address).
///
/// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
/// gets a leading `'`, so that no spreadsheet reads it as a formula.
pub fn csv(dataset: &Dataset, items: &[ItemIndex]) -> String {
    let mut out = String::with_capacity(64 + items.len() * 700);
    out.push('\u{FEFF}');
    csv_row(&mut out, CSV_COLUMNS.iter().copied());
    for item in selected(dataset, items) {
        let (first, last) = date_span(item);
        let (kind, kind_type, status, expected, place) = match item {
            Item::Event(event) => (
                "event",
                event.event_type.as_str(),
                "",
                if event.expected { "yes" } else { "no" },
                event.place().unwrap_or(""),
            ),
            Item::Commitment(commitment) => (
                "commitment",
                "",
                dataset.current_status(commitment).as_str(),
                "",
                "",
            ),
        };
        let areas = names(item.focus_areas(), |id| {
            dataset.focus_area(id).map(|a| a.name.as_str())
        });
        let actors = names(item.actors(), |id| {
            dataset.actor(id).map(|a| a.name.as_str())
        });
        let citation = item.citations().first().copied();
        let source = citation.and_then(|c| dataset.source(&c.source));
        let media = media_of(item);
        let first_source = source.map(|s| {
            format!(
                "{}, {} ({})",
                s.publisher,
                s.title,
                published_label(&s.published)
            )
        });
        let cells = [
            item.id().to_string(),
            kind.to_string(),
            kind_type.to_string(),
            item.title().to_string(),
            first.value.to_string(),
            span_label(first, last),
            if first.approximate { "yes" } else { "no" }.to_string(),
            last.map(|d| d.value.to_string()).unwrap_or_default(),
            status.to_string(),
            expected.to_string(),
            place.to_string(),
            areas,
            actors,
            item.description().to_string(),
            first_source.unwrap_or_default(),
            source.and_then(|s| s.url.clone()).unwrap_or_default(),
            citation.map(|c| c.quote().to_string()).unwrap_or_default(),
            group_name(dataset, item).unwrap_or_default().to_string(),
            media.and_then(|m| m.url.clone()).unwrap_or_default(),
            media.map(|m| m.caption.clone()).unwrap_or_default(),
            media.map(|m| m.credit.clone()).unwrap_or_default(),
        ];
        csv_row(&mut out, cells.iter().map(String::as_str));
    }
    out
}

/// A source's publication date inside parentheses: "2023, approximate".
fn published_label(date: &Date) -> String {
    if date.approximate {
        format!("{}, approximate", date.value.label())
    } else {
        date.value.label()
    }
}

fn names<'d>(ids: &'d [Id], name: impl Fn(&'d str) -> Option<&'d str>) -> String {
    ids.iter()
        .map(|id| name(id).unwrap_or(id))
        .collect::<Vec<_>>()
        .join("; ")
}

fn csv_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// One CSV field: defused if a spreadsheet would read it as a formula,
/// quoted if it holds a comma, a quote or a line break.
fn csv_cell(out: &mut String, cell: &str) {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let needs_quotes = formula || cell.contains([',', '"', '\r', '\n']);
    if needs_quotes {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if needs_quotes {
        out.push('"');
    }
}

// ---------------------------------------------------------------------------
// Calendar (iCalendar)

/// The events among the items at `items` as an iCalendar file (RFC 5545),
/// one all-day `VEVENT` per event; commitments, which are not happenings,
/// are left out. A partial date spans its whole interval ("spring 2025" runs
/// from 1 March to 31 May) and the description gives the date as the
/// source does; expected events are `TENTATIVE`. Every entry is
/// `TRANSPARENT`, so a year-long span does not show its reader as busy.
/// `DTSTAMP` is the date of the latest primary source, so the file depends
/// on the data alone.
pub fn ical(dataset: &Dataset, items: &[ItemIndex]) -> String {
    let mut out = String::with_capacity(256 + items.len() * 900);
    let stamp = dataset
        .reviewed_through()
        .map_or(0, |date| date.interval().0);
    let stamp = format!("{}T000000Z", ical_day(stamp));
    ical_line(&mut out, "BEGIN:VCALENDAR");
    ical_line(&mut out, "VERSION:2.0");
    ical_line(&mut out, "PRODID:-//iCET Explorer//iCET dataset//EN");
    ical_line(&mut out, "CALSCALE:GREGORIAN");
    ical_line(&mut out, "METHOD:PUBLISH");
    ical_line(
        &mut out,
        &format!("X-WR-CALNAME:{}", ical_text(&dataset.title)),
    );
    for item in selected(dataset, items) {
        let Item::Event(event) = item else {
            continue;
        };
        let (start, end) = event.date.value.interval();
        ical_line(&mut out, "BEGIN:VEVENT");
        ical_line(&mut out, &format!("UID:{}@icet-explorer", event.id));
        ical_line(&mut out, &format!("DTSTAMP:{stamp}"));
        ical_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ical_day(start)));
        ical_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ical_day(end + 1)));
        ical_line(&mut out, &format!("SUMMARY:{}", ical_text(event.title())));
        let mut description = format!(
            "{}\n\nDate: {}",
            event.description(),
            date_label(&event.date)
        );
        if let Some(note) = event.date.note() {
            description.push_str(&format!(" ({note})"));
        }
        if event.expected {
            description
                .push_str("\nExpected: the sources anticipate it; none reports that it happened.");
        }
        for line in source_lines(dataset, &item.citations()) {
            description.push_str("\nSource: ");
            description.push_str(&line);
        }
        ical_line(
            &mut out,
            &format!("DESCRIPTION:{}", ical_text(&description)),
        );
        if let Some(place) = event.place() {
            ical_line(&mut out, &format!("LOCATION:{}", ical_text(place)));
        }
        let areas: Vec<String> = event
            .focus_areas()
            .iter()
            .filter_map(|id| dataset.focus_area(id))
            .map(|area| ical_text(&area.name))
            .collect();
        if !areas.is_empty() {
            ical_line(&mut out, &format!("CATEGORIES:{}", areas.join(",")));
        }
        let status = if event.expected {
            "TENTATIVE"
        } else {
            "CONFIRMED"
        };
        ical_line(&mut out, &format!("STATUS:{status}"));
        ical_line(&mut out, "TRANSP:TRANSPARENT");
        ical_line(&mut out, "END:VEVENT");
    }
    ical_line(&mut out, "END:VCALENDAR");
    out
}

fn ical_day(day: DayNumber) -> String {
    let (year, month, day) = civil_from_day_number(day);
    format!("{year:04}{month:02}{day:02}")
}

/// Text escaped for an iCalendar value: backslash, semicolon, comma and
/// line breaks.
fn ical_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// One content line, folded after 75 octets (never inside a character),
/// ended with CRLF.
fn ical_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
}

// ---------------------------------------------------------------------------
// Cite this item

/// A ready reference to one item, as plain text: its title, kind and date,
/// the dataset, its permanent URL (`permalink_base` followed by
/// `?item=ID`, or `&item=ID` if the base already has a query) and, one per
/// line, each source it cites. `None` if `item` is out of range.
pub fn cite_item(dataset: &Dataset, item: ItemIndex, permalink_base: &str) -> Option<String> {
    if item as usize >= dataset.item_count() {
        return None;
    }
    let item = dataset.item(item);
    let kind = match item {
        Item::Event(event) => event.event_type.as_str(),
        Item::Commitment(_) => "commitment",
    };
    let (first, last) = date_span(item);
    let mut text = format!(
        "“{}” ({kind}, {}). {}. {}",
        item.title(),
        span_label(first, last),
        dataset.title,
        permalink(permalink_base, item.id())
    );
    text.push_str("\nSources:");
    for line in source_lines(dataset, &item.citations()) {
        text.push_str("\n- ");
        text.push_str(&line);
    }
    text.push('\n');
    Some(text)
}

/// The permanent URL of an item: the base without its fragment, then
/// `?item=ID` (or `&item=ID` after an existing query).
pub fn permalink(base: &str, id: &str) -> String {
    let base = base.split('#').next().unwrap_or("");
    let joiner = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    format!("{base}{joiner}item={id}")
}

/// Each source cited, once, in order of first citation, as plain text:
/// publisher, title in quotes, date, and the web address when there is one.
fn source_lines(dataset: &Dataset, citations: &[&Citation]) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    for citation in citations {
        if seen.contains(&&*citation.source) {
            continue;
        }
        seen.push(&citation.source);
        let Some(source) = dataset.source(&citation.source) else {
            continue;
        };
        let mut line = format!(
            "{}, “{}” ({})",
            source.publisher,
            source.title,
            published_label(&source.published)
        );
        if let Some(url) = &source.url {
            line.push_str(". ");
            line.push_str(url);
        }
        lines.push(line);
    }
    lines
}

// ---------------------------------------------------------------------------
// Our own format

/// The items at `items` as a dataset in our own format (`data/README.md`),
/// which `core::load` reads: with the sources, focus areas and actors they
/// reference (and the bodies those actors belong to), and the events their
/// commitments were announced at or reported at, since a dataset must
/// resolve every reference. `related` keeps only items in the file. Items
/// keep the dataset's order; compact JSON, one entry per line.
pub fn ours_json(dataset: &Dataset, items: &[ItemIndex]) -> String {
    let count = dataset.item_count();
    let mut keep_item = vec![false; count];
    for &i in items {
        if let Some(keep) = keep_item.get_mut(i as usize) {
            *keep = true;
        }
    }
    // Required references: the events commitments name.
    for (c, commitment) in dataset.commitments.iter().enumerate() {
        if !keep_item[dataset.events.len() + c] {
            continue;
        }
        let events = std::iter::once(&commitment.announced_at)
            .chain(commitment.status_history.iter().flat_map(|s| &s.event));
        for id in events {
            if let Some(i) = dataset.item_index(id) {
                keep_item[i as usize] = true;
            }
        }
    }
    let mut keep = Keep {
        actor: vec![false; dataset.actors.len()],
        area: vec![false; dataset.focus_areas.len()],
        source: vec![false; dataset.sources.len()],
    };
    for (i, kept) in keep_item.iter().enumerate() {
        if !kept {
            continue;
        }
        let item = dataset.item(i as ItemIndex);
        item.actors().iter().for_each(|id| keep.mark(dataset, id));
        item.focus_areas()
            .iter()
            .for_each(|id| keep.mark(dataset, id));
        item.citations()
            .iter()
            .for_each(|c| keep.mark(dataset, &c.source));
    }
    // Actors' affiliations, to the top of each chain.
    loop {
        let mut added = false;
        for (i, actor) in dataset.actors.iter().enumerate() {
            let affiliation = actor
                .affiliation
                .as_deref()
                .and_then(|id| dataset.entry(id));
            if let (true, Some(Entry::Actor(a))) = (keep.actor[i], affiliation) {
                added |= !keep.actor[a];
                keep.actor[a] = true;
            }
        }
        if !added {
            break;
        }
    }
    for (i, actor) in dataset.actors.iter().enumerate() {
        if keep.actor[i] {
            for citation in &actor.citations {
                keep.mark(dataset, &citation.source);
            }
        }
    }
    for (i, area) in dataset.focus_areas.iter().enumerate() {
        if keep.area[i] {
            for citation in area.headings.iter().chain(&area.citations) {
                keep.mark(dataset, &citation.source);
            }
        }
    }
    let kept_items = keep_item.iter().filter(|k| **k).count();
    let in_file = |id: &str| {
        dataset
            .item_index(id)
            .is_some_and(|i| keep_item[i as usize])
    };

    let mut out = String::with_capacity(4096 + kept_items * 2000);
    out.push_str("{\"version\":");
    out.push_str(&dataset.version.to_string());
    out.push_str(",\n\"title\":");
    write_string(&mut out, &dataset.title);
    out.push_str(",\n\"description\":");
    let description = if kept_items == count {
        dataset.description.clone()
    } else {
        format!(
            "{} This file holds {kept_items} of its {count} items.",
            dataset.description
        )
    };
    write_string(&mut out, &description);
    out.push_str(",\n\"sources\":[");
    list(
        &mut out,
        dataset.sources.iter().zip(&keep.source),
        write_source,
    );
    out.push_str("],\n\"focus_areas\":[");
    list(
        &mut out,
        dataset.focus_areas.iter().zip(&keep.area),
        write_area,
    );
    out.push_str("],\n\"actors\":[");
    list(
        &mut out,
        dataset.actors.iter().zip(&keep.actor),
        |out, a| write_actor(out, dataset, a),
    );
    out.push_str("],\n\"events\":[");
    let (event_keep, commitment_keep) = keep_item.split_at(dataset.events.len());
    list(&mut out, dataset.events.iter().zip(event_keep), |out, e| {
        write_event(out, dataset, e, &in_file)
    });
    out.push_str("],\n\"commitments\":[");
    list(
        &mut out,
        dataset.commitments.iter().zip(commitment_keep),
        |out, c| write_commitment(out, dataset, c, &in_file),
    );
    out.push_str("]}\n");
    out
}

/// Which sources, focus areas and actors a subset needs, by position.
struct Keep {
    actor: Vec<bool>,
    area: Vec<bool>,
    source: Vec<bool>,
}

impl Keep {
    fn mark(&mut self, dataset: &Dataset, id: &str) {
        match dataset.entry(id) {
            Some(Entry::Actor(i)) => self.actor[i] = true,
            Some(Entry::FocusArea(i)) => self.area[i] = true,
            Some(Entry::Source(i)) => self.source[i] = true,
            _ => {}
        }
    }
}

/// Writes the kept entries, one per line.
fn list<'d, T: 'd>(
    out: &mut String,
    entries: impl Iterator<Item = (&'d T, &'d bool)>,
    mut write: impl FnMut(&mut String, &T),
) {
    let mut first = true;
    for (entry, keep) in entries {
        if *keep {
            out.push_str(if first { "\n" } else { ",\n" });
            first = false;
            write(out, entry);
        }
    }
    if !first {
        out.push('\n');
    }
}

fn write_strings(out: &mut String, values: &[impl AsRef<str>]) {
    out.push('[');
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, value.as_ref());
    }
    out.push(']');
}

fn strings_json(values: &[impl AsRef<str>]) -> String {
    let mut out = String::new();
    write_strings(&mut out, values);
    out
}

fn date_json(date: &Date) -> String {
    let mut out = String::new();
    let mut object = Object::new(&mut out);
    object.string("value", &date.value.to_string());
    if date.approximate {
        object.raw("approximate", "true");
    }
    if let Some(note) = date.note() {
        object.string("note", note);
    }
    object.end();
    out
}

fn citations_json(citations: &[Citation]) -> String {
    let mut out = String::from("[");
    for (i, citation) in citations.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut object = Object::new(&mut out);
        object.string("source", &citation.source);
        object.string("quote", citation.quote());
        if let Some(note) = citation.note() {
            object.string("note", note);
        }
        object.end();
    }
    out.push(']');
    out
}

fn discrepancies_json(discrepancies: &[Discrepancy]) -> String {
    let mut out = String::from("[");
    for (i, discrepancy) in discrepancies.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut object = Object::new(&mut out);
        object.string("note", &discrepancy.note);
        object.raw("citations", &citations_json(&discrepancy.citations));
        object.end();
    }
    out.push(']');
    out
}

fn write_source(out: &mut String, source: &Source) {
    let mut object = Object::new(out);
    object.string("id", &source.id);
    object.string("publisher", &source.publisher);
    object.string("title", &source.title);
    object.string("kind", source.kind.as_str());
    object.string("format", source.format.as_str());
    object.raw("published", &date_json(&source.published));
    match &source.url {
        Some(url) => object.string("url", url),
        None => object.raw("url", "null"),
    }
    if let Some(file) = &source.text_file {
        object.string("text_file", file);
    }
    if let Some(note) = &source.note {
        object.string("note", note);
    }
    object.end();
}

fn write_area(out: &mut String, area: &FocusArea) {
    let mut object = Object::new(out);
    object.string("id", &area.id);
    object.string("name", &area.name);
    object.string("description", &area.description);
    object.raw("headings", &citations_json(&area.headings));
    if !area.citations.is_empty() {
        object.raw("citations", &citations_json(&area.citations));
    }
    object.end();
}

fn write_search_aliases(object: &mut Object<'_>, dataset: &Dataset, id: &str) {
    let aliases = dataset.search_aliases(id);
    if !aliases.is_empty() {
        object.raw("search_aliases", &strings_json(aliases));
    }
}

fn write_actor(out: &mut String, dataset: &Dataset, actor: &Actor) {
    let mut object = Object::new(out);
    object.string("id", &actor.id);
    object.string("name", &actor.name);
    if let Some(short) = &actor.short_name {
        object.string("short_name", short);
    }
    object.raw("aliases", &strings_json(&actor.aliases));
    write_search_aliases(&mut object, dataset, &actor.id);
    object.string("kind", actor.kind.as_str());
    object.string("country", actor.country.as_str());
    if let Some(role) = &actor.role {
        object.string("role", role);
    }
    if let Some(affiliation) = &actor.affiliation {
        object.string("affiliation", affiliation);
    }
    object.raw("citations", &citations_json(&actor.citations));
    object.end();
}

fn related_json(related: &[Id], in_file: &dyn Fn(&str) -> bool) -> Option<String> {
    let kept: Vec<&str> = related
        .iter()
        .map(|id| &**id)
        .filter(|id| in_file(id))
        .collect();
    (!kept.is_empty()).then(|| strings_json(&kept))
}

fn write_event(out: &mut String, dataset: &Dataset, event: &Event, in_file: &dyn Fn(&str) -> bool) {
    let mut object = Object::new(out);
    object.string("id", &event.id);
    object.string("title", event.title());
    write_search_aliases(&mut object, dataset, &event.id);
    object.string("type", event.event_type.as_str());
    object.raw("date", &date_json(&event.date));
    if !event.alternative_dates().is_empty() {
        let mut dates = String::from("[");
        for (i, alternative) in event.alternative_dates().iter().enumerate() {
            if i > 0 {
                dates.push(',');
            }
            let mut date = Object::new(&mut dates);
            date.raw("date", &date_json(&alternative.date));
            date.string("note", &alternative.note);
            date.raw("citations", &citations_json(&alternative.citations));
            date.end();
        }
        dates.push(']');
        object.raw("alternative_dates", &dates);
    }
    if event.expected {
        object.raw("expected", "true");
    }
    match event.place() {
        Some(place) => object.string("place", place),
        None => object.raw("place", "null"),
    }
    object.raw("participants", &strings_json(event.participants()));
    object.raw("focus_areas", &strings_json(event.focus_areas()));
    object.string("description", event.description());
    object.raw("citations", &citations_json(&event.citations));
    if !event.discrepancies().is_empty() {
        object.raw("discrepancies", &discrepancies_json(event.discrepancies()));
    }
    if let Some(related) = related_json(event.related(), in_file) {
        object.raw("related", &related);
    }
    object.end();
}

fn write_commitment(
    out: &mut String,
    dataset: &Dataset,
    commitment: &Commitment,
    in_file: &dyn Fn(&str) -> bool,
) {
    let mut object = Object::new(out);
    object.string("id", &commitment.id);
    object.string("title", commitment.title());
    write_search_aliases(&mut object, dataset, &commitment.id);
    object.string("description", commitment.description());
    object.raw("focus_areas", &strings_json(commitment.focus_areas()));
    object.raw("actors", &strings_json(commitment.actors()));
    object.string("announced_at", &commitment.announced_at);
    let mut history = String::from("[");
    for (i, entry) in commitment.status_history.iter().enumerate() {
        if i > 0 {
            history.push(',');
        }
        let mut status = Object::new(&mut history);
        debug_assert!(entry.status != Status::NoLaterMention);
        status.string("status", entry.status.as_str());
        status.raw("date", &date_json(&entry.date));
        if let Some(event) = &entry.event {
            status.string("event", event);
        }
        status.string("summary", &entry.summary);
        status.raw("citations", &citations_json(&entry.citations));
        status.end();
    }
    history.push(']');
    object.raw("status_history", &history);
    if !commitment.discrepancies.is_empty() {
        object.raw(
            "discrepancies",
            &discrepancies_json(&commitment.discrepancies),
        );
    }
    if let Some(related) = related_json(&commitment.related, in_file) {
        object.raw("related", &related);
    }
    object.end();
}
