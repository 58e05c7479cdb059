//! HTML as plain text, with its links kept when they are safe.
//!
//! TimelineJS puts its text fields into the page as HTML. The explorer shows
//! text only: tags are dropped (never shown, never run), the contents of
//! `script`, `style` and comments are dropped whole, entities are decoded,
//! block elements and `<br>` end a line, and each `<a href>` whose address
//! is `http:` or `https:` becomes a [`Link`]; any other link keeps only its
//! text. This is not a full HTML parser: anything that looks like a tag is
//! removed, which is what matters for showing text.

use crate::core::case::to_lower;
use crate::core::model::Link;

/// `html` as plain text, and its safe links in order.
pub fn to_text(html: &str) -> (String, Vec<Link>) {
    let mut out = Text::default();
    let mut links = Vec::new();
    // The open `<a>`: its address (if safe) and where its text starts.
    let mut open_link: Option<(Option<String>, usize)> = None;
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('&') {
            let (decoded, used) = entity(rest);
            out.push_str(&decoded);
            rest = &rest[used..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::read(rest) else {
            out.push_str("<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.length..];
        match tag.name.as_str() {
            "script" | "style" if !tag.closing => {
                rest = skip_element(rest, &tag.name);
            }
            "a" if !tag.closing => {
                let url = tag.href.as_deref().and_then(safe_url).map(str::to_string);
                open_link = Some((url, out.text.len()));
            }
            "a" => {
                if let Some((Some(url), start)) = open_link.take() {
                    let text = out.text.get(start..).unwrap_or_default().trim();
                    let text = if text.is_empty() {
                        url.clone()
                    } else {
                        text.to_string()
                    };
                    links.push(Link { text, url });
                }
            }
            name if is_block(name) => out.line_break(),
            _ => {}
        }
    }
    out.push_str(rest);
    if let Some((Some(url), start)) = open_link {
        let text = out.text.get(start..).unwrap_or_default().trim().to_string();
        links.push(Link {
            text: if text.is_empty() { url.clone() } else { text },
            url,
        });
    }
    (out.finish(), links)
}

/// `url` trimmed, when it is an `http:` or `https:` URL with a host and no
/// white space or control characters; `None` for anything else
/// (`javascript:`, `data:`, relative addresses).
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme_end = url.find(':')?;
    let scheme: String = url[..scheme_end].chars().map(to_lower).collect();
    let rest = url[scheme_end + 1..].strip_prefix("//")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    ((scheme == "http" || scheme == "https") && !host.is_empty() && clean).then_some(url)
}

/// Text being built: runs of white space become one space, line breaks
/// from block elements are kept (one at a time), lines are trimmed.
#[derive(Default)]
struct Text {
    text: String,
    /// White space seen since the last character written.
    space: bool,
    /// A line break asked for since the last character written.
    line: bool,
}

impl Text {
    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if !self.text.is_empty() {
                    if self.line {
                        self.text.push('\n');
                    } else if self.space {
                        self.text.push(' ');
                    }
                }
                self.space = false;
                self.line = false;
                self.text.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        self.line = true;
    }

    fn finish(self) -> String {
        self.text
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "table"
            | "hr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "pre"
            | "cite"
            | "dd"
            | "dt"
    )
}

/// Skips to just after `</name>` (or to the end).
fn skip_element<'t>(mut rest: &'t str, name: &str) -> &'t str {
    while let Some(at) = rest.find("</") {
        rest = &rest[at..];
        if let Some(tag) = Tag::read(rest) {
            if tag.closing && tag.name == name {
                return &rest[tag.length..];
            }
        }
        rest = &rest[2..];
    }
    ""
}

/// A tag at the start of some text: `<name attr="value" ...>` or `</name>`.
struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
    /// Bytes from `<` to `>` inclusive.
    length: usize,
}

impl Tag {
    /// Reads a tag, or `None` when the `<` does not start one (`a < b`),
    /// which is then text.
    fn read(text: &str) -> Option<Tag> {
        let bytes = text.as_bytes();
        let mut at = 1;
        let closing = bytes.get(at) == Some(&b'/');
        if closing {
            at += 1;
        }
        let name_start = at;
        if !bytes.get(at).is_some_and(|b| b.is_ascii_alphabetic()) {
            // `<!DOCTYPE>` and `<?xml?>` are markup too: drop them whole.
            if !closing && matches!(bytes.get(at), Some(b'!' | b'?')) {
                let end = text.find('>')?;
                return Some(Tag {
                    name: String::new(),
                    closing: false,
                    href: None,
                    length: end + 1,
                });
            }
            return None;
        }
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
        {
            at += 1;
        }
        let name = text[name_start..at].to_ascii_lowercase();
        // Attributes up to `>`, with quoted values (which may hold `>`).
        let mut href = None;
        loop {
            while bytes
                .get(at)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
            {
                at += 1;
            }
            match bytes.get(at) {
                // An unclosed tag runs to the end of the text: drop it all.
                None => {
                    return Some(Tag {
                        name,
                        closing,
                        href,
                        length: text.len(),
                    })
                }
                Some(b'>') => {
                    return Some(Tag {
                        name,
                        closing,
                        href,
                        length: at + 1,
                    })
                }
                _ => {}
            }
            let attribute_start = at;
            while bytes
                .get(at)
                .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
            {
                at += 1;
            }
            if at == attribute_start {
                // A stray `=`: skip it.
                at += 1;
                continue;
            }
            let attribute = text[attribute_start..at].to_ascii_lowercase();
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at += 1;
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            let value = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end = text[start..]
                        .find(quote as char)
                        .map_or(text.len(), |e| start + e);
                    at = (end + 1).min(text.len());
                    &text[start..end]
                }
                _ => {
                    let start = at;
                    while bytes
                        .get(at)
                        .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                    {
                        at += 1;
                    }
                    &text[start..at]
                }
            };
            if attribute == "href" && href.is_none() {
                href = Some(decode_entities(value));
            }
        }
    }
}

/// Every entity in `text` decoded.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (decoded, used) = entity(&rest[at..]);
        out.push_str(&decoded);
        rest = &rest[at + used..];
    }
    out.push_str(rest);
    out
}

/// The entity at the start of `text` (which starts with `&`), decoded, and
/// how many bytes it took; a lone `&` stays itself.
fn entity(text: &str) -> (String, usize) {
    let end = text
        .bytes()
        .take(34)
        .position(|b| b == b';')
        .filter(|&e| e > 1);
    let Some(end) = end else {
        return ("&".into(), 1);
    };
    let name = &text[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.len() <= 6 => hex
                .chars()
                .try_fold(0u32, |v, c| Some(v * 16 + c.to_digit(16)?)),
            None if !number.is_empty() && number.len() <= 7 => number
                .chars()
                .try_fold(0u32, |v, c| Some(v * 10 + c.to_digit(10)?)),
            _ => None,
        };
        value
            .filter(|&v| v != 0)
            .map(|v| char::from_u32(v).unwrap_or('\u{FFFD}'))
    } else {
        named_entity(name)
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "szlig" => 'ß',
        _ => return None,
    })
}
