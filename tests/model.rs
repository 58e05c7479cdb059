//! The model's own containers.

#![cfg(not(target_arch = "wasm32"))]

use icet_explorer::core::model::{Id, IdLists, ItemTexts};
use proptest::prelude::*;

proptest! {
    /// Any texts, of any characters, read back as given, empty ones included.
    #[test]
    fn item_texts_read_back(parts in prop::array::uniform3(".{0,40}")) {
        let texts = ItemTexts::new([&parts[0], &parts[1]], &parts[2]);
        for (i, part) in parts.iter().enumerate() {
            prop_assert_eq!(texts.part(i), part.as_str());
        }
        prop_assert_eq!(texts.part(3), "");
    }
}

#[test]
fn item_texts_of_one_or_none() {
    let one = ItemTexts::new([], "Ünïcødé ✓ 🚀");
    assert_eq!(one.part(0), "Ünïcødé ✓ 🚀");
    assert_eq!(one.part(1), "");
    let two = ItemTexts::new(["", "ü"], "");
    assert_eq!(
        [two.part(0), two.part(1), two.part(2), two.part(3)],
        ["", "ü", "", ""]
    );
}

proptest! {
    /// Any lists of ids read back as given, empty ones included.
    #[test]
    fn id_lists_read_back(first in prop::collection::vec("[a-z]{1,5}", 0..4), last in prop::collection::vec("[a-z]{1,5}", 0..4)) {
        let ids = |names: &[String]| names.iter().map(|n| Id::from(n.as_str())).collect::<Vec<Id>>();
        let (first, last) = (ids(&first), ids(&last));
        let lists = IdLists::new([first.clone()], last.clone());
        prop_assert_eq!(lists.part(0), first.as_slice());
        prop_assert_eq!(lists.part(1), last.as_slice());
        prop_assert!(lists.part(2).is_empty());
    }
}
