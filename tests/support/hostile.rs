//! A deterministic corpus of hostile inputs, made by editing a valid base
//! file, never by copying files.
//!
//! A [`Format`] is a way of reading bytes into a dataset (ours today; the
//! TimelineJS JSON and CSV importers can add theirs) with a valid base file.
//! Generators are of two sorts: byte-level ones that apply to any text
//! format (`encoding_cases`, `truncations`, `control_characters`), and
//! structural ones for JSON formats (`json_syntax_cases`, `nesting_cases`)
//! and for ours alone (`ours_cases`: every field missing, of the wrong type,
//! empty; references, dates, URLs, ids, numbers, duplicates). To add a
//! format, write its `Format` and a function like `ours_cases` for its own
//! structure, and chain the generic generators over its base.

#![allow(dead_code)]

use icet_explorer::{Problem, ProblemKind};
use serde_json::{json, Value};

/// How bytes are read, and the valid file the cases are made from.
pub struct Format {
    pub name: &'static str,
    pub base: String,
    /// The problems reading `bytes` finds; `Ok` when it reads them.
    pub read: fn(&[u8]) -> Result<(), Vec<Problem>>,
}

/// What reading a case must give.
#[derive(Clone, Debug)]
pub enum Expect {
    /// It reads without problems.
    Reads,
    /// A problem of this kind, at this path if one is given, and at a byte
    /// offset in this range (inclusive) if one is given.
    Problem {
        kind: ProblemKind,
        path: Option<String>,
        offset: Option<(usize, usize)>,
    },
    /// Anything but a panic (the fuzzers' findings).
    Anything,
}

pub struct Case {
    pub name: String,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

fn problem(kind: ProblemKind) -> Expect {
    Expect::Problem {
        kind,
        path: None,
        offset: None,
    }
}

fn problem_at(kind: ProblemKind, path: &str) -> Expect {
    Expect::Problem {
        kind,
        path: Some(path.to_string()),
        offset: None,
    }
}

fn problem_near(kind: ProblemKind, low: usize, high: usize) -> Expect {
    Expect::Problem {
        kind,
        path: None,
        offset: Some((low, high)),
    }
}

fn case(name: impl Into<String>, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name: name.into(),
        bytes: bytes.into(),
        expect,
    }
}

/// A small deterministic generator (SplitMix64), so the corpus is the same on every run.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// `count` offsets spread over `0..len`, deterministically.
fn offsets(len: usize, count: usize, seed: u64) -> Vec<usize> {
    let mut random = Random::new(seed);
    (0..count).map(|_| random.below(len)).collect()
}

/// For every byte of JSON `text`, whether it is inside a string literal
/// (its quotes included).
fn in_string_map(text: &[u8]) -> Vec<bool> {
    let mut map = Vec::with_capacity(text.len());
    let (mut inside, mut escaped) = (false, false);
    for &byte in text {
        if inside {
            map.push(true);
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => inside = false,
                _ => {}
            }
        } else {
            inside = byte == b'"';
            map.push(inside);
        }
    }
    map
}

/// The offsets of the quotes that open and close JSON strings (not escaped ones).
fn string_delimiters(text: &[u8]) -> Vec<usize> {
    let map = in_string_map(text);
    let outside = |at: Option<usize>| at.map_or(true, |at| !map.get(at).copied().unwrap_or(false));
    (0..text.len())
        .filter(|&at| text[at] == b'"' && (outside(at.checked_sub(1)) || outside(Some(at + 1))))
        .collect()
}

fn insert(base: &[u8], at: usize, bytes: &[u8]) -> Vec<u8> {
    let mut out = base[..at].to_vec();
    out.extend_from_slice(bytes);
    out.extend_from_slice(&base[at..]);
    out
}

