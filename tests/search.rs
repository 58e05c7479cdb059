//! Search: query cases over the real dataset (`tests/data/search/queries.txt`)
//! and over a small fixture (`fixture.json`, `fixture-queries.txt`),
//! tokenization cases (`tokens.txt`), highlight cases (`highlight.txt`), and
//! properties checked over every item of the real dataset.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::HashSet;

use icet_explorer::core::model::Dataset;
use icet_explorer::core::search::{
    normalize_term, tokenize, Hit, SearchIndex, TokenKind, MAX_QUERY_WORDS, STOP_WORDS,
};
use support::{read, report, table};

fn real_data() -> (Dataset, SearchIndex) {
    let dataset = icet_explorer::load(&read("data/icet.json")).expect("the dataset loads");
    let index = SearchIndex::build(&dataset);
    (dataset, index)
}

fn fixture() -> (Dataset, SearchIndex) {
    let dataset = icet_explorer::load(&read("tests/data/search/fixture.json"))
        .expect("the search fixture loads");
    let index = SearchIndex::build(&dataset);
    (dataset, index)
}

/// `\u{HEX}` in a case file stands for that character, so that invisible
/// ones can be written.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("\\u{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        let end = after.find('}').expect("\\u{ is closed");
        let code = u32::from_str_radix(&after[..end], 16).expect("\\u{} holds hex");
        out.push(char::from_u32(code).expect("\\u{} holds a character"));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn ids(list: &str) -> Vec<&str> {
    if list == "-" {
        Vec::new()
    } else {
        list.split_whitespace().collect()
    }
}

/// Runs the `query | top | must find | must not find` cases of `file`.
fn run_query_cases(file: &str, dataset: &Dataset, index: &SearchIndex) {
    let cases = table(file);
    let mut failures = Vec::new();
    for (line, fields) in &cases {
        let [query, top, found, not_found] = fields.as_slice() else {
            failures.push(format!("line {line}: expected 4 fields, got {fields:?}"));
            continue;
        };
        let (found, not_found) = (ids(found), ids(not_found));
        let unknown: Vec<&&str> = found
            .iter()
            .chain(&not_found)
            .filter(|id| dataset.item_index(id).is_none())
            .collect();
        if !unknown.is_empty() {
            failures.push(format!("line {line}: no such items: {unknown:?}"));
            continue;
        }
        let hits = index.search(query);
        let results: Vec<&str> = hits.iter().map(|h| dataset.item(h.item).id()).collect();
        let limit = match top.as_str() {
            "all" => results.len(),
            "none" => {
                if !results.is_empty() || !found.is_empty() {
                    failures.push(format!(
                        "line {line}: {query:?} should find nothing, found {results:?}"
                    ));
                }
                continue;
            }
            number => match number.parse::<usize>() {
                Ok(n) if n >= found.len() => n,
                _ => {
                    failures.push(format!("line {line}: bad top {number:?}"));
                    continue;
                }
            },
        };
        let first = &results[..limit.min(results.len())];
        let missing: Vec<&&str> = found.iter().filter(|id| !first.contains(id)).collect();
        let unwanted: Vec<&&str> = not_found.iter().filter(|id| results.contains(id)).collect();
        if !missing.is_empty() || !unwanted.is_empty() {
            failures.push(format!(
                "line {line}: {query:?}\n  missing from the first {limit}: {missing:?}\n  \
                 found but unwanted: {unwanted:?}\n  results: {results:?}"
            ));
        }
    }
    report(failures, cases.len());
}

#[test]
fn query_cases_over_the_real_data() {
    let (dataset, index) = real_data();
    run_query_cases("tests/data/search/queries.txt", &dataset, &index);
}

#[test]
fn query_cases_over_the_fixture() {
    let (dataset, index) = fixture();
    run_query_cases("tests/data/search/fixture-queries.txt", &dataset, &index);
}

#[test]
fn tokenization_cases() {
    let cases = table("tests/data/search/tokens.txt");
    let render = |words: Vec<String>| {
        if words.is_empty() {
            "-".to_string()
        } else {
            words.join(" ")
        }
    };
    let failures = cases
        .iter()
        .filter_map(|(line, fields)| {
            let input = unescape(&fields[0]);
            let tokens = tokenize(&input);
            let folded = render(tokens.iter().map(|t| t.text.clone()).collect());
            let terms = render(
                tokens
                    .iter()
                    .map(|t| normalize_term(&t.text).into_owned())
                    .collect(),
            );
            (folded != fields[1] || terms != fields[2]).then(|| {
                format!(
                    "line {line}: {input:?}\n  expected {:?} / {:?}\n  actual   {folded:?} / {terms:?}",
                    fields[1], fields[2]
                )
            })
        })
        .collect();
    report(failures, cases.len());
}

