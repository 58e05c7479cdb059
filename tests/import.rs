//! Importing other tools' timelines: every `.json` (TimelineJS3) and `.csv`
//! (TimelineJS's sheet template) file in `tests/data/import/` is imported,
//! and what comes out (the dataset, or the errors, and the warnings) is
//! compared with `<name>.expected` (`UPDATE_EXPECT=1` rewrites them).

#![cfg(not(target_arch = "wasm32"))]

mod support;

use icet_explorer::core::import::{self, Imported};
use icet_explorer::core::model::{Item, Media, NO_SOURCE};
use icet_explorer::core::query::{Facet, Query, QueryIndex};
use icet_explorer::{load, LoadError, ProblemKind};
use proptest::prelude::*;
use support::{expect_file, read, repo_path, report};

fn import_file(name: &str) -> Result<Imported, LoadError> {
    let text = read(&format!("tests/data/import/{name}"));
    if name.ends_with(".csv") {
        import::csv(&text)
    } else {
        import::timelinejs(&text)
    }
}

fn media_line(media: &Media) -> String {
    format!(
        "  media: url {:?}, caption {:?}, credit {:?}, thumbnail {:?}\n",
        media.url, media.caption, media.credit, media.thumbnail
    )
}

/// Everything an import gives, one fact a line.
fn render(result: &Result<Imported, LoadError>) -> String {
    let mut out = String::new();
    let imported = match result {
        Err(error) => {
            for problem in error.problems() {
                out.push_str(&format!("error {} {problem}\n", problem.kind));
            }
            return out;
        }
        Ok(imported) => imported,
    };
    let dataset = &imported.dataset;
    let info = dataset.imported.as_deref().expect("an import says so");
    out.push_str(&format!("format: {}\n", info.format.as_str()));
    out.push_str(&format!("title: {:?}\n", dataset.title));
    out.push_str(&format!("description: {:?}\n", dataset.description));
    for link in &info.links {
        out.push_str(&format!("title link: {:?} {}\n", link.text, link.url));
    }
    if let Some(media) = &info.media {
        out.push_str(&media_line(media).replacen("  media", "title media", 1));
    }
    for group in &info.groups {
        out.push_str(&format!("group: {} {:?}\n", group.id, group.name));
    }
    for era in &info.eras {
        out.push_str(&format!(
            "era: {:?} {} to {}\n",
            era.title, era.start.value, era.end.value
        ));
    }
    for event in &dataset.events {
        out.push_str(&format!("event {}: {:?}\n", event.id, event.title()));
        out.push_str(&format!(
            "  date: {} ({}, {:?})",
            event.date.value,
            event.date.value.precision().as_str(),
            event.date.value.label()
        ));
        if let Some(end) = event.end_date() {
            out.push_str(&format!(" to {} ({:?})", end.value, end.value.label()));
        }
        out.push('\n');
        let (first, last) = event.date.value.interval_days();
        out.push_str(&format!("  days: {first}..{last}\n"));
        if let Some(display) = event.display_date() {
            out.push_str(&format!("  display date: {display:?}\n"));
        }
        if let Some(group) = event.group() {
            out.push_str(&format!("  group: {group}\n"));
        }
        if !event.description().is_empty() {
            out.push_str(&format!("  text: {:?}\n", event.description()));
        }
        for link in event.links() {
            out.push_str(&format!("  link: {:?} {}\n", link.text, link.url));
        }
        if let Some(media) = event.media() {
            out.push_str(&media_line(media));
        }
    }
    for warning in &imported.warnings {
        out.push_str(&format!("warning {} {warning}\n", warning.kind));
    }
    out
}

fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_path("tests/data/import"))
        .expect("tests/data/import exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_str()?.to_string();
            (name.ends_with(".json") || name.ends_with(".csv")).then_some(name)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn each_file_imports_as_expected() {
    let names = cases();
    let failures = names
        .iter()
        .filter_map(|name| {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            let actual = render(&import_file(name));
            expect_file(&format!("tests/data/import/{stem}.expected"), &actual).err()
        })
        .collect();
    report(failures, names.len());
}

#[test]
fn timelinejs_template_sheet_opens_as_it_is() {
    let imported = import_file("women-in-computing.csv").expect("the template imports");
    let dataset = &imported.dataset;
    assert_eq!(dataset.title, "Women in Computing");
    assert_eq!(dataset.events.len(), 10);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let ada = dataset
        .event("ada-lovelace")
        .expect("ids come from headlines");
    assert_eq!(ada.date.value.to_string(), "1815-12-10");
    assert_eq!(
        ada.end_date().map(|d| d.value.to_string()).as_deref(),
        Some("1852-11-27")
    );
    assert!(ada
        .links()
        .iter()
        .any(|l| l.url == "https://en.wikipedia.org/wiki/Ada_Lovelace"));
}

#[test]
fn every_problem_names_its_place() {
    for name in cases()
        .iter()
        .filter(|n| n.starts_with("broken") || n.starts_with("empty"))
    {
        let error = import_file(name).expect_err(name);
        for problem in error.problems() {
            assert!(
                problem.pos.line >= 1 && problem.pos.column >= 1,
                "{name}: {problem}"
            );
            let placed = !problem.path.is_empty() || problem.kind == ProblemKind::Syntax;
            assert!(
                placed || name.starts_with("empty"),
                "{name}: {problem} has no path"
            );
        }
    }
}

#[test]
fn imported_items_need_no_citations_but_ours_do() {
    let ours = load(&read("data/icet.json")).unwrap();
    assert!(ours.citations_required());
    let imported = import_file("small.json").unwrap().dataset;
    assert!(!imported.citations_required());
    assert!(imported.items().all(|item| item.citations().is_empty()));
    assert_eq!(NO_SOURCE, "No source given");
}

#[test]
fn groups_become_a_facet_only_where_there_are_groups() {
    let dataset = import_file("small.json").unwrap().dataset;
    let index = QueryIndex::build(&dataset);
    assert_eq!(index.facets(), vec![Facet::Group, Facet::Year]);
    let groups: Vec<(&str, &str)> = index.values(Facet::Group).collect();
    assert_eq!(groups, vec![("policy", "Policy"), ("science", "Science")]);
    let mut query = Query::default();
    query.select(Facet::Group, "policy");
    let result = index.run(&query);
    let ids: Vec<&str> = result.items.iter().map(|&i| dataset.item(i).id()).collect();
    assert_eq!(ids, vec!["launch-2", "launch"]);
    let group_counts = result
        .facets
        .iter()
        .find(|f| f.facet == Facet::Group)
        .unwrap();
    assert_eq!(group_counts.counts, vec![2, 1]);

    let ungrouped = import_file("extreme-dates.json").unwrap().dataset;
    assert_eq!(QueryIndex::build(&ungrouped).facets(), vec![Facet::Year]);
}

#[test]
fn dates_of_any_era_sort_and_index() {
    let dataset = import_file("extreme-dates.json").unwrap().dataset;
    let dates: Vec<_> = dataset.items().map(|item| item.date().value).collect();
    assert!(dates.windows(2).all(|pair| pair[0] <= pair[1]), "{dates:?}");
    let index = QueryIndex::build(&dataset);
    let result = index.run(&Query::default());
    assert_eq!(result.items.len(), dataset.item_count());
    let years: Vec<&str> = index.values(Facet::Year).map(|(value, _)| value).collect();
    assert_eq!(years.first(), Some(&"-13800000000"));
    assert_eq!(years.last(), Some(&"2000000000"));
    let big_bang = dataset.items().find(|i| i.title() == "Big Bang").unwrap();
    assert!(matches!(big_bang, Item::Event(_)));
}

#[test]
fn the_html_of_a_text_is_never_kept_as_markup() {
    let imported = import_file("html.json").unwrap();
    for event in &imported.dataset.events {
        for text in [event.title(), event.description()] {
            assert!(
                !text.contains("<script") && !text.contains("<a ") && !text.contains("alert"),
                "{text}"
            );
        }
        for link in event.links() {
            assert!(
                link.url.starts_with("https://")
                    || link.url.starts_with("http://")
                    || link.url.starts_with("HTTPS://")
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_text_makes_an_importer_panic(text in "\\PC*") {
        let _ = import::timelinejs(&text);
        let _ = import::csv(&text);
    }

    #[test]
    fn no_sheet_like_text_makes_the_csv_importer_panic(
        text in "(Year,Month,Day,Time,Headline,Text,Type,Group\r?\n)?([-0-9a-z, \"\r\n:<>&;#]{0,40}){0,8}"
    ) {
        let _ = import::csv(&text);
    }

    #[test]
    fn no_timeline_like_text_makes_the_json_importer_panic(
        year in "-?[0-9]{1,20}(\\.[0-9])?",
        month in "-?[0-9]{1,3}",
        day in "-?[0-9]{1,3}",
        hour in "[0-9]{0,3}",
        headline in "[<>a-z/&;# \"=]{0,30}",
    ) {
        let text = format!(
            r#"{{"events":[{{"start_date":{{"year":{year},"month":"{month}","day":{day},"hour":"{hour}"}},"end_date":{{"year":"{year}"}},"text":{{"headline":{headline:?}}}}}]}}"#
        );
        let _ = import::timelinejs(&text);
    }
}
