//! Partial dates: cases in `tests/data/dates.txt` and `tests/data/date-order.txt`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use icet_explorer::core::date::civil_from_day_number;
use icet_explorer::PartialDate;
use support::{check_cases, read, table};

fn day(number: i32) -> String {
    let (y, m, d) = civil_from_day_number(number);
    format!("{y:04}-{m:02}-{d:02}")
}

fn check(input: &str) -> Vec<String> {
    match PartialDate::parse(input) {
        Ok(date) => {
            let (first, last) = date.interval();
            vec![
                date.to_string(),
                day(first),
                day(last),
                date.precision().as_str().to_string(),
                date.label(),
            ]
        }
        Err(message) => vec!["error".to_string(), message],
    }
}

#[test]
fn dates_parse_to_their_interval_and_label() {
    check_cases("tests/data/dates.txt", |fields| check(&fields[0]));
}

#[test]
fn canonical_forms_read_back_to_the_same_date() {
    for (_, fields) in table("tests/data/dates.txt")
        .iter()
        .filter(|(_, f)| f[1] != "error")
    {
        let date = PartialDate::parse(&fields[0]).unwrap();
        assert_eq!(PartialDate::parse(&date.to_string()), Ok(date));
    }
}

#[test]
fn dates_order_by_interval_start_then_end() {
    let listed: Vec<PartialDate> = read("tests/data/date-order.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| PartialDate::parse(l).unwrap())
        .collect();
    let mut sorted = listed.clone();
    sorted.reverse();
    sorted.sort();
    let show = |dates: &[PartialDate]| {
        dates
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(show(&sorted), show(&listed));
}

#[test]
fn day_numbers_round_trip_over_two_centuries() {
    let mut previous = None;
    for year in 1900..=2100 {
        for month in 1..=12u8 {
            for d in 1..=icet_explorer::core::date::days_in_month(year, month) {
                let number = icet_explorer::core::date::day_number(year, month, d);
                assert_eq!(civil_from_day_number(number), (year, month, d));
                if let Some(p) = previous {
                    assert_eq!(number, p + 1, "day numbers are consecutive");
                }
                previous = Some(number);
            }
        }
    }
}

/// Years of any era, as imported timelines have them: the interval of days
/// is exact in `i64`, never overflows, orders the dates, and saturates as a
/// `DayNumber` beyond its range.
#[test]
fn dates_of_any_era_keep_their_interval_and_order() {
    use icet_explorer::core::date::{day_number_wide, year_label, DayNumber};
    let years: [i64; 7] = [-13_800_000_000, -1, 0, 1, 9999, 10_000, 2_000_000_000];
    let labels = [
        "13.8 billion years ago",
        "2 BCE",
        "1 BCE",
        "1",
        "9999",
        "10,000",
        "2,000,000,000",
    ];
    let mut previous: Option<(i64, i64)> = None;
    for (year, label) in years.into_iter().zip(labels) {
        let date = PartialDate::Year(year);
        assert_eq!(date.label(), label);
        assert_eq!(year_label(year), label);
        let (first, last) = date.interval_days();
        assert_eq!(first, day_number_wide(year, 1, 1));
        assert_eq!(last, day_number_wide(year, 12, 31));
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        assert_eq!(
            last - first + 1,
            if leap { 366 } else { 365 },
            "year {year}"
        );
        if let Some((_, previous_last)) = previous {
            assert!(first > previous_last, "year {year} follows the one before");
        }
        previous = Some((first, last));
        let (start, end) = date.interval();
        let clamp = |d: i64| d.clamp(i64::from(DayNumber::MIN), i64::from(DayNumber::MAX));
        assert_eq!(
            (i64::from(start), i64::from(end)),
            (clamp(first), clamp(last))
        );
        assert_eq!(date.years(), (year, year));
    }
    let sorted = {
        let mut dates: Vec<PartialDate> =
            years.iter().rev().map(|&y| PartialDate::Year(y)).collect();
        dates.sort();
        dates
    };
    assert_eq!(sorted, years.map(PartialDate::Year).to_vec());
}

#[test]
fn days_of_years_bce_and_beyond_9999_round_trip() {
    use icet_explorer::core::date::{day_number, days_in_month};
    for year in [-271_820, -2000, -1, 0, 1, 9999, 10_000, 275_759] {
        for month in 1..=12u8 {
            for d in [1, days_in_month(year, month)] {
                let number = day_number(year, month, d);
                assert_eq!(civil_from_day_number(number), (year, month, d));
                assert_eq!(
                    PartialDate::Day(year, month, d).interval(),
                    (number, number)
                );
            }
        }
    }
    assert_eq!(PartialDate::Day(-1, 3, 15).label(), "15 March 2 BCE");
    assert_eq!(PartialDate::Month(0, 2).label(), "February 1 BCE");
    assert_eq!(days_in_month(0, 2), 29, "year 0 is a leap year");
}

#[test]
fn no_year_overflows_an_interval() {
    for year in [
        i64::MIN,
        i64::MIN + 1,
        -1_000_000_000_001,
        1_000_000_000_001,
        i64::MAX,
    ] {
        for date in [
            PartialDate::Year(year),
            PartialDate::Day(year, 12, 31),
            PartialDate::Season(year, icet_explorer::core::date::Season::Winter),
        ] {
            let (first, last) = date.interval_days();
            assert!(first <= last);
            let _ = date.interval();
            let _ = date.label();
        }
    }
}
