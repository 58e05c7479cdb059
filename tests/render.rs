//! The views, natively: snapshots of every view of the minimal dataset
//! (`tests/data/render/`), and a property test that no data string can add
//! an element, an attribute or a link of its own.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::rc::Rc;

use icet_explorer::core::query::{Query, QueryIndex};
use icet_explorer::core::url_state;
use icet_explorer::core::viewport::TimelineState;
use icet_explorer::render::list::PrintCitations;
use icet_explorer::render::markup::{safe_href, Markup};
use icet_explorer::render::page::page;
use icet_explorer::render::timeline::{timeline, LabelWidths, Placement};
use icet_explorer::render::{list, summary, Context};
use icet_explorer::{load, summarize, Dataset};
use proptest::prelude::*;

/// Every view of one state, one section per view, each element on a line of its own.
fn render_all(dataset: &Dataset, query_string: &str, width: f64) -> String {
    let index = QueryIndex::build(dataset);
    let (mut state, mut warnings) = url_state::parse(query_string);
    warnings.extend(url_state::retain_known(&mut state, &index, dataset));
    let cx = Context {
        dataset,
        index: &index,
        state: &state,
        base: "",
    };
    let view = page(
        &cx,
        &|query| Rc::new(index.run(query)),
        &mut TimelineState::new(dataset),
        width,
        &LabelWidths::default(),
        PrintCitations::Included,
        Placement::Exact,
    );
    let counts = summarize(dataset);
    let mut out = format!(
        "state: {}\nview: {}\ntotal: {}\nstatus: {}\nselected filters: {}\nshow label: {}\n",
        view.state,
        view.view.key(),
        view.total,
        view.status,
        view.selected_filters,
        view.show_label
    );
    for warning in &warnings {
        out.push_str(&format!("warning: {warning}\n"));
    }
    // The summary does not depend on the state: the first view shows it.
    // The facets depend only on the filters and search: a case shows them
    // when it has some, or is the first view.
    let first_view = query_string.is_empty();
    let filtered = first_view || state.query != Query::default();
    let sections = [
        (
            "header facts",
            first_view.then(|| summary::header_facts(&counts)),
        ),
        ("summary", first_view.then(|| summary::summary(&counts))),
        ("facets", filtered.then_some(view.facets)),
        ("timeline", view.timeline),
        ("list", view.list),
        ("tracker", view.tracker),
        ("detail", view.detail),
    ];
    for (name, markup) in sections {
        if let Some(markup) = markup {
            out.push_str(&format!("\n== {name}\n{}\n", markup.replace("><", ">\n<")));
        }
    }
    out
}

#[test]
fn every_view_matches_its_snapshot() {
    let dataset = load(&support::read("tests/data/load/minimal.json")).unwrap();
    let cases = support::table("tests/data/render/cases.txt");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(line, fields)| {
            let width: f64 = fields[2].parse().expect("a width");
            let query = if fields[1] == "-" { "" } else { &fields[1] };
            let actual = render_all(&dataset, query, width);
            support::expect_file(&format!("tests/data/render/{}.html", fields[0]), &actual)
                .err()
                .map(|e| format!("line {line}: {e}"))
        })
        .collect();
    support::report(failures, cases.len());
}

#[test]
fn the_writer_escapes_text_and_values_and_refuses_unsafe_links() {
    let mut out = Markup::new();
    out.open("p")
        .attr("title", "\"><script>x</script>'")
        .text("<b>&amp;</b>\0")
        .link("javascript:alert(1)", "", "click")
        .link("HTTPS://example.org/?a=1&b=\"2\"", "", "ok")
        .link("?item=x", "", "here")
        .link("//evil.example/", "", "relative")
        .close("p");
    assert_eq!(
        out.finish(),
        "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;&#39;\">&lt;b&gt;&amp;amp;&lt;/b&gt;\
         <span>click</span><a href=\"HTTPS://example.org/?a=1&amp;b=&quot;2&quot;\">ok</a>\
         <a href=\"?item=x\">here</a><span>relative</span></p>"
    );
    for unsafe_href in [
        "javascript:x",
        " https://x",
        "data:text/html,x",
        "/x",
        "ftp://x",
        "",
    ] {
        assert!(!safe_href(unsafe_href), "{unsafe_href:?}");
    }
}

