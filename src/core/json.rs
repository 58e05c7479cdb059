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
/// It is built in one pass (see [`LineTable`]). A position then costs one
/// block of counting, so reporting `p` problems in `n` bytes costs
/// O(n + p · BLOCK), never O(n · p).
pub struct LineIndex<'t> {
    bytes: &'t [u8],
    table: LineTable,
}

/// What [`LineIndex`] knows of the text without its bytes: for every block
/// of [`BLOCK`] bytes, the characters and line breaks before it and where
/// the line running into it starts. It is fed the text in pieces, in order,
/// so that a text read in chunks (see [`Window`]) needs only the block of
/// an offset at hand to place it.
#[derive(Default)]
pub struct LineTable {
    blocks: Vec<TextCount>,
    /// What is known at the end of the bytes fed so far.
    next: TextCount,
    fed: usize,
}

/// The characters and line breaks of a text up to a point: what
/// [`LineTable`] knows at the start of each block, and what a decoder
/// reading chunks knows at the end of the last one.
#[derive(Clone, Copy, Default)]
pub struct TextCount {
    /// Characters (not bytes) before the point.
    chars: usize,
    /// Line breaks before the point.
    breaks: usize,
    /// Characters before the line that runs into the point.
    line_start_chars: usize,
}

impl TextCount {
    /// Counts `bytes`, the text that follows the point: eight bytes at a
    /// time, with the bits of a word marking the bytes that start a
    /// character and the line breaks (every byte of the whole text goes
    /// through here once, and a position's block again).
    pub fn advance(&mut self, bytes: &[u8]) {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        const BREAKS: u64 = 0x0a0a_0a0a_0a0a_0a0a;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            // A continuation byte is 10xxxxxx: its top bit set, the next clear.
            let continuation = word & !(word << 1) & HIGH;
            let starts = !continuation & HIGH;
            // The top bit of each byte that is zero after the xor, exactly.
            let other = word ^ BREAKS;
            let breaks = !(((other & LOW7) + LOW7) | other | LOW7);
            if breaks != 0 {
                self.breaks += breaks.count_ones() as usize;
                // The bytes up to the last line break, that one included.
                let last = 63 - breaks.leading_zeros();
                let through = u64::MAX >> (63 - last);
                self.line_start_chars = self.chars + (starts & through).count_ones() as usize;
            }
            self.chars += starts.count_ones() as usize;
        }
        for &byte in words.remainder() {
            self.chars += usize::from(starts_char(byte));
            if byte == b'\n' {
                self.breaks += 1;
                self.line_start_chars = self.chars;
            }
        }
    }

    /// The line and column of the point. Columns count characters.
    pub fn position(&self) -> Position {
        Position {
            line: saturate(self.breaks + 1),
            column: saturate(self.chars - self.line_start_chars + 1),
        }
    }
}

