//! Full-text search over items.
//!
//! The index is built once per dataset: it maps every term to its postings,
//! the items that contain the term with how often it occurs in each
//! [`Field`]. A query looks its words up in a sorted dictionary of terms and
//! never reads item text again.
//!
//! # Terms
//!
//! [`tokenize`] cuts text into words at anything that is not a letter or a
//! digit, folds case and Latin diacritics away, keeps words joined by a hyphen
//! or `&` whole as well as in parts ("MQ-9B" gives "mq-9b", "mq9b", "mq" and
//! "9b"), glues dotted abbreviations ("U.S." gives "us") and drops a
//! possessive "'s". [`normalize_term`] then makes English plurals singular and
//! British spellings American, on both sides, so that "engines" finds
//! "engine" and "defence" finds "defense".
//!
//! # Queries
//!
//! An item matches when it matches every query word; stop words are left out
//! of that rule (see [`STOP_WORDS`]). A query word matches a term exactly
//! after normalisation. The last word also matches the start of a term, since
//! the reader may still be typing it. A word of five letters or more (and no
//! digits) that matches no term at all is taken as misspelt and matches terms
//! one edit away: a character added, removed or replaced, or two adjacent
//! characters swapped. A hyphenated query word ("F414-INS6") matches as a
//! whole, with its joiners left out ("f414ins6"), or part by part.
//!
//! # Ranking
//!
//! Items are scored with BM25F. For a term `t` and an item:
//!
//! ```text
//! w      = Σ over fields f of weight(f) × tf(t, f) / (1 − b + b × length(f) / average length(f))
//! score  = kind × idf(t) × w × (k1 + 1) / (w + k1)
//! idf(t) = ln(1 + (items − df(t) + 0.5) / (df(t) + 0.5))
//! ```
//!
//! with `k1` = 1.2, `b` = 0.75, and `kind` 1 for an exact match, 0.6 for a
//! prefix and 0.4 for a typo. A query word scores its best matching term and
//! an item's score is the sum over the query words. Equal scores are ordered
//! by item index.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use super::case::to_lower;
use super::hash::FastMap;
use super::model::{Dataset, Id, Item, ItemIndex};

/// An inverted index over every item's text, built once per dataset.
#[derive(Clone)]
pub struct SearchIndex {
    /// Every indexed form of a term, as found in the text and normalised,
    /// sorted by key, so that prefixes are a binary search and a range.
    dictionary: Vec<DictionaryEntry>,
    /// The postings of each term, by term number.
    postings: Vec<Postings>,
    /// The words of each item's fields, for BM25's length normalisation
    /// `1 − b + b × length / average length`, which scoring computes (in
    /// the same arithmetic as a table of it would hold): a byte a field
    /// instead of four, the rare field of more words kept apart.
    lengths: Lengths,
    /// The term of every token of every title, in the order [`tokenize`]
    /// gives them, as variable-length numbers (see [`push_number`]): item
    /// `i`'s are `title_terms[title_starts[i]..title_starts[i + 1]]`, most
    /// in one byte. Highlighting a title then needs no normalisation or lookup.
    title_terms: Vec<u8>,
    title_starts: Vec<u32>,
}

/// One matching item and how well it matches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub item: ItemIndex,
    pub score: f32,
}

/// The parts of an item that are searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    /// Names, short names and aliases of the item's actors, their search
    /// aliases and the item's own search aliases.
    Actors,
    /// Names of the item's focus areas.
    FocusAreas,
    Description,
    /// The quotes of every citation attached to the item.
    Quotes,
}

const FIELD_COUNT: usize = 5;

impl Field {
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Title,
        Field::Actors,
        Field::FocusAreas,
        Field::Description,
        Field::Quotes,
    ];

    /// How much a match in this field counts: a title says what the item is
    /// about, a passing word in a quote much less so.
    pub fn weight(self) -> f32 {
        match self {
            Field::Title => 4.0,
            Field::Actors => 3.0,
            Field::FocusAreas => 2.0,
            Field::Description => 1.5,
            Field::Quotes => 1.0,
        }
    }
}

/// BM25's saturation of term frequency.
const K1: f32 = 1.2;
/// BM25's strength of length normalisation.
const B: f32 = 0.75;

/// Query words that do not have to match: they would only narrow a search
/// by words that say nothing about the subject. A query made only of stop
/// words keeps them all, so that searching for "the" still finds something.
/// "us" and "it" are missing on purpose: they are also "US" and "IT".
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "how", "in",
    "into", "is", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "what",
    "when", "where", "which", "will", "with",
];

/// Query words past this many are ignored: a longer query is a pasted
/// passage, whose first words already single out its items, and each word
/// costs a lookup.
pub const MAX_QUERY_WORDS: usize = 32;

/// The shortest query word, in characters, that may match with a typo:
/// shorter words are one edit away from too many others.
const MIN_TYPO_CHARS: usize = 5;

/// A word of text, folded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lower case, without diacritics, without joiners for a `Joined` token.
    pub text: String,
    /// Where the token is in the text, in bytes.
    pub range: Range<usize>,
    pub kind: TokenKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A word on its own, or one part of a compound.
    Word,
    /// A whole compound with its joiners: "mq-9b", "r&d".
    Compound,
    /// A whole compound with its joiners left out: "mq9b", "rd".
    Joined,
}

/// Cuts `text` into folded tokens, in text order; a compound gives its
/// `Compound` and `Joined` forms first, then its parts as `Word`s.
///
/// - A word is a run of letters and digits (any script). Combining marks
///   inside a word are dropped; other characters separate words, including
///   dashes (– —), slashes and quotes.
/// - Case is folded by [`to_lower`]'s rules (Latin, Greek, Cyrillic,
///   Armenian), and the Latin-1 and Latin
///   Extended-A letters lose their diacritics: "é" is "e", "ß" is "ss", "ł" is "l".
/// - Words joined by single hyphens or ampersands form a compound: "F414-INS6"
///   is "f414-ins6", "f414ins6", "f414" and "ins6".
/// - An apostrophe followed by a lone "s" ends the word and the "s" is
///   dropped ("India’s" is "india"); any other apostrophe inside a word is
///   left out ("O’Brien" is "obrien").
/// - Single letters separated by dots are one word: "U.S." is "us".
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    Scanner::default().scan(text, |group| {
        group.for_each_token(|folded, range, kind| {
            tokens.push(Token {
                text: folded.to_string(),
                range,
                kind,
            })
        })
    });
    tokens
}