/// Element and attribute names every view may write. A data string that
/// could add markup would show up here as a name outside these lists.
const TAGS: &[&str] = &[
    "a",
    "article",
    "bdi",
    "blockquote",
    "button",
    "caption",
    "circle",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "fieldset",
    "g",
    "h2",
    "h3",
    "input",
    "label",
    "legend",
    "li",
    "line",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "rect",
    "section",
    "span",
    "strong",
    "summary",
    "svg",
    "table",
    "tbody",
    "td",
    "text",
    "th",
    "thead",
    "time",
    "tr",
    "tspan",
    "ul",
];
const ATTRIBUTES: &[&str] = &[
    "aria-current",
    "aria-disabled",
    "aria-hidden",
    "aria-label",
    "aria-labelledby",
    "checked",
    "class",
    "cx",
    "cy",
    "data-close",
    "data-facet",
    "data-first-day",
    "data-id",
    "data-key",
    "data-last-day",
    "data-step",
    "datetime",
    "height",
    "href",
    "id",
    "open",
    "r",
    "rel",
    "role",
    "rx",
    "scope",
    "tabindex",
    "text-anchor",
    "title",
    "transform",
    "type",
    "value",
    "width",
    "x",
    "x1",
    "x2",
    "y",
    "y1",
    "y2",
];

/// Scans markup as a browser would tokenise it and returns a problem, if
/// any: an unknown element or attribute, an unquoted value, an unsafe link.
fn markup_problem(markup: &str) -> Option<String> {
    let mut rest = markup;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let closing = rest.starts_with('/');
        let name_start = usize::from(closing);
        let name_end = rest[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(rest.len(), |e| e + name_start);
        let name = &rest[name_start..name_end];
        if !TAGS.contains(&name) {
            return Some(format!(
                "element {name:?} in …{}",
                &rest[..rest.len().min(80)]
            ));
        }
        rest = &rest[name_end..];
        if closing {
            continue;
        }
        loop {
            rest = rest.trim_start_matches(' ');
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let end = rest.find(['=', ' ', '>']).unwrap_or(rest.len());
            let attribute = &rest[..end];
            if !ATTRIBUTES.contains(&attribute) {
                return Some(format!("attribute {attribute:?} on <{name}>"));
            }
            rest = &rest[end..];
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"')?;
                let value = &after[..close];
                if attribute == "href" && !safe_href(&value.replace("&amp;", "&")) {
                    return Some(format!("unsafe link {value:?}"));
                }
                rest = &after[close + 1..];
            } else if rest.starts_with('=') {
                return Some(format!("unquoted value of {attribute}"));
            }
        }
    }
    None
}

/// Every text field of the minimal dataset set to `text`.
fn with_text_everywhere(text: &str) -> Option<Dataset> {
    let mut json: serde_json::Value =
        serde_json::from_str(&support::read("tests/data/load/minimal.json")).unwrap();
    fn walk(value: &mut serde_json::Value, text: &str) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, field) in map.iter_mut() {
                    let is_text = matches!(
                        key.as_str(),
                        "title"
                            | "description"
                            | "name"
                            | "short_name"
                            | "role"
                            | "publisher"
                            | "place"
                            | "summary"
                            | "note"
                            | "quote"
                    );
                    match field {
                        serde_json::Value::String(s) if is_text => *s = format!("x{text}"),
                        serde_json::Value::Array(list) if key == "aliases" => {
                            list.push(serde_json::Value::String(format!("x{text}")));
                        }
                        _ => walk(field, text),
                    }
                }
            }
            serde_json::Value::Array(list) => list.iter_mut().for_each(|v| walk(v, text)),
            _ => {}
        }
    }
    walk(&mut json, text);
    load(&json.to_string()).ok()
}

/// Elements that isolate their text from the page's words around them: a
/// `<bdi>`, an inline element the style sheet isolates (`unicode-bidi` in
/// www/style.css), or a block, which is a bidi paragraph of its own.
const ISOLATING: &[&str] = &[
    "bdi",
    "a",
    "span",
    "time",
    "mark",
    "strong",
    "label",
    "legend",
    "text",
    "p",
    "blockquote",
    "h2",
    "h3",
    "dd",
    "dt",
    "td",
    "th",
    "caption",
    "figcaption",
    "pre",
    "li",
    "summary",
];

