//! A CSV file in the columns of TimelineJS's Google Sheets template as a
//! dataset: a newsroom's sheet, downloaded as CSV, opens as it is.
//!
//! The columns are Year, Month, Day, Time, End Year, End Month, End Day,
//! End Time, Display Date, Headline, Text, Media, Media Credit, Media
//! Caption, Media Thumbnail, Type, Group and Background, found by their
//! header (case and white space do not matter, nor their order). Type
//! `title` makes the title slide (the first; later ones are events, as in
//! TimelineJS), `era` an era; anything else an event. Background is not
//! shown. As TimelineJS does, white space and commas inside the numbers
//! are ignored (`1,815`).
//!
//! The text is read as RFC 4180 says: fields separated by commas, records
//! by CRLF or LF, fields in double quotes may hold commas, quotes (doubled)
//! and line breaks. A byte-order mark at the start is skipped. Rows are
//! numbered as in the spreadsheet: the header is row 1.

use super::{build, part_from_text, DateParts, MediaParts, Part, Place, Report, Slide, Text};
use crate::core::error::{LoadError, ProblemKind};
use crate::core::json::quoted;
use crate::core::model::ImportFormat;

/// The template's columns, as their headers read once folded (see [`fold`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Year,
    Month,
    Day,
    Time,
    EndYear,
    EndMonth,
    EndDay,
    EndTime,
    DisplayDate,
    Headline,
    Text,
    Media,
    MediaCredit,
    MediaCaption,
    MediaThumbnail,
    Type,
    Group,
    Background,
}

const COLUMNS: [(Column, &str); 18] = [
    (Column::Year, "Year"),
    (Column::Month, "Month"),
    (Column::Day, "Day"),
    (Column::Time, "Time"),
    (Column::EndYear, "End Year"),
    (Column::EndMonth, "End Month"),
    (Column::EndDay, "End Day"),
    (Column::EndTime, "End Time"),
    (Column::DisplayDate, "Display Date"),
    (Column::Headline, "Headline"),
    (Column::Text, "Text"),
    (Column::Media, "Media"),
    (Column::MediaCredit, "Media Credit"),
    (Column::MediaCaption, "Media Caption"),
    (Column::MediaThumbnail, "Media Thumbnail"),
    (Column::Type, "Type"),
    (Column::Group, "Group"),
    (Column::Background, "Background"),
];