#[test]
fn token_ranges_point_at_their_words() {
    let text = "India’s F414-INS6, the U.S. and Módi";
    let tokens = tokenize(text);
    let found: Vec<(&str, &str, TokenKind)> = tokens
        .iter()
        .map(|t| (&text[t.range.clone()], t.text.as_str(), t.kind))
        .collect();
    assert_eq!(
        found,
        [
            ("India", "india", TokenKind::Word),
            ("F414-INS6", "f414-ins6", TokenKind::Compound),
            ("F414-INS6", "f414ins6", TokenKind::Joined),
            ("F414", "f414", TokenKind::Word),
            ("INS6", "ins6", TokenKind::Word),
            ("the", "the", TokenKind::Word),
            ("U.S.", "us", TokenKind::Word),
            ("and", "and", TokenKind::Word),
            ("Módi", "modi", TokenKind::Word),
        ]
    );
}

/// Renders `text` with each highlighted range in brackets.
fn mark(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut marked = String::new();
    let mut at = 0;
    for &(start, end) in ranges {
        marked.push_str(&text[at..start]);
        marked.push('[');
        marked.push_str(&text[start..end]);
        marked.push(']');
        at = end;
    }
    marked.push_str(&text[at..]);
    marked
}

/// Ranges must be sorted, apart, non-empty, inside the text and on
/// character boundaries.
fn check_ranges(text: &str, ranges: &[(usize, usize)]) -> Result<(), String> {
    let mut previous_end = None;
    for &(start, end) in ranges {
        let ordered = previous_end.map_or(true, |previous| previous < start);
        if !ordered || start >= end || end > text.len() {
            return Err(format!("bad ranges {ranges:?} in {text:?}"));
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(format!(
                "range {start}..{end} splits a character of {text:?}"
            ));
        }
        previous_end = Some(end);
    }
    Ok(())
}

#[test]
fn highlight_cases() {
    let (_, index) = real_data();
    let cases = table("tests/data/search/highlight.txt");
    let failures = cases
        .iter()
        .filter_map(|(line, fields)| {
            let (text, query, expected) = (
                unescape(&fields[0]),
                unescape(&fields[1]),
                unescape(&fields[2]),
            );
            let ranges = index.highlight(&text, &query);
            if let Err(problem) = check_ranges(&text, &ranges) {
                return Some(format!("line {line}: {problem}"));
            }
            let actual = mark(&text, &ranges);
            (actual != expected).then(|| {
                format!("line {line}: {query:?}\n  expected {expected:?}\n  actual   {actual:?}")
            })
        })
        .collect();
    report(failures, cases.len());
}

/// The texts an item is searched by, as the issue lists them.
fn searched_texts<'d>(
    dataset: &'d Dataset,
    item: icet_explorer::core::model::Item<'d>,
) -> Vec<&'d str> {
    let mut texts = vec![item.title(), item.description()];
    for id in item.actors() {
        let actor = dataset.actor(id).expect("actor ids resolve");
        texts.push(&actor.name);
        texts.extend(actor.short_name.as_deref());
        texts.extend(actor.aliases.iter().map(String::as_str));
        texts.extend(dataset.search_aliases(id).iter().map(String::as_str));
    }
    texts.extend(dataset.search_aliases(item.id()).iter().map(String::as_str));
    for id in item.focus_areas() {
        texts.push(&dataset.focus_area(id).expect("area ids resolve").name);
    }
    texts.extend(item.citations().into_iter().map(|c| c.quote()));
    texts
}

/// Every word of every title, each once, in first-seen order.
fn title_words(dataset: &Dataset) -> Vec<String> {
    let mut seen = HashSet::new();
    dataset
        .items()
        .flat_map(|item| tokenize(item.title()))
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text)
        .filter(|word| seen.insert(word.clone()))
        .collect()
}

#[test]
fn every_hit_of_a_one_word_query_contains_the_word() {
    let (dataset, index) = real_data();
    let words = title_words(&dataset);
    let mut failures = Vec::new();
    for word in &words {
        let wanted = normalize_term(word);
        let hits = index.search(word);
        if hits.is_empty() {
            failures.push(format!("{word:?} is in a title but finds nothing"));
        }
        for hit in hits {
            let item = dataset.item(hit.item);
            // Exactly, or as a prefix: the word is the query's last.
            let contains = searched_texts(&dataset, item).iter().any(|text| {
                tokenize(text).iter().any(|token| {
                    let term = normalize_term(&token.text);
                    term == wanted || token.text.starts_with(word) || term.starts_with(word)
                })
            });
            if !contains {
                failures.push(format!("{word:?} found {}, which lacks it", item.id()));
            }
        }
    }
    report(failures, words.len());
}