#[test]
fn data_text_cannot_reorder_the_page_words_around_it() {
    let data = "x\u{202e}evil";
    let dataset = with_text_everywhere("\u{202e}evil").unwrap();
    let mut checked = 0;
    for query in [
        "",
        "item=isro-chairman-visit",
        "item=nasa-administrator-visit",
        "view=tracker",
    ] {
        let markup = render_all(&dataset, query, 700.0);
        let mut open: Vec<&str> = Vec::new();
        let mut rest = markup.as_str();
        while !rest.is_empty() {
            let text_end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..text_end];
            if text.contains('\u{202e}') {
                // A facet's label may add words derived from the data (a
                // source's date), inside the same isolated element.
                assert!(text.contains(data), "{text:?} in {query:?}");
                let parent = open.last().copied().unwrap_or("(none)");
                assert!(
                    ISOLATING.contains(&parent),
                    "data in <{parent}> in {query:?}"
                );
                checked += 1;
            }
            rest = &rest[text_end..];
            let Some(tag_end) = rest.find('>') else { break };
            let tag = &rest[1..tag_end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(name), "unbalanced markup in {query:?}");
            } else if !tag.starts_with("input") {
                open.push(tag.split(' ').next().unwrap_or_default());
            }
            rest = &rest[tag_end + 1..];
        }
    }
    assert!(checked > 20, "only {checked} data texts were checked");
}

fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("<".to_string()),
        Just(">".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("&".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("\" onclick=\"x".to_string()),
        Just("<a href=\"javascript:x\">".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{202e}".to_string()),
        any::<String>(),
    ];
    proptest::collection::vec(pieces, 1..6).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_data_string_adds_markup_of_its_own(text in hostile_text()) {
        let hostile = with_text_everywhere(&text);
        prop_assume!(hostile.is_some());
        let hostile = hostile.unwrap();
        let plain = with_text_everywhere("plain").unwrap();
        for query in ["", "item=isro-chairman-visit", "item=nasa-administrator-visit", "view=tracker"] {
            let markup = render_all(&hostile, query, 700.0);
            prop_assert_eq!(markup_problem(&markup), None, "{}", markup);
            // Apart from the timeline, whose layout depends on the labels'
            // widths, the views have the same elements as with plain text.
            let elements = |m: &str| {
                m.split("\n== timeline").next().unwrap_or_default().matches('<').count()
                    + m.split("\n== list").nth(1).unwrap_or_default().matches('<').count()
            };
            prop_assert_eq!(elements(&markup), elements(&render_all(&plain, query, 700.0)));
        }
    }
}

proptest! {
    /// `LabelWidths::width` reads bytes, not characters: it must give what
    /// adding one width per character gives, for any text.
    #[test]
    fn a_label_is_as_wide_as_its_characters(text in hostile_text(), seed in 0u32..1000) {
        let measured: Vec<f32> = (0..96).map(|i| ((i * 7 + seed) % 13) as f32 + 0.25).collect();
        let widths = LabelWidths::from_measured(&measured).unwrap();
        let per_character: f64 = text
            .chars()
            .map(|c| match u32::from(c) {
                code @ 32..=126 => f64::from(measured[(code - 32) as usize]),
                _ => f64::from(measured[95]),
            })
            .sum();
        prop_assert_eq!(widths.width(&text), per_character);
    }
}

#[test]
fn numbers_are_written_with_at_most_the_places_asked() {
    let cases = [
        (12.0, 1, "12"),
        (12.25, 1, "12.3"),
        (-0.5, 1, "-0.5"),
        (12.34, 2, "12.34"),
        (12.3, 2, "12.3"),
        (0.05, 2, "0.05"),
        (-0.004, 2, "0"),
        (f64::NAN, 2, "0"),
        (f64::INFINITY, 1, "0"),
    ];
    for (value, places, expected) in cases {
        let mut out = String::new();
        icet_explorer::render::markup::push_fixed(&mut out, value, places);
        assert_eq!(out, expected, "{value} to {places} places");
    }
}

/// The minimal dataset with more items: an event of 2022, eight items in
/// January 2023 (a dense month), a commitment whose status changed twice,
/// and an event of 2024; its primary source is of 2025, so an early
/// commitment has had no later mention since.
fn dense_dataset() -> Dataset {
    let mut json: serde_json::Value =
        serde_json::from_str(&support::read("tests/data/load/minimal.json")).unwrap();
    json["sources"][0]["published"] = serde_json::json!({ "value": "2025-01-06" });
    let event = json["events"][0].clone();
    let commitment = json["commitments"][0].clone();
    let mut events = vec![event.clone()];
    for (id, date) in [("launch", "2022-05"), ("spring-meeting", "2024-spring")] {
        let mut e = event.clone();
        e["id"] = id.into();
        e["title"] = format!("Event {id}").into();
        e["date"] = serde_json::json!({ "value": date });
        e["related"] = serde_json::json!([]);
        events.push(e);
    }
    let mut commitments = vec![commitment.clone()];
    for n in 1..=6 {
        let mut c = commitment.clone();
        c["id"] = format!("commitment-{n}").into();
        c["title"] = format!("Commitment {n}").into();
        commitments.push(c);
    }
    let mut changed = commitment.clone();
    changed["id"] = "changed".into();
    changed["title"] = "A commitment that moved".into();
    let first = changed["status_history"][0].clone();
    for (status, date) in [("in_progress", "2024-01-01"), ("achieved", "2024-07-01")] {
        let mut entry = first.clone();
        entry["status"] = status.into();
        entry["date"] = serde_json::json!({ "value": date });
        changed["status_history"]
            .as_array_mut()
            .unwrap()
            .push(entry);
    }
    commitments.push(changed);
    json["events"] = events.into();
    json["commitments"] = commitments.into();
    load(&json.to_string()).unwrap()
}

/// The list as the vertical timeline draws it: year headings in date order
/// (descending when newest first), a dense month as a group (open when it
/// holds the selected item), status history bars; a flat list when ranked.
#[test]
fn the_list_in_date_order_has_years_dense_months_and_status_bars() {
    let dataset = dense_dataset();
    let index = QueryIndex::build(&dataset);
    let mut out = String::new();
    for query_string in ["", "sort=-date", "item=commitment-3", "q=commitment"] {
        let (state, _) = url_state::parse(query_string);
        let cx = Context {
            dataset: &dataset,
            index: &index,
            state: &state,
            base: "",
        };
        let markup = list::list(&cx, &index.run(&state.query), 200, PrintCitations::Included);
        assert_eq!(markup_problem(&markup), None);
        out.push_str(&format!(
            "== {query_string}\n{}\n\n",
            markup.replace("><", ">\n<")
        ));
    }
    support::expect_file("tests/data/render/vertical-list.html", &out).unwrap();
}

/// The list the engine redraws is the printed list without its citations,
/// and nothing else differs.
#[test]
fn a_list_without_print_citations_differs_only_by_them() {
    let dataset = load(&support::read("data/icet.json")).unwrap();
    let index = QueryIndex::build(&dataset);
    for query_string in ["", "area=space", "q=quantum", "view=list&sort=-date"] {
        let (state, _) = url_state::parse(query_string);
        let cx = Context {
            dataset: &dataset,
            index: &index,
            state: &state,
            base: "",
        };
        let result = index.run(&state.query);
        let printed = list::list(&cx, &result, 200, PrintCitations::Included);
        let on_screen = list::list(&cx, &result, 200, PrintCitations::Omitted);
        let mut stripped = String::new();
        let mut rest = printed.as_str();
        while let Some(start) = rest.find("<ul class=\"print-citations\">") {
            stripped.push_str(&rest[..start]);
            let end = rest[start..].find("</ul>").expect("a closed citation list") + start;
            rest = &rest[end + "</ul>".len()..];
        }
        stripped.push_str(rest);
        assert!(
            printed.len() > on_screen.len() * 3 / 2,
            "{query_string}: citations are most of the list"
        );
        assert_eq!(stripped, on_screen, "{query_string}");
        assert!(!on_screen.contains("print-citations"), "{query_string}");
        // Each item prints a quote once, though its facts may share it.
        for citations in printed.split("<ul class=\"print-citations\">").skip(1) {
            let quotes: Vec<&str> = citations[..citations.find("</ul>").unwrap()]
                .split("<li>")
                .skip(1)
                .collect();
            let mut unique = quotes.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), quotes.len(), "{query_string}: {quotes:?}");
        }
    }
}

/// A timeline the page does not show (width 0: a narrow container shows the
/// list as its timeline) is not drawn; the other views are.
#[test]
fn a_hidden_timeline_is_not_drawn() {
    let dataset = load(&support::read("data/icet.json")).unwrap();
    in_context(&dataset, "area=space", |cx, index| {
        let draw = |width: f64| {
            page(
                cx,
                &|query| Rc::new(index.run(query)),
                &mut TimelineState::new(&dataset),
                width,
                &LabelWidths::default(),
                PrintCitations::Omitted,
                Placement::Exact,
            )
        };
        let hidden = draw(0.0);
        assert!(hidden.timeline.is_none());
        assert!(hidden.list.is_some_and(|list| list.contains("result")));
        assert!(draw(800.0).timeline.is_some_and(|svg| svg.contains("<svg")));
    });
}

