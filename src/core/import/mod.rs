//! Other tools' timelines as datasets: a TimelineJS3 JSON file
//! ([`timelinejs`]) or a CSV file in the columns of TimelineJS's Google
//! Sheets template ([`csv`]).
//!
//! Both readers turn their input into [`Slide`]s, the parts of a TimelineJS
//! slide with the place of each, and [`build`] makes the dataset: every
//! event an [`Event`] of type `unspecified` without citations (the dataset
//! says [`Dataset::citations_required`] is false, and items say
//! [`NO_SOURCE`](crate::core::model::NO_SOURCE)), HTML made plain text
//! with its safe links kept, media kept as links, groups as a facet, and
//! dates of any era at the precision given.
//!
//! Problems that leave something that cannot be shown (a file that is not
//! JSON, a date that is not a number) are errors, all reported at once with
//! their place; problems that can be skipped (an unknown column, a row
//! without a date, an event without a headline) are warnings, and the rest
//! of the file is imported. Neither reader panics on any input.

pub mod csv;
mod html;
pub mod timelinejs;

use std::collections::{HashMap, HashSet};

pub use html::{safe_url, to_text as html_to_text};

use super::date::{days_in_month, Date, PartialDate, MAX_ABS_YEAR};
use super::error::{LoadError, Problem, ProblemKind};
use super::json::{quoted, LineIndex};
use super::load::FORMAT_VERSION;
use super::model::{
    Dataset, Entry, Era, Event, EventMore, EventType, Group, IdIndex, IdLists, ImportFormat,
    ImportInfo, ImportedEvent, ItemTexts, Link, Media,
};

pub use csv::import as csv;
pub use timelinejs::import as timelinejs;

/// An imported timeline: the dataset, and what was skipped or changed on
/// the way, each with its place.
#[derive(Clone, Debug)]
pub struct Imported {
    pub dataset: Dataset,
    pub warnings: Vec<Problem>,
}

/// Imports `text` in `format`.
/// Which format a text is in, by its shape: CSV unless it is a JSON object;
/// an object with `focus_areas` is our own format (`None`), any other
/// TimelineJS3 JSON.
pub fn guess_format(text: &str) -> Option<ImportFormat> {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !start.starts_with('{') {
        Some(ImportFormat::Csv)
    } else if text.contains("\"focus_areas\"") {
        None
    } else {
        Some(ImportFormat::TimelineJs)
    }
}

pub fn import(format: ImportFormat, text: &str) -> Result<Imported, LoadError> {
    match format {
        ImportFormat::TimelineJs => timelinejs(text),
        ImportFormat::Csv => csv(text),
    }
}

/// Where something is: a path (`events[2].start_date.year`, or
/// `row 3, Year`) and the byte offset of its text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Place {
    pub path: String,
    pub offset: usize,
}

/// A text value and its place.
#[derive(Clone, Debug, Default)]
pub(crate) struct Text {
    pub value: String,
    pub place: Place,
}

/// One part of a date (year, month, ...) as a whole number, and its place.
#[derive(Clone, Debug)]
pub(crate) struct Part {
    pub value: i64,
    pub place: Place,
}

/// A date as TimelineJS writes it: parts, each optional.
#[derive(Clone, Debug, Default)]
pub(crate) struct DateParts {
    pub place: Place,
    pub year: Option<Part>,
    pub month: Option<Part>,
    pub day: Option<Part>,
    pub hour: Option<Part>,
    pub minute: Option<Part>,
    pub second: Option<Part>,
    pub millisecond: Option<Part>,
    pub display_date: Option<Text>,
    /// Whether a part was given but could not be read (already reported).
    pub invalid: bool,
}

impl DateParts {
    fn is_empty(&self) -> bool {
        [
            &self.year,
            &self.month,
            &self.day,
            &self.hour,
            &self.minute,
            &self.second,
            &self.millisecond,
        ]
        .iter()
        .all(|p| p.is_none())
    }
}

