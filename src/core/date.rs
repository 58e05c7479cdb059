//! Partial dates: a year, half, quarter, part of a year, season, month or day.
//!
//! Sources rarely give exact days ("later in 2023", "this spring"), and the
//! dataset keeps the precision they give. Every partial date covers an
//! interval of days; dates order by the start of that interval, then its end.

use super::json::quoted;
use std::cmp::{Ordering, Reverse};
use std::fmt;

/// A day as a count of days since 1970-01-01, for interval arithmetic.
/// It spans about 5.8 million years either side of 1970; dates further off
/// saturate at its ends (see [`PartialDate::interval`]), and
/// [`PartialDate::interval_days`] gives their exact days as `i64`.
pub type DayNumber = i32;

/// The years the dataset format (`data/README.md`) accepts.
pub const MIN_YEAR: i64 = 1900;
pub const MAX_YEAR: i64 = 2100;

/// The furthest year from year 0 that any date may have: a trillion years,
/// beyond any cosmology a timeline shows, and far from overflowing `i64`
/// day numbers.
pub const MAX_ABS_YEAR: i64 = 1_000_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YearPart {
    Early,
    Mid,
    Late,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// A date at the precision its source gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Year(i64),
    Half(i64, u8),
    Quarter(i64, u8),
    PartOfYear(i64, YearPart),
    Season(i64, Season),
    Month(i64, u8),
    Day(i64, u8, u8),
}

