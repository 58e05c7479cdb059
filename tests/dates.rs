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
