//! The one writer of markup. Every view writes through it, so escaping is
//! not something a view can forget:
//!
//! - tag and attribute names are `&'static str`, so no data can name an
//!   element or an attribute;
//! - text is escaped for text content, attribute values for a quoted value;
//! - a link's address is accepted only as `http:`/`https:` or the explorer's
//!   own `?…`; any other becomes a `<span>` with no address at all.

/// Markup under construction.
#[derive(Default)]
pub struct Markup {
    out: String,
    /// Whether a start tag is still open for attributes (`<li class="x"`).
    in_tag: bool,
}

impl Markup {
    pub fn new() -> Markup {
        Markup::default()
    }

    pub fn finish(mut self) -> String {
        self.end_tag_start();
        self.out
    }

    /// Opens an element; attributes may follow until its content starts.
    pub fn open(&mut self, tag: &'static str) -> &mut Self {
        self.end_tag_start();
        self.out.push('<');
        self.out.push_str(tag);
        self.in_tag = true;
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.end_tag_start();
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// An element with no content, such as `<input>` or an SVG `<circle/>`.
    pub fn void(&mut self) -> &mut Self {
        if self.in_tag {
            self.out.push('>');
            self.in_tag = false;
        }
        self
    }

    /// An attribute with its value escaped. Outside a start tag it is dropped,
    /// since it could only land in text.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        if self.in_tag {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
        self
    }

    /// A boolean attribute, written only when `on`.
    pub fn flag(&mut self, name: &'static str, on: bool) -> &mut Self {
        if on && self.in_tag {
            self.out.push(' ');
            self.out.push_str(name);
        }
        self
    }

    pub fn number(&mut self, name: &'static str, value: f64) -> &mut Self {
        let mut text = String::new();
        push_fixed(&mut text, value, 1);
        self.attr(name, &text)
    }

    /// A fraction as a percentage, to `places` decimals ("12.5%").
    pub fn percent(&mut self, name: &'static str, fraction: f64, places: u32) -> &mut Self {
        let mut text = String::new();
        push_fixed(&mut text, fraction * 100.0, places);
        text.push('%');
        self.attr(name, &text)
    }

    pub fn count(&mut self, name: &'static str, value: usize) -> &mut Self {
        self.attr(name, &value.to_string())
    }

    /// Escaped text content.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.end_tag_start();
        escape_into(&mut self.out, text, false);
        self
    }

    /// Text from the data inside text of the page's own: isolated in a
    /// `<bdi>`, so no character in the data (an unclosed U+202E, say) can
    /// reorder the page's words around it. Elements that hold nothing but
    /// data are isolated by the style sheet instead (`unicode-bidi`).
    pub fn data(&mut self, text: &str) -> &mut Self {
        self.open("bdi").text(text).close("bdi")
    }

    /// An element holding only text.
    pub fn element(&mut self, tag: &'static str, class: &str, text: &str) -> &mut Self {
        self.open(tag);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.text(text).close(tag)
    }

    /// Opens a link to `href` if it is safe (see [`safe_href`]), else a
    /// `<span>`; returns the tag to close it with.
    pub fn open_link(&mut self, href: &str) -> &'static str {
        if safe_href(href) {
            self.open("a").attr("href", href);
            "a"
        } else {
            self.open("span");
            "span"
        }
    }

    /// A link with text, or the bare text where the address is not safe.
    pub fn link(&mut self, href: &str, class: &str, text: &str) -> &mut Self {
        let tag = self.open_link(href);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.text(text).close(tag)
    }

    /// `<time datetime>` with a visible label.
    pub fn time(&mut self, machine: &str, label: &str) -> &mut Self {
        self.open("time")
            .attr("datetime", machine)
            .text(label)
            .close("time")
    }

    /// Text with the byte ranges `marks` wrapped in `<mark>`.
    pub fn highlighted(&mut self, text: &str, marks: &[(usize, usize)]) -> &mut Self {
        let mut at = 0;
        for &(start, end) in marks {
            let (Some(before), Some(marked)) = (text.get(at..start), text.get(start..end)) else {
                continue;
            };
            self.text(before).element("mark", "", marked);
            at = end;
        }
        self.text(text.get(at..).unwrap_or_default())
    }

    fn end_tag_start(&mut self) {
        if self.in_tag {
            self.out.push('>');
            self.in_tag = false;
        }
    }
}

/// Only `http:` and `https:` addresses (schemes fold case) and the
/// explorer's own `?…` links: never `javascript:`, `data:` or a path.
pub fn safe_href(href: &str) -> bool {
    if href.starts_with('?') {
        return true;
    }
    let scheme = |prefix: &str| {
        href.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    scheme("https://") || scheme("http://")
}

fn escape_into(out: &mut String, text: &str, attribute: bool) {
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            b'\'' if attribute => "&#39;",
            // NUL is dropped: the parser would turn it into U+FFFD anyway.
            0 => "",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        out.push_str(replacement);
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// A number with at most `places` decimals, trailing zeros dropped, written
/// by hand: Rust's float formatting would add about 6 KB (gzipped) to the wasm.
pub fn push_fixed(out: &mut String, value: f64, places: u32) {
    let scale = 10_u64.pow(places);
    let scaled = if value.is_finite() {
        (value * scale as f64).round() as i64
    } else {
        0
    };
    if scaled < 0 {
        out.push('-');
    }
    let scaled = scaled.unsigned_abs();
    out.push_str(&(scaled / scale).to_string());
    let mut fraction = scaled % scale;
    if fraction != 0 {
        out.push('.');
        let mut digit = scale / 10;
        while fraction != 0 {
            out.push(char::from(b'0' + (fraction / digit) as u8));
            fraction %= digit;
            digit /= 10;
        }
    }
}
