//! The converters to TimelineJS3 and vis-timeline: reviewed expected outputs
//! for a small dataset, and properties over the real and synthetic datasets.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::{HashMap, HashSet};

use icet_explorer::core::export::{timelinejs, vis_timeline};
use icet_explorer::core::synthetic::dataset_json;
use icet_explorer::{load, Dataset};
use serde_json::Value;
use support::{expect_file, read, report};

type Converter = fn(&Dataset) -> String;

const CONVERTERS: &[(&str, Converter)] = &[("timelinejs", timelinejs), ("vis", vis_timeline)];

fn small() -> Dataset {
    load(&read("tests/data/export/small.json")).expect("the small export dataset loads")
}

fn parse(format: &str, text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{format}: not JSON: {e}\n{text}"))
}

#[test]
fn the_small_dataset_converts_to_the_reviewed_files() {
    let dataset = small();
    let failures = CONVERTERS
        .iter()
        .filter_map(|(format, convert)| {
            expect_file(
                &format!("tests/data/export/small.{format}.expected.json"),
                &convert(&dataset),
            )
            .err()
        })
        .collect();
    report(failures, CONVERTERS.len());
}

/// The id of every converted item, from each format's own field.
fn converted_ids(format: &str, output: &Value) -> Vec<String> {
    let (list, id) = match format {
        "timelinejs" => ("events", "unique_id"),
        _ => ("items", "id"),
    };
    output[list]
        .as_array()
        .unwrap_or_else(|| panic!("{format}: no {list} array"))
        .iter()
        .map(|entry| {
            entry[id]
                .as_str()
                .expect("every entry has an id")
                .to_string()
        })
        .collect()
}

fn datasets() -> Vec<(String, Dataset)> {
    vec![
        ("small".into(), small()),
        ("real".into(), load(&read("data/icet.json")).unwrap()),
        (
            "synthetic 1000".into(),
            load(&dataset_json(1000, 1)).unwrap(),
        ),
    ]
}

#[test]
fn every_item_appears_exactly_once_in_each_format() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for (name, dataset) in datasets() {
        let expected: HashSet<String> = dataset.items().map(|i| i.id().to_string()).collect();
        for (format, convert) in CONVERTERS {
            cases += 1;
            let ids = converted_ids(format, &parse(format, &convert(&dataset)));
            let unique: HashSet<String> = ids.iter().cloned().collect();
            if ids.len() != dataset.item_count() || unique != expected {
                failures.push(format!(
                    "{name}, {format}: {} entries, {} distinct, {} items",
                    ids.len(),
                    unique.len(),
                    dataset.item_count()
                ));
            }
        }
    }
    report(failures, cases);
}

#[test]
fn every_vis_item_belongs_to_a_listed_group() {
    for (name, dataset) in datasets() {
        let output = parse("vis", &vis_timeline(&dataset));
        let groups: HashSet<&str> = output["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_str().unwrap())
            .collect();
        for item in output["items"].as_array().unwrap() {
            let group = item["group"].as_str().unwrap();
            assert!(
                groups.contains(group),
                "{name}: {item} is in no listed group"
            );
        }
    }
}

/// Every string in the output, with the key it sits under.
fn strings<'v>(value: &'v Value, key: &'v str, found: &mut Vec<(&'v str, &'v str)>) {
    match value {
        Value::String(text) => found.push((key, text)),
        Value::Array(values) => values.iter().for_each(|v| strings(v, key, found)),
        Value::Object(members) => members.iter().for_each(|(k, v)| strings(v, k, found)),
        _ => {}
    }
}

#[test]
fn markup_in_the_data_reaches_neither_format_as_markup() {
    let dataset = small();
    for (format, convert) in CONVERTERS {
        let output = parse(format, &convert(&dataset));
        let mut found = Vec::new();
        strings(&output, "", &mut found);
        for (key, text) in found {
            for injected in ["<script", "<img", "<b>", "<thing>", "<export>"] {
                assert!(
                    !text.contains(injected),
                    "{format}: {key} holds {injected}: {text}"
                );
            }
            // Only the slide body is HTML we write ourselves; every other text is plain.
            if key != "text" {
                assert!(!text.contains('<'), "{format}: {key} holds markup: {text}");
            }
        }
    }
}

#[test]
fn timelinejs_dates_keep_their_precision() {
    let output = parse("timelinejs", &timelinejs(&small()));
    let events: HashMap<&str, &Value> = output["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["unique_id"].as_str().unwrap(), e))
        .collect();
    let keys = |id: &str, field: &str| -> Vec<String> {
        let mut keys: Vec<String> = events[id][field]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    };
    assert_eq!(keys("year-event", "start_date"), ["year"]);
    assert_eq!(keys("year-event", "end_date"), Vec::<String>::new());
    assert_eq!(keys("month-event", "start_date"), ["month", "year"]);
    assert_eq!(keys("day-event", "start_date"), ["day", "month", "year"]);
    // Winter 2024 runs from December 2023 to February 2024.
    assert_eq!(
        events["season-event"]["start_date"],
        serde_json::json!({"year": 2023, "month": 12})
    );
    assert_eq!(
        events["season-event"]["end_date"],
        serde_json::json!({"year": 2024, "month": 2})
    );
    assert_eq!(
        events["season-event"]["display_date"],
        "winter 2024 (approximate)"
    );
    assert_eq!(keys("spanning-commitment", "end_date"), ["month", "year"]);
    assert_eq!(keys("single-commitment", "end_date"), Vec::<String>::new());
}
