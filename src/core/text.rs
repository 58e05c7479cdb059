//! Bytes to text: the one way the page and `icet-check` read a dataset file.
//!
//! A dataset is UTF-8. A UTF-8 byte order mark is stripped (editors on
//! Windows write one, and browsers' `TextDecoder` drops it too). Anything
//! else that is not UTF-8 is refused with a problem that names the place:
//! UTF-16 and UTF-32, with or without a byte order mark (recognised by the
//! pattern of NUL bytes that ASCII text makes in them), and invalid UTF-8
//! (Latin-1, Windows-1252, a character cut in two), at its byte offset, line
//! and column. Nothing is ever replaced silently with U+FFFD.

use super::error::{Problem, ProblemKind};
use super::json::{LineIndex, Position};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of `bytes`, without a UTF-8 byte order mark, or an
/// [`ProblemKind::Encoding`] problem. Its `offset` counts bytes from the
/// start of `bytes` (the mark included); its line and column are those of
/// the text before the bad byte. Linear in the length of `bytes`; the text
/// is borrowed, never copied.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    if let Some(name) = wide_encoding(bytes) {
        return Err(Problem {
            kind: ProblemKind::Encoding,
            path: String::new(),
            pos: Position { line: 1, column: 1 },
            offset: 0,
            message: format!("the file is {name}, not UTF-8; save it as UTF-8"),
        });
    }
    let skip = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let body = &bytes[skip..];
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text),
        Err(error) => {
            let at = error.valid_up_to();
            let bad = &body[at..at + error.error_len().unwrap_or(body.len() - at)];
            let mut shown = String::new();
            for byte in bad.iter().take(4) {
                shown.push_str(&format!(" {byte:02X}"));
            }
            let why = match error.error_len() {
                None => "a character cut short by the end of the file",
                Some(_) if bad.len() == 1 && bad[0] >= 0x80 && bad[0] < 0xC0 => {
                    "a continuation byte with no character to continue"
                }
                Some(_) => "bytes that are not a UTF-8 character",
            };
            Err(Problem {
                kind: ProblemKind::Encoding,
                path: String::new(),
                pos: LineIndex::of_bytes(&body[..at]).position(at),
                offset: skip + at,
                message: format!(
                    "not UTF-8 at byte {}: {why} ({}{shown}); is the file in Latin-1 or \
                     Windows-1252? save it as UTF-8",
                    skip + at,
                    if bad.len() == 1 { "byte" } else { "bytes" }
                ),
            })
        }
    }
}

/// The name of the UTF-16 or UTF-32 encoding `bytes` are in, if they are.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    // Byte order marks; UTF-32's first, since UTF-32LE's starts like UTF-16LE's.
    let marks: [(&[u8], &str); 4] = [
        (
            b"\x00\x00\xFE\xFF",
            "UTF-32 (big-endian, with a byte order mark)",
        ),
        (
            b"\xFF\xFE\x00\x00",
            "UTF-32 (little-endian, with a byte order mark)",
        ),
        (b"\xFE\xFF", "UTF-16 (big-endian, with a byte order mark)"),
        (
            b"\xFF\xFE",
            "UTF-16 (little-endian, with a byte order mark)",
        ),
    ];
    if let Some((_, name)) = marks.iter().find(|(mark, _)| bytes.starts_with(mark)) {
        return Some(name);
    }
    // Without a mark: JSON is mostly ASCII, which UTF-16 and UTF-32 write with
    // NUL bytes in fixed places. Over half the units of the start of the file
    // must show the pattern, so that one stray NUL in UTF-8 text is not taken for it.
    let head = &bytes[..bytes.len().min(512)];
    let mostly = |unit: usize, pattern: fn(&[u8]) -> bool| {
        let units = head.len() / unit;
        units > 0 && head.chunks_exact(unit).filter(|u| pattern(u)).count() * 2 > units
    };
    if mostly(4, |u| u[..3] == [0, 0, 0] && u[3] != 0) {
        Some("UTF-32 (big-endian, without a byte order mark)")
    } else if mostly(4, |u| u[0] != 0 && u[1..] == [0, 0, 0]) {
        Some("UTF-32 (little-endian, without a byte order mark)")
    } else if mostly(2, |u| u[0] == 0 && u[1] != 0) {
        Some("UTF-16 (big-endian, without a byte order mark)")
    } else if mostly(2, |u| u[0] != 0 && u[1] == 0) {
        Some("UTF-16 (little-endian, without a byte order mark)")
    } else {
        None
    }
}
