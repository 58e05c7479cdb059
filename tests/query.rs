//! The query engine over the real dataset: reader questions in
//! `tests/data/queries.txt` with their results in `queries.expected`, and
//! properties checked against a brute-force reimplementation.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use icet_explorer::core::date::civil_from_day_number;
use icet_explorer::core::model::{Dataset, Item, ItemIndex};
use icet_explorer::core::query::{Facet, Query, QueryIndex, QueryResult, Sort};
use icet_explorer::core::search::SearchBuilder;
use icet_explorer::core::url_state::{parse, retain_known, to_query_string};
use icet_explorer::load;
use proptest::prelude::*;
use support::{expect_file, read, table};

fn fixture() -> &'static (Dataset, QueryIndex) {
    static FIXTURE: OnceLock<(Dataset, QueryIndex)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dataset = load(&read("data/icet.json")).unwrap();
        let index = QueryIndex::build(&dataset);
        (dataset, index)
    })
}

fn render(query_string: &str) -> String {
    let (dataset, index) = fixture();
    let (mut state, mut warnings) = parse(query_string);
    warnings.extend(retain_known(&mut state, index, dataset));
    let result = index.run(&state.query);
    let ids: Vec<&str> = result.items.iter().map(|&i| dataset.item(i).id()).collect();
    let mut out = format!(
        "state: ?{}\ntotal: {}\nids: {}\n",
        to_query_string(&state),
        ids.len(),
        ids.join(", ")
    );
    // Only the facets the dataset shows (for ours, every facet but the group).
    let shown = index.facets();
    for counts in result.facets.iter().filter(|c| shown.contains(&c.facet)) {
        let values: Vec<String> = index
            .values(counts.facet)
            .zip(counts.counts.iter().zip(&counts.selected))
            .filter(|(_, (count, selected))| **count > 0 || **selected)
            .map(|((value, _), (count, selected))| {
                format!("{value}{} {count}", if *selected { "*" } else { "" })
            })
            .collect();
        out.push_str(&format!("{}: {}\n", counts.facet.key(), values.join(", ")));
    }
    for warning in warnings {
        out.push_str(&format!("warning: {warning}\n"));
    }
    out
}

#[test]
fn reader_questions() {
    let cases = table("tests/data/queries.txt");
    let rendered: String = cases
        .iter()
        .map(|(_, f)| format!("## {}: {}\n{}\n", f[0], f[1], render(&f[1])))
        .collect();
    expect_file("tests/data/queries.expected", &rendered).unwrap_or_else(|diff| panic!("{diff}"));
}

/// The facet values of an item, computed straight from the model, independently of `QueryIndex`.
fn values_of(dataset: &Dataset, item: Item, facet: Facet) -> BTreeSet<String> {
    let actors = || item.actors().iter().map(|id| dataset.actor(id).unwrap());
    let years = |(start, end): (i32, i32)| {
        (civil_from_day_number(start).0..=civil_from_day_number(end).0).map(|y| y.to_string())
    };
    match (facet, item) {
        (Facet::Area, _) => item.focus_areas().iter().map(|a| a.to_string()).collect(),
        (Facet::Actor, _) => item.actors().iter().map(|a| a.to_string()).collect(),
        (Facet::ActorKind, _) => actors().map(|a| a.kind.as_str().to_string()).collect(),
        (Facet::Country, _) => actors().map(|a| a.country.as_str().to_string()).collect(),
        (Facet::Kind, Item::Event(_)) => ["event".to_string()].into(),
        (Facet::Kind, Item::Commitment(_)) => ["commitment".to_string()].into(),
        (Facet::EventType, Item::Event(e)) => [e.event_type.as_str().to_string()].into(),
        (Facet::Status, Item::Commitment(c)) => {
            [dataset.current_status(c).as_str().to_string()].into()
        }
        (Facet::EventType | Facet::Status, _) => BTreeSet::new(),
        (Facet::Source, _) => item
            .citations()
            .iter()
            .map(|c| c.source.to_string())
            .collect(),
        (Facet::Year, Item::Event(e)) => years(e.date.value.interval()).collect(),
        (Facet::Year, Item::Commitment(c)) => c
            .status_history
            .iter()
            .flat_map(|s| years(s.date.value.interval()))
            .collect(),
        (Facet::Group, _) => item.group().map(str::to_string).into_iter().collect(),
    }
}

