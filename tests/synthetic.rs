//! The synthetic-dataset generator used for scale tests and benchmarks.

#![cfg(not(target_arch = "wasm32"))]

use icet_explorer::core::export::ours_json;
use icet_explorer::core::load::load_chunks;
use icet_explorer::core::model::ItemIndex;
use icet_explorer::core::query::{Facet, Query, QueryIndex};
use icet_explorer::core::synthetic::dataset_json;
use icet_explorer::{load, ProblemKind};

#[test]
fn generated_datasets_load_without_problems_at_every_size() {
    for items in [1, 2, 10, 1_000, 10_000] {
        let dataset =
            load(&dataset_json(items, 7)).unwrap_or_else(|e| panic!("{items} items: {e}"));
        assert_eq!(dataset.item_count(), items);
        assert_eq!(dataset.actors.len(), items / 20 + 60);
    }
}

#[test]
fn the_same_seed_gives_the_same_text_and_another_seed_does_not() {
    assert_eq!(dataset_json(500, 1), dataset_json(500, 1));
    assert_ne!(dataset_json(500, 1), dataset_json(500, 2));
}

#[test]
fn generated_items_spread_over_every_facet_value() {
    let dataset = load(&dataset_json(2_000, 3)).unwrap();
    let result = QueryIndex::build(&dataset).run(&Query::default());
    for facet in [Facet::Area, Facet::Kind, Facet::Year, Facet::Status] {
        let counts = &result
            .facets
            .iter()
            .find(|f| f.facet == facet)
            .unwrap()
            .counts;
        let used = counts.iter().filter(|&&count| count > 0).count();
        assert!(used >= 2, "{facet:?}: only {used} values used");
    }
}

/// `text` in pieces of about `size` bytes, each of whole characters.
fn chunks_of(text: &str, size: usize) -> impl FnMut(&mut String) -> bool + '_ {
    let mut rest = text;
    move |out: &mut String| {
        let mut end = size.min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (piece, after) = rest.split_at(end);
        out.push_str(piece);
        rest = after;
        !rest.is_empty()
    }
}

/// A dataset large enough that reading it in chunks drops most of its text
/// before the end loads to the same items as the whole text. Every space
/// (there are spaces only inside strings) becomes a character of four
/// bytes, so the 1 KB blocks the reader drops start inside characters too.
#[test]
fn a_large_dataset_read_in_chunks_loads_the_same() {
    let json = dataset_json(10_000, 5).replace(' ', "\u{1F6B6}");
    let whole = load(&json).unwrap();
    let chunked = load_chunks(&mut chunks_of(&json, 4_000)).unwrap();
    let all: Vec<ItemIndex> = (0..whole.item_count() as ItemIndex).collect();
    assert_eq!(ours_json(&whole, &all), ours_json(&chunked, &all));
    assert_eq!(whole.item_count(), 10_000);
}

/// Problems whose place has left the window by the time they are known (a
/// forward reference that never resolves, an id defined again far below,
/// missing root members) keep their places.
#[test]
fn problems_far_from_the_end_keep_their_places_when_read_in_chunks() {
    let json = dataset_json(3_000, 5)
        .replacen("\"participants\":[", "\"participants\":[\"nobody\",", 1)
        .replacen("\"id\":\"commitment-999\"", "\"id\":\"event-3\"", 1)
        .replacen("\"version\":1,", "", 1);
    let whole = load(&json).unwrap_err();
    let chunked = load_chunks(&mut chunks_of(&json, 4_000)).unwrap_err();
    assert_eq!(whole.problems(), chunked.problems());
    let kinds: Vec<ProblemKind> = whole.problems().iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::MissingField,
            ProblemKind::UnknownReference,
            ProblemKind::DuplicateId
        ]
    );
}

/// The id index keeps no copy of the ids: each lookup is confirmed against
/// the dataset's own id, so every id finds its item and no other does.
#[test]
fn every_id_finds_what_it_names_and_nothing_else_does() {
    let dataset = load(&dataset_json(10_000, 9)).unwrap();
    for (index, item) in dataset.items().enumerate() {
        assert_eq!(dataset.item_index(item.id()), Some(index as ItemIndex));
    }
    for actor in &dataset.actors {
        assert_eq!(dataset.actor(&actor.id).map(|a| &a.id), Some(&actor.id));
        assert!(dataset.event(&actor.id).is_none());
    }
    for missing in ["event-10000", "commitment-", "", "actor-1 ", "EVENT-1"] {
        assert_eq!(dataset.entry(missing), None, "{missing:?}");
    }
}
