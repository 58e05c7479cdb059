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

use icet_explorer::core::export::{
    all_items, cite_item, csv, ical, ours_json, permalink, timelinejs_of, CSV_COLUMNS,
};
use icet_explorer::core::model::ItemIndex;

/// The subset the reviewed subset files are made of: a commitment (which
/// brings the event it was announced at) and an event, in that order.
fn small_subset(dataset: &Dataset) -> Vec<ItemIndex> {
    ["spanning-commitment", "season-event"]
        .iter()
        .map(|id| dataset.item_index(id).unwrap())
        .collect()
}

#[test]
fn the_small_dataset_exports_to_the_reviewed_files() {
    let dataset = small();
    let subset = small_subset(&dataset);
    let all = all_items(&dataset);
    let cite = cite_item(&dataset, subset[0], "https://example.org/icet/#top").unwrap();
    let outputs = [
        ("tests/data/export/small.csv.expected", csv(&dataset, &all)),
        ("tests/data/export/small.ics.expected", ical(&dataset, &all)),
        (
            "tests/data/export/small.subset.ours.expected.json",
            ours_json(&dataset, &subset),
        ),
        (
            "tests/data/export/small.subset.timelinejs.expected.json",
            timelinejs_of(&dataset, &subset),
        ),
        ("tests/data/export/small.cite.expected.txt", cite),
    ];
    let failures = outputs
        .iter()
        .filter_map(|(file, text)| expect_file(file, text).err())
        .collect();
    report(failures, outputs.len());
}

#[test]
fn the_timelinejs_of_every_item_is_the_whole_export() {
    for (name, dataset) in datasets() {
        assert_eq!(
            timelinejs_of(&dataset, &all_items(&dataset)),
            timelinejs(&dataset),
            "{name}"
        );
    }
}

/// Subsets of the real dataset in our own format load again, quotes and
/// all, and hold the items asked for.
#[test]
fn ours_json_of_a_subset_loads_with_the_loader() {
    let json = read("data/icet.json");
    let dataset = load(&json).unwrap();
    let mut texts = icet_explorer::SourceTexts::new();
    for source in &dataset.sources {
        if let Some(file) = &source.text_file {
            texts.insert(&source.id, &read(&format!("data/{file}")));
        }
    }
    let count = dataset.item_count() as ItemIndex;
    let subsets: Vec<Vec<ItemIndex>> = vec![
        vec![],
        all_items(&dataset),
        (0..count).step_by(7).collect(),
        (0..count).rev().step_by(3).collect(),
        vec![dataset.item_index("f414-co-production").unwrap()],
        vec![dataset.item_index("icet-capstone-meeting").unwrap()],
    ];
    for subset in subsets {
        let text = ours_json(&dataset, &subset);
        let exported = icet_explorer::load_with_sources(&text, &texts)
            .unwrap_or_else(|e| panic!("{} items: {e}\n{text}", subset.len()));
        for &i in &subset {
            let id = dataset.item(i).id();
            assert!(exported.item_index(id).is_some(), "{id} is missing");
            assert_eq!(
                dataset.search_aliases(id),
                exported.search_aliases(id),
                "{id}"
            );
        }
        if subset.len() == dataset.item_count() {
            assert_eq!(exported.item_count(), dataset.item_count());
            assert_eq!(exported.description, dataset.description);
        }
    }
}

/// The cells of a CSV text (RFC 4180), row by row.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').expect("a byte order mark");
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        row.is_empty() && cell.is_empty(),
        "the last row is not ended"
    );
    rows
}

#[test]
fn csv_has_one_row_per_item_with_its_id() {
    for (name, dataset) in datasets() {
        let subset: Vec<ItemIndex> = (0..dataset.item_count() as ItemIndex).rev().collect();
        let rows = parse_csv(&csv(&dataset, &subset));
        assert_eq!(rows[0], CSV_COLUMNS, "{name}");
        assert_eq!(rows.len(), subset.len() + 1, "{name}");
        for (row, &i) in rows[1..].iter().zip(&subset) {
            assert_eq!(row.len(), CSV_COLUMNS.len(), "{name}: {row:?}");
            assert_eq!(row[0], dataset.item(i).id(), "{name}");
        }
    }
}