fn in_range(item: Item, query: &Query) -> bool {
    let Some((start, end)) = query.day_range() else {
        return true;
    };
    let (item_start, item_end) = match item {
        Item::Event(e) => e.date.value.interval(),
        Item::Commitment(c) => (
            c.status_history[0].date.value.interval().0,
            c.status_history
                .iter()
                .map(|s| s.date.value.interval().1)
                .max()
                .unwrap(),
        ),
    };
    item_start <= end && item_end >= start
}

/// Whether an item passes every filter of `query`, except `ignoring`'s.
fn passes(
    dataset: &Dataset,
    index: ItemIndex,
    query: &Query,
    text_hits: &Option<BTreeSet<ItemIndex>>,
    ignoring: Option<Facet>,
) -> bool {
    let item = dataset.item(index);
    text_hits
        .as_ref()
        .map_or(true, |hits| hits.contains(&index))
        && in_range(item, query)
        && Facet::ALL
            .iter()
            .filter(|f| Some(**f) != ignoring)
            .all(|&facet| {
                let selected = query.selected(facet);
                selected.is_empty()
                    || values_of(dataset, item, facet)
                        .iter()
                        .any(|v| selected.contains(v))
            })
}

fn all_values(dataset: &Dataset, facet: Facet) -> Vec<String> {
    let set: BTreeSet<String> = dataset
        .items()
        .flat_map(|item| values_of(dataset, item, facet))
        .collect();
    set.into_iter().collect()
}

fn query_strategy() -> impl Strategy<Value = Query> {
    let (dataset, _) = fixture();
    let selection = prop::sample::select(fixture().1.facets()).prop_flat_map(move |facet| {
        let values = all_values(dataset, facet);
        (
            Just(facet),
            prop::sample::subsequence(values.clone(), 1..=values.len().clamp(1, 3)),
        )
    });
    let date = prop::sample::select(vec![
        "2022",
        "2023",
        "2023-H1",
        "2023-06",
        "2024-autumn",
        "2025-01-06",
        "2025-spring",
    ]);
    (
        prop::collection::vec(selection, 0..4),
        prop::option::of(date.clone()),
        prop::option::of(date),
        prop::sample::select(vec![
            "",
            "space",
            "engine",
            "quantum",
            "india",
            "semiconductor",
            "defense",
        ]),
        prop::sample::select(vec![
            Sort::Auto,
            Sort::DateAscending,
            Sort::DateDescending,
            Sort::Relevance,
        ]),
    )
        .prop_map(|(selections, from, to, text, sort)| {
            let mut query = Query {
                text: text.to_string(),
                sort,
                ..Query::default()
            };
            for (facet, values) in selections {
                for v in values {
                    query.select(facet, &v);
                }
            }
            query.from = from.map(|d| icet_explorer::PartialDate::parse(d).unwrap());
            query.to = to.map(|d| icet_explorer::PartialDate::parse(d).unwrap());
            query
        })
}

fn text_hits(index: &QueryIndex, query: &Query) -> Option<BTreeSet<ItemIndex>> {
    (!query.text.is_empty()).then(|| {
        index
            .search_index()
            .expect("built with the rest")
            .search(&query.text)
            .iter()
            .map(|h| h.item)
            .collect()
    })
}