/// How precise a date is, from the coarsest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Half,
    PartOfYear,
    Quarter,
    Season,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Half => "half",
            Precision::PartOfYear => "part_of_year",
            Precision::Quarter => "quarter",
            Precision::Season => "season",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Parses the forms documented in `data/README.md`: `2023`, `2025-H1`,
    /// `2024-Q3`, `2025-early`, `2025-spring`, `2023-01`, `2023-01-31`.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let malformed = || {
            format!(
                "{} is not a date; expected YYYY, YYYY-H1, YYYY-Q1, YYYY-early|mid|late, \
                 YYYY-spring|summer|autumn|winter, YYYY-MM or YYYY-MM-DD",
                quoted(text)
            )
        };
        let mut parts = text.split('-');
        let year_text = parts.next().unwrap_or_default();
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        let year: i64 = year_text.parse().map_err(|_| malformed())?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(format!(
                "{} has year {year}, outside {MIN_YEAR}–{MAX_YEAR}",
                quoted(text)
            ));
        }
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() {
            return Err(malformed());
        }
        let two_digits = |s: &str| -> Option<u8> {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let date = match (second, third) {
            (None, None) => PartialDate::Year(year),
            (Some(word), None) => match word {
                "H1" => PartialDate::Half(year, 1),
                "H2" => PartialDate::Half(year, 2),
                "Q1" | "Q2" | "Q3" | "Q4" => PartialDate::Quarter(year, word.as_bytes()[1] - b'0'),
                "early" => PartialDate::PartOfYear(year, YearPart::Early),
                "mid" => PartialDate::PartOfYear(year, YearPart::Mid),
                "late" => PartialDate::PartOfYear(year, YearPart::Late),
                "spring" => PartialDate::Season(year, Season::Spring),
                "summer" => PartialDate::Season(year, Season::Summer),
                "autumn" => PartialDate::Season(year, Season::Autumn),
                "winter" => PartialDate::Season(year, Season::Winter),
                _ => {
                    let month = two_digits(word).ok_or_else(malformed)?;
                    if !(1..=12).contains(&month) {
                        return Err(format!(
                            "{} has month {month}, which does not exist",
                            quoted(text)
                        ));
                    }
                    PartialDate::Month(year, month)
                }
            },
            (Some(month_text), Some(day_text)) => {
                let month = two_digits(month_text).ok_or_else(malformed)?;
                let day = two_digits(day_text).ok_or_else(malformed)?;
                if !(1..=12).contains(&month) {
                    return Err(format!(
                        "{} has month {month}, which does not exist",
                        quoted(text)
                    ));
                }
                if day == 0 || day > days_in_month(year, month) {
                    return Err(format!(
                        "{} is not a real day: {} {year} has {} days",
                        quoted(text),
                        MONTH_NAMES[month as usize - 1],
                        days_in_month(year, month)
                    ));
                }
                PartialDate::Day(year, month, day)
            }
            (None, Some(_)) => unreachable!("split yields parts in order"),
        };
        Ok(date)
    }

    pub fn year(self) -> i64 {
        match self {
            PartialDate::Year(y)
            | PartialDate::Half(y, _)
            | PartialDate::Quarter(y, _)
            | PartialDate::PartOfYear(y, _)
            | PartialDate::Season(y, _)
            | PartialDate::Month(y, _)
            | PartialDate::Day(y, _, _) => y,
        }
    }

    pub fn precision(self) -> Precision {
        match self {
            PartialDate::Year(_) => Precision::Year,
            PartialDate::Half(..) => Precision::Half,
            PartialDate::Quarter(..) => Precision::Quarter,
            PartialDate::PartOfYear(..) => Precision::PartOfYear,
            PartialDate::Season(..) => Precision::Season,
            PartialDate::Month(..) => Precision::Month,
            PartialDate::Day(..) => Precision::Day,
        }
    }

    /// The first and last day the date covers, inclusive, saturated to
    /// the range of [`DayNumber`]: exact for any year within about 5.8
    /// million years of 1970 (every date of the dataset format), the
    /// nearest end of the range for a date further off.
    pub fn interval(self) -> (DayNumber, DayNumber) {
        let (first, last) = self.interval_days();
        (saturate(first), saturate(last))
    }

    /// The first and last day the date covers, inclusive, as days since
    /// 1970-01-01 in `i64`: exact for every year up to [`MAX_ABS_YEAR`] from
    /// year 0 (a year further off counts as that year). Dates order by it.
    pub fn interval_days(self) -> (i64, i64) {
        let (first, last) = self.unclamped_days();
        (first, last.max(first))
    }

    fn unclamped_days(self) -> (i64, i64) {
        let months = |y: i64, first: u8, last: u8| {
            let (first, last) = (first.clamp(1, 12), last.clamp(1, 12));
            (
                day_number_wide(y, first, 1),
                day_number_wide(y, last, days_in_month(y, last)),
            )
        };
        match self {
            PartialDate::Year(y) => months(y, 1, 12),
            PartialDate::Half(y, h) => months(y, (6 * h).saturating_sub(5), 6 * h),
            PartialDate::Quarter(y, q) => months(y, (3 * q).saturating_sub(2), 3 * q),
            PartialDate::PartOfYear(y, YearPart::Early) => months(y, 1, 4),
            PartialDate::PartOfYear(y, YearPart::Mid) => months(y, 5, 8),
            PartialDate::PartOfYear(y, YearPart::Late) => months(y, 9, 12),
            PartialDate::Season(y, Season::Spring) => months(y, 3, 5),
            PartialDate::Season(y, Season::Summer) => months(y, 6, 8),
            PartialDate::Season(y, Season::Autumn) => months(y, 9, 11),
            PartialDate::Season(y, Season::Winter) => (
                day_number_wide(y.saturating_sub(1), 12, 1),
                day_number_wide(y, 2, days_in_month(y, 2)),
            ),
            PartialDate::Month(y, m) => months(y, m, m),
            PartialDate::Day(y, m, d) => {
                let day = day_number_wide(y, m.clamp(1, 12), d);
                (day, day)
            }
        }
    }

    /// The first and last calendar year the date touches (winter starts
    /// in the December of the year before).
    pub fn years(self) -> (i64, i64) {
        match self {
            PartialDate::Season(y, Season::Winter) => (y.saturating_sub(1), y),
            _ => (self.year(), self.year()),
        }
    }

    /// A reader-facing label, such as "31 January 2023" or "spring 2025".
    pub fn label(self) -> String {
        match self {
            PartialDate::Year(y) => year_label(y),
            _ if !(1..=9999).contains(&self.year()) => self.label_with(year_label(self.year())),
            PartialDate::Half(y, 1) => format!("first half of {y}"),
            PartialDate::Half(y, _) => format!("second half of {y}"),
            PartialDate::Quarter(y, q) => format!("Q{q} {y}"),
            PartialDate::PartOfYear(y, YearPart::Early) => format!("early {y}"),
            PartialDate::PartOfYear(y, YearPart::Mid) => format!("mid-{y}"),
            PartialDate::PartOfYear(y, YearPart::Late) => format!("late {y}"),
            PartialDate::Season(y, season) => format!("{} {y}", season_name(season)),
            PartialDate::Month(y, m) => format!("{} {y}", month_name(m)),
            PartialDate::Day(y, m, d) => format!("{d} {} {y}", month_name(m)),
        }
    }
}

impl PartialDate {
    /// The label with `year` written for the year (years BCE, large years).
    fn label_with(self, year: String) -> String {
        let y = year;
        match self {
            PartialDate::Year(_) => y,
            PartialDate::Half(_, 1) => format!("first half of {y}"),
            PartialDate::Half(..) => format!("second half of {y}"),
            PartialDate::Quarter(_, q) => format!("Q{q} {y}"),
            PartialDate::PartOfYear(_, YearPart::Early) => format!("early {y}"),
            PartialDate::PartOfYear(_, YearPart::Mid) => format!("mid-{y}"),
            PartialDate::PartOfYear(_, YearPart::Late) => format!("late {y}"),
            PartialDate::Season(_, season) => format!("{} {y}", season_name(season)),
            PartialDate::Month(_, m) => format!("{} {y}", month_name(m)),
            PartialDate::Day(_, m, d) => format!("{d} {} {y}", month_name(m)),
        }
    }
}

