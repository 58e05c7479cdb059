//! The real dataset, `data/icet.json`: it loads, every quote is verbatim in
//! its source, it matches its JSON Schema, and the README's counts are true.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use icet_explorer::core::model::{
    ActorKind, Citation, Dataset, EventType, Item, SourceKind, Status,
};
use icet_explorer::core::search::SearchIndex;
use icet_explorer::{load, load_with_sources, summarize, SourceTexts, Summary};
use support::{expect_file, read, repo_path};

/// The press pieces are not redistributed; their text is read from the seed
/// documents beside the repository (`../shared/seeds/`), which CI provides.
const PRESS_SEEDS: &[(&str, &str)] = &[
    ("civilsdaily-icet-explainer", "000_3704a0fa66262fac.txt"),
    (
        "civilsdaily-defence-partnership",
        "002_c370b1df5dfc8922.txt",
    ),
    ("abp-doval-blinken", "003_175a6e8b8f40f6af.txt"),
];

fn dataset_json() -> String {
    read("data/icet.json")
}

fn stored_texts(dataset: &Dataset) -> SourceTexts {
    let mut texts = SourceTexts::new();
    for source in &dataset.sources {
        if let Some(file) = &source.text_file {
            texts.insert(&source.id, &read(&format!("data/{file}")));
        }
    }
    texts
}

#[test]
fn the_dataset_loads_without_problems() {
    if let Err(error) = load(&dataset_json()) {
        panic!("{error}");
    }
}

#[test]
fn every_primary_source_has_a_stored_text_and_every_quote_from_it_is_verbatim() {
    let json = dataset_json();
    let dataset = load(&json).unwrap();
    let texts = stored_texts(&dataset);
    for source in dataset
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Primary)
    {
        assert!(
            texts.has(&source.id),
            "primary source {} has no text_file",
            source.id
        );
    }
    if let Err(error) = load_with_sources(&json, &texts) {
        panic!("{error}");
    }
}

#[test]
fn every_quote_from_the_press_pieces_is_verbatim_in_the_seed_documents() {
    let seeds = repo_path("../shared/seeds");
    if !seeds.is_dir() {
        // CI always has the seeds beside the clone; there, their absence is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide the seed documents at {}",
            seeds.display()
        );
        eprintln!(
            "warning: {} not found; press quotes not checked",
            seeds.display()
        );
        return;
    }
    let json = dataset_json();
    let dataset = load(&json).unwrap();
    let mut texts = SourceTexts::new();
    for (id, file) in PRESS_SEEDS {
        assert!(dataset.source(id).is_some(), "no source {id}");
        texts.insert(id, &std::fs::read_to_string(seeds.join(file)).unwrap());
    }
    let press_quotes = dataset.citations().filter(|c| texts.has(&c.source)).count();
    assert!(press_quotes > 20, "only {press_quotes} press quotes");
    if let Err(error) = load_with_sources(&json, &texts) {
        panic!("{error}");
    }
}

#[test]
fn the_dataset_covers_the_whole_initiative() {
    let dataset = load(&dataset_json()).unwrap();
    let summary = summarize(&dataset);
    assert!(
        summary.events + summary.commitments >= 90,
        "{} items",
        summary.events + summary.commitments
    );
    assert!(summary.actors >= 60, "{} actors", summary.actors);
    assert_eq!(summary.sources, 5);
    assert_eq!(summary.first.map(|d| d.year()), Some(2022));
    assert_eq!(
        dataset.reviewed_through().map(|d| d.to_string()),
        Some("2025-01-06".to_string())
    );
    // Every source is cited, and the two fact sheets carry most of the weight.
    for source in &dataset.sources {
        assert!(
            dataset.citations().any(|c| *c.source == *source.id),
            "{} is never cited",
            source.id
        );
    }
    let primary = dataset
        .citations()
        .filter(|c| c.source.starts_with("wh-"))
        .count();
    assert!(
        primary * 2 > summary.citations,
        "{primary} of {} citations are primary",
        summary.citations
    );
}

