//! Checking that quotes appear verbatim in their sources.
//!
//! Stored source texts keep the Markdown of the published copy and its line
//! wrapping; quotes are single lines of plain text. Both sides are normalised
//! the same way (documented in `data/README.md`) before the substring test.

use std::collections::HashMap;

/// Normalises text for quote matching: Markdown links become their text,
/// inline markup and backslash escapes go, and white space is collapsed.
pub fn normalize(text: &str) -> String {
    let without_links = strip_link_targets(text);
    let mut out = String::with_capacity(without_links.len());
    let mut rest = without_links.as_str();
    let mut pending_space = false;
    while let Some(c) = rest.chars().next() {
        if let Some(markup) = ["**", "<u>", "</u>", "<sup>", "</sup>"]
            .iter()
            .find(|m| rest.starts_with(**m))
        {
            rest = &rest[markup.len()..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c == '\\' {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Turns `[text](target)` into `text`, leaving other brackets alone.
fn strip_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after_open = &rest[open + 1..];
        let link = after_open.find("](").and_then(|close| {
            let target = &after_open[close + 2..];
            target.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match link {
            Some((close, consumed)) if !after_open[..close].contains('[') => {
                out.push_str(&after_open[..close]);
                rest = &after_open[consumed..];
            }
            _ => {
                out.push('[');
                rest = after_open;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Full texts of sources, by source id, to check quotes against.
#[derive(Clone, Debug, Default)]
pub struct SourceTexts {
    normalized: HashMap<String, String>,
}

impl SourceTexts {
    pub fn new() -> SourceTexts {
        SourceTexts::default()
    }

    pub fn insert(&mut self, source_id: &str, text: &str) {
        self.normalized
            .insert(source_id.to_string(), normalize(text));
    }

    pub fn has(&self, source_id: &str) -> bool {
        self.normalized.contains_key(source_id)
    }

    /// `None` when the source has no stored text. Otherwise whether the quote
    /// is found; when it is not, the error says how far it does match.
    pub fn check(&self, source_id: &str, quote: &str) -> Option<Result<(), String>> {
        let text = self.normalized.get(source_id)?;
        let quote = normalize(quote);
        if text.contains(&quote) {
            return Some(Ok(()));
        }
        Some(Err(describe_mismatch(text, &quote)))
    }
}

/// Says which part of a quote is found, to point at where it goes wrong.
fn describe_mismatch(text: &str, quote: &str) -> String {
    let boundaries: Vec<usize> = quote
        .char_indices()
        .map(|(i, _)| i)
        .chain([quote.len()])
        .collect();
    // Prefixes that occur are monotone in length, so a binary search finds the longest.
    let (mut low, mut high) = (0, boundaries.len() - 1);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if text.contains(&quote[..boundaries[mid]]) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let matched = &quote[..boundaries[low]];
    if matched.chars().count() < 8 {
        "not even its first words appear".to_string()
    } else {
        let tail: String = {
            let chars: Vec<char> = matched.chars().collect();
            chars[chars.len().saturating_sub(30)..].iter().collect()
        };
        format!("it matches up to \"…{tail}\" and differs after that")
    }
}