/// The index term for a folded token: singular, American spelling.
///
/// Plurals: a word of four or more characters ending in "s" loses it, except
/// after "s", "u" or "i" ("process", "status", "analysis") and in a few words
/// that are not plurals ("news", "series"). "-ies" becomes "-y", and "-sses",
/// "-ches", "-shes", "-xes" and "-zzes" lose their "es" ("agencies",
/// "processes", "launches").
///
/// Spellings: a table of British words and the `-ise` verbs of a table of
/// stems take their American forms, "-isation" always becomes "-ization",
/// and "labour", "honour" and their kin lose the "u", also at the start of
/// longer words ("favourable").
pub fn normalize_term(term: &str) -> Cow<'_, str> {
    let singular = singular(term);
    match american_spelling(&singular) {
        Some(american) => Cow::Owned(american),
        None => singular,
    }
}

impl SearchIndex {
    pub fn build(dataset: &Dataset) -> SearchIndex {
        SearchBuilder::new(dataset).finish(dataset)
    }

    /// Items that match every word of `query`, best first. A blank query, or
    /// one with nothing but punctuation, matches nothing.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut hits = self.matches(query);
        super::order::sort_by(&mut hits, |a, b| {
            b.score.total_cmp(&a.score).then(a.item.cmp(&b.item))
        });
        hits
    }

    /// The items of [`search`](Self::search) with their scores, in item order.
    pub fn matches(&self, query: &str) -> Vec<Hit> {
        let clauses = self.resolve(query);
        if clauses.is_empty() || clauses.iter().any(|c| c.terms.is_empty()) {
            return Vec::new();
        }
        let mut per_clause: Vec<Vec<(ItemIndex, f32)>> = clauses
            .iter()
            .map(|c| self.clause_scores(&c.terms))
            .collect();
        // Intersecting from the shortest list keeps every step small.
        super::order::sort_by_key(&mut per_clause, Vec::len);
        let mut lists = per_clause.into_iter();
        let mut scores = lists.next().unwrap_or_default();
        for list in lists {
            scores = intersect(&scores, &list);
            if scores.is_empty() {
                break;
            }
        }
        scores
            .into_iter()
            .map(|(item, score)| Hit { item, score })
            .collect()
    }

    /// Byte ranges of `text` that the words of `query` match, by the rules of
    /// [`search`](Self::search): sorted, not overlapping, on character
    /// boundaries. To highlight many texts, make one [`Highlighter`].
    pub fn highlight(&self, text: &str, query: &str) -> Vec<(usize, usize)> {
        self.highlighter(query).highlight(text)
    }

    /// `query` resolved against the index once, to highlight many texts.
    pub fn highlighter(&self, query: &str) -> Highlighter<'_> {
        Highlighter {
            index: self,
            clauses: self.resolve(query),
        }
    }

    /// How many distinct terms the index holds.
    pub fn term_count(&self) -> usize {
        self.postings.len()
    }

    /// How many items the index was built over.
    pub fn item_count(&self) -> usize {
        self.lengths.short.len()
    }

    fn lookup(&self, key: &str) -> Option<TermId> {
        self.dictionary
            .binary_search_by(|entry| (*entry.key).cmp(key))
            .ok()
            .map(|i| self.dictionary[i].term)
    }

    fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a DictionaryEntry> {
        let start = self
            .dictionary
            .partition_point(|entry| &*entry.key < prefix);
        self.dictionary[start..]
            .iter()
            .take_while(move |entry| entry.key.starts_with(prefix))
    }

    /// The query's clauses, each with the terms of the index it matches.
    fn resolve(&self, query: &str) -> Vec<Clause> {
        let mut clauses = parse_query(query);
        for clause in &mut clauses {
            let mut terms = Vec::new();
            for form in &mut clause.forms {
                self.resolve_form(form, &mut terms);
            }
            // A term reached by several forms keeps its best kind of match.
            super::order::sort_by_key(&mut terms, |&(term, kind)| (term, kind));
            terms.dedup_by_key(|&mut (term, _)| term);
            clause.terms = terms;
        }
        clauses
    }

    fn resolve_form(&self, form: &mut Form, terms: &mut Vec<(TermId, MatchKind)>) {
        let found_before = terms.len();
        if let Some(term) = self.lookup(&form.normal) {
            terms.push((term, MatchKind::Exact));
        }
        if form.prefix {
            for entry in self.with_prefix(&form.surface) {
                terms.push((entry.term, MatchKind::Prefix));
            }
        }
        // A word found as typed is taken to be spelt as meant.
        form.typo = terms.len() == found_before && form.may_have_typo();
        if form.typo {
            for entry in &self.dictionary {
                if !entry.has_digit && form.within_one_edit(&entry.key, entry.chars as usize) {
                    terms.push((entry.term, MatchKind::Typo));
                }
            }
        }
    }

    /// Every item containing one of `terms`, with its best score among them,
    /// sorted by item.
    fn clause_scores(&self, terms: &[(TermId, MatchKind)]) -> Vec<(ItemIndex, f32)> {
        let item_count = self.item_count() as f32;
        let mut scores = Vec::new();
        for &(term, kind) in terms {
            let postings = &self.postings[term as usize];
            let df = postings.len as f32;
            let idf = (1.0 + (item_count - df + 0.5) / (df + 0.5)).ln();
            for (item, frequencies) in postings.iter() {
                let norms = self.lengths.norms(item);
                let weighted: f32 = Field::ALL
                    .iter()
                    .enumerate()
                    .map(|(f, field)| field.weight() * f32::from(frequencies[f]) / norms[f])
                    .sum();
                let score = kind.factor() * idf * weighted * (K1 + 1.0) / (weighted + K1);
                scores.push((item, score));
            }
        }
        if terms.len() > 1 {
            super::order::sort_by(&mut scores, |a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            scores.dedup_by_key(|&mut (item, _)| item);
        }
        scores
    }
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("items", &self.item_count())
            .field("terms", &self.term_count())
            .field("dictionary", &self.dictionary.len())
            .finish()
    }
}