#[test]
fn commitments_follow_the_2023_promises_to_the_2025_fact_sheet() {
    let dataset = load(&dataset_json()).unwrap();
    let engines = dataset
        .commitment("f414-co-production")
        .expect("the jet engine commitment");
    let sources: Vec<&str> = engines
        .status_history
        .iter()
        .flat_map(|s| s.citations.iter().map(|c| &*c.source))
        .collect();
    assert!(
        sources.contains(&"wh-2023-01-31") && sources.contains(&"wh-2025-01-06"),
        "{sources:?}"
    );
    assert_eq!(dataset.current_status(engines), Status::InProgress);
    // A 2023 promise that no later document mentions is derived as such.
    let silent = dataset
        .commitments
        .iter()
        .filter(|c| dataset.current_status(c) == Status::NoLaterMention)
        .count();
    assert!(silent > 0);
    for commitment in &dataset.commitments {
        let announced = dataset.event(&commitment.announced_at).unwrap();
        let first = &commitment.status_history[0];
        assert!(
            first.date.value.interval().1 >= announced.date.value.interval().0,
            "{}: first status {} is before its announcement {}",
            commitment.id,
            first.date.value,
            announced.date.value
        );
    }
}

#[test]
fn disagreements_between_sources_are_recorded() {
    let dataset = load(&dataset_json()).unwrap();
    let launch = dataset
        .events
        .iter()
        .find(|e| !e.alternative_dates().is_empty())
        .expect("an event with two dates");
    assert_eq!(launch.date.value.to_string(), "2022-05");
    assert!(launch
        .alternative_dates()
        .iter()
        .any(|a| a.date.value.year() == 2023));
    let discrepancies = dataset
        .events
        .iter()
        .map(|e| e.discrepancies().len())
        .sum::<usize>()
        + dataset
            .commitments
            .iter()
            .map(|c| c.discrepancies.len())
            .sum::<usize>();
    assert!(discrepancies >= 3, "{discrepancies} discrepancies");
}

