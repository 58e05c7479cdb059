//! A small JSON parser that keeps the position of every value, and the
//! string escaper the writers of JSON text share.
//!
//! The loader reports every problem with its JSON path *and* its line and
//! column, which general-purpose parsers throw away. Objects keep their members
//! in order and keep duplicate keys, so that the loader can report them too.

use std::borrow::Cow;
use std::fmt;

/// A 1-based line and column (in characters) in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A JSON value and the byte offset where it starts. Offsets become lines
/// and columns only when a problem is reported (see [`LineIndex`]), which
/// keeps parsing linear even when the whole document is one line.
///
/// Strings, member names and numbers borrow from the text when they can
/// (strings without escapes, which are nearly all), so the tree of a large
/// document costs its nodes, not a second copy of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'t> {
    pub value: Value<'t>,
    pub offset: usize,
}

/// Turns byte offsets into lines and columns, in time independent of the
/// length of the line: the whole document may be one line (the site serves
/// it minified), with thousands of problems on it.
///
/// It is built in one pass and keeps, for every block of [`BLOCK`] bytes,
/// the characters and line breaks before it and where the line running into
/// it starts. A position then costs one block of counting, so reporting `p`
/// problems in `n` bytes costs O(n + p · BLOCK), never O(n · p).
pub struct LineIndex<'t> {
    bytes: &'t [u8],
    blocks: Vec<Block>,
}

/// What is known at the start of a block of the text.
#[derive(Clone, Copy)]
struct Block {
    /// Characters (not bytes) before the block.
    chars: usize,
    /// Line breaks before the block.
    breaks: usize,
    /// The byte offset where the line that runs into the block starts.
    line_start: usize,
}

/// Bytes per block of [`LineIndex`]: a position costs at most this much counting.
const BLOCK: usize = 1024;