/// A query resolved against an index, to highlight texts by the rules of
/// [`SearchIndex::search`].
pub struct Highlighter<'i> {
    index: &'i SearchIndex,
    clauses: Vec<Clause>,
}

impl Highlighter<'_> {
    /// Byte ranges of `text` that the query's words match: sorted, not
    /// overlapping, on character boundaries. A word of `text` that is in
    /// the index is highlighted when its term is one the query matched; any
    /// other word is compared with the query's words directly.
    pub fn highlight(&self, text: &str) -> Vec<(usize, usize)> {
        if self.clauses.is_empty() {
            return Vec::new();
        }
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        Scanner::default().scan(text, |group| {
            group.for_each_token(|folded, range, _| {
                let normal = normalize_term(folded);
                let matched = match self.index.lookup(&normal) {
                    Some(term) => self.matches_term(term),
                    None => self.clauses.iter().any(|c| c.matches(folded, &normal)),
                };
                if matched {
                    ranges.push((range.start, range.end));
                }
            })
        });
        merge(ranges)
    }

    /// The same as [`highlight`](Self::highlight) for the title of `item`,
    /// which must be the text the index was built from. Each token's term was
    /// kept when the index was built, so only the matched terms are looked at.
    pub fn highlight_title(&self, item: ItemIndex, title: &str) -> Vec<(usize, usize)> {
        let index = self.index;
        let Some(terms) = index
            .title_starts
            .get(item as usize..item as usize + 2)
            .map(|s| numbers(&index.title_terms[s[0] as usize..s[1] as usize]))
        else {
            return self.highlight(title);
        };
        if self.clauses.is_empty() {
            return Vec::new();
        }
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut terms = terms;
        Scanner::default().scan(title, |group| {
            group.for_each_token(|_, range, _| {
                if terms.next().is_some_and(|term| self.matches_term(term)) {
                    ranges.push((range.start, range.end));
                }
            })
        });
        merge(ranges)
    }

    fn matches_term(&self, term: TermId) -> bool {
        self.clauses.iter().any(|c| c.has_term(term))
    }
}

/// Sorts ranges and merges those that overlap or touch.
fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    // Tokens come in text order, so ranges are usually sorted already.
    if !ranges.windows(2).all(|pair| pair[0] <= pair[1]) {
        super::order::sort(&mut ranges);
    }
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

impl fmt::Debug for Highlighter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Highlighter")
            .field("clauses", &self.clauses)
            .finish()
    }
}

type TermId = u32;

#[derive(Clone, Debug)]
struct DictionaryEntry {
    key: Box<str>,
    term: TermId,
    /// The key's length in characters, to skip keys too long or short to
    /// be one edit away.
    chars: u32,
    /// Codes and numbers ("F414", "2023") are not corrected for typos.
    has_digit: bool,
}

/// The items that contain one term, in item order, and how often the term
/// occurs in each of their fields (counts stop at 255), packed: for each
/// item, a byte with a bit for each field the term occurs in (the low
/// five), a bit that says whether a count byte follows for each of those
/// fields (without it, each count is one), and in its top two bits the
/// difference from the previous item's index when it is 1 to 3; when
/// they are zero, the difference follows as a variable-length number (7
/// bits a byte). A term in most items then takes one byte an item, a rare
/// one two or three, instead of nine: the index of 100k items is the
/// largest thing the explorer holds after the dataset.
#[derive(Clone, Debug, Default)]
struct Postings {
    bytes: Vec<u8>,
    len: u32,
    /// The last item added (only while building).
    last: ItemIndex,
}

/// The bit of a posting's first byte that says counts follow.
const COUNTS_FOLLOW: u8 = 0x20;
/// Where a posting's first byte keeps a small difference of items.
const DELTA_SHIFT: u32 = 6;

impl Postings {
    fn push(&mut self, item: ItemIndex, counts: [u8; FIELD_COUNT]) {
        // A posting takes at most 1 + 5 + 5 bytes. Lists grow by a quarter,
        // not by doubling: the longest hold megabytes, and their slack,
        // given back only at the end, was the peak of building the index.
        make_room(&mut self.bytes, 11, 4);
        let mut delta = item - if self.len == 0 { 0 } else { self.last };
        let mut first = 0u8;
        for (f, &count) in counts.iter().enumerate() {
            if count > 0 {
                first |= 1 << f;
            }
            if count > 1 {
                first |= COUNTS_FOLLOW;
            }
        }
        // The first posting's difference is from 0 and may be 0: it
        // always follows in full, like any of 4 or more.
        let small = (1..=3).contains(&delta) && self.len > 0;
        if small {
            first |= (delta as u8) << DELTA_SHIFT;
        }
        self.bytes.push(first);
        if !small {
            while delta >= 0x80 {
                self.bytes.push(delta as u8 | 0x80);
                delta >>= 7;
            }
            self.bytes.push(delta as u8);
        }
        if first & COUNTS_FOLLOW != 0 {
            self.bytes.extend(counts.iter().filter(|&&count| count > 0));
        }
        self.len += 1;
        self.last = item;
    }

    /// Each item and its counts per field, in item order.
    fn iter(&self) -> impl Iterator<Item = (ItemIndex, [u8; FIELD_COUNT])> + '_ {
        let mut bytes = self.bytes.iter().copied();
        let mut item: ItemIndex = 0;
        std::iter::from_fn(move || {
            let first = bytes.next()?;
            let mut delta = ItemIndex::from(first >> DELTA_SHIFT);
            if delta == 0 {
                let mut shift = 0;
                loop {
                    let byte = bytes.next()?;
                    delta |= ItemIndex::from(byte & 0x7f) << shift;
                    if byte < 0x80 {
                        break;
                    }
                    shift += 7;
                }
            }
            item += delta;
            let mut counts = [0u8; FIELD_COUNT];
            for (f, count) in counts.iter_mut().enumerate() {
                if first & (1 << f) != 0 {
                    *count = if first & COUNTS_FOLLOW != 0 {
                        bytes.next()?
                    } else {
                        1
                    };
                }
            }
            Some((item, counts))
        })
    }
}

/// How a query word reached a term, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum MatchKind {
    Exact,
    Prefix,
    Typo,
}

impl MatchKind {
    fn factor(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Prefix => 0.6,
            MatchKind::Typo => 0.4,
        }
    }
}