/// The first offset from `at` on of a byte that ends a run of plain
/// string text (a quote, a backslash or a control character), or the
/// length of `bytes`. Strings are most of a dataset's text, and each is
/// read twice (see [`Window::value_end`]): eight bytes are tested at a time.
pub fn string_run_end(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(word) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // Each test may also mark bytes above the first one it finds (its
        // borrows run upwards), never one below: the lowest mark is exact.
        let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        let marks = control
            | zero_byte(word ^ (ONES * u64::from(b'"')))
            | zero_byte(word ^ (ONES * u64::from(b'\\')));
        if marks != 0 {
            return at + (marks.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

/// Bytes per block of [`LineIndex`]: a position costs at most this much counting.
pub const BLOCK: usize = 1024;

/// Whether `byte` starts a character (is not a UTF-8 continuation byte).
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

impl LineTable {
    /// The table of a whole text.
    pub fn of(bytes: &[u8]) -> LineTable {
        let mut table = LineTable {
            blocks: Vec::with_capacity(bytes.len() / BLOCK + 1),
            ..LineTable::default()
        };
        table.feed(bytes);
        table
    }

    /// Takes in the next bytes of the text.
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.fed % BLOCK == 0 {
                self.blocks.push(self.next);
            }
            let take = rest.len().min(BLOCK - self.fed % BLOCK);
            self.next.advance(&rest[..take]);
            self.fed += take;
            rest = &rest[take..];
        }
    }

    /// The line and column of `offset`, given the bytes of its block before
    /// it (`text[offset / BLOCK * BLOCK..offset]`). Columns count characters.
    pub fn position(&self, offset: usize, block_prefix: &[u8]) -> Position {
        let mut count = self
            .blocks
            .get(offset / BLOCK)
            .copied()
            .unwrap_or(self.next);
        count.advance(block_prefix);
        count.position()
    }

    /// How many bytes were fed.
    pub fn len(&self) -> usize {
        self.fed
    }

    pub fn is_empty(&self) -> bool {
        self.fed == 0
    }
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        LineIndex::of_bytes(text.as_bytes())
    }

    /// The same for bytes that may not all be UTF-8 (a decoding error's
    /// place): every byte that is not a continuation byte counts as a character.
    pub fn of_bytes(bytes: &'t [u8]) -> LineIndex<'t> {
        LineIndex {
            bytes,
            table: LineTable::of(bytes),
        }
    }

    /// The line and column of the byte at `offset` (the end of the text for
    /// any offset past it). Columns count characters.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len());
        self.table
            .position(offset, &self.bytes[offset / BLOCK * BLOCK..offset])
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
    let mut parser = Parser::new(text, 0, 0);
    let result = parser.document();
    // Errors are rare and end parsing, so their position is computed only then.
    result.map_err(|error| SyntaxError {
        pos: LineIndex::new(text).position(error.offset),
        ..error
    })
}

/// Reads JSON from `text`, a piece of a larger text that starts at byte
/// `base` of it: offsets in nodes and errors are offsets in the larger
/// text. Errors carry no position (the larger text's [`LineTable`] has it).
struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    base: usize,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str, base: usize, at: usize) -> Parser<'t> {
        Parser {
            text,
            bytes: text.as_bytes(),
            at,
            base,
        }
    }

    fn document(&mut self) -> Result<Node<'t>, SyntaxError> {
        self.skip_white_space();
        let node = self.value(0)?;
        self.skip_white_space();
        if self.at < self.bytes.len() {
            return Err(self.error_here("unexpected text after the end of the JSON document"));
        }
        Ok(node)
    }

    fn error_here(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            pos: Position::default(),
            offset: self.base + self.at,
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
            Some('\u{feff}') if self.base + self.at == 0 => {
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
        let offset = self.base + self.at;
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
            let key_offset = self.base + self.at;
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
            self.at = string_run_end(self.bytes, self.at);
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

/// A JSON text read in chunks, of which only a window is kept: the bytes
/// from the block (see [`BLOCK`]) of the value being read onwards. A large
/// dataset is read one element of its collections at a time (see
/// `core::load`), so neither the whole text nor a tree of it is ever held.
///
/// Offsets are offsets in the whole text. The window keeps a [`LineTable`]
/// of everything it read, so any offset in the window has its line and
/// column; an offset that left the window has one only if it was pinned
/// (see [`Window::pin`]).
pub struct Window<'s> {
    /// The whole text, when it was given at once (nothing is copied).
    whole: Option<&'s str>,
    /// The bytes kept of a text read in chunks, from `base` on.
    kept: String,
    base: usize,
    /// Appends the next chunk to the string; false once the text has ended.
    next_chunk: Option<&'s mut dyn FnMut(&mut String) -> bool>,
    lines: LineTable,
    pinned: Vec<(usize, Position)>,
}

/// Bytes that are no longer needed are dropped from the window once there
/// are this many of them, so that dropping costs little per element.
const RELEASE_AT_LEAST: usize = 256 * 1024;

impl<'s> Window<'s> {
    /// A text given whole.
    pub fn whole(text: &'s str) -> Window<'s> {
        Window {
            whole: Some(text),
            kept: String::new(),
            base: 0,
            next_chunk: None,
            lines: LineTable::of(text.as_bytes()),
            pinned: Vec::new(),
        }
    }

    /// A text read in chunks: `next_chunk` appends the next one to the
    /// string it is given and returns false once there is no more.
    pub fn chunked(next_chunk: &'s mut dyn FnMut(&mut String) -> bool) -> Window<'s> {
        Window {
            whole: None,
            kept: String::new(),
            base: 0,
            next_chunk: Some(next_chunk),
            lines: LineTable::default(),
            pinned: Vec::new(),
        }
    }

    /// The bytes at hand, starting at [`Window::base`].
    fn text(&self) -> &str {
        self.whole.unwrap_or(&self.kept)
    }

    /// The offset of the first byte at hand.
    pub fn base(&self) -> usize {
        self.base
    }

    /// The offset just past the last byte read so far.
    fn end(&self) -> usize {
        self.base + self.text().len()
    }

    /// Reads one more chunk; false at the end of the text.
    fn pull(&mut self) -> bool {
        let Some(next_chunk) = self.next_chunk.as_mut() else {
            return false;
        };
        let before = self.kept.len();
        let more = next_chunk(&mut self.kept);
        self.lines.feed(&self.kept.as_bytes()[before..]);
        if !more {
            self.next_chunk = None;
        }
        more || self.kept.len() > before
    }

    /// Reads until the byte at `offset` is at hand; false if the text ends before it.
    fn reach(&mut self, offset: usize) -> bool {
        while offset >= self.end() {
            if !self.pull() {
                return false;
            }
        }
        true
    }

    /// The byte at `offset`, reading as needed; `None` past the end of the text.
    pub fn byte(&mut self, offset: usize) -> Option<u8> {
        self.reach(offset)
            .then(|| self.text().as_bytes()[offset - self.base])
    }

    /// Whether the text ends before `offset`, reading as needed.
    pub fn ends_before(&mut self, offset: usize) -> bool {
        !self.reach(offset)
    }

    /// The first offset from `offset` on that is not JSON white space.
    pub fn skip_white_space(&mut self, mut offset: usize) -> usize {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.byte(offset) {
            offset += 1;
        }
        offset
    }

    /// Forgets the bytes before the block of `offset`, when enough of them
    /// have piled up; offsets from that block on keep their positions.
    pub fn release_before(&mut self, offset: usize) {
        let cut = offset / BLOCK * BLOCK;
        if self.whole.is_none() && cut >= self.base + RELEASE_AT_LEAST {
            // A block may start inside a character: keep all of it.
            let mut kept_from = cut - self.base;
            while !self.kept.is_char_boundary(kept_from) {
                kept_from -= 1;
            }
            self.kept.drain(..kept_from);
            self.base += kept_from;
        }
    }

    /// Keeps the position of `offset` (in the window now) for after it has left.
    pub fn pin(&mut self, offset: usize) {
        let position = self.position(offset);
        self.pinned.push((offset, position));
    }

    /// The line and column of `offset`, which must be in the window or pinned.
    pub fn position(&self, offset: usize) -> Position {
        if offset < self.base {
            return self
                .pinned
                .iter()
                .find(|(at, _)| *at == offset)
                .map(|(_, position)| *position)
                .unwrap_or_default();
        }
        let offset = offset.min(self.end());
        let block_start = (offset / BLOCK * BLOCK).max(self.base);
        let prefix = &self.text().as_bytes()[block_start - self.base..offset - self.base];
        self.lines.position(offset, prefix)
    }

    /// The offset just past the JSON value that starts at `start` (a
    /// byte that is not white space), reading until it is at hand; the end
    /// of the text if the value does not end. Only brackets and strings
    /// are followed, not the grammar: [`Window::value`] reads the value and
    /// reports what is wrong with it, and everything it needs lies before
    /// this offset.
    pub fn value_end(&mut self, start: usize) -> usize {
        let end = self.scan_value(start);
        // What follows, for a message that names it.
        self.reach(end + 4);
        end
    }

    fn scan_value(&mut self, start: usize) -> usize {
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let scalar = !matches!(self.byte(start), Some(b'{' | b'[' | b'"'));
        let mut at = start;
        loop {
            if at >= self.end() && !self.pull() {
                return self.end();
            }
            let bytes = &self.text().as_bytes()[at - self.base..];
            let mut i = 0;
            while i < bytes.len() {
                if in_string && !escaped {
                    // Straight to the next byte that may matter.
                    i = string_run_end(bytes, i);
                    if i == bytes.len() {
                        break;
                    }
                }
                let byte = bytes[i];
                // `i` is past the byte from here on.
                i += 1;
                if scalar {
                    if matches!(byte, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                        return at + i - 1;
                    }
                } else if in_string {
                    if escaped {
                        escaped = false;
                    } else if byte == b'\\' {
                        escaped = true;
                    } else if byte == b'"' {
                        in_string = false;
                        if depth == 0 {
                            return at + i;
                        }
                    }
                } else {
                    match byte {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return at + i;
                            }
                        }
                        _ => {}
                    }
                }
            }
            at += bytes.len();
        }
    }

    /// Reads the JSON value that starts at `start` at nesting `depth`, up
    /// to `end` at most (see [`Window::value_end`]): the value, and the
    /// offset just past it. An error has its position.
    pub fn value(
        &self,
        start: usize,
        end: usize,
        depth: usize,
    ) -> Result<(Node<'_>, usize), SyntaxError> {
        let base = self.base;
        // The parser never reads past `end` but to name what it found there.
        debug_assert!(end <= self.end());
        let mut parser = Parser::new(self.text(), base, start - base);
        match parser.value(depth) {
            Ok(node) => Ok((node, base + parser.at)),
            Err(error) => Err(SyntaxError {
                pos: self.position(error.offset),
                ..error
            }),
        }
    }

    /// A syntax error at `offset`: `message`, then what is found there.
    pub fn unexpected(&mut self, offset: usize, message: &str) -> SyntaxError {
        // Enough bytes to hold the character there, whatever its length.
        self.reach(offset + 4);
        let base = self.base;
        let parser = Parser::new(self.text(), base, offset - base);
        let message = format!("{message}, found {}", parser.describe_next());
        SyntaxError {
            message,
            pos: self.position(offset),
            offset,
        }
    }

    /// A syntax error at `offset` with this message.
    pub fn error_at(&self, offset: usize, message: &str) -> SyntaxError {
        SyntaxError {
            message: message.to_string(),
            pos: self.position(offset),
            offset,
        }
    }

    /// Everything read to the end, for a document that is not an object:
    /// such a text is never streamed.
    pub fn read_to_end(&mut self) -> &str {
        while self.pull() {}
        self.text()
    }
}