/// Encodings, for any text format: a UTF-8 byte order mark (read), UTF-16
/// and UTF-32 with and without marks, invalid UTF-8 at several places.
pub fn encoding_cases(format: &Format) -> Vec<Case> {
    let base = format.base.as_bytes();
    let mut cases = vec![case(
        format!("{}: UTF-8 with a byte order mark", format.name),
        [b"\xEF\xBB\xBF".as_slice(), base].concat(),
        Expect::Reads,
    )];
    let utf16 = |big: bool| -> Vec<u8> {
        format
            .base
            .encode_utf16()
            .flat_map(|u| {
                if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    };
    let utf32 = |big: bool| -> Vec<u8> {
        format
            .base
            .chars()
            .flat_map(|c| {
                let c = c as u32;
                if big {
                    c.to_be_bytes()
                } else {
                    c.to_le_bytes()
                }
            })
            .collect()
    };
    let wide: [(&str, Vec<u8>); 8] = [
        ("UTF-16LE", utf16(false)),
        ("UTF-16BE", utf16(true)),
        (
            "UTF-16LE with a mark",
            [&[0xFF, 0xFE][..], &utf16(false)].concat(),
        ),
        (
            "UTF-16BE with a mark",
            [&[0xFE, 0xFF][..], &utf16(true)].concat(),
        ),
        ("UTF-32LE", utf32(false)),
        ("UTF-32BE", utf32(true)),
        (
            "UTF-32LE with a mark",
            [&[0xFF, 0xFE, 0, 0][..], &utf32(false)].concat(),
        ),
        (
            "UTF-32BE with a mark",
            [&[0, 0, 0xFE, 0xFF][..], &utf32(true)].concat(),
        ),
    ];
    for (name, bytes) in wide {
        cases.push(case(
            format!("{}: {name}", format.name),
            bytes,
            problem_near(ProblemKind::Encoding, 0, 0),
        ));
    }
    let bad: [(&str, &[u8]); 7] = [
        ("byte FF", b"\xFF"),
        ("Latin-1 e acute", b"\xE9t\xE9"),
        ("stray continuation byte", b"\x80"),
        ("lead byte then ASCII", b"\xC3("),
        ("overlong NUL", b"\xC0\x80"),
        ("UTF-16 surrogate in UTF-8", b"\xED\xA0\x80"),
        ("beyond U+10FFFF", b"\xF4\x90\x80\x80"),
    ];
    let in_string = in_string_map(base);
    let mut at_places = offsets(base.len(), 400, 7)
        .into_iter()
        .filter(|&at| in_string[at] && base[at] != b'"' && base[at] < 0x80);
    for (name, bytes) in bad {
        for at in at_places.by_ref().take(3) {
            cases.push(case(
                format!("{}: invalid UTF-8 ({name}) at byte {at}", format.name),
                insert(base, at, bytes),
                problem_near(ProblemKind::Encoding, at, at),
            ));
        }
    }
    // With a mark, the offset still counts bytes of the file.
    let at = at_places.next().unwrap_or(0);
    cases.push(case(
        format!(
            "{}: a mark, then invalid UTF-8 at byte {}",
            format.name,
            at + 3
        ),
        [b"\xEF\xBB\xBF".as_slice(), &insert(base, at, b"\xFF")].concat(),
        problem_near(ProblemKind::Encoding, at + 3, at + 3),
    ));
    cases.push(case(
        format!("{}: a character cut short by the end", format.name),
        [base, b"\xE2\x82".as_slice()].concat(),
        problem_near(ProblemKind::Encoding, base.len(), base.len()),
    ));
    cases
}

/// The base cut short at `count` places before its last byte that matters.
pub fn truncations(format: &Format, count: usize, kind: ProblemKind) -> Vec<Case> {
    let base = format.base.trim_end().as_bytes();
    let mut places = offsets(base.len() - 1, count, 11);
    places.push(0);
    places
        .into_iter()
        .filter(|&at| format.base.is_char_boundary(at))
        .map(|at| {
            case(
                format!("{}: cut at byte {at}", format.name),
                &base[..at],
                problem_near(kind, at.saturating_sub(8), at),
            )
        })
        .collect()
}

/// NUL and other control characters, for JSON formats: anywhere, raw, they
/// are a syntax error at their place (or at the token they break).
pub fn control_characters(format: &Format, count: usize) -> Vec<Case> {
    let base = format.base.as_bytes();
    let mut random = Random::new(13);
    offsets(base.len(), count, 17)
        .into_iter()
        .filter(|&at| format.base.is_char_boundary(at))
        .map(|at| {
            let control = [0u8, 1, 7, 8, 0x0B, 0x0C, 0x1B, 0x1F][random.below(8)];
            case(
                format!("{}: U+{control:04X} at byte {at}", format.name),
                insert(base, at, &[control]),
                problem_near(ProblemKind::Syntax, at.saturating_sub(8), at),
            )
        })
        .collect()
}

/// For JSON formats: structural characters (outside strings) taken out, or
/// a stray one put in, at many places.
pub fn json_syntax_cases(format: &Format, count: usize) -> Vec<Case> {
    let base = format.base.as_bytes();
    let in_string = in_string_map(base);
    let mut structural: Vec<usize> = (0..base.len())
        .filter(|&at| !in_string[at] && matches!(base[at], b'{' | b'}' | b'[' | b']' | b':' | b','))
        .collect();
    structural.extend(string_delimiters(base));
    let mut random = Random::new(19);
    let mut cases = Vec::new();
    for _ in 0..count {
        let at = structural[random.below(structural.len())];
        let mut bytes = base.to_vec();
        bytes.remove(at);
        cases.push(case(
            format!(
                "{}: byte {at} ({}) taken out",
                format.name, base[at] as char
            ),
            bytes,
            problem(ProblemKind::Syntax),
        ));
    }
    let between: Vec<usize> = (1..base.len())
        .filter(|&at| {
            !in_string[at]
                && !in_string[at - 1]
                && !base[at].is_ascii_digit()
                && !base[at - 1].is_ascii_digit()
        })
        .collect();
    for (i, stray) in [",", "}", "]", ":", "x", "'", "01", "-", "tru", "nul"]
        .iter()
        .cycle()
        .take(count)
        .enumerate()
    {
        let at = between[Random::new(23 + i as u64).below(between.len())];
        cases.push(case(
            format!("{}: {stray:?} put in at byte {at}", format.name),
            insert(base, at, stray.as_bytes()),
            problem(ProblemKind::Syntax),
        ));
    }
    cases
}

/// For JSON formats: nesting far too deep where the first value starts.
pub fn nesting_cases(format: &Format) -> Vec<Case> {
    let depth = 100_000;
    vec![
        case(
            format!("{}: arrays {depth} deep", format.name),
            "[".repeat(depth) + &"]".repeat(depth),
            problem_near(ProblemKind::Syntax, 129, 129),
        ),
        case(
            format!("{}: objects {depth} deep", format.name),
            "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth),
            problem_near(ProblemKind::Syntax, 5 * 129, 5 * 129),
        ),
        case(
            format!("{}: arrays {depth} deep, never closed", format.name),
            "[".repeat(depth),
            problem_near(ProblemKind::Syntax, 129, 129),
        ),
    ]
}

/// Our format's base, parsed, for structural edits.
fn base_value(format: &Format) -> Value {
    serde_json::from_str(&format.base).expect("the base is JSON")
}

fn pretty(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("serialisable")
}

/// A JSON path in our loader's notation (`events[0].date.value`) to a JSON pointer.
fn pointer(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indices) = part.split_once('[').unwrap_or((part, ""));
        out.push('/');
        out.push_str(key);
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            out.push('/');
            out.push_str(index.trim_end_matches(']'));
        }
    }
    out
}