/// One required query word, which an item may match through any of its
/// forms: a compound's part also matches as the whole compound.
#[derive(Debug)]
struct Clause {
    forms: Vec<Form>,
    /// The terms of the index that the forms match, sorted by term.
    terms: Vec<(TermId, MatchKind)>,
}

impl Clause {
    fn has_term(&self, term: TermId) -> bool {
        self.terms.binary_search_by_key(&term, |&(t, _)| t).is_ok()
    }

    fn matches(&self, surface: &str, normal: &str) -> bool {
        self.forms.iter().any(|form| form.matches(surface, normal))
    }
}

/// A query word, or a form of it, as a pattern for terms.
#[derive(Debug)]
struct Form {
    /// Folded as typed.
    surface: String,
    /// Normalised like an index term.
    normal: String,
    /// Whether it may be the start of a term: the word is the last one.
    prefix: bool,
    /// Whether it may be one edit away from a term: decided on resolving,
    /// when it matched nothing as typed.
    typo: bool,
    /// The lengths of `surface` and `normal` in characters.
    chars: [usize; 2],
}

impl Form {
    fn new(surface: &str, prefix: bool) -> Form {
        let normal = normalize_term(surface).into_owned();
        Form {
            chars: [surface.chars().count(), normal.chars().count()],
            surface: surface.to_string(),
            normal,
            prefix,
            typo: false,
        }
    }

    fn may_have_typo(&self) -> bool {
        !has_digit(&self.surface) && self.chars[0] >= MIN_TYPO_CHARS
    }

    /// Whether a term (of `chars` characters) is one edit away from the
    /// word as typed or normalised.
    fn within_one_edit(&self, term: &str, chars: usize) -> bool {
        [&self.surface, &self.normal]
            .iter()
            .zip(self.chars)
            .any(|(form, form_chars)| {
                form_chars.abs_diff(chars) <= 1 && within_one_edit(form, term)
            })
    }

    /// The same rules as resolving against the index, for a word of text
    /// that is not in the index.
    fn matches(&self, surface: &str, normal: &str) -> bool {
        normal == self.normal
            || (self.prefix
                && (surface.starts_with(&self.surface) || normal.starts_with(&self.surface)))
            || (self.typo
                && !has_digit(surface)
                && [surface, normal]
                    .iter()
                    .any(|term| self.within_one_edit(term, term.chars().count())))
    }
}

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_numeric())
}

/// Splits a query into clauses, at most [`MAX_QUERY_WORDS`]. Stop words are
/// dropped unless the query has nothing else; the last word of the query,
/// even a dropped stop word, is the one that may be incomplete.
fn parse_query(query: &str) -> Vec<Clause> {
    let mut words: Vec<Vec<String>> = Vec::new();
    Scanner::default().scan(query, |group| {
        let mut forms = vec![];
        group.for_each_token(|folded, _, _| forms.push(folded.to_string()));
        words.push(forms);
    });
    let is_stop_word = |forms: &Vec<String>| forms.len() == 1 && STOP_WORDS.contains(&&*forms[0]);
    let only_stop_words = words.iter().all(is_stop_word);
    let last = words.len().saturating_sub(1);
    let mut seen = HashSet::new();
    let mut clauses = Vec::new();
    for (index, forms) in words.iter().enumerate() {
        let is_last = index == last;
        if (is_stop_word(forms) && !only_stop_words) || !seen.insert((forms, is_last)) {
            continue;
        }
        match forms.as_slice() {
            [word] => clauses.push(Clause {
                forms: vec![Form::new(word, is_last)],
                terms: Vec::new(),
            }),
            // A compound comes as its whole form, its joined form, then its parts.
            [whole, joined, parts @ ..] => {
                let room = MAX_QUERY_WORDS.saturating_sub(clauses.len());
                for (i, part) in parts.iter().enumerate().take(room) {
                    clauses.push(Clause {
                        forms: vec![
                            Form::new(part, is_last && i + 1 == parts.len()),
                            Form::new(whole, is_last),
                            Form::new(joined, is_last),
                        ],
                        terms: Vec::new(),
                    });
                }
            }
            [] => {}
        }
        if clauses.len() >= MAX_QUERY_WORDS {
            break;
        }
    }
    clauses
}

/// Sums the scores of items found in both lists, which are sorted by item.
fn intersect(a: &[(ItemIndex, f32)], b: &[(ItemIndex, f32)]) -> Vec<(ItemIndex, f32)> {
    let mut both = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    both
}

/// Whether `a` becomes `b` with at most one edit: a character inserted,
/// removed or replaced, or two adjacent characters swapped.
fn within_one_edit(a: &str, b: &str) -> bool {
    let first_difference = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i);
    let Some(start) = first_difference else {
        // One is the start of the other.
        return a.chars().count().abs_diff(b.chars().count()) <= 1;
    };
    // Both share the same bytes up to `start`, so it is a boundary in each.
    let (a, b) = (&a[start..], &b[start..]);
    let (a_rest, b_rest) = (without_first_char(a), without_first_char(b));
    if a_rest == b_rest || a_rest == b || a == b_rest {
        return true;
    }
    let (mut a_chars, mut b_chars) = (a.chars(), b.chars());
    match (
        a_chars.next(),
        a_chars.next(),
        b_chars.next(),
        b_chars.next(),
    ) {
        (Some(a0), Some(a1), Some(b0), Some(b1)) => {
            a0 == b1 && a1 == b0 && a_chars.as_str() == b_chars.as_str()
        }
        _ => false,
    }
}

fn without_first_char(text: &str) -> &str {
    let mut chars = text.chars();
    chars.next();
    chars.as_str()
}

/// The names an actor is known by, each once.
fn actor_names<'d>(dataset: &'d Dataset, id: &str) -> Vec<&'d str> {
    let mut names: Vec<&str> = Vec::new();
    if let Some(actor) = dataset.actor(id) {
        let all = std::iter::once(&actor.name)
            .chain(&actor.short_name)
            .chain(&actor.aliases)
            .chain(dataset.search_aliases(id));
        for name in all {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    names
}

/// An item's quotes, each once: the same quote may back several statements.
fn distinct_quotes<'d>(item: &Item<'d>) -> Vec<&'d str> {
    let mut quotes: Vec<&str> = Vec::new();
    for citation in item.citations() {
        if !quotes.contains(&citation.quote()) {
            quotes.push(citation.quote());
        }
    }
    quotes
}

