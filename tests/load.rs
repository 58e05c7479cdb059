//! Loading: every kind of problem has its own small invalid dataset in
//! `tests/data/invalid/`, and `<name>.expected` lists exactly the problems
//! the loader must report for it.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::HashSet;

use icet_explorer::{load, load_with_sources, ProblemKind, SourceTexts};
use support::{expect_file, read, repo_path, report};

fn minimal_texts() -> SourceTexts {
    let mut texts = SourceTexts::new();
    texts.insert("fact-sheet", &read("tests/data/load/minimal-source.txt"));
    texts
}

fn render(json: &str) -> String {
    match load_with_sources(json, &minimal_texts()) {
        Ok(_) => "ok\n".to_string(),
        Err(error) => error
            .problems()
            .iter()
            .map(|p| format!("{} {}\n", p.kind, p))
            .collect(),
    }
}

fn invalid_cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_path("tests/data/invalid"))
        .expect("tests/data/invalid exists")
        .filter_map(|entry| {
            entry
                .ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn the_minimal_dataset_loads() {
    let dataset =
        load_with_sources(&read("tests/data/load/minimal.json"), &minimal_texts()).unwrap();
    assert_eq!(dataset.events.len(), 1);
    assert_eq!(dataset.commitments.len(), 1);
    assert_eq!(
        dataset.actor("isro").map(|a| a.name.as_str()),
        Some("Indian Space Research Organisation")
    );
    assert!(
        dataset.event("isro").is_none(),
        "an actor id is not an event id"
    );
}

#[test]
fn each_invalid_dataset_reports_exactly_its_problems() {
    let names = invalid_cases();
    let failures = names
        .iter()
        .filter_map(|name| {
            let actual = render(&read(&format!("tests/data/invalid/{name}.json")));
            expect_file(&format!("tests/data/invalid/{name}.expected"), &actual).err()
        })
        .collect();
    report(failures, names.len());
}

#[test]
fn every_problem_kind_has_an_invalid_dataset() {
    let mut seen = HashSet::new();
    for name in invalid_cases() {
        if let Err(error) = load_with_sources(
            &read(&format!("tests/data/invalid/{name}.json")),
            &minimal_texts(),
        ) {
            seen.extend(error.problems().iter().map(|p| p.kind));
        }
    }
    let all = [
        ProblemKind::Syntax,
        ProblemKind::UnknownField,
        ProblemKind::MissingField,
        ProblemKind::DuplicateField,
        ProblemKind::WrongType,
        ProblemKind::InvalidValue,
        ProblemKind::EmptyText,
        ProblemKind::InvalidId,
        ProblemKind::DuplicateId,
        ProblemKind::UnknownReference,
        ProblemKind::InvalidDate,
        ProblemKind::MissingDateNote,
        ProblemKind::EmptyQuote,
        ProblemKind::EllipsisInQuote,
        ProblemKind::QuoteNotFound,
        ProblemKind::InvalidUrl,
        ProblemKind::MissingCitation,
        ProblemKind::EmptyList,
        ProblemKind::EmptyStatusHistory,
        ProblemKind::StatusOutOfOrder,
        ProblemKind::UnsupportedVersion,
    ];
    let missing: Vec<&str> = all
        .iter()
        .filter(|k| !seen.contains(k))
        .map(|k| k.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "no invalid dataset produces: {missing:?}"
    );
}

#[test]
fn quotes_are_only_checked_when_the_source_text_is_given() {
    let json = read("tests/data/invalid/quote-not-found.json");
    assert!(load(&json).is_ok());
    assert!(load_with_sources(&json, &minimal_texts()).is_err());
}

#[test]
fn many_problems_are_all_reported_in_text_order() {
    // Breaking the same field in every record must report every one of them.
    let json = read("tests/data/load/minimal.json")
        .replace("\"citations\": [", "\"citations\": 7, \"x\": [");
    let error = load(&json).unwrap_err();
    let lines: Vec<u32> = error.problems().iter().map(|p| p.pos.line).collect();
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "problems out of order: {lines:?}"
    );
    let wrong_types = error
        .problems()
        .iter()
        .filter(|p| p.kind == ProblemKind::WrongType)
        .count();
    let citation_fields = json.matches("\"citations\": 7").count();
    assert_eq!(wrong_types, citation_fields);
}