fn schema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&read("data/icet.schema.json")).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, json: &str) -> Vec<String> {
    let instance: serde_json::Value = serde_json::from_str(json).unwrap();
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_dataset_and_the_minimal_fixture_match_the_schema() {
    let validator = schema_validator();
    assert_eq!(
        schema_errors(&validator, &dataset_json()),
        Vec::<String>::new()
    );
    assert_eq!(
        schema_errors(&validator, &read("tests/data/load/minimal.json")),
        Vec::<String>::new()
    );
}

/// Invalid datasets whose problem only the loader can see: the schema cannot
/// express uniqueness, references, real calendar days, date order or quotes.
const LOADER_ONLY: &[&str] = &[
    "duplicate-field",
    "duplicate-id",
    "impossible-date",
    "quote-not-found",
    "reference-to-wrong-kind",
    "status-out-of-order",
    "unknown-reference",
];

#[test]
fn the_schema_rejects_every_invalid_dataset_it_can_describe() {
    let validator = schema_validator();
    let mut checked = 0;
    for entry in std::fs::read_dir(repo_path("tests/data/invalid")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        if path.extension().is_some_and(|e| e == "json") && !name.starts_with("syntax-") {
            let errors = schema_errors(&validator, &std::fs::read_to_string(&path).unwrap());
            let loader_only = LOADER_ONLY.contains(&name.as_str());
            assert_eq!(
                errors.is_empty(),
                loader_only,
                "{name}: schema errors {errors:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} cases");
}

/// The counts block of the README, as the dataset makes it.
fn counts_block(summary: &Summary) -> String {
    let nonzero = |pairs: Vec<(String, usize)>| {
        pairs
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut block = String::new();
    block.push_str(
        "| Items | Events | Commitments | Actors | Focus areas | Sources | Citations |\n",
    );
    block.push_str("|---:|---:|---:|---:|---:|---:|---:|\n");
    block.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} | {} |\n\n",
        summary.events + summary.commitments,
        summary.events,
        summary.commitments,
        summary.actors,
        summary.focus_areas,
        summary.sources,
        summary.citations
    ));
    let statuses = summary
        .commitments_by_status
        .iter()
        .map(|(s, n)| (s.label().to_lowercase(), *n))
        .collect();
    block.push_str(&format!(
        "- Commitments by current status: {}.\n",
        nonzero(statuses)
    ));
    let types = summary
        .events_by_type
        .iter()
        .map(|(t, n)| (t.as_str().to_string(), *n))
        .collect();
    block.push_str(&format!("- Events by type: {}.\n", nonzero(types)));
    let kinds = summary
        .actors_by_kind
        .iter()
        .map(|(k, n)| (k.as_str().to_string(), *n))
        .collect();
    block.push_str(&format!("- Actors by kind: {}.\n", nonzero(kinds)));
    let areas: Vec<String> = summary
        .focus_areas_by_items
        .iter()
        .map(|a| format!("{} ({})", a.name, a.events + a.commitments))
        .collect();
    block.push_str(&format!("- Items by focus area: {}.\n", areas.join("; ")));
    block
}

#[test]
fn the_readme_states_the_current_counts() {
    let summary = summarize(&load(&dataset_json()).unwrap());
    let readme = read("README.md");
    let (start, end) = ("<!-- counts:start -->\n", "<!-- counts:end -->");
    let from = readme.find(start).expect("README has a counts block") + start.len();
    let to = readme.find(end).expect("README's counts block ends");
    let expected = counts_block(&summary);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let updated = format!("{}{expected}{}", &readme[..from], &readme[to..]);
        expect_file("README.md", &updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[from..to],
        expected,
        "update with UPDATE_EXPECT=1 cargo test --test dataset"
    );
}

/// The status ranks a history may only climb: announced, in progress,
/// achieved. `stalled` says itself that things went back.
fn rank(status: Status) -> Option<u8> {
    match status {
        Status::Announced => Some(0),
        Status::InProgress => Some(1),
        Status::Achieved => Some(2),
        Status::Stalled | Status::NoLaterMention => None,
    }
}

#[test]
fn no_status_history_regresses_without_a_note_that_explains_it() {
    let dataset = load(&dataset_json()).unwrap();
    let mut failures = Vec::new();
    for commitment in &dataset.commitments {
        let mut highest: Option<(u8, Status)> = None;
        for entry in &commitment.status_history {
            let Some(rank) = rank(entry.status) else {
                continue;
            };
            if let Some((top, top_status)) = highest {
                let explained = entry.citations.iter().any(|c| c.note().is_some());
                if rank < top && !explained {
                    failures.push(format!(
                        "{}: {} at {} after {}, with no note on its citations",
                        commitment.id,
                        entry.status.as_str(),
                        entry.date.value,
                        top_status.as_str()
                    ));
                }
            }
            if highest.map_or(true, |(top, _)| rank > top) {
                highest = Some((rank, entry.status));
            }
        }
    }
    support::report(failures, dataset.commitments.len());
}

/// How a date may be written out in a quote: "2023", "May 2022", "early
/// 2025", "first half of 2025", "31 January 2023" or "January 31, 2023".
fn written_forms(date: &icet_explorer::Date) -> Vec<String> {
    let label = date.value.label();
    let mut forms = vec![label.clone()];
    if let icet_explorer::PartialDate::Day(year, _, day) = date.value {
        let month = label.split(' ').nth(1).unwrap_or_default();
        forms.push(format!("{month} {day}, {year}"));
    }
    forms
}

/// The one rule for approximate dates (data/README.md): a date is exact only
/// when a cited quote writes it out, or it is the dateline of a cited source
/// (a fact sheet's "today"). Every other date is `approximate`, with a note
/// saying how it was inferred; and a date with a note is approximate.
#[test]
fn one_rule_for_approximate_dates() {
    let dataset = load(&dataset_json()).unwrap();
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut check = |place: String, date: &icet_explorer::Date, citations: Vec<&Citation>| {
        cases += 1;
        if date.note().is_some() && !date.approximate {
            failures.push(format!(
                "{place}: {} has a note but is not approximate",
                date.value
            ));
        }
        if date.approximate {
            return;
        }
        let forms = written_forms(date);
        let written = citations
            .iter()
            .any(|c| forms.iter().any(|form| c.quote().contains(form.as_str())));
        let dateline = citations.iter().any(|c| {
            dataset
                .source(&c.source)
                .is_some_and(|s| !s.published.approximate && s.published.value == date.value)
        });
        if !written && !dateline {
            failures.push(format!(
                "{place}: {} is neither written out in a quote ({forms:?}) nor a cited source's date; mark it approximate and say how it was inferred",
                date.value
            ));
        }
    };
    for event in &dataset.events {
        check(
            event.id.to_string(),
            &event.date,
            event.citations.iter().collect(),
        );
        for alternative in event.alternative_dates() {
            check(
                format!("{} (alternative date)", event.id),
                &alternative.date,
                alternative.citations.iter().collect(),
            );
        }
    }
    for commitment in &dataset.commitments {
        for (i, entry) in commitment.status_history.iter().enumerate() {
            check(
                format!("{} status {i}", commitment.id),
                &entry.date,
                entry.citations.iter().collect(),
            );
        }
    }
    for source in &dataset.sources {
        if source.published.note().is_some() && !source.published.approximate {
            failures.push(format!("source {}: a note but not approximate", source.id));
        }
    }
    support::report(failures, cases);
}

/// Every participant of an event, and every actor of a commitment, is named
/// in one of the item's quotes (by name, short name or alias), or a note on
/// one of its citations names it and says why it is there.
#[test]
fn every_participant_is_named_in_a_quote_or_justified_in_a_note() {
    let dataset = load(&dataset_json()).unwrap();
    let mut failures = Vec::new();
    let mut cases = 0;
    for item in dataset.items() {
        let citations = item.citations();
        for id in item.actors() {
            cases += 1;
            let actor = dataset.actor(id).unwrap();
            let names: Vec<String> = std::iter::once(&actor.name)
                .chain(&actor.short_name)
                .chain(&actor.aliases)
                .map(|n| n.to_lowercase())
                .collect();
            let named_in = |text: &str| {
                let text = text.to_lowercase();
                names.iter().any(|n| text.contains(n.as_str()))
            };
            let quoted = citations.iter().any(|c| named_in(c.quote()));
            let noted = citations.iter().any(|c| c.note().is_some_and(named_in));
            if !quoted && !noted {
                failures.push(format!(
                    "{}: {id} is named in none of its quotes",
                    item.id()
                ));
            }
        }
    }
    support::report(failures, cases);
}

/// Every commitment announced at the inaugural meeting is followed to the
/// 2025 fact sheet: a status entry citing it, or a description that says
/// what the 2025 fact sheet does (not) say of it.
#[test]
fn every_2023_commitment_is_followed_to_the_2025_fact_sheet() {
    let dataset = load(&dataset_json()).unwrap();
    let mut failures = Vec::new();
    let mut cases = 0;
    for commitment in &dataset.commitments {
        if &*commitment.announced_at != "icet-inaugural-meeting" {
            continue;
        }
        cases += 1;
        let cited = commitment
            .status_history
            .iter()
            .flat_map(|s| &s.citations)
            .any(|c| &*c.source == "wh-2025-01-06");
        if !cited && !commitment.description().contains("The 2025 fact sheet") {
            failures.push(format!(
                "{}: neither a 2025 entry nor a reasoned “no later mention”",
                commitment.id
            ));
        }
    }
    support::report(failures, cases);
}

/// Search aliases are editorial aids: well-formed, not repeating a name the
/// entry already has, never written as a quote; every body (any actor but an
/// official) and every signing and launch has some.
#[test]
fn search_aliases_are_valid_and_cover_every_body_and_programme() {
    let dataset = load(&dataset_json()).unwrap();
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut uncovered = Vec::new();
    let mut check = |id: &str, names: Vec<&str>| {
        let aliases = dataset.search_aliases(id);
        let mut seen: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        for alias in aliases {
            cases += 1;
            let folded = alias.to_lowercase();
            if alias.trim() != alias || alias.is_empty() || alias.chars().count() > 40 {
                failures.push(format!("{id}: badly formed alias {alias:?}"));
            }
            if alias.contains(['“', '”', '"']) {
                failures.push(format!("{id}: alias {alias:?} looks like a quote"));
            }
            if seen.contains(&folded) {
                failures.push(format!(
                    "{id}: alias {alias:?} repeats a name it already has"
                ));
            }
            seen.push(folded);
        }
    };
    for actor in &dataset.actors {
        let names = std::iter::once(&actor.name)
            .chain(&actor.short_name)
            .chain(&actor.aliases)
            .map(String::as_str)
            .collect();
        check(&actor.id, names);
        if actor.kind != ActorKind::Official && dataset.search_aliases(&actor.id).is_empty() {
            uncovered.push(format!("{}: a body without search aliases", actor.id));
        }
    }
    for item in dataset.items() {
        check(item.id(), vec![item.title()]);
        let programme = match item {
            Item::Event(e) => matches!(e.event_type, EventType::Signing | EventType::Launch),
            Item::Commitment(_) => false,
        };
        if programme && dataset.search_aliases(item.id()).is_empty() {
            uncovered.push(format!(
                "{}: a signing or launch without search aliases",
                item.id()
            ));
        }
    }
    support::report(failures, cases);
}

#[test]
fn a_readers_acronym_finds_the_item() {
    let dataset = load(&dataset_json()).unwrap();
    let index = SearchIndex::build(&dataset);
    let cases = [
        ("NISAR", "nisar-mission"),
        ("Ax-4", "axiom-4-joint-mission"),
        ("TraCSS", "tracss-participation"),
        ("Pentagon", "icet-inaugural-meeting"),
        ("MQ-9B", "mq9b-acquisition"),
        ("QCM", "qcm-second-meeting"),
        ("Bangalore consulate", "us-consulate-bengaluru-opening"),
    ];
    let mut failures = Vec::new();
    for (query, id) in cases {
        let expected = dataset.item_index(id).unwrap();
        let hits = index.search(query);
        if !hits.iter().any(|h| h.item == expected) {
            failures.push(format!("{query:?} does not find {id}"));
        }
    }
    support::report(failures, cases.len());
}