/// Words per field of every item (see [`SearchIndex::lengths`]).
#[derive(Clone, Debug, Default)]
struct Lengths {
    /// By item; [`u8::MAX`] in a field says its length is in `long`.
    short: Vec<[u8; FIELD_COUNT]>,
    long: FastMap<ItemIndex, [u32; FIELD_COUNT]>,
    /// The average of each field over all items.
    averages: [f32; FIELD_COUNT],
}

impl Lengths {
    fn push(&mut self, item: ItemIndex, lengths: [u32; FIELD_COUNT]) {
        let short = lengths.map(|length| u8::try_from(length).unwrap_or(u8::MAX));
        if short.contains(&u8::MAX) {
            self.long.insert(item, lengths);
        }
        self.short.push(short);
    }

    fn of(&self, item: ItemIndex) -> [u32; FIELD_COUNT] {
        let short = self.short[item as usize];
        match self.long.get(&item) {
            Some(long) if short.contains(&u8::MAX) => *long,
            _ => short.map(u32::from),
        }
    }

    /// The length normalisation of each of the item's fields.
    fn norms(&self, item: ItemIndex) -> [f32; FIELD_COUNT] {
        let lengths = self.of(item);
        let mut norms = [1.0f32; FIELD_COUNT];
        for f in 0..FIELD_COUNT {
            if self.averages[f] > 0.0 {
                norms[f] = 1.0 - B + B * lengths[f] as f32 / self.averages[f];
            }
        }
        norms
    }
}

/// Makes room for `room` more entries in `list`, growing a full one by a
/// `1 / fraction` of its length rather than doubling it: a list grown by
/// doubling holds up to twice its size, and its old and new buffers at
/// once, which for the index's longest lists was the peak of memory.
pub(super) fn make_room<T>(list: &mut Vec<T>, room: usize, fraction: usize) {
    if list.capacity() - list.len() < room {
        list.reserve_exact((list.len() / fraction).max(16).max(room));
    }
}

/// Appends `number` in 7 bits a byte, the top bit set on all but the last.
fn push_number(bytes: &mut Vec<u8>, mut number: u32) {
    while number >= 0x80 {
        bytes.push(number as u8 | 0x80);
        number >>= 7;
    }
    bytes.push(number as u8);
}

/// The numbers [`push_number`] wrote into `bytes`.
fn numbers(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut bytes = bytes.iter();
    std::iter::from_fn(move || {
        let mut number = 0u32;
        let mut shift = 0;
        loop {
            let byte = *bytes.next()?;
            number |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(number);
            }
            shift += 7;
        }
    })
}

/// A search index built some items at a time, so that a page can build
/// the index of a large dataset between frames rather than in one long
/// task (`Explorer.prepareSearch(items)`). Built in slices of any sizes, it
/// is the index [`SearchIndex::build`] makes.
pub struct SearchBuilder {
    builder: IndexBuilder,
    scanner: Scanner,
    /// Actors and focus areas recur across many items: each is tokenized once.
    actor_terms: WordMap<Id, Vec<(TermId, TokenKind)>>,
    area_terms: WordMap<Id, Vec<(TermId, TokenKind)>>,
    /// The next item to add.
    next: usize,
}

impl SearchBuilder {
    pub fn new(dataset: &Dataset) -> SearchBuilder {
        SearchBuilder {
            builder: IndexBuilder::new(dataset.item_count()),
            scanner: Scanner::default(),
            actor_terms: WordMap::default(),
            area_terms: WordMap::default(),
            next: 0,
        }
    }

    /// Adds up to `count` more items of `dataset`, the one this builder was
    /// made for; whether every item is in.
    pub fn add(&mut self, dataset: &Dataset, count: usize) -> bool {
        let end = dataset.item_count().min(self.next.saturating_add(count));
        for index in self.next..end {
            self.add_item(dataset, dataset.item(index as ItemIndex));
        }
        self.next = end;
        self.next == dataset.item_count()
    }

    /// The index, once the items not yet added are.
    pub fn finish(mut self, dataset: &Dataset) -> SearchIndex {
        self.add(dataset, usize::MAX);
        self.builder.finish()
    }

    fn add_item(&mut self, dataset: &Dataset, item: Item<'_>) {
        let SearchBuilder {
            builder, scanner, ..
        } = self;
        builder.add_title(scanner, item.title());
        for id in item.actors() {
            let terms = self.actor_terms.entry(id.clone()).or_insert_with(|| {
                let mut terms = Vec::new();
                for name in actor_names(dataset, id) {
                    builder.collect_terms(scanner, name, &mut terms);
                }
                terms
            });
            builder.add_terms(Field::Actors, terms);
        }
        for id in item.focus_areas() {
            let terms = self.area_terms.entry(id.clone()).or_insert_with(|| {
                let mut terms = Vec::new();
                if let Some(area) = dataset.focus_area(id) {
                    builder.collect_terms(scanner, &area.name, &mut terms);
                }
                terms
            });
            builder.add_terms(Field::FocusAreas, terms);
        }
        // An item's own search aliases count as names, like its actors'.
        let aliases = dataset.search_aliases(item.id());
        if !aliases.is_empty() {
            let mut terms = Vec::new();
            for alias in aliases {
                builder.collect_terms(scanner, alias, &mut terms);
            }
            builder.add_terms(Field::Actors, &terms);
        }
        builder.add_text(scanner, Field::Description, item.description());
        for quote in distinct_quotes(&item) {
            builder.add_text(scanner, Field::Quotes, quote);
        }
        builder.finish_item();
    }
}

/// A map from words, with a fast hash (see [`FastMap`]).
type WordMap<K, V> = FastMap<K, V>;

/// Collects postings item by item.
struct IndexBuilder {
    /// Every folded form seen, and its term.
    surfaces: WordMap<String, TermId>,
    /// Every normalised term, and its number.
    normals: WordMap<String, TermId>,
    postings: Vec<Postings>,
    /// For each term, its counts per field in the item being added.
    counts: Vec<[u8; FIELD_COUNT]>,
    /// The terms the item being added has counted so far.
    counted: Vec<TermId>,
    /// Words per field of each item added, for length normalisation.
    lengths: Lengths,
    current_lengths: [u32; FIELD_COUNT],
    title_terms: Vec<u8>,
    title_starts: Vec<u32>,
}