/// `value` with the value at `path` replaced; `None` removes it.
fn edited(value: &Value, path: &str, new: Option<Value>) -> Value {
    let mut value = value.clone();
    let (parent, last) = match path.rfind(['.', '[']) {
        Some(at) => (&path[..at], &path[at..]),
        None => ("", path),
    };
    match new {
        Some(new) => *value.pointer_mut(&pointer(path)).expect("path exists") = new,
        None => {
            let key = last.trim_start_matches('.');
            value
                .pointer_mut(&pointer(parent))
                .and_then(Value::as_object_mut)
                .expect("parent is an object")
                .remove(key);
        }
    }
    value
}

/// Every path in `value`, parents before children.
fn paths(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
    out.push((path.clone(), value.clone()));
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                paths(member, child, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                paths(item, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// A value of another JSON type than `value`.
fn other_type(value: &Value) -> Value {
    match value {
        Value::String(_) => json!(7),
        Value::Number(_) => json!("7"),
        Value::Bool(_) => json!("yes"),
        Value::Array(_) => json!({ "a": 1 }),
        Value::Object(_) => json!(["a"]),
        Value::Null => json!([]),
    }
}

/// Fields our loader requires, by the last part of their path's parent kind.
const REQUIRED: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "version",
            "title",
            "description",
            "sources",
            "focus_areas",
            "actors",
            "events",
            "commitments",
        ],
    ),
    (
        "sources[]",
        &[
            "id",
            "publisher",
            "title",
            "kind",
            "format",
            "published",
            "url",
        ],
    ),
    ("focus_areas[]", &["id", "name", "description", "headings"]),
    (
        "actors[]",
        &["id", "name", "aliases", "kind", "country", "citations"],
    ),
    (
        "events[]",
        &[
            "id",
            "title",
            "type",
            "date",
            "place",
            "participants",
            "focus_areas",
            "description",
            "citations",
        ],
    ),
    (
        "commitments[]",
        &[
            "id",
            "title",
            "description",
            "focus_areas",
            "actors",
            "announced_at",
            "status_history",
        ],
    ),
    (
        "status_history[]",
        &["status", "date", "summary", "citations"],
    ),
    ("citations[]", &["source", "quote"]),
    ("headings[]", &["source", "quote"]),
    ("date", &["value"]),
    ("published", &["value"]),
];

