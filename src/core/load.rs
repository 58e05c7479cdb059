//! Loading and validating a dataset from JSON text.
//!
//! The loader reads the text once, in order, and records every problem
//! instead of stopping at the first. The root object is read member by
//! member, and its collections (`sources`, `events`, ...) one element at a
//! time: each element is parsed into a small tree, read field by field and
//! dropped, so a large dataset never exists as a whole tree, and text read
//! in chunks ([`load_chunks`]) is dropped as soon as it has been read
//! (see [`json::Window`]). Fields that fail get a placeholder so the walk
//! can go on; the dataset is returned only when no problem was found, so
//! placeholders never escape. A reference to an id already defined is
//! checked at once; the others (forward references) once every id is known.

use std::cell::RefCell;
use std::fmt;

use super::date::{Date, PartialDate};
use super::error::{LoadError, Problem, ProblemKind};
use super::hash::{FastMap, FastSet};
use super::json::{self, quoted, whole_number, Member, Node, Position, SyntaxError, Value, Window};
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
    load_window(Window::whole(json), texts)
}

/// Loads a dataset from text read in chunks: `next_chunk` appends the next
/// piece of the text to the string it is given (only whole characters) and
/// returns false once there is no more. Only the piece being read is kept,
/// so memory stays in the size of the dataset, not of its text. Problems
/// are the same, with the same places, as for the whole text.
pub fn load_chunks(next_chunk: &mut dyn FnMut(&mut String) -> bool) -> Result<Dataset, LoadError> {
    load_window(Window::chunked(next_chunk), &SourceTexts::new())
}

fn load_window(window: Window<'_>, texts: &SourceTexts) -> Result<Dataset, LoadError> {
    let window = RefCell::new(window);
    let mut loader = Loader {
        problems: Vec::new(),
        texts,
        references: Vec::new(),
        ids: FastMap::default(),
        window: &window,
        element: 0,
        finished: [false; 5],
        search_aliases: FastMap::default(),
    };
    let dataset = loader.document().map_err(|e| {
        LoadError::new(vec![Problem {
            kind: ProblemKind::Syntax,
            path: String::new(),
            pos: e.pos,
            offset: e.offset,
            message: format!("not valid JSON: {}", e.message),
        }])
    })?;
    loader.check_references();
    if loader.problems.is_empty() {
        // Every element loaded and defined its own id, so the dataset's
        // collections hold every id once. The loader's table goes first, so
        // that the index takes the room it leaves.
        drop(loader);
        let (count, ids) = dataset_ids(&dataset);
        let ids = IdIndex::of(count, ids);
        Ok(Dataset { ids, ..dataset })
    } else {
        Err(LoadError::new(loader.problems))
    }
}

/// Every id a dataset defines and what it names, and how many.
fn dataset_ids(dataset: &Dataset) -> (usize, impl Iterator<Item = (&str, Entry)>) {
    let count = dataset.sources.len()
        + dataset.focus_areas.len()
        + dataset.actors.len()
        + dataset.item_count();
    let sources = dataset.sources.iter().map(|s| &*s.id);
    let areas = dataset.focus_areas.iter().map(|a| &*a.id);
    let actors = dataset.actors.iter().map(|a| &*a.id);
    let events = dataset.events.iter().map(|e| &*e.id);
    let commitments = dataset.commitments.iter().map(|c| &*c.id);
    let all = sources
        .enumerate()
        .map(|(i, id)| (id, Entry::Source(i)))
        .chain(areas.enumerate().map(|(i, id)| (id, Entry::FocusArea(i))))
        .chain(actors.enumerate().map(|(i, id)| (id, Entry::Actor(i))))
        .chain(events.enumerate().map(|(i, id)| (id, Entry::Event(i))))
        .chain(
            commitments
                .enumerate()
                .map(|(i, id)| (id, Entry::Commitment(i))),
        );
    (count, all)
}