/// A header folded for matching: ASCII letters in lower case, white space,
/// underscores and hyphens dropped (`End Year`, `end_year`, `ENDYEAR`).
fn fold(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// One field of a record: its text (quotes undone) and the byte offset
/// where it starts.
#[derive(Clone, Debug)]
struct Cell {
    text: String,
    offset: usize,
}

/// Imports a CSV file in the columns of TimelineJS's Google Sheets template.
pub fn import(text: &str) -> Result<super::Imported, LoadError> {
    let mut report = Report::new(text);
    // After an unterminated quote the records read before it are still
    // checked, so that their problems are reported too.
    let records = records(text, &mut report);
    let mut rows = records.into_iter().enumerate();
    let Some((_, header)) = rows.next() else {
        report.error(
            ProblemKind::EmptyList,
            &Place::default(),
            "the file is empty: expected a header row (Year, Month, Day, …, Headline, Text, …)",
        );
        return Err(LoadError::new(report.errors));
    };
    // Each header cell's column, or `None` for one that is unknown or repeated.
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.len());
    for (i, cell) in header.iter().enumerate() {
        let place = Place {
            path: format!("row 1, column {}", i + 1),
            offset: cell.offset,
        };
        let folded = fold(&cell.text);
        let column = COLUMNS
            .iter()
            .find(|(_, name)| fold(name) == folded)
            .map(|(c, _)| *c);
        match column {
            _ if folded.is_empty() => columns.push(None),
            Some(c) if columns.contains(&Some(c)) => {
                report.warn(
                    ProblemKind::DuplicateField,
                    &place,
                    format!(
                        "column {} appears more than once; the first is used",
                        quoted(cell.text.trim())
                    ),
                );
                columns.push(None);
            }
            Some(c) => columns.push(Some(c)),
            None => {
                let names: Vec<&str> = COLUMNS.iter().map(|(_, name)| *name).collect();
                report.warn(
                    ProblemKind::UnknownField,
                    &place,
                    format!(
                        "unknown column {} is ignored; the template's columns are: {}",
                        quoted(cell.text.trim()),
                        names.join(", ")
                    ),
                );
                columns.push(None);
            }
        }
    }
    if !columns.contains(&Some(Column::Year)) {
        let offset = header.first().map_or(0, |c| c.offset);
        report.error(
            ProblemKind::MissingField,
            &Place {
                path: "row 1".into(),
                offset,
            },
            "no Year column: is the first row the header of TimelineJS's template (Year, Month, Day, …)?",
        );
        return Err(LoadError::new(report.errors));
    }

    let mut title = None;
    let mut events = Vec::new();
    let mut eras = Vec::new();
    for (index, record) in rows {
        let row = index + 1;
        if record.iter().all(|cell| cell.text.trim().is_empty()) {
            continue;
        }
        let row_offset = record.first().map_or(0, |c| c.offset);
        for (i, cell) in record.iter().enumerate().skip(columns.len()) {
            if !cell.text.trim().is_empty() {
                report.warn(
                    ProblemKind::UnknownField,
                    &Place {
                        path: format!("row {row}, column {}", i + 1),
                        offset: cell.offset,
                    },
                    "this cell has no column header; it is ignored",
                );
            }
        }
        let cell = |column: Column| -> Option<Text> {
            let i = columns.iter().position(|c| *c == Some(column))?;
            let name = COLUMNS
                .iter()
                .find(|(c, _)| *c == column)
                .map_or("", |(_, n)| *n);
            let place = Place {
                path: format!("row {row}, {name}"),
                offset: record.get(i).map_or(row_offset, |c| c.offset),
            };
            let cell = record.get(i)?;
            (!cell.text.trim().is_empty()).then(|| Text {
                value: cell.text.clone(),
                place,
            })
        };
        let slide_place = Place {
            path: format!("row {row}"),
            offset: row_offset,
        };
        let start = date(
            [Column::Year, Column::Month, Column::Day, Column::Time].map(&cell),
            &slide_place,
            &mut report,
        );
        let end = date(
            [
                Column::EndYear,
                Column::EndMonth,
                Column::EndDay,
                Column::EndTime,
            ]
            .map(&cell),
            &slide_place,
            &mut report,
        );
        let media = [
            Column::Media,
            Column::MediaCredit,
            Column::MediaCaption,
            Column::MediaThumbnail,
        ]
        .map(&cell);
        let [url, credit, caption, thumbnail] = media;
        let slide = Slide {
            place: slide_place.clone(),
            start,
            end,
            display_date: cell(Column::DisplayDate),
            headline: cell(Column::Headline),
            text: cell(Column::Text),
            media: Some(MediaParts {
                url,
                caption,
                credit,
                thumbnail,
            }),
            group: cell(Column::Group),
            unique_id: None,
        };
        let kind = cell(Column::Type).map(|t| fold(&t.value));
        match kind.as_deref() {
            Some("title") if title.is_none() => title = Some(slide),
            Some("title") => {
                report.warn(
                    ProblemKind::InvalidValue,
                    &slide_place,
                    "a second title slide: it is read as an event, as TimelineJS does",
                );
                events.push(slide);
            }
            Some("era") => eras.push(slide),
            Some("") | Some("event") | None => events.push(slide),
            Some(_) => {
                if let Some(kind) = cell(Column::Type) {
                    report.warn(
                        ProblemKind::InvalidValue,
                        &kind.place,
                        format!(
                            "type {} is neither title nor era; the row is read as an event",
                            quoted(kind.value.trim())
                        ),
                    );
                }
                events.push(slide);
            }
        }
    }
    build(ImportFormat::Csv, title, events, eras, report)
}

/// A date from its Year, Month, Day and Time cells; `None` when all are empty.
fn date(cells: [Option<Text>; 4], row: &Place, report: &mut Report) -> Option<DateParts> {
    let [year, month, day, time] = cells;
    if year.is_none() && month.is_none() && day.is_none() && time.is_none() {
        return None;
    }
    // As TimelineJS's sheet reader does: drop white space and commas.
    let number = |text: Option<Text>, name: &str, report: &mut Report| -> Option<Part> {
        let text = text?;
        let cleaned: String = text
            .value
            .chars()
            .filter(|c| !c.is_whitespace() && *c != ',')
            .collect();
        part_from_text(&cleaned, text.place, name, report)
    };
    let given = [&year, &month, &day].map(Option::is_some);
    let mut parts = DateParts {
        place: year
            .as_ref()
            .map_or_else(|| row.clone(), |y| y.place.clone()),
        year: number(year, "year", report),
        month: number(month, "month", report),
        day: number(day, "day", report),
        ..DateParts::default()
    };
    parts.invalid = given != [&parts.year, &parts.month, &parts.day].map(Option::is_some);
    if let Some(time) = time {
        match parse_time(&time.value) {
            Some((hour, minute, second, millisecond)) => {
                let part = |value: Option<u32>| {
                    value.map(|v| Part {
                        value: i64::from(v),
                        place: time.place.clone(),
                    })
                };
                parts.hour = part(Some(hour));
                parts.minute = part(minute);
                parts.second = part(second);
                parts.millisecond = part(millisecond);
            }
            None => report.warn(
                ProblemKind::InvalidDate,
                &time.place,
                format!(
                    "time {} is not a time such as 14:30, 2:30 PM or 14:30:05; it is dropped",
                    quoted(time.value.trim())
                ),
            ),
        }
    }
    Some(parts)
}