/// The kind of record a path names: its last part, indices as `[]`.
fn record_kind(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or_default();
    match last.find('[') {
        Some(at) => format!("{}[]", &last[..at]),
        None => last.to_string(),
    }
}

/// References in the minimal dataset, and the kind each must name.
const REFERENCES: &[&str] = &[
    "events[0].participants[0]",
    "events[0].focus_areas[0]",
    "events[0].related[0]",
    "events[0].citations[0].source",
    "commitments[0].focus_areas[0]",
    "commitments[0].actors[0]",
    "commitments[0].announced_at",
    "commitments[0].status_history[0].event",
    "commitments[0].status_history[0].citations[0].source",
    "actors[0].citations[0].source",
    "focus_areas[0].headings[0].source",
];

const DATES: &[&str] = &[
    "events[0].date.value",
    "sources[0].published.value",
    "sources[1].published.value",
    "commitments[0].status_history[0].date.value",
];

/// Cases for our format: the structure of the minimal dataset broken field
/// by field, and values of every hostile sort.
pub fn ours_cases(format: &Format) -> Vec<Case> {
    let base = base_value(format);
    let mut cases = Vec::new();
    let mut all = Vec::new();
    paths(&base, String::new(), &mut all);
    // Every field of the wrong type; every required field missing; every text empty.
    for (path, value) in &all {
        cases.push(case(
            format!("ours: {path} of the wrong type"),
            pretty(&edited(&base, path, Some(other_type(value)))),
            problem_at(ProblemKind::WrongType, path),
        ));
        if let Value::Object(members) = value {
            let kind = record_kind(path);
            let required = REQUIRED
                .iter()
                .find(|(k, _)| *k == kind)
                .map_or(&[][..], |(_, r)| *r);
            for key in members.keys().filter(|k| required.contains(&k.as_str())) {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                cases.push(case(
                    format!("ours: {child} missing"),
                    pretty(&edited(&base, &child, None)),
                    problem_at(ProblemKind::MissingField, path),
                ));
            }
        }
        if value.is_string() {
            let kind = if path.ends_with(".quote") {
                ProblemKind::EmptyQuote
            } else {
                ProblemKind::EmptyText
            };
            cases.push(case(
                format!("ours: {path} empty"),
                pretty(&edited(&base, path, Some(json!(" \t")))),
                problem_at(kind, path),
            ));
        }
    }
    // Dangling references, and references to the wrong kind of thing.
    for path in REFERENCES {
        for (target, what) in [
            ("nobody", "dangling"),
            ("x".repeat(100_000).as_str(), "long"),
        ] {
            cases.push(case(
                format!("ours: {path} {what}"),
                pretty(&edited(&base, path, Some(json!(target)))),
                problem_at(ProblemKind::UnknownReference, path),
            ));
        }
        let wrong = if path.ends_with("source") {
            "isro"
        } else {
            "fact-sheet"
        };
        cases.push(case(
            format!("ours: {path} names the wrong kind"),
            pretty(&edited(&base, path, Some(json!(wrong)))),
            problem_at(ProblemKind::UnknownReference, path),
        ));
    }
    // Impossible and malformed dates.
    let dates = [
        "2023-02-30",
        "2023-02-29",
        "2023-13",
        "2023-00-10",
        "2023-04-31",
        "0000",
        "99999",
        "2023-Q5",
        "2023-H3",
        "1066",
        "2023-1-5",
        "2023-01-01T00:00",
        "٢٠٢٣",
    ];
    for path in DATES {
        for date in dates {
            cases.push(case(
                format!("ours: {path} = {date}"),
                pretty(&edited(&base, path, Some(json!(date)))),
                problem_at(ProblemKind::InvalidDate, path),
            ));
        }
    }
    // Unsafe and malformed URLs; schemes in any case are fine.
    let urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "//example.com/",
        "ftp://example.com/",
        "http://",
        "https:///path",
        "https://exa mple.com/",
        "https://example.com/\u{0}",
        "https://example.com/\u{7f}",
        " https://example.com/",
        "https:example.com",
    ];
    for url in urls {
        cases.push(case(
            format!("ours: url {url:?}"),
            pretty(&edited(&base, "sources[0].url", Some(json!(url)))),
            problem_at(ProblemKind::InvalidUrl, "sources[0].url"),
        ));
    }
    for url in ["HTTPS://EXAMPLE.COM/", "Http://example.com/a?b#c"] {
        cases.push(case(
            format!("ours: url {url:?} reads"),
            pretty(&edited(&base, "sources[0].url", Some(json!(url)))),
            Expect::Reads,
        ));
    }
    // Ids that are not kebab case, and ids used twice.
    for id in ["Fact-Sheet", "a--b", "-a", "a-", "a b", "é", "a_b", "a.b"] {
        cases.push(case(
            format!("ours: id {id:?}"),
            pretty(&edited(&base, "events[0].id", Some(json!(id)))),
            problem_at(ProblemKind::InvalidId, "events[0].id"),
        ));
    }
    for (path, id) in [
        ("events[0].id", "isro"),
        ("sources[1].id", "fact-sheet"),
        ("commitments[0].id", "isro-chairman-visit"),
        ("actors[1].id", "space"),
    ] {
        cases.push(case(
            format!("ours: {path} = {id}, already used"),
            pretty(&edited(&base, path, Some(json!(id)))),
            problem_at(ProblemKind::DuplicateId, path),
        ));
    }
    // Extreme numbers where the version goes.
    let text = &format.base;
    let version_at = text.find("\"version\": 1").expect("base has a version") + 11;
    let with_version =
        |literal: &str| text.replacen("\"version\": 1", &format!("\"version\": {literal}"), 1);
    for literal in [
        "1e999999999",
        "-1e999999999",
        "1e-999999999",
        "99999999999999999999999",
        "-0",
        "0.5",
        "2",
        "-1",
        "1.0000000000000000000001",
    ] {
        cases.push(case(
            format!("ours: version {literal}"),
            with_version(literal),
            problem_near(ProblemKind::UnsupportedVersion, version_at, version_at),
        ));
    }
    for literal in ["1.0", "10e-1", "0.1e1", "1E0", "100000000000000000000e-20"] {
        cases.push(case(
            format!("ours: version {literal} reads"),
            with_version(literal),
            Expect::Reads,
        ));
    }
    for literal in [
        "01", "1.", ".5", "+1", "0x10", "1e", "NaN", "Infinity", "--1",
    ] {
        cases.push(case(
            format!("ours: version {literal}, not JSON"),
            with_version(literal),
            problem_near(ProblemKind::Syntax, version_at, version_at + 3),
        ));
    }
    // Duplicate keys, at the root and deep down.
    for (anchor, copy) in [
        ("\"version\": 1,", "\"version\": 1,"),
        ("\"title\": \"Minimal dataset\",", "\"title\": \"Again\","),
        ("\"id\": \"isro\",", "\"id\": \"isro\","),
        ("\"status\": \"announced\",", "\"status\": \"achieved\","),
        ("\"url\": null", ", \"url\": null"),
    ] {
        let at = text.find(anchor).expect("anchor in the base");
        let (head, tail) = text.split_at(at + anchor.len());
        let joined = if copy.starts_with(',') {
            format!("{head}{copy}{tail}")
        } else {
            format!("{head} {copy}{tail}")
        };
        cases.push(case(
            format!("ours: {anchor} twice"),
            joined,
            problem(ProblemKind::DuplicateField),
        ));
    }
    cases
}

