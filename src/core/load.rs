//! Loading and validating a dataset from JSON text.
//!
//! The loader walks the parsed document once, field by field, and records
//! every problem instead of stopping at the first. Fields that fail get a
//! placeholder so the walk can go on; the dataset is returned only when no
//! problem was found, so placeholders never escape. References are checked
//! after the walk, once every id is known.

use std::collections::HashMap;

use super::date::{Date, PartialDate};
use super::error::{LoadError, Problem, ProblemKind};
use super::json::{self, quoted, whole_number, LineIndex, Member, Node, Value};
use super::model::*;
use super::quote::SourceTexts;

/// The format version this loader reads.
pub const FORMAT_VERSION: u32 = 1;

/// Loads a dataset without checking quotes against source texts.
pub fn load(json: &str) -> Result<Dataset, LoadError> {
    load_with_sources(json, &SourceTexts::new())
}

/// Loads a dataset and checks every quote whose source has a text in `texts`.
pub fn load_with_sources(json: &str, texts: &SourceTexts) -> Result<Dataset, LoadError> {
    let root = json::parse(json).map_err(|e| {
        LoadError::new(vec![Problem {
            kind: ProblemKind::Syntax,
            path: String::new(),
            pos: e.pos,
            offset: e.offset,
            message: format!("not valid JSON: {}", e.message),
        }])
    })?;
    let mut loader = Loader {
        problems: Vec::new(),
        texts,
        references: Vec::new(),
        ids: HashMap::new(),
        lines: LineIndex::new(json),
        search_aliases: HashMap::new(),
    };
    let dataset = loader.dataset(&root);
    loader.check_references();
    if loader.problems.is_empty() {
        Ok(Dataset {
            ids: index_ids(&dataset),
            ..dataset
        })
    } else {
        Err(LoadError::new(loader.problems))
    }
}

/// What a reference must point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Source,
    FocusArea,
    Actor,
    Event,
    Item,
}

impl Target {
    fn accepts(self, entry: Entry) -> bool {
        matches!(
            (self, entry),
            (Target::Source, Entry::Source(_))
                | (Target::FocusArea, Entry::FocusArea(_))
                | (Target::Actor, Entry::Actor(_))
                | (Target::Event, Entry::Event(_))
                | (Target::Item, Entry::Event(_) | Entry::Commitment(_))
        )
    }

    fn name(self) -> &'static str {
        match self {
            Target::Source => "source",
            Target::FocusArea => "focus area",
            Target::Actor => "actor",
            Target::Event => "event",
            Target::Item => "event or commitment",
        }
    }

    fn with_article(self) -> &'static str {
        match self {
            Target::Source => "a source",
            Target::FocusArea => "a focus area",
            Target::Actor => "an actor",
            Target::Event => "an event",
            Target::Item => "an event or a commitment",
        }
    }
}

fn entry_name(entry: Entry) -> &'static str {
    match entry {
        Entry::Source(_) => "a source",
        Entry::FocusArea(_) => "a focus area",
        Entry::Actor(_) => "an actor",
        Entry::Event(_) => "an event",
        Entry::Commitment(_) => "a commitment",
    }
}

struct Reference {
    id: String,
    target: Target,
    path: String,
    offset: usize,
}

struct Loader<'t> {
    problems: Vec<Problem>,
    texts: &'t SourceTexts,
    references: Vec<Reference>,
    /// Every id defined, with the path and offset where it was first defined.
    ids: HashMap<String, (Entry, String, usize)>,
    lines: LineIndex<'t>,
    /// The `search_aliases` read so far, by the id of their actor or item.
    search_aliases: HashMap<String, Vec<String>>,
}

/// An object being read, with the path that leads to it.
struct Object<'n> {
    members: &'n [Member<'n>],
    path: String,
    offset: usize,
}

impl<'n> Object<'n> {
    fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.members.iter().find(|m| m.key == key).map(|m| &m.value)
    }

    fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Whether a field must be present.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
}
use Need::{Optional, Required};

fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `url` without its scheme if that is `http:` or `https:`, in any case.
fn strip_http_scheme(url: &str) -> Option<&str> {
    ["https://", "http://"].into_iter().find_map(|scheme| {
        let head = url.get(..scheme.len())?;
        head.eq_ignore_ascii_case(scheme)
            .then(|| &url[scheme.len()..])
    })
}

fn is_http_url(url: &str) -> bool {
    match strip_http_scheme(url) {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Names longer than this (in bytes) get no "did you mean" hint: every
/// allowed name is shorter, so the hint could only be wrong, and the
/// distance costs time in the product of the lengths.
const MAX_HINTED_NAME: usize = 40;

/// Levenshtein distance, for "did you mean" hints on misspelt field names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

impl<'t> Loader<'t> {
    fn report(
        &mut self,
        kind: ProblemKind,
        path: impl Into<String>,
        offset: usize,
        message: impl Into<String>,
    ) {
        let pos = self.lines.position(offset);
        self.problems.push(Problem {
            kind,
            path: path.into(),
            pos,
            offset,
            message: message.into(),
        });
    }

    /// Reads `node` as an object with exactly the `allowed` members.
    fn object<'n>(
        &mut self,
        node: &'n Node<'n>,
        path: String,
        allowed: &[&str],
    ) -> Option<Object<'n>> {
        let Value::Object(members) = &node.value else {
            let found = node.value.type_name();
            self.report(
                ProblemKind::WrongType,
                path,
                node.offset,
                format!("expected an object, found {found}"),
            );
            return None;
        };
        // Small objects look back for duplicates; large ones (hostile ones)
        // keep a set, so that an object with many members stays linear.
        let mut seen = std::collections::HashSet::new();
        for (index, member) in members.iter().enumerate() {
            // Paths name members as messages quote them: shortened.
            let member_path = join(&path, &json::shortened(&member.key));
            let duplicate = if members.len() <= 16 {
                members[..index]
                    .iter()
                    .any(|earlier| earlier.key == member.key)
            } else {
                !seen.insert(&*member.key)
            };
            if duplicate {
                let message = format!("field {} appears more than once", quoted(&member.key));
                self.report(
                    ProblemKind::DuplicateField,
                    member_path,
                    member.key_offset,
                    message,
                );
            } else if !allowed.contains(&&*member.key) {
                let closest = allowed
                    .iter()
                    .filter(|_| member.key.len() <= MAX_HINTED_NAME)
                    .map(|name| (edit_distance(name, &member.key), name))
                    .min_by_key(|(distance, _)| *distance);
                let hint = match closest {
                    Some((distance, name)) if distance <= 2 => {
                        format!(" (did you mean {}?)", quoted(name))
                    }
                    _ => format!("; expected one of: {}", allowed.join(", ")),
                };
                let message = format!("unknown field {}{hint}", quoted(&member.key));
                self.report(
                    ProblemKind::UnknownField,
                    member_path,
                    member.key_offset,
                    message,
                );
            }
        }
        Some(Object {
            members,
            path,
            offset: node.offset,
        })
    }

    /// The member `key` of `object`, reporting it if it is required and missing.
    fn field<'n>(&mut self, object: &Object<'n>, key: &str, need: Need) -> Option<&'n Node<'n>> {
        let node = object.get(key);
        if node.is_none() && need == Required {
            self.report(
                ProblemKind::MissingField,
                object.path.clone(),
                object.offset,
                format!("missing field {}", quoted(key)),
            );
        }
        node
    }

    fn wrong_type(&mut self, path: String, node: &Node, expected: &str) {
        let found = node.value.type_name();
        self.report(
            ProblemKind::WrongType,
            path,
            node.offset,
            format!("expected {expected}, found {found}"),
        );
    }

    fn text_value(&mut self, node: &Node, path: String) -> Option<String> {
        match &node.value {
            Value::String(s) if s.trim().is_empty() => {
                self.report(
                    ProblemKind::EmptyText,
                    path,
                    node.offset,
                    "must not be empty",
                );
                None
            }
            Value::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(path, node, "a string");
                None
            }
        }
    }

    /// A non-empty string field; empty when missing or invalid (already reported).
    fn text(&mut self, object: &Object, key: &str) -> String {
        self.optional_text(object, key, Required)
            .unwrap_or_default()
    }

    fn optional_text(&mut self, object: &Object, key: &str, need: Need) -> Option<String> {
        let node = self.field(object, key, need)?;
        self.text_value(node, object.path_of(key))
    }

    /// A string field that may also be `null`; it must be present when required.
    fn nullable_text(&mut self, object: &Object, key: &str) -> Option<String> {
        let node = self.field(object, key, Required)?;
        if node.value == Value::Null {
            return None;
        }
        self.text_value(node, object.path_of(key))
    }

    fn flag(&mut self, object: &Object, key: &str) -> bool {
        match self.field(object, key, Optional) {
            None => false,
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => *b,
            Some(node) => {
                self.wrong_type(object.path_of(key), node, "true or false");
                false
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        object: &Object,
        key: &str,
        all: &[T],
        name: fn(T) -> &'static str,
    ) -> Option<T> {
        let node = self.field(object, key, Required)?;
        let path = object.path_of(key);
        let text = self.text_value(node, path.clone())?;
        let found = all.iter().copied().find(|v| name(*v) == text);
        if found.is_none() {
            let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            let message = format!("{} is not one of: {}", quoted(&text), names.join(", "));
            self.report(ProblemKind::InvalidValue, path, node.offset, message);
        }
        found
    }

    /// An array field; each element is read by `read`. Empty when missing.
    fn list<T>(
        &mut self,
        object: &Object,
        key: &str,
        need: Need,
        mut read: impl FnMut(&mut Self, &Node, String) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = self.field(object, key, need) else {
            return Vec::new();
        };
        let path = object.path_of(key);
        let Value::Array(elements) = &node.value else {
            self.wrong_type(path, node, "an array");
            return Vec::new();
        };
        elements
            .iter()
            .enumerate()
            .filter_map(|(i, element)| read(self, element, format!("{path}[{i}]")))
            .collect()
    }

    /// Like `list`, but reports an empty list with `kind`.
    fn non_empty_list<T>(
        &mut self,
        object: &Object,
        key: &str,
        kind: ProblemKind,
        read: impl FnMut(&mut Self, &Node, String) -> Option<T>,
    ) -> Vec<T> {
        let present = object.get(key).map(|n| {
            (
                n.offset,
                matches!(&n.value, Value::Array(a) if a.is_empty()),
            )
        });
        let values = self.list(object, key, Required, read);
        if let Some((pos, true)) = present {
            self.report(
                kind,
                object.path_of(key),
                pos,
                format!("{} must not be empty", quoted(key)),
            );
        }
        values
    }

    /// A list of ids that must name things of kind `target`.
    fn references(
        &mut self,
        object: &Object,
        key: &str,
        need: Need,
        target: Target,
    ) -> Vec<String> {
        self.list(object, key, need, |loader, node, path| {
            loader.reference_value(node, path, target)
        })
    }

    fn reference(
        &mut self,
        object: &Object,
        key: &str,
        need: Need,
        target: Target,
    ) -> Option<String> {
        let node = self.field(object, key, need)?;
        self.reference_value(node, object.path_of(key), target)
    }

    fn reference_value(&mut self, node: &Node, path: String, target: Target) -> Option<String> {
        let id = self.text_value(node, path.clone())?;
        self.references.push(Reference {
            id: id.clone(),
            target,
            path,
            offset: node.offset,
        });
        Some(id)
    }

    /// Reads the `id` field and records it as defined.
    fn define(&mut self, object: &Object, entry: Entry) -> String {
        let Some(node) = self.field(object, "id", Required) else {
            return String::new();
        };
        let path = object.path_of("id");
        let Some(id) = self.text_value(node, path.clone()) else {
            return String::new();
        };
        if !is_kebab_id(&id) {
            let message = format!(
                "{} is not a valid id: use lower-case letters, digits and single hyphens",
                quoted(&id)
            );
            self.report(ProblemKind::InvalidId, path, node.offset, message);
        } else if let Some((_, first_path, first_offset)) = self.ids.get(&id) {
            let message = format!(
                "id {} is already used at {first_path} ({})",
                quoted(&id),
                self.lines.position(*first_offset)
            );
            self.report(ProblemKind::DuplicateId, path, node.offset, message);
        } else {
            self.ids.insert(id.clone(), (entry, path, node.offset));
        }
        id
    }

    fn check_references(&mut self) {
        for reference in std::mem::take(&mut self.references) {
            let message = match self.ids.get(&reference.id) {
                Some((entry, _, _)) if reference.target.accepts(*entry) => continue,
                Some((entry, _, _)) => {
                    format!(
                        "{} is {}, not {}",
                        quoted(&reference.id),
                        entry_name(*entry),
                        reference.target.with_article()
                    )
                }
                None => format!(
                    "no {} has the id {}",
                    reference.target.name(),
                    quoted(&reference.id)
                ),
            };
            self.report(
                ProblemKind::UnknownReference,
                reference.path,
                reference.offset,
                message,
            );
        }
    }

    fn date(&mut self, node: &Node, path: String) -> Option<Date> {
        let object = self.object(node, path, &["value", "approximate", "note"])?;
        let value_node = self.field(&object, "value", Required)?;
        let value_path = object.path_of("value");
        let text = self.text_value(value_node, value_path.clone())?;
        let approximate = self.flag(&object, "approximate");
        let note = self.optional_text(&object, "note", Optional);
        if approximate && note.is_none() && object.get("note").is_none() {
            let message = "an approximate date needs a \"note\" saying how it was inferred";
            self.report(
                ProblemKind::MissingDateNote,
                object.path.clone(),
                object.offset,
                message,
            );
        }
        match PartialDate::parse(&text) {
            Ok(value) => Some(Date {
                value,
                approximate,
                note,
            }),
            Err(message) => {
                self.report(
                    ProblemKind::InvalidDate,
                    value_path,
                    value_node.offset,
                    message,
                );
                None
            }
        }
    }

    fn date_field(&mut self, object: &Object, key: &str) -> Option<Date> {
        let node = self.field(object, key, Required)?;
        self.date(node, object.path_of(key))
    }

    fn citation(&mut self, node: &Node, path: String) -> Option<Citation> {
        let object = self.object(node, path, &["source", "quote", "note"])?;
        let source = self
            .reference(&object, "source", Required, Target::Source)
            .unwrap_or_default();
        let note = self.optional_text(&object, "note", Optional);
        let quote_node = self.field(&object, "quote", Required)?;
        let quote_path = object.path_of("quote");
        let quote = match &quote_node.value {
            Value::String(s) if s.trim().is_empty() => {
                self.report(
                    ProblemKind::EmptyQuote,
                    quote_path,
                    quote_node.offset,
                    "the quote is empty",
                );
                return None;
            }
            Value::String(s) => s.to_string(),
            _ => {
                self.wrong_type(quote_path, quote_node, "a string");
                return None;
            }
        };
        if quote.contains("...") || quote.contains('…') {
            let message = "a quote must be contiguous: it must not be shortened with an ellipsis";
            self.report(
                ProblemKind::EllipsisInQuote,
                quote_path,
                quote_node.offset,
                message,
            );
        } else if let Some(Err(why)) = self.texts.check(&source, &quote) {
            let message = format!(
                "quote not found in the text of source {}: {why}",
                quoted(&source)
            );
            self.report(
                ProblemKind::QuoteNotFound,
                quote_path,
                quote_node.offset,
                message,
            );
        }
        Some(Citation {
            source,
            quote,
            note,
        })
    }

    fn citations(&mut self, object: &Object, key: &str) -> Vec<Citation> {
        self.non_empty_list(object, key, ProblemKind::MissingCitation, Self::citation)
    }

    fn strings(&mut self, object: &Object, key: &str, need: Need) -> Vec<String> {
        self.list(object, key, need, |loader, node, path| {
            loader.text_value(node, path)
        })
    }

    /// An entry's `search_aliases`: editorial search terms, kept apart from
    /// the entry's facts (see [`Dataset::search_aliases`]).
    fn read_search_aliases(&mut self, object: &Object, id: &str) {
        let aliases = self.strings(object, "search_aliases", Optional);
        if !aliases.is_empty() && !id.is_empty() {
            self.search_aliases.insert(id.to_string(), aliases);
        }
    }

    fn discrepancy(&mut self, node: &Node, path: String) -> Option<Discrepancy> {
        let object = self.object(node, path, &["note", "citations"])?;
        Some(Discrepancy {
            note: self.text(&object, "note"),
            citations: self.citations(&object, "citations"),
        })
    }

    fn dataset(&mut self, root: &Node) -> Dataset {
        const FIELDS: &[&str] = &[
            "version",
            "title",
            "description",
            "sources",
            "focus_areas",
            "actors",
            "events",
            "commitments",
        ];
        let mut dataset = Dataset {
            version: FORMAT_VERSION,
            title: String::new(),
            description: String::new(),
            sources: Vec::new(),
            focus_areas: Vec::new(),
            actors: Vec::new(),
            events: Vec::new(),
            commitments: Vec::new(),
            imported: None,
            ids: HashMap::new(),
            search_aliases: HashMap::new(),
        };
        let Some(object) = self.object(root, String::new(), FIELDS) else {
            return dataset;
        };
        if let Some(node) = self.field(&object, "version", Required) {
            match node.value {
                Value::Number(literal)
                    if whole_number(literal) == Some(i64::from(FORMAT_VERSION)) => {}
                Value::Number(literal) => {
                    let version = format!("version {}", json::shortened(literal));
                    let message = format!("format {version} is not supported; this explorer reads version {FORMAT_VERSION}");
                    self.report(
                        ProblemKind::UnsupportedVersion,
                        "version",
                        node.offset,
                        message,
                    );
                }
                _ => self.wrong_type("version".into(), node, "a number"),
            }
        }
        dataset.title = self.text(&object, "title");
        dataset.description = self.text(&object, "description");
        dataset.sources = self.list(&object, "sources", Required, Self::source);
        dataset.focus_areas = self.list(&object, "focus_areas", Required, Self::focus_area);
        dataset.actors = self.list(&object, "actors", Required, Self::actor);
        dataset.events = self.list(&object, "events", Required, Self::event);
        dataset.commitments = self.list(&object, "commitments", Required, Self::commitment);
        dataset.search_aliases = std::mem::take(&mut self.search_aliases);
        dataset
    }

    fn source(&mut self, node: &Node, path: String) -> Option<Source> {
        const FIELDS: &[&str] = &[
            "id",
            "publisher",
            "title",
            "kind",
            "format",
            "published",
            "url",
            "text_file",
            "note",
        ];
        let object = self.object(node, path, FIELDS)?;
        let id = self.define(&object, Entry::Source(UNPLACED));
        let url = self.nullable_text(&object, "url");
        if let (Some(url), Some(url_node)) = (&url, object.get("url")) {
            if !is_http_url(url) {
                let message = format!("{} is not an http: or https: URL", quoted(url));
                self.report(
                    ProblemKind::InvalidUrl,
                    object.path_of("url"),
                    url_node.offset,
                    message,
                );
            }
        }
        Some(Source {
            id,
            publisher: self.text(&object, "publisher"),
            title: self.text(&object, "title"),
            kind: self
                .choice(&object, "kind", SourceKind::ALL, SourceKind::as_str)
                .unwrap_or(SourceKind::Primary),
            format: self
                .choice(&object, "format", SourceFormat::ALL, SourceFormat::as_str)
                .unwrap_or(SourceFormat::FactSheet),
            published: self
                .date_field(&object, "published")
                .unwrap_or_else(placeholder_date),
            url,
            text_file: self.optional_text(&object, "text_file", Optional),
            note: self.optional_text(&object, "note", Optional),
        })
    }

    fn focus_area(&mut self, node: &Node, path: String) -> Option<FocusArea> {
        let object = self.object(
            node,
            path,
            &["id", "name", "description", "headings", "citations"],
        )?;
        let id = self.define(&object, Entry::FocusArea(UNPLACED));
        let headings = self.list(&object, "headings", Required, Self::citation);
        let citations = self.list(&object, "citations", Optional, Self::citation);
        if headings.is_empty() && citations.is_empty() && object.get("headings").is_some() {
            let message = "a focus area needs at least one heading or citation";
            self.report(
                ProblemKind::MissingCitation,
                object.path.clone(),
                object.offset,
                message,
            );
        }
        Some(FocusArea {
            id,
            name: self.text(&object, "name"),
            description: self.text(&object, "description"),
            headings,
            citations,
        })
    }

    fn actor(&mut self, node: &Node, path: String) -> Option<Actor> {
        const FIELDS: &[&str] = &[
            "id",
            "name",
            "short_name",
            "aliases",
            "kind",
            "country",
            "role",
            "affiliation",
            "citations",
            "search_aliases",
        ];
        let object = self.object(node, path, FIELDS)?;
        let id = self.define(&object, Entry::Actor(UNPLACED));
        self.read_search_aliases(&object, &id);
        Some(Actor {
            id,
            name: self.text(&object, "name"),
            short_name: self.optional_text(&object, "short_name", Optional),
            aliases: self.strings(&object, "aliases", Required),
            kind: self
                .choice(&object, "kind", ActorKind::ALL, ActorKind::as_str)
                .unwrap_or(ActorKind::Government),
            country: self
                .choice(&object, "country", Country::ALL, Country::as_str)
                .unwrap_or(Country::Other),
            role: self.optional_text(&object, "role", Optional),
            affiliation: self.reference(&object, "affiliation", Optional, Target::Actor),
            citations: self.citations(&object, "citations"),
        })
    }

    fn event(&mut self, node: &Node, path: String) -> Option<Event> {
        const FIELDS: &[&str] = &[
            "id",
            "title",
            "type",
            "date",
            "alternative_dates",
            "expected",
            "place",
            "participants",
            "focus_areas",
            "description",
            "citations",
            "discrepancies",
            "related",
            "search_aliases",
        ];
        let object = self.object(node, path, FIELDS)?;
        let id = self.define(&object, Entry::Event(UNPLACED));
        self.read_search_aliases(&object, &id);
        Some(Event {
            id,
            title: self.text(&object, "title"),
            event_type: self
                .choice(&object, "type", EventType::WRITTEN, EventType::as_str)
                .unwrap_or(EventType::Meeting),
            date: self
                .date_field(&object, "date")
                .unwrap_or_else(placeholder_date),
            alternative_dates: self.list(
                &object,
                "alternative_dates",
                Optional,
                Self::alternative_date,
            ),
            expected: self.flag(&object, "expected"),
            place: self.nullable_text(&object, "place"),
            participants: self.references(&object, "participants", Required, Target::Actor),
            focus_areas: self.references(&object, "focus_areas", Required, Target::FocusArea),
            description: self.text(&object, "description"),
            citations: self.citations(&object, "citations"),
            discrepancies: self.list(&object, "discrepancies", Optional, Self::discrepancy),
            related: self.references(&object, "related", Optional, Target::Item),
            // Our format has none of what imported timelines carry.
            end_date: None,
            display_date: None,
            group: None,
            links: Vec::new(),
            media: None,
        })
    }

    fn alternative_date(&mut self, node: &Node, path: String) -> Option<AlternativeDate> {
        let object = self.object(node, path, &["date", "note", "citations"])?;
        Some(AlternativeDate {
            date: self
                .date_field(&object, "date")
                .unwrap_or_else(placeholder_date),
            note: self.text(&object, "note"),
            citations: self.citations(&object, "citations"),
        })
    }

    fn commitment(&mut self, node: &Node, path: String) -> Option<Commitment> {
        const FIELDS: &[&str] = &[
            "id",
            "title",
            "description",
            "focus_areas",
            "actors",
            "announced_at",
            "status_history",
            "discrepancies",
            "related",
            "search_aliases",
        ];
        let object = self.object(node, path, FIELDS)?;
        let id = self.define(&object, Entry::Commitment(UNPLACED));
        self.read_search_aliases(&object, &id);
        let focus_areas = self.list(&object, "focus_areas", Required, |loader, node, path| {
            loader.reference_value(node, path, Target::FocusArea)
        });
        if focus_areas.is_empty() {
            if let Some(node) = object
                .get("focus_areas")
                .filter(|n| matches!(&n.value, Value::Array(a) if a.is_empty()))
            {
                let message = "a commitment needs at least one focus area";
                self.report(
                    ProblemKind::EmptyList,
                    object.path_of("focus_areas"),
                    node.offset,
                    message,
                );
            }
        }
        let status_history = self.non_empty_list(
            &object,
            "status_history",
            ProblemKind::EmptyStatusHistory,
            Self::status_entry,
        );
        self.check_status_order(&object, &status_history);
        Some(Commitment {
            id,
            title: self.text(&object, "title"),
            description: self.text(&object, "description"),
            focus_areas,
            actors: self.references(&object, "actors", Required, Target::Actor),
            announced_at: self
                .reference(&object, "announced_at", Required, Target::Event)
                .unwrap_or_default(),
            status_history,
            discrepancies: self.list(&object, "discrepancies", Optional, Self::discrepancy),
            related: self.references(&object, "related", Optional, Target::Item),
        })
    }

    fn check_status_order(&mut self, object: &Object, history: &[StatusEntry]) {
        let Some(Node {
            value: Value::Array(nodes),
            ..
        }) = object.get("status_history")
        else {
            return;
        };
        // Entries that failed to load are missing from `history`; only compare when all loaded.
        if nodes.len() != history.len() {
            return;
        }
        for (i, pair) in history.windows(2).enumerate() {
            if pair[1].date.value < pair[0].date.value {
                let message = format!(
                    "status entries must be in date order: {} comes after {}",
                    pair[1].date.value, pair[0].date.value
                );
                let path = format!("{}[{}].date", object.path_of("status_history"), i + 1);
                self.report(
                    ProblemKind::StatusOutOfOrder,
                    path,
                    nodes[i + 1].offset,
                    message,
                );
            }
        }
    }

    fn status_entry(&mut self, node: &Node, path: String) -> Option<StatusEntry> {
        let object = self.object(
            node,
            path,
            &["status", "date", "event", "summary", "citations"],
        )?;
        let status = self.choice(&object, "status", Status::WRITTEN, Status::as_str);
        if status.is_none() {
            if let Some(Node {
                value: Value::String(s),
                offset,
            }) = object.get("status")
            {
                if s == Status::NoLaterMention.as_str() {
                    // Replace the generic message with the reason this value is refused.
                    self.problems.pop();
                    let message = "\"no_later_mention\" is derived from the dates of the sources and is never written";
                    self.report(
                        ProblemKind::InvalidValue,
                        object.path_of("status"),
                        *offset,
                        message,
                    );
                }
            }
        }
        Some(StatusEntry {
            status: status.unwrap_or(Status::Announced),
            date: self.date_field(&object, "date")?,
            event: self.reference(&object, "event", Optional, Target::Event),
            summary: self.text(&object, "summary"),
            citations: self.citations(&object, "citations"),
        })
    }
}

/// While loading, entries only say what kind of thing an id names; their
/// positions are filled in by `index_ids` once the collections are complete.
const UNPLACED: usize = usize::MAX;

fn index_ids(dataset: &Dataset) -> HashMap<String, Entry> {
    let mut ids = HashMap::new();
    ids.extend(
        dataset
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), Entry::Source(i))),
    );
    ids.extend(
        dataset
            .focus_areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), Entry::FocusArea(i))),
    );
    ids.extend(
        dataset
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), Entry::Actor(i))),
    );
    ids.extend(
        dataset
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), Entry::Event(i))),
    );
    ids.extend(
        dataset
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), Entry::Commitment(i))),
    );
    ids
}

fn placeholder_date() -> Date {
    Date::exact(PartialDate::Year(1970))
}
