//! The boundary and the renderer in real browsers (`wasm-pack test --headless
//! --chrome` and `--firefox`): the real dataset and an invalid one go
//! through the same `Explorer` class the page uses.

#![cfg(target_arch = "wasm32")]

use icet_explorer::boundary::Explorer;
use icet_explorer::{load, summarize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DATASET: &str = include_str!("../data/icet.json");
const MINIMAL: &str = include_str!("data/load/minimal.json");

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        js_sys::Reflect::get(&v, &JsValue::from_str(key)).unwrap()
    })
}

fn number(value: &JsValue, path: &str) -> usize {
    get(value, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number")) as usize
}

#[wasm_bindgen_test]
fn the_real_dataset_loads_and_reports_its_counts() {
    let expected = summarize(&load(DATASET).unwrap());
    let explorer = Explorer::new(DATASET).unwrap();
    let summary = explorer.summary().unwrap();
    assert_eq!(number(&summary, "totals.events"), expected.events);
    assert_eq!(number(&summary, "totals.commitments"), expected.commitments);
    assert_eq!(number(&summary, "totals.actors"), expected.actors);
    assert_eq!(number(&summary, "totals.citations"), expected.citations);
    assert_eq!(
        get(&summary, "first.value").as_string().as_deref(),
        Some("2022-05")
    );
    let statuses: js_sys::Array = get(&summary, "commitmentsByStatus").dyn_into().unwrap();
    let total: usize = statuses.iter().map(|s| number(&s, "count")).sum();
    assert_eq!(total, expected.commitments);
    assert!(explorer.title().contains("iCET"));
}

#[wasm_bindgen_test]
fn an_invalid_dataset_throws_an_error_listing_every_problem() {
    let broken = MINIMAL
        .replace("\"version\": 1", "\"version\": 3")
        .replace("\"kind\": \"government\"", "\"kind\": \"agency\"");
    let error = match Explorer::new(&broken) {
        Ok(_) => panic!("an invalid dataset loaded"),
        Err(error) => error,
    };
    let error: js_sys::Error = error.dyn_into().expect("a JS Error");
    assert_eq!(String::from(error.name()), "DatasetError");
    assert!(String::from(error.message()).starts_with("The dataset has 2 problems:"));
    let problems: js_sys::Array = get(&error, "problems").dyn_into().unwrap();
    let kinds: Vec<String> = problems
        .iter()
        .map(|p| get(&p, "kind").as_string().unwrap())
        .collect();
    assert_eq!(kinds, ["unsupported_version", "invalid_value"]);
    assert_eq!(
        get(&problems.get(1), "path").as_string().as_deref(),
        Some("actors[0].kind")
    );
    assert_eq!(number(&problems.get(1), "line"), 40);
}

#[wasm_bindgen_test]
fn text_that_is_not_json_is_an_error_not_a_panic() {
    for text in ["", "{", "[1,]", "\"\\ud800\"", &"[".repeat(10_000)] {
        assert!(Explorer::new(text).is_err(), "{text:?} loaded");
    }
}

#[wasm_bindgen_test]
fn the_summary_is_drawn_as_text_into_the_given_container() {
    let document = web_sys::window().unwrap().document().unwrap();
    let container = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    // Data is set as text: markup in a name must show as characters, not become elements.
    let json = MINIMAL.replace("\"name\": \"Space\"", "\"name\": \"<b>Space</b>\"");
    let explorer = Explorer::new(&json).unwrap();
    explorer.render_summary(container.clone()).unwrap();

    let totals = container.query_selector_all(".summary-totals li").unwrap();
    assert_eq!(totals.length(), 6);
    assert_eq!(
        totals.item(0).unwrap().text_content().as_deref(),
        Some("1 events")
    );
    assert_eq!(container.query_selector_all("table").unwrap().length(), 4);
    assert_eq!(
        container
            .query_selector_all("caption")
            .unwrap()
            .item(0)
            .unwrap()
            .text_content()
            .as_deref(),
        Some("By focus area")
    );
    let area = container.query_selector("tbody th").unwrap().unwrap();
    assert_eq!(area.text_content().as_deref(), Some("<b>Space</b>"));
    assert!(container.query_selector("b").unwrap().is_none());
    let times = container.query_selector_all("time").unwrap();
    assert_eq!(times.length(), 2);
    let first: web_sys::Element = times.item(0).unwrap().dyn_into().unwrap();
    assert_eq!(first.get_attribute("datetime").as_deref(), Some("2023-01"));

    // Drawing again replaces the content rather than appending to it.
    explorer.render_summary(container.clone()).unwrap();
    assert_eq!(container.query_selector_all("table").unwrap().length(), 4);
    container.remove();
}