/// A slide's media.
#[derive(Clone, Debug, Default)]
pub(crate) struct MediaParts {
    pub url: Option<Text>,
    pub caption: Option<Text>,
    pub credit: Option<Text>,
    pub thumbnail: Option<Text>,
}

/// A TimelineJS slide: an event, the title or an era.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slide {
    pub place: Place,
    pub start: Option<DateParts>,
    pub end: Option<DateParts>,
    pub display_date: Option<Text>,
    pub headline: Option<Text>,
    pub text: Option<Text>,
    pub media: Option<MediaParts>,
    pub group: Option<Text>,
    pub unique_id: Option<Text>,
}

/// The errors and warnings found so far, placed by line and column.
pub(crate) struct Report<'t> {
    lines: LineIndex<'t>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl<'t> Report<'t> {
    pub fn new(text: &'t str) -> Report<'t> {
        Report {
            lines: LineIndex::new(text),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn problem(&self, kind: ProblemKind, place: &Place, message: String) -> Problem {
        Problem {
            kind,
            path: place.path.clone(),
            pos: self.lines.position(place.offset),
            offset: place.offset,
            message,
        }
    }

    pub fn error(&mut self, kind: ProblemKind, place: &Place, message: impl Into<String>) {
        let problem = self.problem(kind, place, message.into());
        self.errors.push(problem);
    }

    pub fn warn(&mut self, kind: ProblemKind, place: &Place, message: impl Into<String>) {
        let problem = self.problem(kind, place, message.into());
        self.warnings.push(problem);
    }
}

/// Reads a date part written as text, as TimelineJS does: white space
/// around it is ignored, and it must be a whole number (`-` then digits).
/// Empty text is no part at all.
pub(crate) fn part_from_text(
    text: &str,
    place: Place,
    name: &str,
    report: &mut Report,
) -> Option<Part> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        report.error(
            ProblemKind::InvalidDate,
            &place,
            format!("{name} {} is not a whole number", quoted(text)),
        );
        return None;
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > 15 {
        report.error(
            ProblemKind::InvalidDate,
            &place,
            format!("{name} {} is too large", quoted(text)),
        );
        return None;
    }
    let magnitude = significant
        .bytes()
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    Some(Part {
        value: if negative { -magnitude } else { magnitude },
        place,
    })
}

/// A time of day, at the precision given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct TimeOfDay {
    hour: u8,
    minute: Option<u8>,
    second: Option<u8>,
    millisecond: Option<u16>,
}

impl TimeOfDay {
    fn label(self) -> String {
        let mut label = format!("{:02}:{:02}", self.hour, self.minute.unwrap_or(0));
        if let Some(second) = self.second {
            label.push_str(&format!(":{second:02}"));
            if let Some(ms) = self.millisecond {
                label.push_str(&format!(".{ms:03}"));
            }
        }
        label
    }

    fn milliseconds(self) -> u32 {
        ((u32::from(self.hour) * 60 + u32::from(self.minute.unwrap_or(0))) * 60
            + u32::from(self.second.unwrap_or(0)))
            * 1000
            + u32::from(self.millisecond.unwrap_or(0))
    }
}

/// The years JavaScript's dates reach; TimelineJS keeps only the year of a
/// date further off (its `BigDate`), and so does the import.
const JS_DATE_YEARS: std::ops::RangeInclusive<i64> = -271_820..=275_759;

