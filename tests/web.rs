//! The boundary in real browsers (`wasm-pack test --headless --chrome` and
//! `--firefox`): the real dataset and an invalid one go through the same
//! `Explorer` class the page uses, and its views are applied through the
//! page's own sink (`www/dom.js`).

#![cfg(target_arch = "wasm32")]

use icet_explorer::boundary::Explorer;
use icet_explorer::{load, summarize};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/www/dom.js")]
extern "C" {
    /// The page's one way of putting markup into the DOM.
    fn apply(container: &web_sys::Element, markup: &str);
}

/// Draws one view of `explorer.render` into `container` the way the page
/// does; returns the whole answer.
fn draw(explorer: &Explorer, container: &web_sys::Element, query: &str, view: &str) -> JsValue {
    let width = f64::from(container.client_width().max(1));
    let answer = explorer.render(query, width).unwrap();
    apply(
        container,
        &get(&answer, view).as_string().unwrap_or_default(),
    );
    answer
}

wasm_bindgen_test_configure!(run_in_browser);

const DATASET: &str = include_str!("../data/icet.json");

/// `new Explorer(json)`, as the page calls it with a JS string.
fn explorer(json: &str) -> Result<Explorer, JsValue> {
    Explorer::new(&js_sys::JsString::from(json))
}

/// The text reaches wasm memory in chunks of 256 Ki UTF-16 units; a
/// character of two units across the cut must arrive whole.
#[wasm_bindgen_test]
fn a_character_across_two_chunks_arrives_whole() {
    let title_at = DATASET.find("\"title\": \"").unwrap() + 10;
    let units_before = DATASET[..title_at].encode_utf16().count();
    // The emoji's first half is the last unit of the first chunk.
    let padding = "a".repeat(256 * 1024 - 1 - units_before);
    let json = format!(
        "{}{padding}\u{1F600}{}",
        &DATASET[..title_at],
        &DATASET[title_at..]
    );
    let explorer = explorer(&json).unwrap();
    assert!(explorer.title().starts_with(&format!("{padding}\u{1F600}")));
}
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
    let explorer = explorer(DATASET).unwrap();
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
    let error = match explorer(&broken) {
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
        assert!(explorer(text).is_err(), "{text:?} loaded");
    }
}