fn run(query: &Query) -> QueryResult {
    fixture().1.run(query)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_result_satisfies_every_filter_and_nothing_is_missed(query in query_strategy()) {
        let (dataset, index) = fixture();
        let hits = text_hits(index, &query);
        let result: BTreeSet<ItemIndex> = run(&query).items.into_iter().collect();
        let expected: BTreeSet<ItemIndex> =
            (0..dataset.item_count() as ItemIndex).filter(|&i| passes(dataset, i, &query, &hits, None)).collect();
        prop_assert_eq!(result, expected);
    }

    #[test]
    fn facet_counts_equal_a_brute_force_recount(query in query_strategy()) {
        let (dataset, index) = fixture();
        let hits = text_hits(index, &query);
        for counts in run(&query).facets {
            for (position, (value, _)) in index.values(counts.facet).enumerate() {
                let recount = (0..dataset.item_count() as ItemIndex)
                    .filter(|&i| passes(dataset, i, &query, &hits, Some(counts.facet)))
                    .filter(|&i| values_of(dataset, dataset.item(i), counts.facet).contains(value))
                    .count();
                prop_assert_eq!(counts.counts[position], recount, "{:?} {}", counts.facet, value);
                prop_assert_eq!(counts.selected[position], query.selected(counts.facet).iter().any(|v| v == value));
            }
        }
    }

    #[test]
    fn adding_a_filter_never_grows_the_result(query in query_strategy(), extra in query_strategy()) {
        let before = run(&query).items.len();
        let mut narrower = query.clone();
        // Filters from another facet only narrow; a further value of an already-filtered facet widens (OR).
        for (facet, values) in &extra.selections {
            if query.selected(*facet).is_empty() {
                for v in values {
                    narrower.select(*facet, v);
                }
            }
        }
        prop_assert!(run(&narrower).items.len() <= before);
    }

    #[test]
    fn results_are_sorted_as_asked_and_unique(query in query_strategy()) {
        let (dataset, index) = fixture();
        let result = run(&query);
        let unique: BTreeSet<&ItemIndex> = result.items.iter().collect();
        prop_assert_eq!(unique.len(), result.items.len());
        let dates: Vec<_> = result.items.iter().map(|&i| dataset.item(i).date().value).collect();
        let by_relevance = !query.text.is_empty() && matches!(query.sort, Sort::Auto | Sort::Relevance);
        if query.text.is_empty() {
            prop_assert!(result.scores.is_empty());
        } else {
            // Each result carries the score the search gave it.
            let scores: BTreeMap<ItemIndex, f32> =
                index.search_index().expect("built with the rest").search(&query.text).iter().map(|h| (h.item, h.score)).collect();
            for (item, score) in result.items.iter().zip(&result.scores) {
                prop_assert_eq!(scores.get(item), Some(score));
            }
        }
        for (pair, scores) in dates.windows(2).zip(result.scores.windows(2).map(Some).chain(std::iter::repeat(None))) {
            let ordered = match query.sort {
                Sort::DateDescending => pair[0] >= pair[1],
                _ if by_relevance => {
                    let scores = scores.expect("a search has scores");
                    scores[0] > scores[1] || (scores[0] == scores[1] && pair[0] <= pair[1])
                }
                _ => pair[0] <= pair[1],
            };
            prop_assert!(ordered, "{:?} out of order in {:?}", pair, query);
        }
    }

    /// The page opens a dataset without its search index: until a query
    /// with text asks for it, and after, every result is the one the whole
    /// index gives.
    #[test]
    fn the_search_index_built_later_gives_the_same_results(query in query_strategy()) {
        let (dataset, index) = fixture();
        let later = QueryIndex::build_without_search(dataset);
        prop_assert!(!later.search_ready());
        if query.text.is_empty() {
            let (a, b) = (later.run(&query), index.run(&query));
            prop_assert_eq!(a.items, b.items);
            prop_assert_eq!(a.facets, b.facets);
            prop_assert!(!later.search_ready(), "a query without text built the search index");
        }
        later.prepare_search(dataset);
        prop_assert!(later.search_ready());
        let (a, b) = (later.run(&query), index.run(&query));
        prop_assert_eq!(a.items, b.items);
        prop_assert_eq!(a.scores, b.scores);
        prop_assert_eq!(a.facets, b.facets);
    }

    /// The page builds a large dataset's search index some items at a time:
    /// in slices of any sizes, and finished at any point, it is the whole
    /// index.
    #[test]
    fn the_search_index_built_in_slices_is_the_whole_index(
        query in query_strategy(),
        slices in prop::collection::vec(0usize..60, 0..6),
    ) {
        let (dataset, index) = fixture();
        let later = QueryIndex::build_without_search(dataset);
        let mut builder = SearchBuilder::new(dataset);
        let mut added = 0;
        for slice in slices {
            added += slice;
            prop_assert_eq!(builder.add(dataset, slice), added >= dataset.item_count());
        }
        later.finish_search(dataset, builder);
        let (a, b) = (later.run(&query), index.run(&query));
        prop_assert_eq!(a.items, b.items);
        prop_assert_eq!(a.scores, b.scores);
        prop_assert_eq!(a.facets, b.facets);
    }
}

#[test]
fn our_dataset_shows_every_facet_but_the_group() {
    let (_, index) = fixture();
    let expected: Vec<Facet> = Facet::ALL
        .into_iter()
        .filter(|&f| f != Facet::Group)
        .collect();
    assert_eq!(index.facets(), expected);
    assert_eq!(index.values(Facet::Group).count(), 0);
}

#[test]
fn every_value_in_the_data_is_a_facet_value() {
    let (dataset, index) = fixture();
    for facet in Facet::ALL {
        let known: BTreeSet<&str> = index.values(facet).map(|(value, _)| value).collect();
        for value in all_values(dataset, facet) {
            assert!(known.contains(value.as_str()), "{facet:?} lacks {value}");
        }
    }
}
