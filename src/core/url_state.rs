//! The explorer's state in a short, readable query string, and back.
//!
//! `?area=space,defence&q=engine&from=2023-01&to=2024&item=f414-co-production`
//!
//! Reading never fails: a hand-edited or truncated URL gives the state it can
//! read, plus a warning for each part it had to drop. Writing gives the
//! canonical form (parameters in a fixed order), which reads back to the
//! same state.

use std::collections::HashSet;

use super::date::PartialDate;
use super::json::shortened;
use super::model::Dataset;
use super::page_options;
use super::query::{Facet, Query, QueryIndex, Sort};

/// The search text.
pub const TEXT: &str = "q";
/// The first date of the range, and the last.
pub const FROM: &str = "from";
pub const TO: &str = "to";
pub const SORT: &str = "sort";
/// The selected item's id.
pub const ITEM: &str = "item";
pub const VIEW: &str = "view";

/// Every parameter of the state, in the order [`to_query_string`] writes
/// them: each facet's ([`Facet::key`]), then the others.
pub fn parameters() -> impl Iterator<Item = &'static str> {
    Facet::ALL
        .into_iter()
        .map(Facet::key)
        .chain([TEXT, FROM, TO, SORT, ITEM, VIEW])
}

/// Which view of the explorer is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    Timeline,
    List,
    Tracker,
}

impl View {
    pub const ALL: [View; 3] = [View::Timeline, View::List, View::Tracker];

    pub fn key(self) -> &'static str {
        match self {
            View::Timeline => "timeline",
            View::List => "list",
            View::Tracker => "tracker",
        }
    }

    /// The view's name for a reader, as in "iCET Explorer: result list".
    pub fn name(self) -> &'static str {
        match self {
            View::Timeline => "timeline",
            View::List => "result list",
            View::Tracker => "commitment tracker",
        }
    }
}

/// Everything a URL can say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlState {
    pub query: Query,
    /// The selected item's id.
    pub item: Option<String>,
    pub view: View,
}

/// Longer search text is cut, so a pasted essay cannot slow every keystroke.
pub const MAX_TEXT_CHARS: usize = 200;
/// More values than this in one parameter are dropped.
pub const MAX_VALUES: usize = 100;

/// Reads a query string (with or without the leading `?`). Returns the state
/// and one warning per parameter or value that was dropped or changed. The
/// page's own parameters ([`page_options`]) are passed over: they are not the
/// state's, and the page reads them itself.
pub fn parse(query_string: &str) -> (UrlState, Vec<String>) {
    let mut state = UrlState::default();
    let mut warnings = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let text = query_string.strip_prefix('?').unwrap_or(query_string);
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(raw_key, &mut warnings);
        if seen.contains(&key) {
            warnings.push(format!(
                "\"{}\" appears more than once; the first is used",
                shortened(&key)
            ));
            continue;
        }
        seen.insert(key.clone());
        if let Some(facet) = Facet::from_key(&key) {
            // Decode before splitting: browsers' URLSearchParams encode commas as %2C.
            // Facet values are ids, which never contain commas.
            let decoded = decode(raw_value, &mut warnings);
            let values: Vec<String> = decoded
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            if values.len() > MAX_VALUES {
                warnings.push(format!(
                    "\"{key}\" has more than {MAX_VALUES} values; the rest are dropped"
                ));
            }
            for v in values.iter().take(MAX_VALUES) {
                state.query.select(facet, v);
            }
            continue;
        }
        let value = decode(raw_value, &mut warnings);
        match key.as_str() {
            TEXT => {
                let trimmed = value.trim();
                if trimmed.chars().count() > MAX_TEXT_CHARS {
                    warnings.push(format!(
                        "the search text is longer than {MAX_TEXT_CHARS} characters and was cut"
                    ));
                }
                // Trimmed again after the cut, which may end in white space:
                // reading the written text back must give the same text.
                let cut: String = trimmed.chars().take(MAX_TEXT_CHARS).collect();
                state.query.text = cut.trim_end().to_string();
            }
            FROM | TO => match PartialDate::parse(value.trim()) {
                Ok(date) if key == FROM => state.query.from = Some(date),
                Ok(date) => state.query.to = Some(date),
                Err(message) => warnings.push(format!("\"{key}\" is ignored: {message}")),
            },
            SORT => match Sort::from_key(&value) {
                Some(sort) => state.query.sort = sort,
                None => warnings.push(format!(
                    "\"sort={}\" is ignored: use date, -date or relevance",
                    shortened(&value)
                )),
            },
            ITEM if !value.trim().is_empty() => state.item = Some(value.trim().to_string()),
            ITEM => {}
            VIEW => match View::ALL.into_iter().find(|v| v.key() == value) {
                Some(view) => state.view = view,
                None => warnings.push(format!(
                    "\"view={}\" is ignored: use timeline, list or tracker",
                    shortened(&value)
                )),
            },
            // The page's, not the state's: the page reads them itself.
            page if page_options::is_page_parameter(page) => {}
            _ => warnings.push(format!(
                "unknown parameter \"{}\" is ignored",
                shortened(&key)
            )),
        }
    }
    if let (Some(from), Some(to)) = (state.query.from, state.query.to) {
        if from.interval().0 > to.interval().1 {
            warnings.push(format!(
                "\"from\" ({from}) is after \"to\" ({to}); they were swapped"
            ));
            state.query.from = Some(to);
            state.query.to = Some(from);
        }
    }
    (state, warnings)
}