/// A time of day as a sheet writes it: `H`, `H:MM`, `H:MM:SS` or
/// `H:MM:SS.mmm`, optionally followed by `AM` or `PM` (or `a`, `p`).
/// Returns hour, minute, second and millisecond, the last three when given.
#[allow(clippy::type_complexity)]
fn parse_time(text: &str) -> Option<(u32, Option<u32>, Option<u32>, Option<u32>)> {
    let text = text.trim();
    let lower: String = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    let (clock, meridian) = if let Some(rest) = lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("a.m."))
        .or_else(|| lower.strip_suffix('a'))
    {
        (rest.trim_end(), Some(false))
    } else if let Some(rest) = lower
        .strip_suffix("pm")
        .or_else(|| lower.strip_suffix("p.m."))
        .or_else(|| lower.strip_suffix('p'))
    {
        (rest.trim_end(), Some(true))
    } else {
        (lower.as_str(), None)
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.bytes().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let mut pieces = clock.split(':');
    let mut hour = number(pieces.next()?, 2)?;
    let minute = pieces
        .next()
        .map(|m| number(m, 2))
        .map_or(Ok(None), |m| m.map(Some).ok_or(()));
    let minute = minute.ok()?;
    let (second, millisecond) = match pieces.next() {
        None => (None, None),
        Some(s) => {
            let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
            let second = number(whole, 2)?;
            let millisecond = if fraction.is_empty() {
                None
            } else {
                // Milliseconds: the first three digits of the fraction.
                let digits: String = fraction.chars().chain("00".chars()).take(3).collect();
                Some(number(&digits, 3)?)
            };
            (Some(second), millisecond)
        }
    };
    if pieces.next().is_some() {
        return None;
    }
    match meridian {
        Some(pm) if (1..=12).contains(&hour) => hour = hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    (hour <= 23 && minute.map_or(true, |m| m <= 59) && second.map_or(true, |s| s <= 59))
        .then_some((hour, minute, second, millisecond))
}

/// The records of `text`, each a list of cells. An unterminated quoted
/// field is an error (where it starts); a quote inside an unquoted field
/// is kept as text, and so is text after a closing quote, with a warning.
fn records(text: &str, report: &mut Report) -> Vec<Vec<Cell>> {
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let bytes = text.as_bytes();
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut at = start;
    let mut row = 1;
    if at >= bytes.len() {
        return records;
    }
    loop {
        let cell_start = at;
        let mut value = String::new();
        if bytes.get(at) == Some(&b'"') {
            at += 1;
            loop {
                let Some(close) = text[at..].find('"') else {
                    report.error(
                        ProblemKind::Syntax,
                        &Place {
                            path: format!("row {row}, column {}", record.len() + 1),
                            offset: cell_start,
                        },
                        "this quoted field has no closing quote",
                    );
                    return records;
                };
                value.push_str(&text[at..at + close]);
                at += close + 1;
                if bytes.get(at) == Some(&b'"') {
                    value.push('"');
                    at += 1;
                } else {
                    break;
                }
            }
            // Anything between the closing quote and the separator is kept.
            let rest_end = text[at..]
                .find([',', '\n', '\r'])
                .map_or(text.len(), |e| at + e);
            if rest_end > at {
                report.warn(
                    ProblemKind::Syntax,
                    &Place {
                        path: format!("row {row}, column {}", record.len() + 1),
                        offset: at,
                    },
                    "text after the closing quote of a field is kept as part of it",
                );
                value.push_str(&text[at..rest_end]);
                at = rest_end;
            }
        } else {
            let end = text[at..]
                .find([',', '\n', '\r'])
                .map_or(text.len(), |e| at + e);
            value.push_str(&text[at..end]);
            at = end;
        }
        record.push(Cell {
            text: value,
            offset: cell_start,
        });
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b'\r') | Some(b'\n') => {
                if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at += 1;
                }
                at += 1;
                records.push(std::mem::take(&mut record));
                row += 1;
                if at >= bytes.len() {
                    return records;
                }
            }
            _ => {
                records.push(record);
                return records;
            }
        }
    }
}