/// The date TimelineJS shows for `parts`, at the precision given: a year,
/// a month or a day, and the time of day if any. Problems that leave no
/// date are errors; a part that cannot be used is dropped with a warning,
/// with the finer parts after it.
fn date(
    parts: &DateParts,
    what: &str,
    report: &mut Report,
) -> Option<(PartialDate, Option<TimeOfDay>)> {
    let Some(year) = &parts.year else {
        report.error(
            ProblemKind::MissingField,
            &parts.place,
            format!("the {what} has no year"),
        );
        return None;
    };
    if year.value.abs() > MAX_ABS_YEAR {
        report.error(
            ProblemKind::InvalidDate,
            &year.place,
            format!(
                "year {} is more than a trillion years from year 0",
                year.value
            ),
        );
        return None;
    }
    let y = year.value;
    let finer = [
        &parts.month,
        &parts.day,
        &parts.hour,
        &parts.minute,
        &parts.second,
        &parts.millisecond,
    ];
    let first_finer = finer.iter().find_map(|p| p.as_ref());
    if !JS_DATE_YEARS.contains(&y) {
        if let Some(part) = first_finer {
            report.warn(
                ProblemKind::InvalidDate,
                &part.place,
                format!(
                    "only the year is kept of a date as far off as year {y}, as TimelineJS does"
                ),
            );
        }
        return Some((PartialDate::Year(y), None));
    }
    let drop = |report: &mut Report, part: &Part, message: String| {
        report.warn(ProblemKind::InvalidDate, &part.place, message);
    };
    let Some(month) = &parts.month else {
        if let Some(part) = first_finer {
            drop(
                report,
                part,
                "a day or time without a month is dropped; the year is kept".into(),
            );
        }
        return Some((PartialDate::Year(y), None));
    };
    if !(1..=12).contains(&month.value) {
        drop(
            report,
            month,
            format!(
                "month {} does not exist; it is dropped, and the year kept",
                month.value
            ),
        );
        return Some((PartialDate::Year(y), None));
    }
    let m = month.value as u8;
    let Some(day) = &parts.day else {
        if let Some(part) = finer[2..].iter().find_map(|p| p.as_ref()) {
            drop(
                report,
                part,
                "a time without a day is dropped; the month is kept".into(),
            );
        }
        return Some((PartialDate::Month(y, m), None));
    };
    let days = days_in_month(y, m);
    if !(1..=i64::from(days)).contains(&day.value) {
        drop(
            report,
            day,
            format!(
                "day {} does not exist in a month of {days} days; it is dropped, and the month kept",
                day.value
            ),
        );
        return Some((PartialDate::Month(y, m), None));
    }
    let date = PartialDate::Day(y, m, day.value as u8);
    Some((date, time(parts, report)))
}

fn time(parts: &DateParts, report: &mut Report) -> Option<TimeOfDay> {
    parts.hour.as_ref()?;
    let in_range = |part: &Option<Part>,
                    max: i64,
                    name: &str,
                    report: &mut Report|
     -> Result<Option<i64>, ()> {
        match part {
            None => Ok(None),
            Some(p) if (0..=max).contains(&p.value) => Ok(Some(p.value)),
            Some(p) => {
                report.warn(
                    ProblemKind::InvalidDate,
                    &p.place,
                    format!("{name} {} is out of range; the time is dropped", p.value),
                );
                Err(())
            }
        }
    };
    let h = in_range(&parts.hour, 23, "hour", report).ok()??;
    let minute = in_range(&parts.minute, 59, "minute", report).ok()?;
    let second = in_range(&parts.second, 59, "second", report).ok()?;
    let millisecond = in_range(&parts.millisecond, 999, "millisecond", report).ok()?;
    Some(TimeOfDay {
        hour: h as u8,
        minute: minute.map(|v| v as u8),
        second: second.map(|v| v as u8),
        millisecond: millisecond.map(|v| v as u16),
    })
}

/// HTML text made plain, its links added to `links`.
fn plain(text: Option<&Text>, links: &mut Vec<Link>) -> String {
    let Some(text) = text else {
        return String::new();
    };
    let (plain, found) = html::to_text(&text.value);
    for link in found {
        if !links.contains(&link) {
            links.push(link);
        }
    }
    plain
}

