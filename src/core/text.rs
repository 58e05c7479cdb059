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
use super::json::{Position, TextCount};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of `bytes`, without a UTF-8 byte order mark, or an
/// [`ProblemKind::Encoding`] problem. Its `offset` counts bytes from the
/// start of `bytes` (the mark included); its line and column are those of
/// the text before the bad byte. Linear in the length of `bytes`; the text
/// is borrowed, never copied.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    if let Some(name) = wide_encoding(bytes) {
        return Err(wide_problem(name));
    }
    let skip = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let body = &bytes[skip..];
    std::str::from_utf8(body).map_err(|error| {
        let at = error.valid_up_to();
        let mut count = TextCount::default();
        count.advance(&body[..at]);
        let pos = count.position();
        not_utf8(&body[at..], error.error_len(), skip + at, pos)
    })
}

fn wide_problem(name: &str) -> Problem {
    Problem {
        kind: ProblemKind::Encoding,
        path: String::new(),
        pos: Position { line: 1, column: 1 },
        offset: 0,
        message: format!("the file is {name}, not UTF-8; save it as UTF-8"),
    }
}

/// The problem of bytes that are not UTF-8: `rest` starts with them,
/// `error_len` is their length (`None` for a character cut short by the end
/// of the file), at byte `offset` of the file and place `pos`.
fn not_utf8(rest: &[u8], error_len: Option<usize>, offset: usize, pos: Position) -> Problem {
    let bad = &rest[..error_len.unwrap_or(rest.len())];
    let mut shown = String::new();
    for byte in bad.iter().take(4) {
        shown.push_str(&format!(" {byte:02X}"));
    }
    let why = match error_len {
        None => "a character cut short by the end of the file",
        Some(_) if bad.len() == 1 && bad[0] >= 0x80 && bad[0] < 0xC0 => {
            "a continuation byte with no character to continue"
        }
        Some(_) => "bytes that are not a UTF-8 character",
    };
    Problem {
        kind: ProblemKind::Encoding,
        path: String::new(),
        pos,
        offset,
        message: format!(
            "not UTF-8 at byte {offset}: {why} ({}{shown}); is the file in Latin-1 or \
             Windows-1252? save it as UTF-8",
            if bad.len() == 1 { "byte" } else { "bytes" }
        ),
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

/// Bytes read in chunks, decoded as [`decode`] decodes them whole: the same
/// text, or the same problem. The page hands a large file to the loader a
/// chunk at a time (see `core::load::load_chunks`), so the whole file never
/// sits in memory.
#[derive(Default)]
pub struct ChunkDecoder {
    /// Whether the start of the file was checked for a wide encoding and a mark.
    started: bool,
    /// Bytes not decoded yet: the start of the file until it has been
    /// checked, or a character cut in two by the end of the last chunk.
    carry: Vec<u8>,
    /// The length of the byte order mark skipped.
    skip: usize,
    /// Bytes of text (after the mark) decoded so far.
    decoded: usize,
    /// The characters and line breaks of the text decoded so far.
    counted: TextCount,
    problem: Option<Problem>,
}

/// Bytes [`wide_encoding`] looks at.
const HEAD: usize = 512;

impl ChunkDecoder {
    /// Decodes `bytes`, the next chunk of the file (`last` if it ends it),
    /// and appends its text to `out`. False once the file turned out not
    /// to be UTF-8 (see [`ChunkDecoder::problem`]).
    pub fn push(&mut self, bytes: &[u8], last: bool, out: &mut String) -> bool {
        if self.problem.is_some() {
            return false;
        }
        let mut pending = std::mem::take(&mut self.carry);
        if !self.started {
            pending.extend_from_slice(bytes);
            if pending.len() < HEAD && !last {
                self.carry = pending;
                return true;
            }
            self.started = true;
            if let Some(name) = wide_encoding(&pending) {
                self.problem = Some(wide_problem(name));
                return false;
            }
            if pending.starts_with(UTF8_BOM) {
                self.skip = UTF8_BOM.len();
                pending.drain(..UTF8_BOM.len());
            }
            return self.text(&pending, last, out);
        }
        if pending.is_empty() {
            self.text(bytes, last, out)
        } else {
            pending.extend_from_slice(bytes);
            self.text(&pending, last, out)
        }
    }

    /// The problem that ended decoding, if any.
    pub fn problem(&mut self) -> Option<Problem> {
        self.problem.take()
    }

    fn count(&mut self, text: &str) {
        self.counted.advance(text.as_bytes());
        self.decoded += text.len();
    }

    fn text(&mut self, bytes: &[u8], last: bool, out: &mut String) -> bool {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                self.count(text);
                out.push_str(text);
                true
            }
            Err(error) if error.error_len().is_none() && !last => {
                let (text, rest) = bytes.split_at(error.valid_up_to());
                let text = std::str::from_utf8(text).unwrap_or_default();
                self.count(text);
                out.push_str(text);
                self.carry = rest.to_vec();
                true
            }
            Err(error) => {
                let at = error.valid_up_to();
                let text = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                self.count(text);
                // The same problem as `decode` gives: its offset and place
                // counted from the start of the file, not of this chunk.
                let problem = not_utf8(
                    &bytes[at..],
                    error.error_len(),
                    self.skip + self.decoded,
                    self.counted.position(),
                );
                self.problem = Some(problem);
                false
            }
        }
    }
}