impl IndexBuilder {
    fn new(item_count: usize) -> IndexBuilder {
        IndexBuilder {
            surfaces: WordMap::default(),
            normals: WordMap::default(),
            postings: Vec::new(),
            counts: Vec::new(),
            counted: Vec::new(),
            lengths: Lengths {
                short: Vec::with_capacity(item_count),
                ..Lengths::default()
            },
            current_lengths: [0; FIELD_COUNT],
            title_terms: Vec::new(),
            title_starts: {
                let mut starts = Vec::with_capacity(item_count + 1);
                starts.push(0);
                starts
            },
        }
    }

    fn term(&mut self, surface: &str) -> TermId {
        if let Some(&term) = self.surfaces.get(surface) {
            return term;
        }
        let normal = normalize_term(surface);
        let term = match self.normals.get(normal.as_ref()) {
            Some(&term) => term,
            None => {
                let term = self.postings.len() as TermId;
                self.normals.insert(normal.into_owned(), term);
                self.postings.push(Postings::default());
                self.counts.push([0; FIELD_COUNT]);
                term
            }
        };
        self.surfaces.insert(surface.to_string(), term);
        term
    }

    fn count(&mut self, term: TermId, field: Field, kind: TokenKind) {
        let f = field as usize;
        if kind == TokenKind::Word {
            self.current_lengths[f] += 1;
        }
        let counts = &mut self.counts[term as usize];
        if *counts == [0; FIELD_COUNT] {
            self.counted.push(term);
        }
        counts[f] = counts[f].saturating_add(1);
    }

    fn add_text(&mut self, scanner: &mut Scanner, field: Field, text: &str) {
        scanner.scan(text, |group| {
            group.for_each_token(|folded, _, kind| {
                let term = self.term(folded);
                self.count(term, field, kind);
            })
        });
    }

    /// Adds a title, keeping the term of each of its tokens for highlighting.
    fn add_title(&mut self, scanner: &mut Scanner, title: &str) {
        scanner.scan(title, |group| {
            group.for_each_token(|folded, _, kind| {
                let term = self.term(folded);
                self.count(term, Field::Title, kind);
                make_room(&mut self.title_terms, 5, 4);
                push_number(&mut self.title_terms, term);
            })
        });
        self.title_starts.push(self.title_terms.len() as u32);
    }

    fn collect_terms(
        &mut self,
        scanner: &mut Scanner,
        text: &str,
        terms: &mut Vec<(TermId, TokenKind)>,
    ) {
        scanner.scan(text, |group| {
            group.for_each_token(|folded, _, kind| terms.push((self.term(folded), kind)))
        });
    }

    fn add_terms(&mut self, field: Field, terms: &[(TermId, TokenKind)]) {
        for &(term, kind) in terms {
            self.count(term, field, kind);
        }
    }

    fn finish_item(&mut self) {
        let item = self.lengths.short.len() as ItemIndex;
        for term in self.counted.drain(..) {
            let counts = std::mem::take(&mut self.counts[term as usize]);
            self.postings[term as usize].push(item, counts);
        }
        self.lengths.push(item, self.current_lengths);
        self.current_lengths = [0; FIELD_COUNT];
    }

    fn finish(self) -> SearchIndex {
        let mut dictionary: Vec<DictionaryEntry> = self
            .surfaces
            .into_iter()
            .chain(self.normals)
            .map(|(key, term)| DictionaryEntry {
                chars: key.chars().count() as u32,
                has_digit: has_digit(&key),
                key: key.into_boxed_str(),
                term,
            })
            .collect();
        // A normalised term is usually also a surface form; normalising is
        // idempotent, so both entries name the same term.
        super::order::sort_by(&mut dictionary, |a, b| a.key.cmp(&b.key));
        dictionary.dedup_by(|a, b| a.key == b.key);

        let mut lengths = self.lengths;
        let item_count = lengths.short.len().max(1) as f32;
        let mut averages = [0.0f32; FIELD_COUNT];
        for item in 0..lengths.short.len() {
            let item_lengths = lengths.of(item as ItemIndex);
            for (average, &length) in averages.iter_mut().zip(&item_lengths) {
                *average += length as f32 / item_count;
            }
        }
        lengths.averages = averages;
        let mut postings = self.postings;
        // Lists grown by doubling hold up to twice their size; the index
        // lives as long as the dataset, so give the slack back.
        for list in &mut postings {
            list.bytes.shrink_to_fit();
        }
        let mut title_terms = self.title_terms;
        title_terms.shrink_to_fit();
        SearchIndex {
            dictionary,
            postings,
            lengths,
            title_terms,
            title_starts: self.title_starts,
        }
    }
}

/// Reusable buffers for cutting text into groups of words.
#[derive(Default)]
struct Scanner {
    /// The folded text of the group being read, joiners included.
    folded: String,
    /// The group's parts, without joiners.
    joined: String,
    parts: Vec<Part>,
}

/// One word, or several joined by hyphens or ampersands.
struct Group<'s> {
    folded: &'s str,
    joined: &'s str,
    parts: &'s [Part],
}

struct Part {
    /// Where the part's text is in the group's folded text.
    folded: Range<usize>,
    /// Where the part is in the scanned text.
    source: Range<usize>,
}

/// The part being read.
struct OpenPart {
    source_start: usize,
    source_end: usize,
    folded_start: usize,
    /// Characters read since the part began or since the last dot or
    /// apostrophe that continued it.
    run: usize,
    /// Whether the part so far is single letters separated by dots.
    dotted: bool,
    /// How many dots the part has swallowed.
    dots: usize,
}

impl OpenPart {
    fn at(source_start: usize, folded_start: usize) -> OpenPart {
        OpenPart {
            source_start,
            source_end: source_start,
            folded_start,
            run: 0,
            dotted: true,
            dots: 0,
        }
    }
}

