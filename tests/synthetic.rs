//! The synthetic-dataset generator used for scale tests and benchmarks.

#![cfg(not(target_arch = "wasm32"))]

use icet_explorer::core::query::{Facet, Query, QueryIndex};
use icet_explorer::core::synthetic::dataset_json;
use icet_explorer::load;

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