/// A slide's media as a link; links in its caption and credit go to
/// `links`. Media that is HTML rather than a URL (a blockquote, an embed
/// code) is never embedded: its text, if any, is returned to be added to
/// the item's text.
fn media(
    parts: Option<&MediaParts>,
    links: &mut Vec<Link>,
    report: &mut Report,
) -> (Option<Media>, String) {
    let Some(parts) = parts else {
        return (None, String::new());
    };
    let caption = plain(parts.caption.as_ref(), links);
    let credit = plain(parts.credit.as_ref(), links);
    let mut quote = String::new();
    let mut address = |text: &Option<Text>, report: &mut Report| -> Option<String> {
        let text = text.as_ref().filter(|t| !t.value.trim().is_empty())?;
        if let Some(url) = safe_url(&text.value) {
            return Some(url.to_string());
        }
        if text.value.contains('<') {
            let shown = plain(Some(text), links);
            if !shown.is_empty() {
                quote = shown;
                return None;
            }
            report.warn(
                ProblemKind::InvalidUrl,
                &text.place,
                "media given as HTML without text (an embed code) is not shown",
            );
            return None;
        }
        report.warn(
            ProblemKind::InvalidUrl,
            &text.place,
            format!(
                "{} is not an http: or https: URL; it is not linked",
                quoted(text.value.trim())
            ),
        );
        None
    };
    let url = address(&parts.url, report);
    let thumbnail = address(&parts.thumbnail, report);
    if url.is_none() && caption.is_empty() && credit.is_empty() {
        return (None, quote);
    }
    let media = Media {
        url,
        caption,
        credit,
        thumbnail,
    };
    (Some(media), quote)
}

/// Two texts as lines of one.
fn joined(first: String, second: String) -> String {
    match (first.is_empty(), second.is_empty()) {
        (_, true) => first,
        (true, false) => second,
        (false, false) => format!("{first}\n{second}"),
    }
}

/// Latin-1 letters without their accents, for ids (`×` and `÷` are not letters).
/// À to Ï, then Ð to ß, à to ï and ð to ÿ below.
const LATIN_1: &str = "AAAAAAACEEEEIIII";
const LATIN_1_REST: [&str; 4] = [
    "DNOOOOO OUUUUYTs",
    "aaaaaaaceeeeiiii",
    "dnooooo ouuuuyty",
    "",
];

fn unaccented(c: char) -> Option<char> {
    let u = c as u32;
    let (table, base) = match u {
        0xC0..=0xCF => (LATIN_1, 0xC0),
        0xD0..=0xDF => (LATIN_1_REST[0], 0xD0),
        0xE0..=0xEF => (LATIN_1_REST[1], 0xE0),
        0xF0..=0xFF => (LATIN_1_REST[2], 0xF0),
        _ => return None,
    };
    table
        .as_bytes()
        .get((u - base) as usize)
        .map(|&b| b as char)
        .filter(|c| c.is_ascii_alphabetic())
}

/// `text` as a lower-case kebab id: ASCII letters and digits, every other
/// run of characters one hyphen; empty when nothing is left.
fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut hyphen = false;
    for c in text.chars() {
        let c = unaccented(c).unwrap_or(c);
        if c.is_ascii_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c.to_ascii_lowercase());
            if out.len() >= 60 {
                break;
            }
        } else {
            hyphen = true;
        }
    }
    out
}

