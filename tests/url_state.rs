//! The URL-state codec: cases in `tests/data/url-state.txt`, and properties.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use icet_explorer::core::date::PartialDate;
use icet_explorer::core::page_options::{is_page_parameter, PAGE_OPTIONS};
use icet_explorer::core::query::{Facet, Query, Sort};
use icet_explorer::core::url_state::{
    parameters, parse, to_query_string, UrlState, View, MAX_TEXT_CHARS,
};
use proptest::prelude::*;
use support::check_cases;

fn check(input: &str) -> Vec<String> {
    let (state, warnings) = parse(input);
    let canonical = to_query_string(&state);
    vec![
        if canonical.is_empty() {
            "-".to_string()
        } else {
            canonical
        },
        if warnings.is_empty() {
            "-".to_string()
        } else {
            warnings.join(" / ")
        },
    ]
}

#[test]
fn url_state_cases() {
    check_cases("tests/data/url-state.txt", |fields| check(&fields[0]));
}

/// The list the page's scripts are given (`names.js`) is the parameters
/// the state is written with, in order, and none of them is the page's.
#[test]
fn the_state_is_written_with_its_listed_parameters() {
    let mut query = Query::default();
    for facet in Facet::ALL {
        query.select(facet, "a");
    }
    query.text = "b".to_string();
    query.from = Some(PartialDate::Year(2023));
    query.to = Some(PartialDate::Year(2024));
    query.sort = Sort::Relevance;
    let state = UrlState {
        query,
        item: Some("c".to_string()),
        view: View::List,
    };
    let written = to_query_string(&state);
    let keys: Vec<&str> = written
        .split('&')
        .map(|pair| pair.split_once('=').unwrap().0)
        .collect();
    assert_eq!(keys, parameters().collect::<Vec<_>>());
    for key in parameters() {
        assert!(
            !is_page_parameter(key),
            "{key} is both the state's and the page's"
        );
    }
    for option in PAGE_OPTIONS {
        assert!(is_page_parameter(option.key));
    }
}

#[test]
fn overlong_search_text_is_cut_with_a_warning() {
    let (state, warnings) = parse(&format!("q={}", "a".repeat(MAX_TEXT_CHARS + 50)));
    assert_eq!(state.query.text.chars().count(), MAX_TEXT_CHARS);
    assert_eq!(warnings.len(), 1);
}

fn facet() -> impl Strategy<Value = Facet> {
    prop::sample::select(Facet::ALL.to_vec())
}

fn date() -> impl Strategy<Value = PartialDate> {
    let forms = prop_oneof![
        (1900..=2100i32).prop_map(|y| y.to_string()),
        (1900..=2100i32, 1..=4u8).prop_map(|(y, q)| format!("{y}-Q{q}")),
        (
            1900..=2100i32,
            prop::sample::select(vec!["H1", "H2", "early", "mid", "late", "spring", "winter"])
        )
            .prop_map(|(y, w)| format!("{y}-{w}")),
        (1900..=2100i32, 1..=12u8, 1..=28u8).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
    ];
    forms.prop_map(|text| PartialDate::parse(&text).unwrap())
}

/// Any value a facet might hold: ids, but also text with spaces, escapes and
/// Unicode; never a comma, which separates values.
fn value() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}|[^\\s,][^\\x00,]{0,10}[^\\s,]"
}

fn state() -> impl Strategy<Value = UrlState> {
    (
        prop::collection::vec((facet(), prop::collection::vec(value(), 1..4)), 0..4),
        "([^\\s]([^\\x00]{0,30}[^\\s])?)?",
        prop::option::of(date()),
        prop::option::of(date()),
        prop::sample::select(vec![
            Sort::Auto,
            Sort::DateAscending,
            Sort::DateDescending,
            Sort::Relevance,
        ]),
        prop::option::of(value()),
        prop::sample::select(View::ALL.to_vec()),
    )
        .prop_map(|(selections, text, from, to, sort, item, view)| {
            let mut query = Query {
                text,
                from,
                to,
                sort,
                ..Query::default()
            };
            for (facet, values) in selections {
                for v in values {
                    query.select(facet, &v);
                }
            }
            // A range that ends before it starts is swapped on reading, so generate ordered ranges.
            if let (Some(f), Some(t)) = (query.from, query.to) {
                if f.interval().0 > t.interval().1 {
                    (query.from, query.to) = (Some(t), Some(f));
                }
            }
            UrlState { query, item, view }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn states_round_trip_through_the_query_string(state in state()) {
        let text = to_query_string(&state);
        let (read, warnings) = parse(&text);
        prop_assert_eq!(warnings, Vec::<String>::new());
        prop_assert_eq!(read, state);
    }

    #[test]
    fn any_text_reads_to_a_state_whose_canonical_form_is_stable(input in "[?&=,%+a-zA-Z0-9\\-\\x00-\\x7f\\u{80}-\\u{10ffff}]{0,60}") {
        let (state, _) = parse(&input);
        let canonical = to_query_string(&state);
        let (again, warnings) = parse(&canonical);
        prop_assert_eq!(warnings, Vec::<String>::new());
        prop_assert_eq!(to_query_string(&again), canonical);
    }
}

/// Hostile URLs: warnings quote names and values shortened, and a URL with
/// many parameters or escapes costs time linear in its length.
#[test]
fn warnings_stay_short_whatever_the_url() {
    let long = "k".repeat(10_000);
    let inputs = [
        format!("{long}=1"),
        format!("{long}=1&{long}=2"),
        format!("sort={long}"),
        format!("view={long}"),
        format!("q={}", "%zz".repeat(10_000)),
        format!("from={long}"),
        format!("item=%FF{long}"),
    ];
    for input in &inputs {
        let (_, warnings) = parse(input);
        assert!(!warnings.is_empty(), "no warning for {}", &input[..20]);
        for warning in &warnings {
            assert!(
                warning.chars().count() < 300,
                "a warning of {} characters",
                warning.chars().count()
            );
        }
    }
    let (_, warnings) = parse(&"%zz".repeat(10_000));
    assert_eq!(warnings.len(), 2, "one warning per text, not per escape");
    let many: Vec<String> = (0..50_000).map(|i| format!("p{i}=1")).collect();
    let (_, warnings) = parse(&many.join("&"));
    assert_eq!(warnings.len(), 50_000);
}

/// Inputs the fuzzer (`make fuzz`, target `url_state`) found breaking the
/// round trip, kept as regression tests.
#[test]
fn fuzz_findings_round_trip() {
    let dir = support::repo_path("tests/data/fuzz/url_state");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let input = String::from_utf8_lossy(&bytes);
        let (state, _) = parse(&input);
        let written = to_query_string(&state);
        let (again, warnings) = parse(&written);
        assert!(warnings.is_empty(), "{:?}: {warnings:?}", entry.file_name());
        assert_eq!(again, state, "{:?}", entry.file_name());
        checked += 1;
    }
    assert!(checked > 0);
}
