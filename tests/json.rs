//! The span-keeping JSON parser: cases in `tests/data/json.txt`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use icet_explorer::core::json::{
    minify, parse, string_run_end, whole_number, LineIndex, Node, Position, TextCount, Value,
};
use proptest::prelude::*;
use support::check_cases;

fn show(node: &Node, lines: &LineIndex) -> String {
    let pos = lines.position(node.offset);
    let at = format!("{}:{}", pos.line, pos.column);
    match &node.value {
        Value::Null => format!("{at} null"),
        Value::Bool(b) => format!("{at} {b}"),
        Value::Number(n) => format!("{at} {n}"),
        Value::String(s) => format!("{at} {s:?}"),
        Value::Array(items) => format!(
            "{at}[{}]",
            items
                .iter()
                .map(|n| show(n, lines))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(members) => format!(
            "{at}{{{}}}",
            members
                .iter()
                .map(|m| format!("{:?}:{}", m.key, show(&m.value, lines)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn check(input: &str) -> String {
    match parse(input) {
        Ok(node) => show(&node, &LineIndex::new(input)),
        Err(e) => format!("error {}:{} {}", e.pos.line, e.pos.column, e.message),
    }
}

/// A case's input: `\n` stands for a line break, except inside JSON strings,
/// where it is the JSON escape itself.
fn input_of(field: &str) -> String {
    if field.starts_with('"') {
        field.to_string()
    } else {
        field.replace("\\n", "\n")
    }
}

#[test]
fn json_cases() {
    check_cases("tests/data/json.txt", |fields| {
        vec![check(&input_of(&fields[0]))]
    });
}

#[test]
fn whole_number_cases() {
    check_cases("tests/data/whole-numbers.txt", |fields| {
        vec![whole_number(&fields[0]).map_or("none".to_string(), |n| n.to_string())]
    });
}

#[test]
fn minify_cases() {
    check_cases("tests/data/minify.txt", |fields| {
        vec![match minify(&input_of(&fields[0])) {
            Ok(text) => text,
            Err(e) => format!("error {}:{} {}", e.pos.line, e.pos.column, e.message),
        }]
    });
}

/// Minifying keeps every value: the minified real dataset parses to the same
/// tree, and only white space was taken out.
#[test]
fn minified_real_dataset_is_the_same_document() {
    let text = support::read("data/icet.json");
    let minified = minify(&text).unwrap();
    assert!(minified.len() < text.len() && !minified.contains('\n'));
    let strip = |node: &Node| {
        show(node, &LineIndex::new("")).replace(|c: char| c.is_ascii_digit() || c == ':', "")
    };
    assert_eq!(
        strip(&parse(&minified).unwrap()),
        strip(&parse(&text).unwrap())
    );
    let kept: String = text.split_whitespace().collect();
    let minified_kept: String = minified.split_whitespace().collect();
    assert_eq!(kept, minified_kept);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let error = parse(&deep).unwrap_err();
    assert_eq!(error.message, "nesting deeper than 128 levels");
    assert_eq!((error.pos.line, error.pos.column), (1, 130));
}

#[test]
fn agrees_with_serde_json_on_the_real_dataset() {
    let text = support::read("data/icet.json");
    let ours = parse(&text).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
    fn same(node: &Node, value: &serde_json::Value) -> bool {
        match (&node.value, value) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Value::Number(a), serde_json::Value::Number(b)) => a.parse::<f64>().ok() == b.as_f64(),
            (Value::String(a), serde_json::Value::String(b)) => a == b,
            (Value::Array(a), serde_json::Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
            }
            (Value::Object(a), serde_json::Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|m| b.get(&*m.key).is_some_and(|v| same(&m.value, v)))
            }
            _ => false,
        }
    }
    assert!(same(&ours, &theirs));
}

/// Line and column from the block index agree with counting from the start,
/// across block boundaries, on long lines and with multi-byte characters.
#[test]
fn line_index_agrees_with_counting() {
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(["a", "é", "😀", "\n", "\r\n", "ab", "\u{200b}"][i * 7 % 11 % 7]);
        if i % 500 == 0 {
            text.push_str(&"x".repeat(2500));
        }
    }
    let lines = LineIndex::new(&text);
    for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
        let before = &text[..offset];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        let column = text[line_start..offset].chars().count() as u32 + 1;
        let pos = lines.position(offset);
        assert_eq!((pos.line, pos.column), (line, column), "at byte {offset}");
    }
}

/// The line and column just past `bytes`, counted byte by byte: every
/// byte that is not a UTF-8 continuation byte is a character.
fn counted_naively(bytes: &[u8]) -> Position {
    let starts_char = |byte: &u8| !(0x80..0xc0).contains(byte);
    let line_start = bytes
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |at| at + 1);
    Position {
        line: bytes.iter().filter(|b| **b == b'\n').count() as u32 + 1,
        column: bytes[line_start..]
            .iter()
            .filter(|b| starts_char(b))
            .count() as u32
            + 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `TextCount` counts a word at a time: it must agree with counting
    /// byte by byte, whatever the bytes and however they are cut.
    #[test]
    fn text_count_agrees_with_counting_bytes(
        pieces in prop::collection::vec(
            prop::collection::vec(
                prop::sample::select(vec![b'a', b'\n', b'\r', 0x0b, 0x8a, 0xc3, 0xa9, 0xf0, 0x9f, 0xbf, 0xff, 0x00]),
                0..40,
            ),
            0..6,
        ),
    ) {
        let mut count = TextCount::default();
        for piece in &pieces {
            count.advance(piece);
        }
        prop_assert_eq!(count.position(), counted_naively(&pieces.concat()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `string_run_end` tests a word at a time: it must stop where a
    /// byte-by-byte search stops.
    #[test]
    fn string_run_end_stops_at_the_first_quote_backslash_or_control(
        bytes in prop::collection::vec(
            prop::sample::select(vec![b'a', b'"', b'\\', 0x00, 0x1f, b' ', 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff]),
            0..40,
        ),
        from in 0usize..40,
    ) {
        let from = from.min(bytes.len());
        let expected = bytes[from..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .map_or(bytes.len(), |at| from + at);
        prop_assert_eq!(string_run_end(&bytes, from), expected);
    }
}

#[test]
fn shortened_keeps_short_text_and_cuts_long_text() {
    use icet_explorer::core::json::{quoted, shortened, MESSAGE_CHARS};
    let short = "é".repeat(MESSAGE_CHARS);
    assert_eq!(shortened(&short), short.as_str());
    let long = format!("{}{}", "a".repeat(100), "é".repeat(100));
    let cut = shortened(&long);
    assert_eq!(cut.chars().count(), MESSAGE_CHARS);
    assert!(cut.starts_with("aaaa") && cut.contains('…') && cut.ends_with("éé"));
    assert_eq!(
        quoted(&"\"".repeat(1000)).chars().count(),
        2 + MESSAGE_CHARS + 59
    );
}