/// Whether `text` is empty or white space only. Unlike `trim`, it stops at
/// the first other character, which for nearly every text is the first.
fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// Whether `text` holds "..." or "…", in one pass over its bytes: a
/// substring search sets up a searcher for each of the dataset's quotes.
fn has_ellipsis(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|three| three == b"..." || three == "…".as_bytes())
}

/// The root object's members, in the order they are read when present.
const ROOT_FIELDS: &[&str] = &[
    "version",
    "title",
    "description",
    "sources",
    "focus_areas",
    "actors",
    "events",
    "commitments",
];

/// The root members that are read one element at a time.
const COLLECTIONS: &[&str] = &["sources", "focus_areas", "actors", "events", "commitments"];

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

/// The message for a reference to an id of the wrong kind of thing.
fn wrong_kind(id: &str, entry: Entry, target: Target) -> String {
    format!(
        "{} is {}, not {}",
        quoted(id),
        entry_name(entry),
        target.with_article()
    )
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

/// A reference to an id not yet defined when it was read.
struct Reference {
    id: String,
    target: Target,
    path: String,
    offset: usize,
    pos: Position,
}

/// An id as first defined: what it names (with its index in its
/// collection in the file) and where.
#[derive(Clone, Copy)]
struct Defined {
    entry: Entry,
    offset: usize,
    pos: Position,
}

/// Which collection's definition of an id wins: the earliest of
/// `COLLECTIONS`, whose order is the dataset's (see [`Entry::place`]).
fn rank(entry: Entry) -> usize {
    entry.place().0
}

struct Loader<'t, 'w, 's> {
    problems: Vec<Problem>,
    texts: &'t SourceTexts,
    references: Vec<Reference>,
    /// Every id defined, with where it was first defined.
    /// Keyed by the one copy of each id that references share.
    ids: FastMap<Id, Defined>,
    /// The text being read, for the positions of problems.
    window: &'w RefCell<Window<'s>>,
    /// The index of the element being read in its collection.
    element: usize,
    /// Which collections (in the order of `COLLECTIONS`) were read to their end.
    finished: [bool; 5],
    /// The `search_aliases` read so far, by the id of their actor or item.
    search_aliases: FastMap<String, Vec<String>>,
}

/// The member of the root object that holds the collection of `entry`.
fn collection_of(entry: Entry) -> (&'static str, usize) {
    let (collection, index) = entry.place();
    (COLLECTIONS[collection], index)
}

/// The JSON path of a value, as the chain of members and elements that
/// leads to it, made text only when a problem is reported: nearly every
/// value read has none.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Member(&'p Path<'p>, &'p str),
    Element(&'p Path<'p>, usize),
}

impl Path<'_> {
    /// The path of the root object's member `key`.
    fn root_member(key: &str) -> Path<'_> {
        Path::Member(&Path::Root, key)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Member(Path::Root, key) => f.write_str(key),
            Path::Member(parent, key) => write!(f, "{parent}.{key}"),
            Path::Element(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

impl From<Path<'_>> for String {
    fn from(path: Path<'_>) -> String {
        path.to_string()
    }
}

/// An object being read, with the path that leads to it.
struct Object<'n, 'p> {
    members: &'n [Member<'n>],
    path: Path<'p>,
    offset: usize,
}