/// Whether `byte` starts a character (is not a UTF-8 continuation byte).
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        LineIndex::of_bytes(text.as_bytes())
    }

    /// The same for bytes that may not all be UTF-8 (a decoding error's
    /// place): every byte that is not a continuation byte counts as a character.
    pub fn of_bytes(bytes: &'t [u8]) -> LineIndex<'t> {
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut next = Block {
            chars: 0,
            breaks: 0,
            line_start: 0,
        };
        for (index, chunk) in bytes.chunks(BLOCK).enumerate() {
            blocks.push(next);
            for (at, &byte) in chunk.iter().enumerate() {
                next.chars += usize::from(starts_char(byte));
                if byte == b'\n' {
                    next.breaks += 1;
                    next.line_start = index * BLOCK + at + 1;
                }
            }
        }
        blocks.push(next);
        LineIndex { bytes, blocks }
    }

    /// The line and column of the byte at `offset` (the end of the text for
    /// any offset past it). Columns count characters.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len());
        let block = offset / BLOCK;
        let known = self.blocks[block];
        let prefix = &self.bytes[block * BLOCK..offset];
        let breaks = prefix.iter().filter(|&&b| b == b'\n').count();
        let line_start = match prefix.iter().rposition(|&b| b == b'\n') {
            Some(at) => block * BLOCK + at + 1,
            None => known.line_start,
        };
        let column = self.chars_before(offset) - self.chars_before(line_start) + 1;
        Position {
            line: saturate(known.breaks + breaks + 1),
            column: saturate(column),
        }
    }

    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self.bytes[block * BLOCK..offset]
            .iter()
            .filter(|&&b| starts_char(b))
            .count();
        self.blocks[block].chars + counted
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'t> {
    Null,
    Bool(bool),
    /// A number as its literal text. Only whole numbers are ever read (see
    /// [`whole_number`]); parsing floats would pull Rust's float-parsing tables,
    /// about 20 KB, into the wasm.
    Number(&'t str),
    String(Cow<'t, str>),
    Array(Vec<Node<'t>>),
    Object(Vec<Member<'t>>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member<'t> {
    pub key: Cow<'t, str>,
    pub key_offset: usize,
    pub value: Node<'t>,
}

impl Value<'_> {
    /// The JSON type name, for messages such as "expected a string, found an array".
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Why the text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub pos: Position,
    /// The byte offset of `pos` in the text.
    pub offset: usize,
}

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Parses one JSON document (RFC 8259) with nothing but white space around it.
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    parser.skip_white_space();
    let node = parser.value(0)?;
    parser.skip_white_space();
    if parser.at < parser.bytes.len() {
        return Err(parser.error_here("unexpected text after the end of the JSON document"));
    }
    Ok(node)
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Parser<'t> {
    /// Errors are rare and end parsing, so their position is computed only then.
    fn position(&self) -> Position {
        LineIndex::new(self.text).position(self.at)
    }

    fn error_here(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            pos: self.position(),
            offset: self.at,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_white_space(&mut self) {
        while let Some(byte) = self.peek() {
            match byte {
                b' ' | b'\t' | b'\r' | b'\n' => self.at += 1,
                _ => break,
            }
        }
    }

    fn describe_next(&self) -> String {
        match self.text[self.at..].chars().next() {
            None => "the end of the text".to_string(),
            Some('\u{feff}') if self.at == 0 => {
                "a byte order mark (U+FEFF), which JSON text must not start with".to_string()
            }
            Some(c) if c.is_ascii_control() || c == '\u{7f}' => format!("U+{:04X}", c as u32),
            Some('\'') => "'\\''".to_string(),
            Some(c) if c.is_ascii() => format!("'{c}'"),
            // Outside ASCII the character may be invisible (U+FEFF, U+200B)
            // or look like ASCII (U+201C), so its code point is given too.
            Some(c) if c.is_control() => format!("U+{:04X}", c as u32),
            Some(c) => format!("'{c}' (U+{:04X})", c as u32),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'t>, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error_here(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        let offset = self.at;
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.keyword("true", Value::Bool(true))?,
            Some(b'f') => self.keyword("false", Value::Bool(false))?,
            Some(b'n') => self.keyword("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => {
                return Err(self.error_here(format!(
                    "expected a JSON value, found {}",
                    self.describe_next()
                )))
            }
        };
        Ok(Node { value, offset })
    }

    fn keyword(&mut self, word: &str, value: Value<'t>) -> Result<Value<'t>, SyntaxError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error_here(format!(
                "expected a JSON value, found {}",
                self.describe_next()
            )))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'t>, SyntaxError> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_white_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_white_space();
            if self.peek() != Some(b'"') {
                return Err(self.error_here(format!(
                    "expected a quoted member name, found {}",
                    self.describe_next()
                )));
            }
            let key_offset = self.at;
            let key = self.string()?;
            self.skip_white_space();
            if self.peek() != Some(b':') {
                return Err(self.error_here(format!(
                    "expected ':' after a member name, found {}",
                    self.describe_next()
                )));
            }
            self.at += 1;
            self.skip_white_space();
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_offset,
                value,
            });
            self.skip_white_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    members.shrink_to_fit();
                    return Ok(Value::Object(members));
                }
                _ => {
                    return Err(self.error_here(format!(
                        "expected ',' or '}}' in an object, found {}",
                        self.describe_next()
                    )))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'t>, SyntaxError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_white_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_white_space();
            items.push(self.value(depth + 1)?);
            self.skip_white_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    items.shrink_to_fit();
                    return Ok(Value::Array(items));
                }
                _ => {
                    return Err(self.error_here(format!(
                        "expected ',' or ']' in an array, found {}",
                        self.describe_next()
                    )))
                }
            }
        }
    }

    /// A string literal: borrowed from the text unless it has escapes.
    fn string(&mut self) -> Result<Cow<'t, str>, SyntaxError> {
        self.at += 1;
        let start = self.at;
        let mut out: Option<String> = None;
        loop {
            let run_start = self.at;
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.at += 1;
            }
            match self.peek() {
                None => return Err(self.error_here("unterminated string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(match out {
                        None => Cow::Borrowed(&self.text[start..self.at - 1]),
                        Some(mut out) => {
                            out.push_str(&self.text[run_start..self.at - 1]);
                            Cow::Owned(out)
                        }
                    });
                }
                Some(b'\\') => {
                    let out = out.get_or_insert_with(String::new);
                    out.push_str(&self.text[run_start..self.at]);
                    self.at += 1;
                    let c = self.escape()?;
                    // `escape` borrows self; push after it returns.
                    out.push(c);
                }
                Some(_) => return Err(self.error_here(
                    "line break or control character inside a string (is a closing quote missing?)",
                )),
            }
        }
    }

    fn escape(&mut self) -> Result<char, SyntaxError> {
        let byte = self
            .peek()
            .ok_or_else(|| self.error_here("unterminated string"))?;
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                if (0xD800..0xDC00).contains(&first) {
                    if !self.text[self.at..].starts_with("\\u") {
                        return Err(self.error_here("unpaired surrogate in a \\u escape"));
                    }
                    self.at += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error_here("unpaired surrogate in a \\u escape"));
                    }
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    char::from_u32(code).ok_or_else(|| self.error_here("invalid \\u escape"))?
                } else {
                    char::from_u32(first)
                        .ok_or_else(|| self.error_here("unpaired surrogate in a \\u escape"))?
                }
            }
            _ => {
                let escaped = self.text[self.at - 1..].chars().next().unwrap_or_default();
                // Point at the backslash that starts the escape.
                self.at -= 2;
                return Err(self.error_here(format!("invalid escape \\{escaped}")));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let digits = digits.ok_or_else(|| self.error_here("expected four hex digits after \\u"))?;
        self.at += 4;
        // Folded by hand: `from_str_radix` would bring its error type's Debug into the wasm.
        Ok(digits.chars().fold(0, |value, c| {
            value * 16 + c.to_digit(16).unwrap_or_default()
        }))
    }

    fn number(&mut self) -> Result<Value<'t>, SyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_here("expected a digit in a number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit in the exponent"));
            }
            self.digits();
        }
        Ok(Value::Number(&self.text[start..self.at]))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }
}