impl Group<'_> {
    fn for_each_token(&self, mut emit: impl FnMut(&str, Range<usize>, TokenKind)) {
        let (Some(first), Some(last)) = (self.parts.first(), self.parts.last()) else {
            return;
        };
        if self.parts.len() > 1 {
            let whole = first.source.start..last.source.end;
            emit(self.folded, whole.clone(), TokenKind::Compound);
            emit(self.joined, whole, TokenKind::Joined);
        }
        for part in self.parts {
            emit(
                &self.folded[part.folded.clone()],
                part.source.clone(),
                TokenKind::Word,
            );
        }
    }
}

impl Scanner {
    fn scan(&mut self, text: &str, mut on_group: impl FnMut(&Group<'_>)) {
        self.folded.clear();
        self.parts.clear();
        let bytes = text.as_bytes();
        let mut open: Option<OpenPart> = None;
        let mut position = 0;
        while position < bytes.len() {
            // Runs of ASCII letters and digits are most of any text, and take
            // the short way.
            let mut run_end = position;
            while run_end < bytes.len() && bytes[run_end].is_ascii_alphanumeric() {
                run_end += 1;
            }
            let ascii_run = run_end - position;
            if ascii_run > 0 {
                let part = open.get_or_insert(OpenPart::at(position, self.folded.len()));
                let folded_start = self.folded.len();
                self.folded.push_str(&text[position..run_end]);
                self.folded[folded_start..].make_ascii_lowercase();
                part.run += ascii_run;
                part.dotted &= part.run == 1 && bytes[position].is_ascii_alphabetic();
                position = run_end;
                part.source_end = position;
                continue;
            }
            // Any other ASCII character but a joiner, an apostrophe or a dot
            // ends the word: the common case, also taken the short way.
            let byte = bytes[position];
            if byte.is_ascii() && !matches!(byte, b'-' | b'&' | b'\'' | b'.') {
                self.close(&mut open);
                self.emit(&mut on_group);
                position += 1;
                continue;
            }
            let Some(c) = text[position..].chars().next() else {
                break;
            };
            let after = position + c.len_utf8();
            let mut resume = after;
            if is_combining_mark(c) {
                // A mark belongs to the letter before it and folds away; with
                // no letter before it, it is ignored.
                if let Some(part) = open.as_mut() {
                    part.source_end = after;
                }
            } else if is_word_char(c) {
                let part = open.get_or_insert(OpenPart::at(position, self.folded.len()));
                push_folded(c, &mut self.folded);
                part.run += 1;
                part.dotted &= part.run == 1 && c.is_alphabetic();
                part.source_end = after;
            } else if let Some(part) = open.as_mut() {
                let mut rest = text[after..].chars();
                let next = rest.next();
                let next_is_word = next.is_some_and(is_word_char);
                let lone_next = next_is_word && !rest.next().is_some_and(is_word_char);
                if is_apostrophe(c) && matches!(next, Some('s' | 'S')) && lone_next {
                    // A possessive: "India’s" is "India".
                    self.close(&mut open);
                    self.emit(&mut on_group);
                    resume = after + 1;
                } else if is_apostrophe(c) && next_is_word {
                    part.run = 0;
                    part.dotted = false;
                } else if c == '.'
                    && part.dotted
                    && lone_next
                    && next.is_some_and(char::is_alphabetic)
                {
                    part.run = 0;
                    part.dots += 1;
                } else if is_joiner(c) && next_is_word {
                    self.close(&mut open);
                    self.folded.push(if c == '&' { '&' } else { '-' });
                } else {
                    // An abbreviation keeps its final dot: "U.S.".
                    if c == '.' && part.dotted && part.dots > 0 {
                        part.source_end = after;
                    }
                    self.close(&mut open);
                    self.emit(&mut on_group);
                }
            }
            position = resume;
        }
        self.close(&mut open);
        self.emit(&mut on_group);
    }

    fn close(&mut self, open: &mut Option<OpenPart>) {
        if let Some(part) = open.take() {
            self.parts.push(Part {
                folded: part.folded_start..self.folded.len(),
                source: part.source_start..part.source_end,
            });
        }
    }

    fn emit(&mut self, on_group: &mut impl FnMut(&Group<'_>)) {
        if self.parts.is_empty() {
            return;
        }
        self.joined.clear();
        if self.parts.len() > 1 {
            for part in &self.parts {
                self.joined.push_str(&self.folded[part.folded.clone()]);
            }
        }
        on_group(&Group {
            folded: &self.folded,
            joined: &self.joined,
            parts: &self.parts,
        });
        self.folded.clear();
        self.parts.clear();
    }
}

fn is_word_char(c: char) -> bool {
    // "ʼ" counts as a letter in Unicode but is used as an apostrophe.
    c.is_alphanumeric() && !is_apostrophe(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2BC}')
}

/// Hyphens join words into a compound; dashes (– —) separate them.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '&' | '\u{2010}' | '\u{2011}')
}

fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Appends `c` in lower case and without its diacritic.
fn push_folded(c: char, folded: &mut String) {
    if c.is_ascii() {
        folded.push(c.to_ascii_lowercase());
        return;
    }
    let lower = to_lower(c);
    if is_combining_mark(lower) {
        return;
    }
    match without_diacritic(lower) {
        Some(plain) => folded.push_str(plain),
        None => folded.push(lower),
    }
}

/// The plain letters for a lower-case letter of Latin-1 Supplement or
/// Latin Extended-A.
fn without_diacritic(c: char) -> Option<&'static str> {
    let plain = match c {
        'ª' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ð' | 'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'º' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ß' => "ss",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(plain)
}

/// Words ending in "s" that are not plurals, or whose singular would be
/// another common word.
const NOT_PLURALS: &[&str] = &[
    "news", "series", "species", "means", "always", "perhaps", "whereas", "does", "alias", "bias",
    "atlas", "chaos", "lens",
];

fn singular(term: &str) -> Cow<'_, str> {
    let keep = !term.ends_with('s')
        || term.ends_with("ss")
        || term.ends_with("us")
        || term.ends_with("is")
        || term.chars().count() < 4
        || NOT_PLURALS.contains(&term);
    if keep {
        return Cow::Borrowed(term);
    }
    // Every suffix below is ASCII, so the cuts fall on character boundaries.
    if let Some(stem) = term.strip_suffix("ies") {
        if term.len() > 4 {
            return Cow::Owned(format!("{stem}y"));
        }
    }
    for ending in ["sses", "ches", "shes", "xes", "zzes"] {
        if term.ends_with(ending) {
            return Cow::Borrowed(&term[..term.len() - 2]);
        }
    }
    Cow::Borrowed(&term[..term.len() - 1])
}

