//! A TimelineJS3 JSON file as a dataset.
//!
//! The file is `{"title": slide, "events": [slide], "eras": [slide],
//! "scale": "human"|"cosmological"}`. A slide has `start_date` and
//! `end_date` (`year`, `month`, `day`, `hour`, `minute`, `second`,
//! `millisecond`, each a number or a string of digits, and
//! `display_date`), `display_date`, `text` (`headline`, `text`), `media`
//! (`url`, `caption`, `credit`, `thumbnail`), `group` and `unique_id`.
//! Members TimelineJS knows but the explorer does not show (`background`,
//! `autolink`, `format`, a media's `alt`, `title`, `link`, `link_target`)
//! are ignored; members nobody knows are warned about.

use super::{build, part_from_text, DateParts, MediaParts, Part, Place, Report, Slide, Text};
use crate::core::error::{LoadError, Problem, ProblemKind};
use crate::core::json::{self, quoted, whole_number, Member, Node, Value};
use crate::core::model::ImportFormat;

/// Imports a TimelineJS3 JSON file.
pub fn import(text: &str) -> Result<super::Imported, LoadError> {
    let root = json::parse(text).map_err(|e| {
        LoadError::new(vec![Problem {
            kind: ProblemKind::Syntax,
            path: String::new(),
            pos: e.pos,
            offset: e.offset,
            message: format!("not valid JSON: {}", e.message),
        }])
    })?;
    let mut report = Report::new(text);
    let root_place = Place::default();
    let Some(members) = object(&root, &root_place, &mut report) else {
        return Err(LoadError::new(report.errors));
    };
    const ROOT: &[&str] = &["title", "events", "eras", "scale"];
    warn_unknown(members, "", ROOT, &[], &mut report);
    let title =
        get(members, "title").and_then(|node| slide(node, place("title", node), &mut report));
    let events = slides(members, "events", &mut report);
    let eras = slides(members, "eras", &mut report);
    if get(members, "events").is_none() {
        report.error(
            ProblemKind::MissingField,
            &root_place,
            "missing field \"events\": a TimelineJS file lists its events there",
        );
    }
    build(ImportFormat::TimelineJs, title, events, eras, report)
}