/// A unique id from `wanted` (or `fallback` when it leaves nothing).
fn unique_id(wanted: &str, fallback: &str, used: &mut HashSet<String>) -> String {
    let mut base = slug(wanted);
    if base.is_empty() {
        base = fallback.to_string();
    }
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// The first words of `text`, up to about `max` characters, for a title.
fn first_words(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() <= max {
        return line.to_string();
    }
    let cut: String = line.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// The display date of a slide: the one given (as plain text), or, when
/// the date has a time of day, its label with the time.
fn display_date(
    given: Option<&Text>,
    start: (PartialDate, Option<TimeOfDay>),
    end: Option<(PartialDate, Option<TimeOfDay>)>,
) -> Option<String> {
    if let Some(given) = given {
        let (text, _) = html::to_text(&given.value);
        if !text.is_empty() {
            return Some(text);
        }
    }
    let has_time = start.1.is_some() || end.is_some_and(|e| e.1.is_some());
    if !has_time {
        return None;
    }
    let label = |(date, time): (PartialDate, Option<TimeOfDay>)| match time {
        Some(time) => format!("{}, {}", date.label(), time.label()),
        None => date.label(),
    };
    Some(match end {
        Some(end) => format!("{} to {}", label(start), label(end)),
        None => label(start),
    })
}

/// Makes the dataset from the slides read, or fails with every error.
pub(crate) fn build(
    format: ImportFormat,
    title: Option<Slide>,
    events: Vec<Slide>,
    eras: Vec<Slide>,
    mut report: Report,
) -> Result<Imported, LoadError> {
    let mut info = ImportInfo {
        format,
        links: Vec::new(),
        media: None,
        groups: Vec::new(),
        eras: Vec::new(),
    };
    let (dataset_title, description) = match &title {
        Some(slide) => {
            let headline = plain(slide.headline.as_ref(), &mut info.links);
            let text = plain(slide.text.as_ref(), &mut info.links);
            let (title_media, quote) = media(slide.media.as_ref(), &mut info.links, &mut report);
            info.media = title_media;
            (headline, joined(text, quote))
        }
        None => (String::new(), String::new()),
    };
    let dataset_title = if dataset_title.is_empty() {
        "Imported timeline".to_string()
    } else {
        dataset_title
    };

    let mut used_ids = HashSet::new();
    let mut group_ids: HashMap<String, String> = HashMap::new();
    let mut used_group_ids = HashSet::new();
    // Each event with the time of day it starts, to order events within a day.
    let mut built: Vec<(Event, u32)> = Vec::new();
    for (index, slide) in events.iter().enumerate() {
        let Some(start_parts) = slide.start.as_ref().filter(|d| !d.is_empty()) else {
            report.warn(
                ProblemKind::MissingField,
                &slide.place,
                "no start date: this event is left out",
            );
            continue;
        };
        if start_parts.invalid || slide.end.as_ref().is_some_and(|e| e.invalid) {
            continue;
        }
        let errors_before = report.errors.len();
        let start = date(start_parts, "start date", &mut report);
        let mut end = match slide.end.as_ref().filter(|d| !d.is_empty()) {
            Some(parts) => date(parts, "end date", &mut report),
            None => None,
        };
        let Some(start) = start else { continue };
        if report.errors.len() > errors_before {
            continue;
        }
        if let (Some(e), Some(parts)) = (end, &slide.end) {
            let ends = e.0.interval_days().1;
            if ends < start.0.interval_days().0 {
                report.warn(
                    ProblemKind::InvalidDate,
                    &parts.place,
                    format!(
                        "the end date ({}) is before the start date ({}); it is dropped",
                        e.0.label(),
                        start.0.label()
                    ),
                );
                end = None;
            }
        }
        let mut links = Vec::new();
        let headline = plain(slide.headline.as_ref(), &mut links);
        let description = plain(slide.text.as_ref(), &mut links);
        let (media, quote) = media(slide.media.as_ref(), &mut links, &mut report);
        let description = joined(description, quote);
        let given = slide
            .display_date
            .as_ref()
            .or(start_parts.display_date.as_ref());
        let shown_date = display_date(given, start, end);
        let title = if headline.is_empty() {
            let place = slide.headline.as_ref().map_or(&slide.place, |h| &h.place);
            report.warn(
                ProblemKind::EmptyText,
                place,
                "this event has no headline; its text or date stands in",
            );
            if description.is_empty() {
                shown_date.clone().unwrap_or_else(|| start.0.label())
            } else {
                first_words(&description, 80)
            }
        } else {
            headline
        };
        let group = slide
            .group
            .as_ref()
            .map(|g| html::to_text(&g.value).0)
            .filter(|g| !g.is_empty())
            .map(|name| {
                group_ids
                    .entry(name.clone())
                    .or_insert_with(|| {
                        let id = unique_id(&name, "group", &mut used_group_ids);
                        info.groups.push(Group {
                            id: id.clone(),
                            name,
                        });
                        id
                    })
                    .clone()
            });
        let wanted = slide
            .unique_id
            .as_ref()
            .map_or(title.as_str(), |u| u.value.as_str());
        let id = unique_id(wanted, &format!("event-{}", index + 1), &mut used_ids);
        built.push((
            Event {
                id: id.into(),
                texts: ItemTexts::new([&title, ""], &description),
                event_type: EventType::Unspecified,
                date: Date::exact(start.0),
                expected: false,
                ids: IdLists::new([Vec::new()], Vec::new()),
                citations: Box::default(),
                more: EventMore::boxed(EventMore {
                    imported: Some(ImportedEvent {
                        end_date: end.map(|e| Date::exact(e.0)),
                        display_date: shown_date,
                        group,
                        links,
                        media,
                    }),
                    ..EventMore::default()
                }),
            },
            start.1.map_or(0, TimeOfDay::milliseconds),
        ));
    }

    for slide in &eras {
        let start = slide.start.as_ref().filter(|d| !d.is_empty());
        let end = slide.end.as_ref().filter(|d| !d.is_empty());
        let (Some(start), Some(end)) = (start, end) else {
            if [&slide.start, &slide.end]
                .iter()
                .any(|d| d.as_ref().is_some_and(|d| d.invalid))
            {
                continue;
            }
            report.warn(
                ProblemKind::MissingField,
                &slide.place,
                "an era needs a start and an end date: this era is left out",
            );
            continue;
        };
        if start.invalid || end.invalid {
            continue;
        }
        let (Some(start), Some(end)) = (
            date(start, "start date", &mut report),
            date(end, "end date", &mut report),
        ) else {
            continue;
        };
        let title = plain(slide.headline.as_ref(), &mut Vec::new());
        info.eras.push(Era {
            title,
            start: Date::exact(start.0),
            end: Date::exact(end.0),
        });
    }

    if built.is_empty() && report.errors.is_empty() {
        let place = Place::default();
        report.error(
            ProblemKind::EmptyList,
            &place,
            "the timeline has no event with a start date: there is nothing to show",
        );
    }
    if !report.errors.is_empty() {
        return Err(LoadError::new(report.errors));
    }
    // Events in date order, then by time of day, then as written.
    super::order::sort_by(&mut built, |(a, a_time), (b, b_time)| {
        let a_day = a.date.value.interval_days();
        let b_day = b.date.value.interval_days();
        a_day
            .0
            .cmp(&b_day.0)
            .then(a_time.cmp(b_time))
            .then_with(|| a.date.value.cmp(&b.date.value))
    });
    let events: Vec<Box<Event>> = built
        .into_iter()
        .map(|(event, _)| Box::new(event))
        .collect();
    let ids = IdIndex::of(
        events.len(),
        events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), Entry::Event(i))),
    );
    let mut warnings = report.warnings;
    super::order::sort_by_key(&mut warnings, |p| (p.pos.line, p.pos.column));
    Ok(Imported {
        dataset: Dataset {
            version: FORMAT_VERSION,
            title: dataset_title,
            description,
            sources: Vec::new(),
            focus_areas: Vec::new(),
            actors: Vec::new(),
            events,
            commitments: Vec::new(),
            imported: Some(Box::new(info)),
            ids,
            search_aliases: Default::default(),
        },
        warnings,
    })
}
