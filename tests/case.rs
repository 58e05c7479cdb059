//! Rule-based lower-casing (`core::case`) checked against the standard library.

#![cfg(not(target_arch = "wasm32"))]

use icet_explorer::core::case::{sentence_case, to_lower};

mod support;
use support::report;

/// The blocks whose cased letters `to_lower` claims to cover in full.
const COVERED: &[(u32, u32)] = &[
    (0x0000, 0x017F), // Basic Latin, Latin-1, Latin Extended-A
    (0x01CD, 0x01DC), // Pinyin vowels with caron
    (0x01DE, 0x01EF),
    (0x01F8, 0x0233), // includes Romanian Ș and Ț
    (0x0370, 0x03FF), // Greek and Coptic, except the archaic letters below
    (0x0400, 0x052F), // Cyrillic and its supplement
    (0x0530, 0x058F), // Armenian
    (0x1E00, 0x1EFF), // Latin Extended Additional (Vietnamese)
    (0xFF00, 0xFFEF), // fullwidth forms
];

/// Letters inside the covered blocks that are knowingly left as written:
/// archaic and editorial Greek letters (heta, sampi, lunate sigma, …).
const LEFT_AS_WRITTEN: &[u32] = &[
    0x370, 0x372, 0x376, 0x37F, 0x3CF, 0x3F4, 0x3F7, 0x3F9, 0x3FA, 0x3FD, 0x3FE, 0x3FF,
];

#[test]
fn agrees_with_the_standard_library_in_every_covered_block() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for &(first, last) in COVERED {
        for c in (first..=last).filter_map(char::from_u32) {
            let mut standard = c.to_lowercase();
            let (Some(expected), None) = (standard.next(), standard.next()) else {
                continue;
            };
            checked += 1;
            if to_lower(c) != expected && !LEFT_AS_WRITTEN.contains(&(c as u32)) {
                failures.push(format!(
                    "U+{:04X} {c}: std {expected}, ours {}",
                    c as u32,
                    to_lower(c)
                ));
            }
        }
    }
    assert!(checked > 1500, "only {checked} characters checked");
    report(failures, checked);
}

#[test]
fn never_changes_a_letter_into_anything_but_its_lower_case() {
    let wrong: Vec<String> = (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| {
            let ours = to_lower(c);
            ours != c && !c.to_lowercase().any(|l| l == ours)
        })
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(wrong.is_empty(), "wrong lower case for {wrong:?}");
}

#[test]
fn dotted_capital_i_is_a_plain_i() {
    assert_eq!(to_lower('İ'), 'i');
    assert_eq!(to_lower('ẞ'), 'ß');
}

#[test]
fn sentence_case_of_schema_names() {
    for (name, expected) in [
        ("in_progress", "In progress"),
        ("summit", "Summit"),
        ("", ""),
    ] {
        assert_eq!(sentence_case(name), expected);
    }
}