impl<'n> Object<'n, '_> {
    fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.members.iter().find(|m| m.key == key).map(|m| &m.value)
    }

    fn path_of<'a>(&'a self, key: &'a str) -> Path<'a> {
        Path::Member(&self.path, key)
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

impl Loader<'_, '_, '_> {
    fn report(
        &mut self,
        kind: ProblemKind,
        path: impl Into<String>,
        offset: usize,
        message: impl Into<String>,
    ) {
        let pos = self.window.borrow().position(offset);
        self.report_at(kind, path, offset, pos, message);
    }

    /// Reports a problem whose position is known (its text may have left the window).
    fn report_at(
        &mut self,
        kind: ProblemKind,
        path: impl Into<String>,
        offset: usize,
        pos: Position,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem {
            kind,
            path: path.into(),
            pos,
            offset,
            message: message.into(),
        });
    }

    /// Reads `node` as an object with exactly the `allowed` members.
    fn object<'n, 'p>(
        &mut self,
        node: &'n Node<'n>,
        path: Path<'p>,
        allowed: &[&str],
    ) -> Option<Object<'n, 'p>> {
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
        let mut seen = FastSet::default();
        for (index, member) in members.iter().enumerate() {
            let duplicate = if members.len() <= 16 {
                members[..index]
                    .iter()
                    .any(|earlier| earlier.key == member.key)
            } else {
                !seen.insert(&*member.key)
            };
            self.check_member(path, &member.key, member.key_offset, duplicate, allowed);
        }
        Some(Object {
            members,
            path,
            offset: node.offset,
        })
    }

    /// Reports a member that appears twice or that the object does not allow.
    fn check_member(
        &mut self,
        path: Path,
        key: &str,
        key_offset: usize,
        duplicate: bool,
        allowed: &[&str],
    ) {
        if !duplicate && allowed.contains(&key) {
            return;
        }
        // Paths name members as messages quote them: shortened.
        let member_path = Path::Member(&path, &json::shortened(key)).to_string();
        if duplicate {
            let message = format!("field {} appears more than once", quoted(key));
            self.report(
                ProblemKind::DuplicateField,
                member_path,
                key_offset,
                message,
            );
        } else {
            let closest = allowed
                .iter()
                .filter(|_| key.len() <= MAX_HINTED_NAME)
                .map(|name| (edit_distance(name, key), name))
                .min_by_key(|(distance, _)| *distance);
            let hint = match closest {
                Some((distance, name)) if distance <= 2 => {
                    format!(" (did you mean {}?)", quoted(name))
                }
                _ => format!("; expected one of: {}", allowed.join(", ")),
            };
            let message = format!("unknown field {}{hint}", quoted(key));
            self.report(ProblemKind::UnknownField, member_path, key_offset, message);
        }
    }

    /// The member `key` of `object`, reporting it if it is required and missing.
    fn field<'n>(
        &mut self,
        object: &Object<'n, '_>,
        key: &str,
        need: Need,
    ) -> Option<&'n Node<'n>> {
        let node = object.get(key);
        if node.is_none() && need == Required {
            self.report(
                ProblemKind::MissingField,
                object.path,
                object.offset,
                format!("missing field {}", quoted(key)),
            );
        }
        node
    }

    fn wrong_type(&mut self, path: Path, node: &Node, expected: &str) {
        let found = node.value.type_name();
        self.report(
            ProblemKind::WrongType,
            path,
            node.offset,
            format!("expected {expected}, found {found}"),
        );
    }

    fn text_value(&mut self, node: &Node, path: Path) -> Option<String> {
        self.text_ref(node, path).map(str::to_string)
    }

    /// The text of a non-empty string, borrowed from the node (a name to
    /// compare, an id to look up: no copy of it is kept).
    fn text_ref<'n>(&mut self, node: &'n Node, path: Path) -> Option<&'n str> {
        match &node.value {
            Value::String(s) if is_blank(s) => {
                self.report(
                    ProblemKind::EmptyText,
                    path,
                    node.offset,
                    "must not be empty",
                );
                None
            }
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(path, node, "a string");
                None
            }
        }
    }

    /// A non-empty string field; empty when missing or invalid (already
    /// reported). Borrowed from the element's tree: most texts are copied
    /// once, into what keeps them.
    fn text<'n>(&mut self, object: &Object<'n, '_>, key: &str) -> &'n str {
        self.optional_text(object, key, Required)
            .unwrap_or_default()
    }

    fn optional_text<'n>(
        &mut self,
        object: &Object<'n, '_>,
        key: &str,
        need: Need,
    ) -> Option<&'n str> {
        let node = self.field(object, key, need)?;
        self.text_ref(node, object.path_of(key))
    }

    /// A string field that may also be `null`; it must be present when required.
    fn nullable_text<'n>(&mut self, object: &Object<'n, '_>, key: &str) -> Option<&'n str> {
        let node = self.field(object, key, Required)?;
        if node.value == Value::Null {
            return None;
        }
        self.text_ref(node, object.path_of(key))
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
        let text = self.text_ref(node, path)?;
        let found = all.iter().copied().find(|v| name(*v) == text);
        if found.is_none() {
            let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            let message = format!("{} is not one of: {}", quoted(text), names.join(", "));
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
        mut read: impl FnMut(&mut Self, &Node, Path) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = self.field(object, key, need) else {
            return Vec::new();
        };
        let path = object.path_of(key);
        let Value::Array(elements) = &node.value else {
            self.wrong_type(path, node, "an array");
            return Vec::new();
        };
        // Exactly as long as the array when every element loads (and when
        // one does not, the dataset is not returned): collecting would grow
        // it by doubling from four, and most lists hold one or two.
        let mut values = Vec::with_capacity(elements.len());
        for (i, element) in elements.iter().enumerate() {
            values.extend(read(self, element, Path::Element(&path, i)));
        }
        values
    }

    /// Like `list`, but reports an empty list with `kind`.
    fn non_empty_list<T>(
        &mut self,
        object: &Object,
        key: &str,
        kind: ProblemKind,
        read: impl FnMut(&mut Self, &Node, Path) -> Option<T>,
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
    fn references(&mut self, object: &Object, key: &str, need: Need, target: Target) -> Vec<Id> {
        self.list(object, key, need, |loader, node, path| {
            loader.reference_value(node, path, target)
        })
    }

    fn reference(&mut self, object: &Object, key: &str, need: Need, target: Target) -> Option<Id> {
        let node = self.field(object, key, need)?;
        self.reference_value(node, object.path_of(key), target)
    }

    /// The copy of `id` that its definition keeps, shared by every
    /// reference to it (a reference read before the definition has its own).
    fn intern(&mut self, id: &str) -> Id {
        match self.ids.get_key_value(id) {
            Some((shared, _)) => shared.clone(),
            None => id.into(),
        }
    }

    fn reference_value(&mut self, node: &Node, path: Path, target: Target) -> Option<Id> {
        let id = self.text_ref(node, path)?;
        match self.ids.get(id) {
            // A definition stands unless a collection that ranks before
            // it is still to be read (or being read): once they all have
            // been, the reference can be checked now.
            Some(defined) if self.finished[..rank(defined.entry)].iter().all(|f| *f) => {
                if !target.accepts(defined.entry) {
                    let message = wrong_kind(id, defined.entry, target);
                    self.report(ProblemKind::UnknownReference, path, node.offset, message);
                }
            }
            _ => {
                let pos = self.window.borrow().position(node.offset);
                self.references.push(Reference {
                    id: id.to_string(),
                    target,
                    path: path.into(),
                    offset: node.offset,
                    pos,
                });
            }
        }
        Some(self.intern(id))
    }

    /// Reads the `id` field and records it as defined. The entry and the
    /// table of ids share one copy of it.
    fn define(&mut self, object: &Object, entry: Entry) -> Id {
        let Some(node) = self.field(object, "id", Required) else {
            return Id::default();
        };
        let path = object.path_of("id");
        let Some(id) = self.text_ref(node, path) else {
            return Id::default();
        };
        if !is_kebab_id(id) {
            let message = format!(
                "{} is not a valid id: use lower-case letters, digits and single hyphens",
                quoted(id)
            );
            self.report(ProblemKind::InvalidId, path, node.offset, message);
        } else {
            let pos = self.window.borrow().position(node.offset);
            let here = Defined {
                entry,
                offset: node.offset,
                pos,
            };
            match self.ids.get_mut(id) {
                None => {
                    let shared = Id::from(id);
                    self.ids.insert(shared.clone(), here);
                    return shared;
                }
                // The collections are read in the file's order, but an id
                // belongs to the earliest collection of `ROOT_FIELDS` that
                // defines it, whatever the file's order: the others are
                // the duplicates.
                Some(first) if rank(first.entry) <= rank(entry) => {
                    let first = *first;
                    self.duplicate_id(id, &here, &first);
                }
                Some(first) => {
                    let later = std::mem::replace(first, here);
                    let here = self.ids[id];
                    self.duplicate_id(id, &later, &here);
                }
            }
        }
        // Not valid, or defined twice: the dataset is not returned.
        Id::from(id)
    }

    /// Reports `id` defined at `again` though `first` defined it.
    fn duplicate_id(&mut self, id: &str, again: &Defined, first: &Defined) {
        let (collection, index) = collection_of(first.entry);
        let message = format!(
            "id {} is already used at {collection}[{index}].id ({})",
            quoted(id),
            first.pos
        );
        let (collection, index) = collection_of(again.entry);
        self.report_at(
            ProblemKind::DuplicateId,
            format!("{collection}[{index}].id"),
            again.offset,
            again.pos,
            message,
        );
    }

    /// Checks the references that were read before the id they name.
    fn check_references(&mut self) {
        for reference in std::mem::take(&mut self.references) {
            let message = match self.ids.get(reference.id.as_str()) {
                Some(defined) if reference.target.accepts(defined.entry) => continue,
                Some(defined) => wrong_kind(&reference.id, defined.entry, reference.target),
                None => format!(
                    "no {} has the id {}",
                    reference.target.name(),
                    quoted(&reference.id)
                ),
            };
            self.report_at(
                ProblemKind::UnknownReference,
                reference.path,
                reference.offset,
                reference.pos,
                message,
            );
        }
    }

    fn date(&mut self, node: &Node, path: Path) -> Option<Date> {
        let object = self.object(node, path, &["value", "approximate", "note"])?;
        let value_node = self.field(&object, "value", Required)?;
        let value_path = object.path_of("value");
        let text = self.text_value(value_node, value_path)?;
        let approximate = self.flag(&object, "approximate");
        let note = self.optional_text(&object, "note", Optional);
        if approximate && note.is_none() && object.get("note").is_none() {
            let message = "an approximate date needs a \"note\" saying how it was inferred";
            self.report(
                ProblemKind::MissingDateNote,
                object.path,
                object.offset,
                message,
            );
        }
        match PartialDate::parse(&text) {
            Ok(value) => Some(Date::new(value, approximate, note.map(str::to_string))),
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

    fn citation(&mut self, node: &Node, path: Path) -> Option<Citation> {
        let object = self.object(node, path, &["source", "quote", "note"])?;
        let source = self
            .reference(&object, "source", Required, Target::Source)
            .unwrap_or_default();
        let note = self.optional_text(&object, "note", Optional);
        let quote_node = self.field(&object, "quote", Required)?;
        let quote_path = object.path_of("quote");
        let quote = match &quote_node.value {
            Value::String(s) if is_blank(s) => {
                self.report(
                    ProblemKind::EmptyQuote,
                    quote_path,
                    quote_node.offset,
                    "the quote is empty",
                );
                return None;
            }
            Value::String(s) => &**s,
            _ => {
                self.wrong_type(quote_path, quote_node, "a string");
                return None;
            }
        };
        if has_ellipsis(quote) {
            let message = "a quote must be contiguous: it must not be shortened with an ellipsis";
            self.report(
                ProblemKind::EllipsisInQuote,
                quote_path,
                quote_node.offset,
                message,
            );
        } else if let Some(Err(why)) = self.texts.check(&source, quote) {
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
        Some(Citation::new(source, quote, note))
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

    fn discrepancy(&mut self, node: &Node, path: Path) -> Option<Discrepancy> {
        let object = self.object(node, path, &["note", "citations"])?;
        Some(Discrepancy {
            note: self.text(&object, "note").to_string(),
            citations: self.citations(&object, "citations").into(),
        })
    }

    /// Reads the whole document: the root object member by member, its
    /// collections one element at a time. A syntax error ends reading.
    fn document(&mut self) -> Result<Dataset, SyntaxError> {
        let window = self.window;
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
            ids: IdIndex::default(),
            search_aliases: FastMap::default(),
        };
        let start = window.borrow_mut().skip_white_space(0);
        if window.borrow_mut().byte(start) != Some(b'{') {
            // Not an object, so not a dataset (or not JSON): read it whole, it is never loaded.
            let mut whole = window.borrow_mut();
            let root = json::parse(whole.read_to_end())?;
            let found = root.value.type_name();
            let offset = root.offset;
            drop(whole);
            self.report(
                ProblemKind::WrongType,
                "",
                offset,
                format!("expected an object, found {found}"),
            );
            return Ok(dataset);
        }
        // Missing members are reported at the root, whose text is long gone by then.
        window.borrow_mut().pin(start);
        let mut seen: FastSet<String> = FastSet::default();
        let mut at = window.borrow_mut().skip_white_space(start + 1);
        if window.borrow_mut().byte(at) == Some(b'}') {
            at += 1;
        } else {
            loop {
                at = window.borrow_mut().skip_white_space(at);
                if window.borrow_mut().byte(at) != Some(b'"') {
                    return Err(window
                        .borrow_mut()
                        .unexpected(at, "expected a quoted member name"));
                }
                let key_offset = at;
                let end = window.borrow_mut().value_end(at);
                let key = {
                    let text = window.borrow();
                    let (node, after) = text.value(at, end, 1)?;
                    at = after;
                    match node.value {
                        Value::String(key) => key.into_owned(),
                        _ => String::new(),
                    }
                };
                at = window.borrow_mut().skip_white_space(at);
                if window.borrow_mut().byte(at) != Some(b':') {
                    return Err(window
                        .borrow_mut()
                        .unexpected(at, "expected ':' after a member name"));
                }
                at = window.borrow_mut().skip_white_space(at + 1);
                let first = !seen.contains(&key);
                self.check_member(Path::Root, &key, key_offset, !first, ROOT_FIELDS);
                if first
                    && COLLECTIONS.contains(&key.as_str())
                    && window.borrow_mut().byte(at) == Some(b'[')
                {
                    at = self.collection(&key, at, &mut dataset)?;
                } else {
                    let end = window.borrow_mut().value_end(at);
                    let text = window.borrow();
                    let (node, after) = text.value(at, end, 1)?;
                    if first {
                        self.root_member(&key, &node, &mut dataset);
                    }
                    at = after;
                }
                if first {
                    seen.insert(key);
                }
                at = window.borrow_mut().skip_white_space(at);
                let next = window.borrow_mut().byte(at);
                match next {
                    Some(b',') => at += 1,
                    Some(b'}') => {
                        at += 1;
                        break;
                    }
                    _ => {
                        return Err(window
                            .borrow_mut()
                            .unexpected(at, "expected ',' or '}' in an object"))
                    }
                }
            }
        }
        at = window.borrow_mut().skip_white_space(at);
        if !window.borrow_mut().ends_before(at) {
            return Err(window
                .borrow()
                .error_at(at, "unexpected text after the end of the JSON document"));
        }
        let root_pos = window.borrow().position(start);
        for field in ROOT_FIELDS {
            if !seen.contains(*field) {
                let message = format!("missing field {}", quoted(field));
                self.report_at(ProblemKind::MissingField, "", start, root_pos, message);
            }
        }
        dataset.search_aliases = std::mem::take(&mut self.search_aliases);
        // The collections grew by doubling, element by element.
        dataset.sources.shrink_to_fit();
        dataset.focus_areas.shrink_to_fit();
        dataset.actors.shrink_to_fit();
        dataset.events.shrink_to_fit();
        dataset.commitments.shrink_to_fit();
        Ok(dataset)
    }

    /// A member of the root object other than a collection given as an array.
    fn root_member(&mut self, key: &str, node: &Node, dataset: &mut Dataset) {
        match key {
            "version" => match node.value {
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
                _ => self.wrong_type(Path::root_member("version"), node, "a number"),
            },
            "title" => {
                dataset.title = self
                    .text_value(node, Path::root_member(key))
                    .unwrap_or_default()
            }
            "description" => {
                dataset.description = self
                    .text_value(node, Path::root_member(key))
                    .unwrap_or_default();
            }
            _ if COLLECTIONS.contains(&key) => {
                self.wrong_type(Path::root_member(key), node, "an array")
            }
            _ => {}
        }
    }

    /// Reads the collection `key`, an array starting at `at`, one element
    /// at a time; returns the offset just past it.
    fn collection(
        &mut self,
        key: &str,
        at: usize,
        dataset: &mut Dataset,
    ) -> Result<usize, SyntaxError> {
        let window = self.window;
        let rank = COLLECTIONS.iter().position(|c| *c == key).unwrap_or(0);
        let mut at = window.borrow_mut().skip_white_space(at + 1);
        if window.borrow_mut().byte(at) == Some(b']') {
            self.finished[rank] = true;
            return Ok(at + 1);
        }
        let mut index = 0;
        loop {
            at = window.borrow_mut().skip_white_space(at);
            window.borrow_mut().release_before(at);
            let end = window.borrow_mut().value_end(at);
            {
                let text = window.borrow();
                let (node, after) = text.value(at, end, 2)?;
                self.element = index;
                let collection = Path::root_member(key);
                let path = Path::Element(&collection, index);
                match key {
                    "sources" => dataset.sources.extend(self.source(&node, path)),
                    "focus_areas" => dataset.focus_areas.extend(self.focus_area(&node, path)),
                    "actors" => dataset.actors.extend(self.actor(&node, path)),
                    "events" => dataset.events.extend(self.event(&node, path).map(Box::new)),
                    _ => dataset
                        .commitments
                        .extend(self.commitment(&node, path).map(Box::new)),
                }
                at = after;
            }
            at = window.borrow_mut().skip_white_space(at);
            let next = window.borrow_mut().byte(at);
            match next {
                Some(b',') => {
                    at += 1;
                    index += 1;
                }
                Some(b']') => {
                    self.finished[rank] = true;
                    return Ok(at + 1);
                }
                _ => {
                    return Err(window
                        .borrow_mut()
                        .unexpected(at, "expected ',' or ']' in an array"))
                }
            }
        }
    }

    fn source(&mut self, node: &Node, path: Path) -> Option<Source> {
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
        let id = self.define(&object, Entry::Source(self.element));
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
            publisher: self.text(&object, "publisher").to_string(),
            title: self.text(&object, "title").to_string(),
            kind: self
                .choice(&object, "kind", SourceKind::ALL, SourceKind::as_str)
                .unwrap_or(SourceKind::Primary),
            format: self
                .choice(&object, "format", SourceFormat::ALL, SourceFormat::as_str)
                .unwrap_or(SourceFormat::FactSheet),
            published: self
                .date_field(&object, "published")
                .unwrap_or_else(placeholder_date),
            url: url.map(str::to_string),
            text_file: self
                .optional_text(&object, "text_file", Optional)
                .map(str::to_string),
            note: self
                .optional_text(&object, "note", Optional)
                .map(str::to_string),
        })
    }

    fn focus_area(&mut self, node: &Node, path: Path) -> Option<FocusArea> {
        let object = self.object(
            node,
            path,
            &["id", "name", "description", "headings", "citations"],
        )?;
        let id = self.define(&object, Entry::FocusArea(self.element));
        let headings = self.list(&object, "headings", Required, Self::citation);
        let citations = self.list(&object, "citations", Optional, Self::citation);
        if headings.is_empty() && citations.is_empty() && object.get("headings").is_some() {
            let message = "a focus area needs at least one heading or citation";
            self.report(
                ProblemKind::MissingCitation,
                object.path,
                object.offset,
                message,
            );
        }
        Some(FocusArea {
            id,
            name: self.text(&object, "name").to_string(),
            description: self.text(&object, "description").to_string(),
            headings,
            citations,
        })
    }

    fn actor(&mut self, node: &Node, path: Path) -> Option<Actor> {
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
        let id = self.define(&object, Entry::Actor(self.element));
        self.read_search_aliases(&object, &id);
        Some(Actor {
            id,
            name: self.text(&object, "name").to_string(),
            short_name: self
                .optional_text(&object, "short_name", Optional)
                .map(str::to_string),
            aliases: self.strings(&object, "aliases", Required),
            kind: self
                .choice(&object, "kind", ActorKind::ALL, ActorKind::as_str)
                .unwrap_or(ActorKind::Government),
            country: self
                .choice(&object, "country", Country::ALL, Country::as_str)
                .unwrap_or(Country::Other),
            role: self
                .optional_text(&object, "role", Optional)
                .map(str::to_string),
            affiliation: self.reference(&object, "affiliation", Optional, Target::Actor),
            citations: self.citations(&object, "citations"),
        })
    }

    fn event(&mut self, node: &Node, path: Path) -> Option<Event> {
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
        let id = self.define(&object, Entry::Event(self.element));
        self.read_search_aliases(&object, &id);
        // Read in the order of the fields of the format, which is the order
        // of the problems found at the same place (a missing field's).
        let title = self.text(&object, "title");
        let event_type = self
            .choice(&object, "type", EventType::WRITTEN, EventType::as_str)
            .unwrap_or(EventType::Meeting);
        let date = self
            .date_field(&object, "date")
            .unwrap_or_else(placeholder_date);
        let alternative_dates = self.list(
            &object,
            "alternative_dates",
            Optional,
            Self::alternative_date,
        );
        let expected = self.flag(&object, "expected");
        // Places are never empty (`nullable_text` reports it), so empty is none.
        let place = self.nullable_text(&object, "place").unwrap_or_default();
        let participants = self.references(&object, "participants", Required, Target::Actor);
        let focus_areas = self.references(&object, "focus_areas", Required, Target::FocusArea);
        let description = self.text(&object, "description");
        Some(Event {
            id,
            texts: ItemTexts::new([title, place], description),
            event_type,
            date,
            expected,
            ids: IdLists::new([participants], focus_areas),
            citations: self.citations(&object, "citations").into(),
            more: EventMore::boxed(EventMore {
                alternative_dates: alternative_dates.into(),
                discrepancies: self
                    .list(&object, "discrepancies", Optional, Self::discrepancy)
                    .into(),
                related: self
                    .references(&object, "related", Optional, Target::Item)
                    .into(),
                // Our format has none of what imported timelines carry.
                imported: None,
            }),
        })
    }

    fn alternative_date(&mut self, node: &Node, path: Path) -> Option<AlternativeDate> {
        let object = self.object(node, path, &["date", "note", "citations"])?;
        Some(AlternativeDate {
            date: self
                .date_field(&object, "date")
                .unwrap_or_else(placeholder_date),
            note: self.text(&object, "note").to_string(),
            citations: self.citations(&object, "citations").into(),
        })
    }

    fn commitment(&mut self, node: &Node, path: Path) -> Option<Commitment> {
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
        let id = self.define(&object, Entry::Commitment(self.element));
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
            texts: ItemTexts::new(
                [self.text(&object, "title")],
                self.text(&object, "description"),
            ),
            ids: IdLists::new(
                [focus_areas],
                self.references(&object, "actors", Required, Target::Actor),
            ),
            announced_at: self
                .reference(&object, "announced_at", Required, Target::Event)
                .unwrap_or_default(),
            status_history: status_history.into(),
            discrepancies: self
                .list(&object, "discrepancies", Optional, Self::discrepancy)
                .into(),
            related: self
                .references(&object, "related", Optional, Target::Item)
                .into(),
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
                let history = object.path_of("status_history");
                let entry = Path::Element(&history, i + 1);
                let path = Path::Member(&entry, "date");
                self.report(
                    ProblemKind::StatusOutOfOrder,
                    path,
                    nodes[i + 1].offset,
                    message,
                );
            }
        }
    }

    fn status_entry(&mut self, node: &Node, path: Path) -> Option<StatusEntry> {
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
            summary: self.text(&object, "summary").into(),
            citations: self.citations(&object, "citations").into(),
        })
    }
}

fn placeholder_date() -> Date {
    Date::exact(PartialDate::Year(1970))
}