#[wasm_bindgen_test]
fn the_summary_is_drawn_as_text_into_the_given_container() {
    let document = web_sys::window().unwrap().document().unwrap();
    let container = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    // Data is set as text: markup in a name must show as characters, not become elements.
    let json = MINIMAL.replace("\"name\": \"Space\"", "\"name\": \"<b>Space</b>\"");
    let explorer = explorer(&json).unwrap();
    apply(
        &container,
        &get(&explorer.summary_markup().unwrap(), "tables")
            .as_string()
            .unwrap(),
    );

    let totals = container.query_selector_all(".summary-totals li").unwrap();
    assert_eq!(totals.length(), 6);
    assert_eq!(
        totals.item(0).unwrap().text_content().as_deref(),
        Some("1 event")
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
    apply(
        &container,
        &get(&explorer.summary_markup().unwrap(), "tables")
            .as_string()
            .unwrap(),
    );
    assert_eq!(container.query_selector_all("table").unwrap().length(), 4);
    container.remove();
}

#[wasm_bindgen_test]
fn a_query_string_returns_a_small_view_model_with_counts_and_warnings() {
    let explorer = explorer(DATASET).unwrap();
    let result = explorer
        .query("?area=space&kind=commitment&colour=red&sort=-date", 5)
        .unwrap();
    assert_eq!(
        get(&result, "state").as_string().as_deref(),
        Some("area=space&kind=commitment&sort=-date")
    );
    let total = number(&result, "total");
    let items: js_sys::Array = get(&result, "items").dyn_into().unwrap();
    assert!(total > 5, "{total} space commitments");
    assert_eq!(items.length(), 5, "the list is limited");
    for item in items.iter() {
        assert_eq!(
            get(&item, "kind").as_string().as_deref(),
            Some("commitment")
        );
        let areas: js_sys::Array = get(&item, "areas").dyn_into().unwrap();
        assert!(areas.includes(&JsValue::from_str("space"), 0));
    }
    let warnings: js_sys::Array = get(&result, "warnings").dyn_into().unwrap();
    assert_eq!(warnings.length(), 1);
    // Disjunctive counts: the area facet ignores its own selection.
    let facets: js_sys::Array = explorer.facets().unwrap().dyn_into().unwrap();
    let counts: js_sys::Array = get(&result, "facets").dyn_into().unwrap();
    assert_eq!(facets.length(), counts.length());
    let area: js_sys::Array = get(&facets.get(0), "values").dyn_into().unwrap();
    assert_eq!(
        get(&facets.get(0), "facet").as_string().as_deref(),
        Some("area")
    );
    assert_eq!(
        get(&counts.get(0), "facet").as_string().as_deref(),
        Some("area")
    );
    let area_counts: js_sys::Array = get(&counts.get(0), "counts").dyn_into().unwrap();
    assert_eq!(
        area.length(),
        area_counts.length(),
        "zero counts are included"
    );
    let position = |id: &str| {
        area.iter()
            .position(|v| get(&v, "value").as_string().as_deref() == Some(id))
            .unwrap() as u32
    };
    assert_eq!(
        area_counts.get(position("space")).as_f64(),
        Some(total as f64)
    );
    assert!(area_counts.get(position("defence")).as_f64().unwrap() > 0.0);
    let selected: js_sys::Array = get(&counts.get(0), "selected").dyn_into().unwrap();
    assert_eq!(selected.to_vec(), vec![JsValue::from(position("space"))]);
}

#[wasm_bindgen_test]
fn search_highlights_are_utf16_offsets_into_the_title() {
    let explorer = explorer(DATASET).unwrap();
    let result = explorer.query("q=quantum", 50).unwrap();
    let items: js_sys::Array = get(&result, "items").dyn_into().unwrap();
    assert!(items.length() > 0);
    let mut checked = 0;
    for item in items.iter() {
        let title: js_sys::JsString = get(&item, "title").dyn_into().unwrap();
        let ranges: js_sys::Array = get(&item, "titleHighlights").dyn_into().unwrap();
        for range in ranges.iter() {
            let range: js_sys::Array = range.dyn_into().unwrap();
            let (start, end) = (
                range.get(0).as_f64().unwrap() as u32,
                range.get(1).as_f64().unwrap() as u32,
            );
            let marked = String::from(title.substring(start, end)).to_lowercase();
            assert!(marked.starts_with("quantum"), "{marked:?}");
            checked += 1;
        }
    }
    assert!(checked > 0, "no title was highlighted");
}

#[wasm_bindgen_test]
fn the_order_holds_every_match_whatever_the_limit() {
    let explorer = explorer(DATASET).unwrap();
    let ids = explorer.item_ids();
    for query in [
        "q=quantum",
        "area=space&sort=-date",
        "q=engines&sort=date",
        "q=zzzz",
    ] {
        let rows: js_sys::Array = get(&explorer.query(query, 1000).unwrap(), "items")
            .dyn_into()
            .unwrap();
        let expected: Vec<String> = rows
            .iter()
            .map(|row| get(&row, "id").as_string().unwrap())
            .collect();
        let counts_only = explorer.query(query, 0).unwrap();
        let order: js_sys::Uint32Array = get(&counts_only, "order").dyn_into().unwrap();
        let ordered: Vec<String> = order
            .to_vec()
            .iter()
            .map(|&position| ids[position as usize].clone())
            .collect();
        assert_eq!(ordered, expected, "{query}");
        assert_eq!(number(&counts_only, "total"), expected.len(), "{query}");
    }
}

/// The page builds the search index some items at a time; a search before
/// it is done builds the rest, and finds what the whole index finds.
#[wasm_bindgen_test]
fn a_search_index_built_in_slices_finds_what_the_whole_one_finds() {
    let whole = explorer(DATASET).unwrap();
    assert!(whole.prepare_search(None));
    let expected = js_sys::JSON::stringify(&whole.query("q=quantum", 100).unwrap()).unwrap();
    for finish_after in [0, 1, 3] {
        let sliced = explorer(DATASET).unwrap();
        for _ in 0..finish_after {
            assert!(
                !sliced.prepare_search(Some(30)),
                "104 items are not in after 90"
            );
        }
        let found = js_sys::JSON::stringify(&sliced.query("q=quantum", 100).unwrap()).unwrap();
        assert_eq!(found, expected);
        assert!(sliced.prepare_search(Some(0)), "the search built the rest");
    }
}

#[wasm_bindgen_test]
fn hand_edited_query_strings_never_throw() {
    let explorer = explorer(DATASET).unwrap();
    for input in [
        "",
        "?",
        "%",
        "q=%E0%A4",
        "area=,,,",
        "from=2025&to=2020",
        "item=nope",
        "&&==&&",
        "q=🙂",
        "q=%22%5C%01%0A%E2%80%A8x",
    ] {
        let result = explorer
            .query(input, 10)
            .unwrap_or_else(|_| panic!("{input:?} threw"));
        assert!(get(&result, "total").as_f64().is_some());
    }
    // Quotes, backslashes and control characters survive the JSON hand-over intact.
    let result = explorer.query("q=%22%5C%01%0A%E2%80%A8x", 10).unwrap();
    assert_eq!(
        get(&result, "state").as_string().as_deref(),
        Some("q=%22%5C%01%0A%E2%80%A8x")
    );
}

fn container() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn attributes(root: &web_sys::Element, selector: &str, name: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| {
            nodes
                .item(i)
                .unwrap()
                .dyn_into::<web_sys::Element>()
                .unwrap()
                .get_attribute(name)
                .unwrap_or_default()
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_list_shows_the_results_in_order_with_marks_and_the_selection() {
    let explorer = explorer(DATASET).unwrap();
    let list = container();
    let total = number(
        &draw(&explorer, &list, "q=quantum&item=ucla-pqc-workshop", "list"),
        "total",
    );
    assert_eq!(
        total as usize,
        number(&explorer.query("q=quantum", 0).unwrap(), "total")
    );
    assert_eq!(texts(&list, "li.result").len(), total as usize);
    let marks = texts(&list, "mark");
    assert!(
        !marks.is_empty()
            && marks
                .iter()
                .all(|m| m.to_lowercase().starts_with("quantum")),
        "{marks:?}"
    );
    let ids = attributes(&list, "li.result", "data-id");
    let expected: js_sys::Array = get(&explorer.query("q=quantum", 100).unwrap(), "items")
        .dyn_into()
        .unwrap();
    let expected: Vec<String> = expected
        .iter()
        .map(|i| get(&i, "id").as_string().unwrap())
        .collect();
    assert_eq!(ids, expected, "the list has the query's order");
    // Every entry links to the same state with that item selected.
    for (id, href) in ids.iter().zip(attributes(&list, "a.result-link", "href")) {
        assert_eq!(href, format!("?q=quantum&item={id}"));
    }
    list.remove();
}

#[wasm_bindgen_test]
fn an_empty_result_says_so() {
    let explorer = explorer(DATASET).unwrap();
    let list = container();
    assert_eq!(
        number(
            &draw(&explorer, &list, "area=biotechnology&type=summit", "list"),
            "total"
        ),
        0
    );
    assert_eq!(texts(&list, "li").len(), 0);
    assert_eq!(texts(&list, "p.empty").len(), 1);
    list.remove();
}

#[wasm_bindgen_test]
fn the_detail_panel_shows_the_item_with_its_sources_and_filter_links() {
    let dataset = load(DATASET).unwrap();
    let explorer = explorer(DATASET).unwrap();
    let panel = container();
    assert!(
        !get(&draw(&explorer, &panel, "area=space", "detail"), "detail").is_string(),
        "nothing selected"
    );
    assert_eq!(panel.child_element_count(), 0);

    assert!(get(
        &draw(
            &explorer,
            &panel,
            "area=defence&item=f414-co-production",
            "detail"
        ),
        "detail"
    )
    .is_string());
    let commitment = dataset.commitment("f414-co-production").unwrap();
    assert_eq!(texts(&panel, "h2"), vec![commitment.title().to_string()]);
    let quotes = texts(&panel, "blockquote");
    // Status entries' citations, then those of the recorded disagreement.
    let item = dataset.item(dataset.item_index("f414-co-production").unwrap());
    let expected: Vec<String> = item
        .citations()
        .iter()
        .map(|c| c.quote().to_string())
        .collect();
    assert!(!commitment.discrepancies.is_empty());
    assert_eq!(quotes, expected);
    assert_eq!(
        texts(&panel, ".status-history > li").len(),
        commitment.status_history.len()
    );
    for href in attributes(&panel, "figcaption a", "href") {
        assert!(href.starts_with("https://"), "{href}");
    }
    let actor_links = attributes(&panel, ".filter-links a[href*='actor=']", "href");
    assert!(
        actor_links.contains(&"?area=defence&actor=hal&item=f414-co-production".to_string()),
        "{actor_links:?}"
    );
    panel.remove();
}

#[wasm_bindgen_test]
fn the_tracker_groups_every_matching_commitment_by_status() {
    let dataset = load(DATASET).unwrap();
    let explorer = explorer(DATASET).unwrap();
    let tracker = container();
    let shown = number(
        &draw(
            &explorer,
            &tracker,
            &format!("{}&view=tracker", "kind=event&type=meeting"),
            "tracker",
        ),
        "total",
    );
    assert_eq!(
        shown as usize,
        dataset.commitments.len(),
        "event filters do not hide commitments"
    );
    let grouped: usize = texts(&tracker, ".tracker-group li").len();
    assert_eq!(grouped, dataset.commitments.len());
    let meter: usize = texts(&tracker, ".tracker-meter strong")
        .iter()
        .map(|n| n.parse::<usize>().unwrap())
        .sum();
    assert_eq!(meter, dataset.commitments.len());
    assert_eq!(
        number(
            &draw(
                &explorer,
                &tracker,
                &format!("{}&view=tracker", "area=space"),
                "tracker"
            ),
            "total"
        ) as usize,
        dataset
            .commitments
            .iter()
            .filter(|c| c.focus_areas().iter().any(|a| &**a == "space"))
            .count()
    );
    tracker.remove();
}

#[wasm_bindgen_test]
fn the_timeline_draws_the_query_and_follows_zoom_and_selection() {
    let explorer = explorer(DATASET).unwrap();
    let timeline = container();
    timeline.set_attribute("style", "width: 1200px").unwrap();
    let query = "area=space&item=nisar-launch";
    draw(&explorer, &timeline, query, "timeline");
    let drawn = texts(&timeline, "a.mark").len() as u32;
    assert!(drawn > 0);
    // Every drawn mark is one of the query's results, and the selection is marked.
    let results = get(&explorer.query(query, 1000).unwrap(), "items")
        .dyn_into::<js_sys::Array>()
        .unwrap();
    let result_ids: Vec<String> = results
        .iter()
        .map(|i| get(&i, "id").as_string().unwrap())
        .collect();
    let mark_ids = attributes(&timeline, "a.mark", "data-id");
    assert_eq!(mark_ids.len() as u32, drawn);
    assert!(
        mark_ids.iter().all(|id| result_ids.contains(id)),
        "{mark_ids:?}"
    );
    assert_eq!(
        attributes(&timeline, "a.mark[aria-current='true']", "data-id"),
        vec!["nisar-launch".to_string()]
    );
    let years = texts(&timeline, ".axis text");
    assert!(years.iter().any(|t| t.contains("2025")), "{years:?}");

    // Zooming in about the middle shows finer ticks than quarters.
    for _ in 0..6 {
        explorer.zoom_timeline(2.0, 600.0);
    }
    draw(&explorer, &timeline, query, "timeline");
    let zoomed = texts(&timeline, ".axis text");
    assert!(
        zoomed.iter().all(|t| !t.starts_with('Q')) && zoomed != years,
        "{zoomed:?}"
    );

    // A new selection keeps the zoom; new filters fit the view to their results again.
    draw(
        &explorer,
        &timeline,
        "area=space&item=axiom-4-launch",
        "timeline",
    );
    assert_eq!(texts(&timeline, ".axis text"), zoomed);
    draw(&explorer, &timeline, "area=defence", "timeline");
    assert_ne!(texts(&timeline, ".axis text"), zoomed);
    timeline.remove();
}

/// A problem view as the page shows it: a place and a message.
fn check_problems(error: &JsValue, what: &str) {
    let problems: js_sys::Array = get(error, "problems")
        .dyn_into()
        .unwrap_or_else(|_| panic!("{what}: no problems list"));
    assert!(problems.length() > 0, "{what}: no problem");
    for problem in problems.iter() {
        assert!(number(&problem, "line") >= 1, "{what}: no line");
        assert!(number(&problem, "column") >= 1, "{what}: no column");
        let message = get(&problem, "message").as_string().unwrap_or_default();
        assert!(
            !message.is_empty() && message.len() < 600,
            "{what}: {message:?}"
        );
    }
}

#[wasm_bindgen_test]
fn hostile_files_are_refused_with_their_places_through_the_boundary() {
    let utf16: Vec<u8> = MINIMAL.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let deep = "[".repeat(100_000);
    let huge_name = format!("{{\"{}\": 1}}", "x".repeat(5_000_000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated after a mark",
            b"\xEF\xBB\xBF{\"version\": 1, \"ti".to_vec(),
            "ours",
        ),
        ("UTF-16", utf16, "ours"),
        (
            "invalid UTF-8",
            b"{\"title\": \"caf\xe9\"}".to_vec(),
            "ours",
        ),
        ("a NUL", b"{\"version\": 1,\0}".to_vec(), "ours"),
        ("nesting 100,000 deep", deep.into_bytes(), "ours"),
        ("a 5 MB unknown name", huge_name.into_bytes(), "ours"),
        (
            "a dangling reference",
            MINIMAL
                .replace(
                    "\"participants\": [\"isro\"]",
                    "\"participants\": [\"nobody\"]",
                )
                .into_bytes(),
            "ours",
        ),
        (
            "an unsafe URL",
            MINIMAL
                .replace("https://www.whitehouse.gov/example", "javascript:alert(1)")
                .into_bytes(),
            "ours",
        ),
        (
            "a CSV quote left open",
            b"Year,Headline\r\n2020,\"never closed".to_vec(),
            "csv",
        ),
        (
            "TimelineJS dates of the wrong type",
            br#"{"events": [{"start_date": {"year": "soon"}, "text": {"headline": "x"}}]}"#
                .to_vec(),
            "timelinejs",
        ),
        (
            "TimelineJS without events",
            br#"{"title": {"text": {"headline": "x"}}}"#.to_vec(),
            "auto",
        ),
    ];
    for (what, bytes, format) in &cases {
        match Explorer::open(&js_sys::Uint8Array::from(&bytes[..]), format) {
            Ok(_) => panic!("{what} opened"),
            Err(error) => check_problems(&error, what),
        }
    }
    // A sound file in each format opens.
    let timelinejs = br#"{"events": [{"start_date": {"year": 2023, "month": 1}, "text": {"headline": "<b>Bold</b> move", "text": "<a href=\"javascript:x\">bad</a> <a href=\"https://example.org/\">good</a>"}}]}"#;
    let opened = Explorer::open(&js_sys::Uint8Array::from(&timelinejs[..]), "auto").unwrap();
    let view = opened.render("item=bold-move", 600.0).unwrap();
    let detail = get(&view, "detail").as_string().unwrap_or_default();
    assert!(
        detail.contains("Bold move") && !detail.contains("<b>"),
        "{detail}"
    );
    assert!(
        detail.contains("https://example.org/") && !detail.contains("javascript:"),
        "{detail}"
    );
    assert!(Explorer::open(&js_sys::Uint8Array::from(MINIMAL.as_bytes()), "auto").is_ok());
}

#[wasm_bindgen_test]
fn printing_adds_the_citations_to_the_same_list_and_a_redraw_takes_them_away() {
    let explorer = explorer(DATASET).unwrap();
    let list = container();
    draw(&explorer, &list, "area=space", "list");
    assert!(
        texts(&list, ".print-citations").is_empty(),
        "render leaves them out"
    );
    let first = list.query_selector("li.result").unwrap().unwrap();
    apply(&list, &explorer.print_list_markup("area=space"));
    let results = texts(&list, "li.result").len();
    assert!(results > 0);
    assert_eq!(texts(&list, "li.result > .print-citations").len(), results);
    assert!(texts(&list, ".print-citations li")
        .iter()
        .all(|quote| quote.starts_with('“')));
    assert!(
        first.is_connected(),
        "the list's own nodes take the citations"
    );
    draw(&explorer, &list, "area=space", "list");
    assert!(texts(&list, ".print-citations").is_empty());
    assert!(first.is_connected());
    list.remove();
}

/// The nodes `apply` removed from the DOM (a move is a removal and an
/// insertion) while `change` ran.
fn removals(root: &web_sys::Element, change: impl FnOnce()) -> u32 {
    let ignore = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {});
    let observer = web_sys::MutationObserver::new(ignore.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    observer.observe_with_options(root, &options).unwrap();
    change();
    let records = observer.take_records();
    observer.disconnect();
    records
        .iter()
        .map(|r| {
            r.unchecked_into::<web_sys::MutationRecord>()
                .removed_nodes()
                .length()
        })
        .sum()
}

#[wasm_bindgen_test]
fn the_sink_keeps_keyed_nodes_and_moves_only_those_out_of_order() {
    let root = container();
    let keyed = |keys: &str| -> String {
        let items: String = keys
            .chars()
            .map(|k| format!("<li data-key=\"{k}\">{k}</li>"))
            .collect();
        format!("<ul>{items}</ul>")
    };
    apply(&root, &keyed("abcdefgh"));
    let node = |key: char| {
        root.query_selector(&format!("[data-key=\"{key}\"]"))
            .unwrap()
            .unwrap()
    };
    let a = node('a');
    // The first moving to the end is one move, not one for each node it passes.
    assert_eq!(removals(&root, || apply(&root, &keyed("bcdefgha"))), 1);
    assert_eq!(texts(&root, "li").concat(), "bcdefgha");
    assert!(a.is_connected() && a == node('a'), "the same node moved");
    // The last coming first is one move too.
    assert_eq!(removals(&root, || apply(&root, &keyed("abcdefgh"))), 1);
    // Going and coming: only the gone node leaves, and nothing else moves.
    let b = node('b');
    assert_eq!(removals(&root, || apply(&root, &keyed("acdefghx"))), 1);
    assert!(!b.is_connected());
    assert_eq!(texts(&root, "li").concat(), "acdefghx");
    // Equal markup changes nothing at all.
    assert_eq!(removals(&root, || apply(&root, &keyed("acdefghx"))), 0);
    root.remove();
}