/// Queries for the property tests: every title word, the first three
/// letters of each, and each pair of neighbouring title words.
fn sample_queries(dataset: &Dataset) -> Vec<String> {
    let words = title_words(dataset);
    let mut queries = words.clone();
    queries.extend(words.iter().map(|w| w.chars().take(3).collect::<String>()));
    queries.extend(words.windows(2).map(|pair| pair.join(" ")));
    queries.extend(
        table("tests/data/search/queries.txt")
            .into_iter()
            .map(|(_, fields)| fields[0].clone()),
    );
    queries
}

#[test]
fn every_hit_has_a_highlight_in_its_texts() {
    let (dataset, index) = real_data();
    let queries = sample_queries(&dataset);
    let mut failures = Vec::new();
    for query in &queries {
        let highlighter = index.highlighter(query);
        for hit in index.search(query) {
            let item = dataset.item(hit.item);
            let highlighted = searched_texts(&dataset, item)
                .iter()
                .any(|text| !highlighter.highlight(text).is_empty());
            if !highlighted {
                failures.push(format!(
                    "{query:?} found {} but highlights nothing",
                    item.id()
                ));
            }
        }
    }
    report(failures, queries.len());
}

#[test]
fn title_highlights_from_the_index_equal_highlights_from_the_text() {
    for (dataset, index) in [real_data(), fixture()] {
        let queries = sample_queries(&dataset);
        let mut failures = Vec::new();
        for query in &queries {
            let highlighter = index.highlighter(query);
            for (position, item) in dataset.items().enumerate() {
                let fast = highlighter.highlight_title(position as u32, item.title());
                let slow = highlighter.highlight(item.title());
                if fast != slow {
                    failures.push(format!(
                        "{query:?} in the title of {}: {fast:?} from the index, {slow:?} from the text",
                        item.id()
                    ));
                }
            }
        }
        report(failures, queries.len());
    }
}

fn check_hits(query: &str, hits: &[Hit], item_count: usize) -> Result<(), String> {
    let mut seen = HashSet::new();
    for hit in hits {
        if !seen.insert(hit.item) || hit.item as usize >= item_count {
            return Err(format!("{query:?}: repeated or unknown item {}", hit.item));
        }
        if !hit.score.is_finite() || hit.score <= 0.0 {
            return Err(format!(
                "{query:?}: score {} for item {}",
                hit.score, hit.item
            ));
        }
    }
    for pair in hits.windows(2) {
        let in_order = pair[0].score > pair[1].score
            || (pair[0].score == pair[1].score && pair[0].item < pair[1].item);
        if !in_order {
            return Err(format!("{query:?}: {:?} before {:?}", pair[0], pair[1]));
        }
    }
    Ok(())
}

#[test]
fn results_are_unique_and_sorted_best_first() {
    let (dataset, index) = real_data();
    let queries = sample_queries(&dataset);
    let failures = queries
        .iter()
        .filter_map(|q| check_hits(q, &index.search(q), dataset.item_count()).err())
        .collect();
    report(failures, queries.len());
}

#[test]
fn equal_scores_keep_item_order() {
    let (dataset, index) = fixture();
    let hits = index.search("identical twin");
    let ids: Vec<&str> = hits.iter().map(|h| dataset.item(h.item).id()).collect();
    assert_eq!(ids, ["tie-first", "tie-second"]);
    assert_eq!(hits[0].score, hits[1].score);
}

#[test]
fn stop_words_are_ignored_unless_alone() {
    let (_, index) = real_data();
    assert_eq!(
        index.search("the semiconductors of India"),
        index.search("semiconductors India")
    );
    assert_eq!(
        index.search("jet engines with"),
        index.search("jet engines")
    );
    assert!(!index.search("the").is_empty());
    assert!(!index.search("of the").is_empty());
    for word in STOP_WORDS {
        assert_eq!(
            &normalize_term(word),
            word,
            "stop words are left as they are"
        );
    }
}

#[test]
fn a_pasted_description_finds_its_item() {
    let (dataset, index) = real_data();
    let failures = dataset
        .items()
        .filter(|item| {
            let hits = index.search(item.description());
            !hits.iter().any(|h| dataset.item(h.item).id() == item.id())
        })
        .map(|item| format!("{}: its description does not find it", item.id()))
        .collect();
    report(failures, dataset.item_count());
}

#[test]
fn words_past_the_limit_are_ignored() {
    let (dataset, index) = real_data();
    let words: Vec<&str> = "United States committed expeditious review General Electric \
        application jointly produce jet engines aircraft operated produced India 2025 become \
        discussions between GE Aerospace Hindustan Aeronautics Limited co-producing F414-INS6 \
        future fighter fleet India’s engines"
        .split_whitespace()
        .collect();
    assert!(words.len() >= MAX_QUERY_WORDS);
    let query = format!("{} zzzzqx", words.join(" "));
    let ids: Vec<&str> = index
        .search(&query)
        .iter()
        .map(|h| dataset.item(h.item).id())
        .collect();
    assert_eq!(ids, ["f414-co-production"]);
    assert!(index
        .search(&format!("zzzzqx {}", words.join(" ")))
        .is_empty());
}

