//! Partial dates: a year, half, quarter, part of a year, season, month or day.
//!
//! Sources rarely give exact days ("later in 2023", "this spring"), and the
//! dataset keeps the precision they give. Every partial date covers an
//! interval of days; dates order by the start of that interval, then its end.

use super::json::quoted;
use std::cmp::Ordering;
use std::fmt;

/// A day as a count of days since 1970-01-01, for interval arithmetic.
pub type DayNumber = i32;

pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

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
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    PartOfYear(i32, YearPart),
    Season(i32, Season),
    Month(i32, u8),
    Day(i32, u8, u8),
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
        let year: i32 = year_text.parse().map_err(|_| malformed())?;
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

    pub fn year(self) -> i32 {
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

    /// The first and last day the date covers, inclusive.
    pub fn interval(self) -> (DayNumber, DayNumber) {
        let months = |y: i32, first: u8, last: u8| {
            (
                day_number(y, first, 1),
                day_number(y, last, days_in_month(y, last)),
            )
        };
        match self {
            PartialDate::Year(y) => months(y, 1, 12),
            PartialDate::Half(y, h) => months(y, 6 * h - 5, 6 * h),
            PartialDate::Quarter(y, q) => months(y, 3 * q - 2, 3 * q),
            PartialDate::PartOfYear(y, YearPart::Early) => months(y, 1, 4),
            PartialDate::PartOfYear(y, YearPart::Mid) => months(y, 5, 8),
            PartialDate::PartOfYear(y, YearPart::Late) => months(y, 9, 12),
            PartialDate::Season(y, Season::Spring) => months(y, 3, 5),
            PartialDate::Season(y, Season::Summer) => months(y, 6, 8),
            PartialDate::Season(y, Season::Autumn) => months(y, 9, 11),
            PartialDate::Season(y, Season::Winter) => (
                day_number(y - 1, 12, 1),
                day_number(y, 2, days_in_month(y, 2)),
            ),
            PartialDate::Month(y, m) => months(y, m, m),
            PartialDate::Day(y, m, d) => {
                let day = day_number(y, m, d);
                (day, day)
            }
        }
    }

    /// A reader-facing label, such as "31 January 2023" or "spring 2025".
    pub fn label(self) -> String {
        match self {
            PartialDate::Year(y) => y.to_string(),
            PartialDate::Half(y, 1) => format!("first half of {y}"),
            PartialDate::Half(y, _) => format!("second half of {y}"),
            PartialDate::Quarter(y, q) => format!("Q{q} {y}"),
            PartialDate::PartOfYear(y, YearPart::Early) => format!("early {y}"),
            PartialDate::PartOfYear(y, YearPart::Mid) => format!("mid-{y}"),
            PartialDate::PartOfYear(y, YearPart::Late) => format!("late {y}"),
            PartialDate::Season(y, season) => format!("{} {y}", season_name(season)),
            PartialDate::Month(y, m) => format!("{} {y}", MONTH_NAMES[m as usize - 1]),
            PartialDate::Day(y, m, d) => format!("{d} {} {y}", MONTH_NAMES[m as usize - 1]),
        }
    }
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

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.interval()
            .cmp(&other.interval())
            .then_with(|| self.precision().cmp(&other.precision()).reverse())
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
    pub note: Option<String>,
}

impl Date {
    pub fn exact(value: PartialDate) -> Date {
        Date {
            value,
            approximate: false,
            note: None,
        }
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn day_number(year: i32, month: u8, day: u8) -> DayNumber {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = month as i32;
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The calendar day of a day number (Howard Hinnant's `civil_from_days`).
pub fn civil_from_day_number(days: DayNumber) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    (year, month, day)
}
