//! Quote normalisation: cases in `tests/data/quotes.txt`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use icet_explorer::core::quote::normalize;
use icet_explorer::SourceTexts;
use support::check_cases;

#[test]
fn quote_normalisation_cases() {
    check_cases("tests/data/quotes.txt", |fields| {
        vec![normalize(
            &fields[0].replace("\\n", "\n").replace("\\u00a0", "\u{a0}"),
        )]
    });
}

#[test]
fn quotes_match_across_line_wraps_and_markup_but_not_altered_words() {
    let mut texts = SourceTexts::new();
    texts.insert("s", "**<u>Space</u>**\n\n-   Welcoming the visit this week by the ISRO Chairman to the United\n    States.");
    assert_eq!(
        texts.check("s", "the ISRO Chairman to the United States."),
        Some(Ok(()))
    );
    assert_eq!(
        texts.check("s", "Space - Welcoming the visit"),
        Some(Ok(()))
    );
    assert!(matches!(
        texts.check("s", "the ISRO Chair to the United States"),
        Some(Err(_))
    ));
    assert_eq!(texts.check("unknown", "anything"), None);
}