/// A cell that a spreadsheet would read as a formula is defused with a
/// leading apostrophe, and keeps its text after it.
#[test]
fn csv_cells_cannot_inject_formulas() {
    let mut json: Value = serde_json::from_str(&read("tests/data/export/small.json")).unwrap();
    let attacks = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
    ];
    let events = json["events"].as_array_mut().unwrap();
    for (event, attack) in events.iter_mut().zip(attacks.iter().cycle()) {
        event["title"] = Value::from(*attack);
        event["description"] = Value::from(*attack);
        event["place"] = Value::from(*attack);
    }
    json["actors"][0]["name"] = Value::from("=cmd|'/C calc'!A0");
    json["focus_areas"][0]["name"] = Value::from("@risk");
    let dataset = load(&json.to_string()).unwrap();
    let rows = parse_csv(&csv(&dataset, &all_items(&dataset)));
    let mut checked = 0;
    for cell in rows.iter().flatten() {
        checked += 1;
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell a spreadsheet would run: {cell:?}"
        );
        if let Some(rest) = cell.strip_prefix('\'') {
            assert!(attacks.contains(&rest) || rest.starts_with(['=', '@']));
        }
    }
    assert!(rows.iter().flatten().any(|c| c == "'-2+3"));
    assert!(checked > 50);
}

#[test]
fn ical_has_one_event_per_dated_event_and_well_formed_lines() {
    for (name, dataset) in datasets() {
        let text = ical(&dataset, &all_items(&dataset));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{name}");
        assert!(text.ends_with("END:VCALENDAR\r\n"), "{name}");
        assert_eq!(
            text.matches("BEGIN:VEVENT\r\n").count(),
            dataset.events.len(),
            "{name}"
        );
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{name}: a line of {} octets", line.len());
            assert!(!line.contains('\n'), "{name}: a bare line feed");
        }
    }
}

#[test]
fn cite_item_gives_the_permanent_url_and_every_source() {
    let dataset = load(&read("data/icet.json")).unwrap();
    let item = dataset.item_index("f414-co-production").unwrap();
    let text = cite_item(&dataset, item, "https://example.org/icet/").unwrap();
    assert!(text.contains("https://example.org/icet/?item=f414-co-production"));
    for source in ["wh-2023-01-31", "wh-2025-01-06"] {
        let url = dataset.source(source).unwrap().url.clone().unwrap();
        assert!(text.contains(&url), "{text}");
    }
    assert_eq!(
        cite_item(&dataset, dataset.item_count() as ItemIndex, "x"),
        None
    );
    assert_eq!(
        permalink("https://a.org/?q=ge", "x"),
        "https://a.org/?q=ge&item=x"
    );
    assert_eq!(
        permalink("https://a.org/p#f", "x"),
        "https://a.org/p?item=x"
    );
}

/// An imported timeline's groups and media survive export: CSV has their
/// columns, TimelineJS JSON gets them back as `group` and `media` (a link,
/// with its caption and credit as escaped text).
#[test]
fn imported_groups_and_media_are_exported() {
    use icet_explorer::core::import::import;
    use icet_explorer::core::model::ImportFormat;
    let dataset = import(
        ImportFormat::TimelineJs,
        &read("tests/data/import/small.json"),
    )
    .unwrap()
    .dataset;
    let all = all_items(&dataset);
    let stretch = dataset.item_index("a-long-stretch").unwrap() as usize;
    let launch = dataset.item_index("launch").unwrap() as usize;

    let rows = parse_csv(&csv(&dataset, &all));
    let column = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    let row = &rows[1 + stretch];
    assert_eq!(row[column("group")], "Science");
    assert_eq!(row[column("media_url")], "https://example.org/video");
    assert_eq!(row[column("media_caption")], "A video");
    assert_eq!(row[column("media_credit")], "Someone");
    assert_eq!(rows[1 + launch][column("group")], "Policy");
    assert_eq!(rows[1 + launch][column("media_url")], "");

    let json: Value = serde_json::from_str(&timelinejs_of(&dataset, &all)).unwrap();
    let event = |id: &str| {
        json["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unique_id"] == id)
            .unwrap()
            .clone()
    };
    let stretch = event("a-long-stretch");
    assert_eq!(stretch["group"], "Science");
    assert_eq!(stretch["media"]["url"], "https://example.org/video");
    assert_eq!(stretch["media"]["caption"], "A video");
    assert_eq!(stretch["media"]["credit"], "Someone");
    assert_eq!(
        stretch["media"]["thumbnail"],
        "https://example.org/thumb.png"
    );
    assert_eq!(event("launch")["group"], "Policy");
    assert!(event("launch").get("media").is_none());
}