/// Writes the canonical query string, without the leading `?`; empty for the
/// default state.
pub fn to_query_string(state: &UrlState) -> String {
    let mut parts: Vec<String> = Vec::new();
    for facet in Facet::ALL {
        let values = state.query.selected(facet);
        if !values.is_empty() {
            let encoded: Vec<String> = values.iter().map(|v| encode(v)).collect();
            parts.push(format!("{}={}", facet.key(), encoded.join(",")));
        }
    }
    if !state.query.text.is_empty() {
        parts.push(format!("{TEXT}={}", encode(&state.query.text)));
    }
    if let Some(from) = state.query.from {
        parts.push(format!("{FROM}={from}"));
    }
    if let Some(to) = state.query.to {
        parts.push(format!("{TO}={to}"));
    }
    if state.query.sort != Sort::Auto {
        parts.push(format!("{SORT}={}", state.query.sort.key()));
    }
    if let Some(item) = &state.item {
        parts.push(format!("{ITEM}={}", encode(item)));
    }
    if state.view != View::Timeline {
        parts.push(format!("{VIEW}={}", state.view.key()));
    }
    parts.join("&")
}

/// Percent-encodes everything but unreserved characters; spaces become `+`.
/// Commas are encoded too; in facet values they would split the value on
/// reading, which is why ids never contain them.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes `+` and `%XX`. Malformed escapes are kept as they are, and bytes
/// that are not UTF-8 become U+FFFD, with one warning for each (shortened)
/// text that has any.
pub fn decode(text: &str, warnings: &mut Vec<String>) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut malformed = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                // Both must be hex digits: from_str_radix alone would accept "+1".
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => {
                        malformed = true;
                        out.push(b'%');
                    }
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    if malformed {
        warnings.push(format!(
            "malformed escape in \"{}\" is kept as it is",
            shortened(text)
        ));
    }
    match String::from_utf8(out) {
        Ok(decoded) => decoded,
        Err(error) => {
            warnings.push(format!(
                "\"{}\" does not decode to UTF-8 text; unreadable bytes were replaced",
                shortened(text)
            ));
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    }
}

/// Drops selected values and the selected item that the dataset does not
/// have, with a warning for each: URLs outlive datasets and get hand-edited.
pub fn retain_known(state: &mut UrlState, index: &QueryIndex, dataset: &Dataset) -> Vec<String> {
    let mut warnings = Vec::new();
    for (facet, values) in &mut state.query.selections {
        values.retain(|value| {
            let known = index.knows(*facet, value);
            if !known {
                warnings.push(format!(
                    "{} \"{}\" is not in the dataset and is ignored",
                    facet.label(),
                    shortened(value)
                ));
            }
            known
        });
    }
    state
        .query
        .selections
        .retain(|(_, values)| !values.is_empty());
    if let Some(item) = &state.item {
        if dataset.item_index(item).is_none() {
            warnings.push(format!(
                "item \"{}\" is not in the dataset and is ignored",
                shortened(item)
            ));
            state.item = None;
        }
    }
    warnings
}