fn place(path: &str, node: &Node) -> Place {
    Place {
        path: path.to_string(),
        offset: node.offset,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn get<'n>(members: &'n [Member<'n>], key: &str) -> Option<&'n Node<'n>> {
    members.iter().find(|m| m.key == key).map(|m| &m.value)
}

fn object<'n>(node: &'n Node<'n>, place: &Place, report: &mut Report) -> Option<&'n [Member<'n>]> {
    match &node.value {
        Value::Object(members) => Some(members),
        other => {
            let found = other.type_name();
            report.error(
                ProblemKind::WrongType,
                place,
                format!("expected an object, found {found}"),
            );
            None
        }
    }
}

/// Warns of members that are neither `known` nor `ignored`, and of
/// members given twice (the first is used).
fn warn_unknown(
    members: &[Member],
    path: &str,
    known: &[&str],
    ignored: &[&str],
    report: &mut Report,
) {
    for (i, member) in members.iter().enumerate() {
        let place = Place {
            path: join(path, &member.key),
            offset: member.key_offset,
        };
        if members[..i].iter().any(|m| m.key == member.key) {
            report.warn(
                ProblemKind::DuplicateField,
                &place,
                format!(
                    "field {} appears more than once; the first is used",
                    quoted(&member.key)
                ),
            );
        } else if !known.contains(&&*member.key) && !ignored.contains(&&*member.key) {
            report.warn(
                ProblemKind::UnknownField,
                &place,
                format!(
                    "unknown field {} is ignored; TimelineJS reads: {}",
                    quoted(&member.key),
                    known.join(", ")
                ),
            );
        }
    }
}

fn slides(members: &[Member], key: &str, report: &mut Report) -> Vec<Slide> {
    let Some(node) = get(members, key) else {
        return Vec::new();
    };
    let Value::Array(elements) = &node.value else {
        let found = node.value.type_name();
        report.error(
            ProblemKind::WrongType,
            &place(key, node),
            format!("expected an array, found {found}"),
        );
        return Vec::new();
    };
    elements
        .iter()
        .enumerate()
        .filter_map(|(i, element)| slide(element, place(&format!("{key}[{i}]"), element), report))
        .collect()
}

fn slide(node: &Node, place: Place, report: &mut Report) -> Option<Slide> {
    let members = object(node, &place, report)?;
    const KNOWN: &[&str] = &[
        "start_date",
        "end_date",
        "display_date",
        "text",
        "media",
        "group",
        "unique_id",
    ];
    const IGNORED: &[&str] = &["background", "autolink", "type"];
    warn_unknown(members, &place.path, KNOWN, IGNORED, report);
    let path = place.path.clone();
    let mut slide = Slide {
        place,
        ..Slide::default()
    };
    slide.start =
        get(members, "start_date").and_then(|n| date(n, &join(&path, "start_date"), report));
    slide.end = get(members, "end_date").and_then(|n| date(n, &join(&path, "end_date"), report));
    slide.display_date = text_member(members, &path, "display_date", report);
    slide.group = text_member(members, &path, "group", report);
    slide.unique_id = text_member(members, &path, "unique_id", report);
    if let Some(node) = get(members, "text") {
        let text_path = join(&path, "text");
        if let Some(text) = object(node, &self::place(&text_path, node), report) {
            warn_unknown(text, &text_path, &["headline", "text"], &[], report);
            slide.headline = text_member(text, &text_path, "headline", report);
            slide.text = text_member(text, &text_path, "text", report);
        }
    }
    if let Some(node) = get(members, "media") {
        let media_path = join(&path, "media");
        if let Some(media) = object(node, &self::place(&media_path, node), report) {
            const MEDIA: &[&str] = &["url", "caption", "credit", "thumbnail"];
            const MEDIA_IGNORED: &[&str] = &["alt", "title", "link", "link_target"];
            warn_unknown(media, &media_path, MEDIA, MEDIA_IGNORED, report);
            slide.media = Some(MediaParts {
                url: text_member(media, &media_path, "url", report),
                caption: text_member(media, &media_path, "caption", report),
                credit: text_member(media, &media_path, "credit", report),
                thumbnail: text_member(media, &media_path, "thumbnail", report),
            });
        }
    }
    Some(slide)
}

/// A member that holds text: a string, or `null` (no text). Numbers are
/// taken as written (a `unique_id` of `3`).
fn text_member(members: &[Member], path: &str, key: &str, report: &mut Report) -> Option<Text> {
    let node = get(members, key)?;
    let place = place(&join(path, key), node);
    match &node.value {
        Value::String(s) => Some(Text {
            value: s.to_string(),
            place,
        }),
        Value::Number(literal) => Some(Text {
            value: literal.to_string(),
            place,
        }),
        Value::Null => None,
        other => {
            let found = other.type_name();
            report.error(
                ProblemKind::WrongType,
                &place,
                format!("expected a string, found {found}"),
            );
            None
        }
    }
}

fn date(node: &Node, path: &str, report: &mut Report) -> Option<DateParts> {
    let place = place(path, node);
    if node.value == Value::Null {
        return None;
    }
    let members = object(node, &place, report)?;
    const KNOWN: &[&str] = &[
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "millisecond",
        "display_date",
    ];
    warn_unknown(members, path, KNOWN, &["format"], report);
    let mut invalid = false;
    let mut part = |key: &str| -> Option<Part> {
        let node = get(members, key)?;
        let errors = report.errors.len();
        let part = read_part(node, path, key, report);
        invalid |= report.errors.len() > errors;
        part
    };
    let parts = DateParts {
        year: part("year"),
        month: part("month"),
        day: part("day"),
        hour: part("hour"),
        minute: part("minute"),
        second: part("second"),
        millisecond: part("millisecond"),
        display_date: None,
        invalid: false,
        place,
    };
    let display_date = text_member(members, path, "display_date", report);
    Some(DateParts {
        display_date,
        invalid,
        ..parts
    })
}

fn read_part(node: &Node, path: &str, key: &str, report: &mut Report) -> Option<Part> {
    let place = self::place(&join(path, key), node);
    match &node.value {
        Value::Number(literal) => match whole_number(literal) {
            Some(value) if value.abs() < 1_000_000_000_000_000 => Some(Part { value, place }),
            Some(_) => {
                report.error(
                    ProblemKind::InvalidDate,
                    &place,
                    format!("{key} {literal} is too large"),
                );
                None
            }
            None => {
                report.error(
                    ProblemKind::InvalidDate,
                    &place,
                    format!("{key} {literal} is not a whole number"),
                );
                None
            }
        },
        Value::String(s) => part_from_text(s, place, key, report),
        Value::Null => None,
        other => {
            let found = other.type_name();
            report.error(
                ProblemKind::WrongType,
                &place,
                format!("expected a number or a string of digits, found {found}"),
            );
            None
        }
    }
}