/// Huge names and values (50 MB): the messages about them stay short.
pub fn huge_cases(format: &Format) -> Vec<Case> {
    let base = base_value(format);
    let text = &format.base;
    let version_at = text.find("\"version\": 1").expect("base has a version") + 11;
    let mut cases = Vec::new();
    let huge = 50_000_000;
    let mut root = base.clone();
    root.as_object_mut()
        .expect("an object")
        .insert("x".repeat(huge), json!(1));
    cases.push(case(
        "ours: an unknown field with a 50 MB name",
        serde_json::to_vec(&root).expect("serialisable"),
        problem(ProblemKind::UnknownField),
    ));
    cases.push(case(
        "ours: a 50 MB id",
        serde_json::to_vec(&edited(
            &base,
            "events[0].id",
            Some(json!("Y".repeat(huge))),
        ))
        .expect("serialisable"),
        problem_at(ProblemKind::InvalidId, "events[0].id"),
    ));
    cases.push(case(
        "ours: a 50 MB string never closed",
        format!("{{\"title\": \"{}", "z".repeat(huge)),
        problem_near(ProblemKind::Syntax, huge + 11, huge + 11),
    ));
    cases.push(case(
        "ours: a 1 MB number as the version",
        text.replacen(
            "\"version\": 1",
            &format!("\"version\": {}", "9".repeat(1_000_000)),
            1,
        ),
        problem_near(ProblemKind::UnsupportedVersion, version_at, version_at),
    ));
    cases
}