fn month_name(month: u8) -> &'static str {
    MONTH_NAMES[usize::from(month.clamp(1, 12)) - 1]
}

/// A year for readers. Years are numbered astronomically, as TimelineJS and
/// JavaScript dates number them: year 0 is 1 BCE, year -1 is 2 BCE. Years
/// of five digits or more are grouped by thousands; a million years or
/// more before year 0 read as "13.8 billion years ago".
pub fn year_label(year: i64) -> String {
    if year >= 1 {
        return if year < 10_000 {
            year.to_string()
        } else {
            grouped(year.unsigned_abs())
        };
    }
    let before = 1 + year.unsigned_abs();
    if before < 10_000 {
        format!("{before} BCE")
    } else if before < 1_000_000 {
        format!("{} BCE", grouped(before))
    } else {
        let (unit, name): (u64, &str) = if before >= 1_000_000_000 {
            (1_000_000_000, "billion")
        } else {
            (1_000_000, "million")
        };
        // One decimal, rounded, written by hand (no float formatting).
        let tenths = ((u128::from(before) * 10 + u128::from(unit) / 2) / u128::from(unit)) as u64;
        let (whole, tenth) = (tenths / 10, tenths % 10);
        if tenth == 0 {
            format!("{} {name} years ago", grouped(whole))
        } else {
            format!("{}.{tenth} {name} years ago", grouped(whole))
        }
    }
}

/// `n` with a comma between each group of three digits.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn season_name(season: Season) -> &'static str {
    match season {
        Season::Spring => "spring",
        Season::Summer => "summer",
        Season::Autumn => "autumn",
        Season::Winter => "winter",
    }
}

impl fmt::Display for PartialDate {
    /// The canonical form, which `parse` reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PartialDate::Year(y) => write!(f, "{y}"),
            PartialDate::Half(y, h) => write!(f, "{y}-H{h}"),
            PartialDate::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            PartialDate::PartOfYear(y, part) => {
                let word = match part {
                    YearPart::Early => "early",
                    YearPart::Mid => "mid",
                    YearPart::Late => "late",
                };
                write!(f, "{y}-{word}")
            }
            PartialDate::Season(y, season) => write!(f, "{y}-{}", season_name(season)),
            PartialDate::Month(y, m) => write!(f, "{y}-{m:02}"),
            PartialDate::Day(y, m, d) => write!(f, "{y}-{m:02}-{d:02}"),
        }
    }
}

impl PartialDate {
    /// What dates are ordered by: their interval, then the finer date
    /// first. Sorting many dates computes it once for each.
    pub fn order_key(self) -> ((i64, i64), Reverse<Precision>) {
        (self.interval_days(), Reverse(self.precision()))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A date as the dataset records it: the value, and whether it is inferred.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    pub value: PartialDate,
    pub approximate: bool,
    /// How an approximate date was inferred (see [`Date::note`]). Boxed
    /// apart: few dates have one, and its room made every date 8 bytes
    /// larger in wasm (every event and status entry holds a date). A
    /// box of a `String` is one pointer, where a `String` is three words.
    #[allow(clippy::box_collection)]
    note: Option<Box<String>>,
}

impl Date {
    pub fn exact(value: PartialDate) -> Date {
        Date::new(value, false, None)
    }

    pub fn new(value: PartialDate, approximate: bool, note: Option<String>) -> Date {
        Date {
            value,
            approximate,
            note: note.map(Box::new),
        }
    }

    /// How an approximate date was inferred, if the data says.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref().map(String::as_str)
    }
}

pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn saturate(day: i64) -> DayNumber {
    day.clamp(i64::from(DayNumber::MIN), i64::from(DayNumber::MAX)) as DayNumber
}

/// Days since 1970-01-01, saturated to the range of [`DayNumber`] (see
/// [`day_number_wide`]).
pub fn day_number(year: i64, month: u8, day: u8) -> DayNumber {
    saturate(day_number_wide(year, month, day))
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`), in `i64`;
/// a year beyond [`MAX_ABS_YEAR`] counts as that year, so nothing overflows.
pub fn day_number_wide(year: i64, month: u8, day: u8) -> i64 {
    let year = year.clamp(-MAX_ABS_YEAR, MAX_ABS_YEAR);
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The calendar day of a day number (Howard Hinnant's `civil_from_days`).
pub fn civil_from_day_number(days: DayNumber) -> (i64, u8, u8) {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