/// British spellings and their American forms, for words that no rule below
/// covers.
const BRITISH_SPELLINGS: &[(&str, &str)] = &[
    ("acknowledgement", "acknowledgment"),
    ("ageing", "aging"),
    ("aluminium", "aluminum"),
    ("analyse", "analyze"),
    ("analysed", "analyzed"),
    ("analysing", "analyzing"),
    ("cancelled", "canceled"),
    ("cancelling", "canceling"),
    ("catalogue", "catalog"),
    ("catalyse", "catalyze"),
    ("catalysed", "catalyzed"),
    ("centre", "center"),
    ("centred", "centered"),
    ("defence", "defense"),
    ("dialog", "dialogue"),
    ("enrol", "enroll"),
    ("enrolment", "enrollment"),
    ("fibre", "fiber"),
    ("fuelled", "fueled"),
    ("fuelling", "fueling"),
    ("fulfil", "fulfill"),
    ("fulfilment", "fulfillment"),
    ("grey", "gray"),
    ("judgement", "judgment"),
    ("labelled", "labeled"),
    ("labelling", "labeling"),
    ("licence", "license"),
    ("litre", "liter"),
    ("manoeuvre", "maneuver"),
    ("metre", "meter"),
    ("modelled", "modeled"),
    ("modelling", "modeling"),
    ("offence", "offense"),
    ("programme", "program"),
    ("skilful", "skillful"),
    ("sulphur", "sulfur"),
    ("theatre", "theater"),
    ("travelled", "traveled"),
    ("traveller", "traveler"),
    ("travelling", "traveling"),
];

/// Stems whose "-ise" verbs are spelt "-ize" in American English; the list
/// is needed because "advise", "enterprise" and "rise" never take a "z".
const ISE_STEMS: &[&str] = &[
    "author",
    "capital",
    "categor",
    "central",
    "character",
    "commercial",
    "critic",
    "democrat",
    "digit",
    "emphas",
    "energ",
    "final",
    "global",
    "harmon",
    "incentiv",
    "industrial",
    "internation",
    "legal",
    "local",
    "maxim",
    "memor",
    "minim",
    "mobil",
    "modern",
    "monet",
    "normal",
    "operational",
    "optim",
    "organ",
    "popular",
    "priorit",
    "privat",
    "real",
    "recogn",
    "regular",
    "scrutin",
    "special",
    "stabil",
    "standard",
    "subsid",
    "summar",
    "symbol",
    "synchron",
    "util",
    "visual",
];

const ISE_ENDINGS: &[(&str, &str)] = &[
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("iser", "izer"),
    ("isation", "ization"),
];

/// Words spelt "-our" in British English and "-or" in American English,
/// also at the start of longer words ("labourer", "favourable").
const OUR_WORDS: &[&str] = &[
    "armour",
    "behaviour",
    "clamour",
    "colour",
    "endeavour",
    "favour",
    "flavour",
    "harbour",
    "honour",
    "humour",
    "labour",
    "neighbour",
    "odour",
    "parlour",
    "rigour",
    "rumour",
    "savour",
    "tumour",
    "valour",
    "vapour",
    "vigour",
];

fn american_spelling(term: &str) -> Option<String> {
    if let Some(&(_, american)) = BRITISH_SPELLINGS
        .iter()
        .find(|(british, _)| *british == term)
    {
        return Some(american.to_string());
    }
    for &(british, american) in ISE_ENDINGS {
        if let Some(stem) = term.strip_suffix(british) {
            // "-isation" is British whatever the stem.
            if ISE_STEMS.contains(&stem) || (british == "isation" && !stem.is_empty()) {
                return Some(format!("{stem}{american}"));
            }
        }
    }
    for word in OUR_WORDS {
        if let Some(rest) = term.strip_prefix(word) {
            return Some(format!("{}r{rest}", &word[..word.len() - 2]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Postings read back as written, whatever the differences of items.
    #[test]
    fn postings_read_back_as_written() {
        let mut written = Vec::new();
        let mut item = 0;
        for step in [0, 1, 2, 3, 4, 127, 128, 1, 1, 3, 16_384, 2, 1 << 20, 1] {
            item += step;
            let f = item as usize % FIELD_COUNT;
            let mut counts = [0u8; FIELD_COUNT];
            counts[f] = 1 + (step % 3) as u8;
            counts[(f + 2) % FIELD_COUNT] = u8::from(step % 2 == 0);
            written.push((item, counts));
        }
        written.dedup_by_key(|(item, _)| *item);
        let mut postings = Postings::default();
        for &(item, counts) in &written {
            postings.push(item, counts);
        }
        assert_eq!(postings.iter().collect::<Vec<_>>(), written);
        // A posting one, two or three items after the last takes one byte.
        let mut dense = Postings::default();
        for item in 0..100 {
            dense.push(item, [1, 0, 0, 0, 0]);
        }
        assert_eq!(dense.bytes.len(), 2 + 99);
    }

    #[test]
    fn numbers_read_back_as_written() {
        let written = [0, 1, 127, 128, 255, 16_383, 16_384, 1 << 28, u32::MAX];
        let mut bytes = Vec::new();
        for &number in &written {
            push_number(&mut bytes, number);
        }
        assert_eq!(numbers(&bytes).collect::<Vec<_>>(), written);
        // Small numbers, most title terms, take one byte.
        assert_eq!(bytes[..3], [0, 1, 127]);
    }

    #[test]
    fn long_fields_keep_their_length() {
        let mut lengths = Lengths::default();
        lengths.push(0, [3, 0, 0, 254, 1]);
        lengths.push(1, [1, 255, 0, 200_000, 0]);
        lengths.push(2, [2, 2, 2, 2, 2]);
        assert_eq!(lengths.of(0), [3, 0, 0, 254, 1]);
        assert_eq!(lengths.of(1), [1, 255, 0, 200_000, 0]);
        assert_eq!(lengths.of(2), [2; FIELD_COUNT]);
        assert_eq!(lengths.long.len(), 1);
    }
}