#[test]
fn blank_queries_find_nothing() {
    let (_, index) = real_data();
    for query in ["", " ", "\t\n", "-", "--", "…", "“”", "’"] {
        assert_eq!(index.search(query), [], "{query:?}");
        assert_eq!(index.highlight("the jet engines", query), [], "{query:?}");
    }
}

fn nasty_inputs() -> Vec<String> {
    let mut inputs: Vec<String> = [
        "",
        "   ",
        "-",
        "--",
        "\u{0}",
        "🙂",
        "é\u{301}\u{301}",
        "\u{301}",
        "\u{301}a",
        "a\u{301}-",
        "-\u{301}",
        "’",
        "'s",
        "s'",
        "U.",
        ".S.",
        "a.b.c.",
        "&&",
        "a&",
        "&a",
        "İ",
        "İİİ",
        "ß",
        "ẞ",
        "ǅ",
        "ﬁ",
        "\u{2BC}s",
        "a\u{2BC}s",
        "x\u{200D}y",
        "\u{FEFF}",
        "\u{10FFFF}",
        "\u{FFFD}",
        "Ωμέγα भारत 東京 jet",
        "مرحبا jet",
        "jet\u{202E}engines",
        "F414-",
        "-F414",
        "MQ--9B",
        "R&&D",
        "a-b-c-d-e-f-g-h",
        "1.2.3",
        "U.S.A.-India",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    inputs.push("a".repeat(10_000));
    inputs.push("a-".repeat(5_000));
    inputs.push("semiconductor ".repeat(2_000));
    inputs.push("é\u{301}".repeat(3_000));
    inputs.push("U.".repeat(3_000));
    // Every string of up to three of these pieces.
    let pieces = [
        "a", "s", "5", "-", "&", "'", "’", ".", " ", "é", "\u{301}", "İ", "🙂",
    ];
    let mut short = vec![String::new()];
    for _ in 0..3 {
        let longer: Vec<String> = short
            .iter()
            .flat_map(|prefix| pieces.iter().map(move |piece| format!("{prefix}{piece}")))
            .collect();
        short.extend(longer.into_iter().filter(|s| s.chars().count() <= 3));
        short.sort();
        short.dedup();
    }
    inputs.extend(short);
    inputs
}

#[test]
fn nothing_panics_on_nasty_inputs() {
    let (dataset, index) = real_data();
    let inputs = nasty_inputs();
    let title = dataset.item(0).title();
    let mut failures = Vec::new();
    for input in &inputs {
        for token in tokenize(input) {
            let range = token.range.clone();
            let sound = range.start < range.end
                && range.end <= input.len()
                && input.is_char_boundary(range.start)
                && input.is_char_boundary(range.end)
                && !token.text.is_empty();
            if !sound {
                failures.push(format!("{input:?}: bad token {token:?}"));
            }
        }
        if let Err(problem) = check_hits(input, &index.search(input), dataset.item_count()) {
            failures.push(problem);
        }
        for (text, query) in [
            (input.as_str(), input.as_str()),
            (title, input),
            (input, "jet a"),
        ] {
            if let Err(problem) = check_ranges(text, &index.highlight(text, query)) {
                failures.push(problem);
            }
        }
    }
    report(failures, inputs.len());
}

#[test]
fn a_token_is_its_own_text_tokenized_again() {
    let (dataset, _) = real_data();
    let mut failures = Vec::new();
    let mut count = 0;
    for item in dataset.items() {
        for text in searched_texts(&dataset, item) {
            for token in tokenize(text) {
                count += 1;
                let slice = &text[token.range.clone()];
                let again = tokenize(slice);
                let whole = again.iter().any(|t| {
                    t.text == token.text && t.kind == token.kind && t.range == (0..slice.len())
                });
                if !whole {
                    failures.push(format!("{slice:?} gave {:?}, then {again:?}", token.text));
                }
            }
        }
    }
    report(failures, count);
}

#[test]
fn normalising_a_term_twice_changes_nothing() {
    let (dataset, _) = real_data();
    let mut failures = Vec::new();
    let mut seen = HashSet::new();
    for item in dataset.items() {
        for text in searched_texts(&dataset, item) {
            for token in tokenize(text) {
                let once = normalize_term(&token.text).into_owned();
                if seen.insert(token.text) && normalize_term(&once) != once {
                    failures.push(format!(
                        "{once:?} normalises to {:?}",
                        normalize_term(&once)
                    ));
                }
            }
        }
    }
    report(failures, seen.len());
}
