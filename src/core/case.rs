//! Lower-casing by rule instead of by table.
//!
//! `char::to_lowercase` carries Unicode's whole case table (about 12 KB
//! gzipped in the wasm). The explorer's text is English with names from
//! Indian and American sources, so the rules below cover the cased letters
//! of Latin (Basic, Latin-1, Extended-A, the common part of Extended-B,
//! Extended Additional), Greek (without its extended block), Cyrillic,
//! Armenian and fullwidth Latin. Any other letter is left as written, so a
//! search in, say, Georgian or Cherokee capitals matches only the same case.

/// `c` in lower case, where a rule above covers it; otherwise `c` itself.
/// Agrees with `char::to_lowercase` wherever that gives one character,
/// except that `İ` becomes a plain `i` (without the combining dot).
pub fn to_lower(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 32,
        0x130 => 0x69,
        0x178 => 0xFF,
        0x1E9E => 0xDF,
        0x220 => 0x19E,
        0x38C => 0x3CC,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38E..=0x38F => u + 63,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 32,
        0x400..=0x40F => u + 80,
        0x410..=0x42F => u + 32,
        0x4C0 => 0x4CF,
        0x531..=0x556 => u + 48,
        0xFF21..=0xFF3A => u + 32,
        // Blocks where capitals sit at even code points, each followed by its small letter.
        0x100..=0x137
        | 0x14A..=0x177
        | 0x1DE..=0x1EF
        | 0x1F8..=0x21F
        | 0x222..=0x233
        | 0x3D8..=0x3EF
        | 0x460..=0x481
        | 0x48A..=0x4BF
        | 0x4D0..=0x52F
        | 0x1E00..=0x1E95
        | 0x1EA0..=0x1EFF => u | 1,
        // And blocks where they sit at odd code points.
        0x139..=0x148 | 0x179..=0x17E | 0x1CD..=0x1DC | 0x4C1..=0x4CE => u + (u & 1),
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// "in_progress" → "In progress". Names are the schema's ASCII identifiers.
pub fn sentence_case(name: &str) -> String {
    let mut spaced = name.replace('_', " ");
    if let Some(first) = spaced.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    spaced
}