/// Runs `view` in the context of `query_string` on `dataset`.
fn in_context<T>(
    dataset: &Dataset,
    query_string: &str,
    view: impl FnOnce(&Context, &QueryIndex) -> T,
) -> T {
    let index = QueryIndex::build(dataset);
    let (state, _) = url_state::parse(query_string);
    let cx = Context {
        dataset,
        index: &index,
        state: &state,
        base: "",
    };
    view(&cx, &index)
}

/// Timeline labels, shortened to fit (`tests/data/render/labels.txt`): the
/// case's title is given to the minimal dataset's event.
#[test]
fn labels_are_cut_at_word_boundaries_to_fit() {
    let base = support::read("tests/data/load/minimal.json");
    support::check_cases("tests/data/render/labels.txt", |fields| {
        let mut title = String::new();
        icet_explorer::core::json::write_string(&mut title, &fields[0]);
        let text = base.replacen("\"ISRO Chairman visits the United States\"", &title, 1);
        let dataset = load(&text).expect("the edited dataset loads");
        in_context(&dataset, "", |cx, index| {
            let result = index.run(&cx.state.query);
            [900.0, 240.0, 120.0]
                .into_iter()
                .map(|width| {
                    let (svg, _) = timeline(
                        cx,
                        &result,
                        &mut TimelineState::new(&dataset),
                        width,
                        &LabelWidths::default(),
                        Placement::Exact,
                    );
                    let mark = &svg[svg
                        .find("data-id=\"isro-chairman-visit\"")
                        .expect("the event's mark")..];
                    let label = &mark[mark.find("class=\"label\">").expect("its label") + 14..];
                    label[..label.find("</text>").expect("the label's end")].to_string()
                })
                .collect()
        })
    });
}

/// Both placements put every mark at the same place: the pre-rendered
/// page's percentages of the width, and the engine's pixels.
#[test]
fn placements_agree() {
    let dataset = load(&support::read("data/icet.json")).unwrap();
    in_context(&dataset, "", |cx, index| {
        let result = index.run(&cx.state.query);
        for width in [560.0, 900.0] {
            let draw = |placement| {
                let widths = LabelWidths::default();
                let mut state = TimelineState::new(&dataset);
                timeline(cx, &result, &mut state, width, &widths, placement).0
            };
            let (stretched, exact) = (draw(Placement::Stretched), draw(Placement::Exact));
            // Each place as (key, x in pixels, y), in document order.
            let places = |svg: &str, opening: &str| -> Vec<(String, f64, f64)> {
                svg.split(opening)
                    .skip(1)
                    .map(|rest| {
                        let key = rest["data-key=\"".len()..].split('"').next().unwrap();
                        let number = |name: &str| -> f64 {
                            let at = rest.find(name).unwrap() + name.len();
                            rest[at..]
                                .split(['"', '%', ' ', ')'])
                                .next()
                                .unwrap()
                                .parse()
                                .unwrap()
                        };
                        if opening.starts_with("<svg") {
                            (
                                key.to_string(),
                                number(" x=\"") * width / 100.0,
                                number(" y=\""),
                            )
                        } else {
                            let y_at = rest.find("translate(").unwrap() + "translate(".len();
                            let y = rest[y_at..]
                                .split([' ', ')'])
                                .nth(1)
                                .unwrap()
                                .parse()
                                .unwrap();
                            (key.to_string(), number("translate("), y)
                        }
                    })
                    .collect()
            };
            let stretched = places(&stretched, "<svg role=\"listitem\" ");
            let exact = places(&exact, "<g role=\"listitem\" ");
            assert!(
                stretched.len() > 20,
                "{width} px: {} marks",
                stretched.len()
            );
            assert_eq!(stretched.len(), exact.len(), "{width} px");
            for (s, e) in stretched.iter().zip(&exact) {
                assert_eq!(s.0, e.0, "{width} px: the same marks in the same order");
                assert!(
                    (s.1 - e.1).abs() < 0.1 && s.2 == e.2,
                    "{width} px: {s:?} and {e:?}"
                );
            }
        }
    });
}