/// `text` without the white space between its tokens, every token kept as
/// written (duplicate members too). The site serves the dataset this way.
pub fn minify(text: &str) -> Result<String, SyntaxError> {
    parse(text)?;
    let mut out = String::with_capacity(text.len());
    let mut run_start = 0;
    let (mut in_string, mut escaped) = (false, false);
    for (at, byte) in text.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
        } else if matches!(byte, b' ' | b'\t' | b'\r' | b'\n') {
            out.push_str(&text[run_start..at]);
            run_start = at + 1;
        }
    }
    out.push_str(&text[run_start..]);
    Ok(out)
}

/// `text` as a JSON string literal, for messages: `"id"`, shortened by
/// [`shortened`] so that a message stays short whatever the input. (Rust's
/// `{:?}` would do, but pulls Unicode's printable-character tables into the
/// wasm.)
pub fn quoted(text: &str) -> String {
    let text = shortened(text);
    let mut out = String::with_capacity(text.len() + 2);
    write_string(&mut out, &text);
    out
}

/// Text longer than this many characters is shortened in messages.
pub const MESSAGE_CHARS: usize = 60;
/// Characters kept from the start and from the end of shortened text.
const HEAD_CHARS: usize = 44;
const TAIL_CHARS: usize = 15;

/// `text` as it may appear in a message: unchanged up to [`MESSAGE_CHARS`]
/// characters; longer, its start and end around an ellipsis
/// (`aaaa…zzzz`, [`MESSAGE_CHARS`] characters in all). Costs time in
/// [`MESSAGE_CHARS`], not in the length of `text`.
pub fn shortened(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MESSAGE_CHARS || text.char_indices().nth(MESSAGE_CHARS).is_none() {
        return text.into();
    }
    let head_end = text.char_indices().nth(HEAD_CHARS).map_or(0, |(at, _)| at);
    let tail_start = text
        .char_indices()
        .rev()
        .nth(TAIL_CHARS - 1)
        .map_or(text.len(), |(at, _)| at);
    format!("{}…{}", &text[..head_end], &text[tail_start..]).into()
}

/// Appends `text` to `out` as a JSON string literal, quotes included.
pub fn write_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    // Runs of characters that need no escape are copied whole; every
    // character that does is ASCII, so the cuts fall on boundaries.
    let mut run_start = 0;
    for (at, byte) in text.bytes().enumerate() {
        if !matches!(byte, b'"' | b'\\' | 0x00..=0x1f) {
            continue;
        }
        out.push_str(&text[run_start..at]);
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            _ => {
                out.push_str("\\u00");
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 0xf)] as char);
            }
        }
        run_start = at + 1;
    }
    out.push_str(&text[run_start..]);
    out.push('"');
}

/// The value of a JSON number literal that is a whole number fitting an
/// `i64`, whichever way it is written (`1`, `1.0`, `10e-1`); `None` for a
/// fraction or a number out of range. The literal must be valid JSON.
pub fn whole_number(literal: &str) -> Option<i64> {
    let (negative, unsigned) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, literal),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], &unsigned[at + 1..]),
        None => (unsigned, "0"),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent_negative = exponent.starts_with('-');
    let exponent_digits = exponent
        .trim_start_matches(['+', '-'])
        .trim_start_matches('0');
    // An exponent this long cannot be offset by a fraction of any text that
    // fits in memory: it leaves zero, a fraction or an overflow all the same.
    const HUGE: i64 = 1 << 50;
    let mut shift: i64 = if exponent_digits.len() > 12 {
        if exponent_negative {
            -HUGE
        } else {
            HUGE
        }
    } else {
        let magnitude = exponent_digits
            .bytes()
            .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        if exponent_negative {
            -magnitude
        } else {
            magnitude
        }
    };
    shift -= fraction.len() as i64;
    let digits = whole.bytes().chain(fraction.bytes());
    let significant: Vec<u8> = digits.skip_while(|&d| d == b'0').collect();
    if significant.is_empty() {
        return Some(0);
    }
    // Trailing zeros divide out of a negative shift; any other digit left there is a fraction.
    let mut end = significant.len();
    while shift < 0 && end > 0 && significant[end - 1] == b'0' {
        end -= 1;
        shift += 1;
    }
    if shift < 0 || end as i64 + shift > 19 {
        return None;
    }
    let mut value: i64 = 0;
    for &digit in &significant[..end] {
        value = value
            .checked_mul(10)?
            .checked_add(i64::from(digit - b'0'))?;
    }
    for _ in 0..shift {
        value = value.checked_mul(10)?;
    }
    Some(if negative { -value } else { value })
}
