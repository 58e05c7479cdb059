//! The domain model: what the iCET documents describe.
//!
//! Values here are only built by the loader, which has already checked every
//! reference, so ids in them always resolve within their dataset.

use super::date::{Date, PartialDate};
use super::hash::{FastMap, Seeded};

/// A whole dataset, validated.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub version: u32,
    pub title: String,
    pub description: String,
    pub sources: Vec<Source>,
    pub focus_areas: Vec<FocusArea>,
    pub actors: Vec<Actor>,
    /// Events and commitments are boxed: a large dataset's collections grow
    /// while it loads (their length is not known before the end of the
    /// text), and a growing vector of pointers copies and strands far less
    /// than one of 270-byte events.
    pub events: Vec<Box<Event>>,
    pub commitments: Vec<Box<Commitment>>,
    /// Set when the dataset was imported from another tool's timeline
    /// (`core::import`); `None` for a dataset of our own format.
    pub imported: Option<Box<ImportInfo>>,
    pub(crate) ids: IdIndex,
    /// Editorial search aids by the id of their actor, event or commitment:
    /// short names and acronyms readers type that the sources may not use.
    /// Not facts: never shown as a quote, never cited.
    pub(crate) search_aliases: FastMap<String, Vec<String>>,
}

/// An id, or a reference to one. The loader shares one copy of each id
/// between its entry and all the references to it: ids are most of the
/// short texts of a dataset.
pub type Id = std::sync::Arc<str>;

/// Where an id points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Source(usize),
    FocusArea(usize),
    Actor(usize),
    Event(usize),
    Commitment(usize),
}

impl Entry {
    /// Which of the dataset's collections holds the entry, in the order of
    /// the format (0 for sources, then focus areas, actors, events and 4 for
    /// commitments), and its index there.
    pub(crate) fn place(self) -> (usize, usize) {
        match self {
            Entry::Source(i) => (0, i),
            Entry::FocusArea(i) => (1, i),
            Entry::Actor(i) => (2, i),
            Entry::Event(i) => (3, i),
            Entry::Commitment(i) => (4, i),
        }
    }

    /// The entry at `index` of collection `collection` (see [`Entry::place`]).
    pub(crate) fn at(collection: usize, index: usize) -> Entry {
        match collection {
            0 => Entry::Source(index),
            1 => Entry::FocusArea(index),
            2 => Entry::Actor(index),
            3 => Entry::Event(index),
            _ => Entry::Commitment(index),
        }
    }
}

/// The position of an item in [`Dataset::items`]: events first, then commitments.
pub type ItemIndex = u32;

/// An event or a commitment: the things the timeline shows.
#[derive(Clone, Copy, Debug)]
pub enum Item<'d> {
    Event(&'d Event),
    Commitment(&'d Commitment),
}

/// Every id of a dataset and what it names, without a second copy of the
/// ids: a table of entries found by the id's hash and confirmed against the
/// id the dataset holds. (A map from `String`s held every id twice: 6 MB
/// of the wasm memory a dataset of 100k items takes.)
#[derive(Clone, Debug, Default)]
pub(crate) struct IdIndex {
    /// Open addressing with linear probing, at most half full: each slot
    /// is an entry packed by [`IdIndex::pack`], plus one (zero is an empty
    /// slot). The hash is not kept: at most half full, a lookup compares
    /// about one id and a half, and the table is half the size (1 MB at
    /// 100k items).
    slots: Vec<u32>,
    /// The hashes' seed, kept with the table it placed.
    hasher: Seeded,
}

/// Entries are packed in 32 bits: the kind in the top three, the index below.
const INDEX_BITS: u32 = 29;

impl IdIndex {
    /// The index of `ids`, which must be distinct (a loaded dataset's
    /// are) and `count` at most. The table is sized once for them: without
    /// hashes it could not place its entries again to grow.
    pub(crate) fn of<K: AsRef<str>>(
        count: usize,
        ids: impl Iterator<Item = (K, Entry)>,
    ) -> IdIndex {
        let size = (count * 2).next_power_of_two().max(8);
        let mut index = IdIndex {
            slots: vec![0; size],
            hasher: Seeded::default(),
        };
        // More ids than `count` could fill the table, and a lookup would not end.
        for (id, entry) in ids.take(count) {
            let hash = index.hash(id.as_ref());
            index.place(hash, IdIndex::pack(entry) + 1);
        }
        index
    }

    fn hash(&self, id: &str) -> u32 {
        self.hasher.hash_str(id) as u32
    }

    fn pack(entry: Entry) -> u32 {
        let (kind, index) = entry.place();
        // More than 2^29 things of one kind would not fit in memory anyway.
        ((kind as u32) << INDEX_BITS) | (index as u32 & ((1 << INDEX_BITS) - 1))
    }

    fn unpack(code: u32) -> Entry {
        let index = (code & ((1 << INDEX_BITS) - 1)) as usize;
        Entry::at((code >> INDEX_BITS) as usize, index)
    }

    fn place(&mut self, hash: u32, code: u32) {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = code;
    }

    /// The entry of `id`; `id_of` gives the id an entry names.
    fn get<'d>(&self, id: &str, id_of: impl Fn(Entry) -> &'d str) -> Option<Entry> {
        if self.slots.is_empty() {
            return None;
        }
        let hash = self.hash(id);
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let code = self.slots[at];
            if code == 0 {
                return None;
            }
            let entry = IdIndex::unpack(code - 1);
            if id_of(entry) == id {
                return Some(entry);
            }
            at = (at + 1) & mask;
        }
    }
}

impl Dataset {
    pub fn entry(&self, id: &str) -> Option<Entry> {
        self.ids.get(id, |entry| self.id_of(entry))
    }

    /// The id of the thing `entry` names.
    fn id_of(&self, entry: Entry) -> &str {
        let id = match entry {
            Entry::Source(i) => self.sources.get(i).map(|s| &s.id),
            Entry::FocusArea(i) => self.focus_areas.get(i).map(|a| &a.id),
            Entry::Actor(i) => self.actors.get(i).map(|a| &a.id),
            Entry::Event(i) => self.events.get(i).map(|e| &e.id),
            Entry::Commitment(i) => self.commitments.get(i).map(|c| &c.id),
        };
        id.map_or("", |id| &**id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        match self.entry(id)? {
            Entry::Source(i) => Some(&self.sources[i]),
            _ => None,
        }
    }

    pub fn focus_area(&self, id: &str) -> Option<&FocusArea> {
        match self.entry(id)? {
            Entry::FocusArea(i) => Some(&self.focus_areas[i]),
            _ => None,
        }
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        match self.entry(id)? {
            Entry::Actor(i) => Some(&self.actors[i]),
            _ => None,
        }
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        match self.entry(id)? {
            Entry::Event(i) => Some(&self.events[i]),
            _ => None,
        }
    }

    pub fn commitment(&self, id: &str) -> Option<&Commitment> {
        match self.entry(id)? {
            Entry::Commitment(i) => Some(&self.commitments[i]),
            _ => None,
        }
    }

    /// The search aliases of the actor, event or commitment with this id
    /// (its `search_aliases` in the data file; empty if it has none).
    pub fn search_aliases(&self, id: &str) -> &[String] {
        self.search_aliases.get(id).map_or(&[], Vec::as_slice)
    }

    /// Events then commitments, in file order. An item's position in this
    /// order is its [`ItemIndex`].
    pub fn items(&self) -> impl Iterator<Item = Item<'_>> {
        self.events
            .iter()
            .map(|e| Item::Event(e))
            .chain(self.commitments.iter().map(|c| Item::Commitment(c)))
    }

    pub fn item_count(&self) -> usize {
        self.events.len() + self.commitments.len()
    }

    /// The item at `index`; panics if `index >= item_count()`.
    pub fn item(&self, index: ItemIndex) -> Item<'_> {
        let i = index as usize;
        match self.events.get(i) {
            Some(event) => Item::Event(event),
            None => Item::Commitment(&self.commitments[i - self.events.len()]),
        }
    }

    /// The index of the event or commitment with this id.
    pub fn item_index(&self, id: &str) -> Option<ItemIndex> {
        match self.entry(id)? {
            Entry::Event(i) => Some(i as ItemIndex),
            Entry::Commitment(i) => Some((self.events.len() + i) as ItemIndex),
            _ => None,
        }
    }

    /// The publication date of the latest primary source: the point up to
    /// which the dataset can say whether a commitment was mentioned again.
    pub fn reviewed_through(&self) -> Option<PartialDate> {
        self.sources
            .iter()
            .filter(|s| s.kind == SourceKind::Primary)
            .map(|s| s.published.value)
            .max()
    }

    /// A commitment's status as the latest documents leave it.
    pub fn current_status(&self, commitment: &Commitment) -> Status {
        let last = commitment
            .status_history
            .last()
            .expect("the loader rejects empty status histories");
        let open = matches!(last.status, Status::Announced | Status::InProgress);
        match self.reviewed_through() {
            Some(reviewed) if open && last.date.value.interval().1 < reviewed.interval().0 => {
                Status::NoLaterMention
            }
            _ => last.status,
        }
    }

    /// Whether every fact must carry a citation: true for our own format,
    /// false for an imported timeline, whose items say [`NO_SOURCE`] instead.
    pub fn citations_required(&self) -> bool {
        self.imported.is_none()
    }

    /// The groups of an imported timeline, in order of first use; empty
    /// for our own format.
    pub fn groups(&self) -> &[Group] {
        self.imported.as_deref().map_or(&[], |i| &i.groups)
    }

    /// Every citation in the dataset, wherever it is attached.
    pub fn citations(&self) -> impl Iterator<Item = &Citation> {
        let areas = self
            .focus_areas
            .iter()
            .flat_map(|a| a.headings.iter().chain(&a.citations));
        let actors = self.actors.iter().flat_map(|a| &a.citations);
        let events = self.events.iter().flat_map(|e| {
            e.citations
                .iter()
                .chain(e.alternative_dates().iter().flat_map(|a| &a.citations))
                .chain(e.discrepancies().iter().flat_map(|d| &d.citations))
        });
        let commitments = self.commitments.iter().flat_map(|c| {
            c.status_history
                .iter()
                .flat_map(|s| &s.citations)
                .chain(c.discrepancies.iter().flat_map(|d| &d.citations))
        });
        areas.chain(actors).chain(events).chain(commitments)
    }
}

impl<'d> Item<'d> {
    pub fn id(&self) -> &'d str {
        match *self {
            Item::Event(e) => &e.id,
            Item::Commitment(c) => &c.id,
        }
    }

    pub fn focus_areas(&self) -> &'d [Id] {
        match *self {
            Item::Event(e) => e.focus_areas(),
            Item::Commitment(c) => c.focus_areas(),
        }
    }

    pub fn title(&self) -> &'d str {
        match *self {
            Item::Event(e) => e.title(),
            Item::Commitment(c) => c.title(),
        }
    }

    pub fn description(&self) -> &'d str {
        match *self {
            Item::Event(e) => e.description(),
            Item::Commitment(c) => c.description(),
        }
    }

    /// The actors named: an event's participants, a commitment's actors.
    pub fn actors(&self) -> &'d [Id] {
        match *self {
            Item::Event(e) => e.participants(),
            Item::Commitment(c) => c.actors(),
        }
    }

    /// Every citation attached to the item, status entries included.
    pub fn citations(&self) -> Vec<&'d Citation> {
        match *self {
            Item::Event(e) => e
                .citations
                .iter()
                .chain(e.alternative_dates().iter().flat_map(|a| &a.citations))
                .chain(e.discrepancies().iter().flat_map(|d| &d.citations))
                .collect(),
            Item::Commitment(c) => c
                .status_history
                .iter()
                .flat_map(|s| &s.citations)
                .chain(c.discrepancies.iter().flat_map(|d| &d.citations))
                .collect(),
        }
    }

    /// The id of the item's group (see [`Dataset::groups`]), for imported timelines.
    pub fn group(&self) -> Option<&'d str> {
        match *self {
            Item::Event(e) => e.group(),
            Item::Commitment(_) => None,
        }
    }

    /// The links kept from an imported item's text and media credits.
    pub fn links(&self) -> &'d [Link] {
        match *self {
            Item::Event(e) => e.links(),
            Item::Commitment(_) => &[],
        }
    }

    /// The date the item sits at on a timeline: an event's date, or when a
    /// commitment was first recorded.
    pub fn date(&self) -> &'d Date {
        match *self {
            Item::Event(e) => &e.date,
            Item::Commitment(c) => &c.status_history[0].date,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Primary,
    Secondary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    FactSheet,
    Explainer,
    NewsReport,
}

#[derive(Clone, Debug)]
pub struct Source {
    pub id: Id,
    pub publisher: String,
    pub title: String,
    pub kind: SourceKind,
    pub format: SourceFormat,
    pub published: Date,
    pub url: Option<String>,
    pub text_file: Option<String>,
    pub note: Option<String>,
}

/// A source and a verbatim, contiguous quote from it.
#[derive(Clone, Debug)]
pub struct Citation {
    pub source: Id,
    /// The quote and the note (empty for none), in one allocation (see
    /// [`ItemTexts`]): a citation is 4 bytes smaller in wasm, and a list
    /// of one, the most common, 8.
    pub texts: ItemTexts<1>,
}

impl Citation {
    pub fn new(source: Id, quote: &str, note: Option<&str>) -> Citation {
        Citation {
            source,
            texts: ItemTexts::new([quote], note.unwrap_or("")),
        }
    }

    pub fn quote(&self) -> &str {
        self.texts.part(0)
    }

    /// The note, if any (notes are never empty).
    pub fn note(&self) -> Option<&str> {
        Some(self.texts.part(1)).filter(|note| !note.is_empty())
    }
}

#[derive(Clone, Debug)]
pub struct FocusArea {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub headings: Vec<Citation>,
    pub citations: Vec<Citation>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    Government,
    Company,
    Academic,
    Association,
    Official,
    Grouping,
    Mechanism,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Country {
    UnitedStates,
    India,
    Joint,
    Other,
}

#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Id,
    pub name: String,
    pub short_name: Option<String>,
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    pub country: Country,
    pub role: Option<String>,
    pub affiliation: Option<Id>,
    pub citations: Vec<Citation>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    Meeting,
    Dialogue,
    Roundtable,
    Visit,
    Signing,
    Launch,
    Summit,
    Announcement,
    Workshop,
    Briefing,
    Exchange,
    Policy,
    /// No type given: the events of imported timelines. Never written in
    /// our format (see [`EventType::WRITTEN`]).
    Unspecified,
}

#[derive(Clone, Debug)]
pub struct AlternativeDate {
    pub date: Date,
    pub note: String,
    pub citations: Box<[Citation]>,
}

#[derive(Clone, Debug)]
pub struct Discrepancy {
    pub note: String,
    pub citations: Box<[Citation]>,
}

/// Events and commitments, and what they hold, are the bulk of a large
/// dataset: their texts are `Box<str>` and their lists boxed slices, which
/// never change once loaded and so need no room to grow (8 bytes less a
/// field natively, 4 in wasm).
#[derive(Clone, Debug)]
pub struct Event {
    pub id: Id,
    /// The title, place (empty for none) and description (see [`Event::title`]).
    pub texts: ItemTexts<2>,
    pub event_type: EventType,
    pub date: Date,
    pub expected: bool,
    /// The participants and focus areas (see [`Event::participants`]).
    pub ids: IdLists<1>,
    pub citations: Box<[Citation]>,
    /// What few events have (read through [`Event::alternative_dates`] and
    /// the like), boxed apart and `None` when there is none of it: the
    /// room for it made each event 24 bytes larger in wasm.
    pub more: Option<Box<EventMore>>,
}

/// What few events have: other dates, discrepancies, related items, and
/// what an imported timeline's event carries.
#[derive(Clone, Debug, Default)]
pub struct EventMore {
    pub alternative_dates: Box<[AlternativeDate]>,
    pub discrepancies: Box<[Discrepancy]>,
    pub related: Box<[Id]>,
    /// Only in imported timelines (our own format has none of it).
    pub imported: Option<ImportedEvent>,
}

impl EventMore {
    /// The box of an event's `more`, or `None` when it would hold nothing.
    pub fn boxed(more: EventMore) -> Option<Box<EventMore>> {
        let empty = more.alternative_dates.is_empty()
            && more.discrepancies.is_empty()
            && more.related.is_empty()
            && more.imported.is_none();
        (!empty).then(|| Box::new(more))
    }
}

/// What an imported timeline's event may have beyond ours: when it ends,
/// how the timeline wrote its date, its group's id, the links of its text,
/// and its media as a link.
#[derive(Clone, Debug, Default)]
pub struct ImportedEvent {
    pub end_date: Option<Date>,
    pub display_date: Option<String>,
    pub group: Option<String>,
    pub links: Vec<Link>,
    pub media: Option<Media>,
}

impl Event {
    pub fn title(&self) -> &str {
        self.texts.part(0)
    }

    /// Where the event took place, if the data says.
    pub fn place(&self) -> Option<&str> {
        Some(self.texts.part(1)).filter(|place| !place.is_empty())
    }

    pub fn description(&self) -> &str {
        self.texts.part(2)
    }

    pub fn participants(&self) -> &[Id] {
        self.ids.part(0)
    }

    pub fn focus_areas(&self) -> &[Id] {
        self.ids.part(1)
    }

    pub fn alternative_dates(&self) -> &[AlternativeDate] {
        self.more.as_deref().map_or(&[], |m| &m.alternative_dates)
    }

    pub fn discrepancies(&self) -> &[Discrepancy] {
        self.more.as_deref().map_or(&[], |m| &m.discrepancies)
    }

    pub fn related(&self) -> &[Id] {
        self.more.as_deref().map_or(&[], |m| &m.related)
    }

    /// What an imported timeline's event carries beyond ours.
    pub fn imported(&self) -> Option<&ImportedEvent> {
        self.more.as_deref()?.imported.as_ref()
    }

    /// When an imported event ends.
    pub fn end_date(&self) -> Option<&Date> {
        self.imported()?.end_date.as_ref()
    }

    /// How an imported timeline wrote the event's date.
    pub fn display_date(&self) -> Option<&str> {
        self.imported()?.display_date.as_deref()
    }

    /// The id of an imported event's group.
    pub fn group(&self) -> Option<&str> {
        self.imported()?.group.as_deref()
    }

    /// The links of an imported event's text.
    pub fn links(&self) -> &[Link] {
        self.imported().map_or(&[], |i| &i.links)
    }

    /// An imported event's media, as a link.
    pub fn media(&self) -> Option<&Media> {
        self.imported()?.media.as_ref()
    }
}

/// What an item without citations says in place of its sources.
pub const NO_SOURCE: &str = "No source given";

/// Where an imported dataset came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// A TimelineJS3 JSON file.
    TimelineJs,
    /// A CSV file in the columns of TimelineJS's Google Sheets template.
    Csv,
}

/// What an imported timeline has beyond its events: it does not need
/// citations (see [`Dataset::citations_required`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportInfo {
    pub format: ImportFormat,
    /// The links of the title slide's text, and its media.
    pub links: Vec<Link>,
    pub media: Option<Media>,
    /// The groups events belong to, in order of first use.
    pub groups: Vec<Group>,
    /// Named spans of time the timeline shades behind its events.
    pub eras: Vec<Era>,
}

/// A group of an imported timeline: its id (lower-case kebab case, usable
/// in a URL) and its name as the timeline writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// A link kept from imported HTML: its text and its `http:` or `https:` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// An imported item's media, kept as a link and never embedded: its URL
/// (only `http:` or `https:`; `None` when it had another scheme or none),
/// and its caption and credit as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Media {
    pub url: Option<String>,
    pub caption: String,
    pub credit: String,
    pub thumbnail: Option<String>,
}

/// An era of an imported timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Era {
    pub title: String,
    pub start: Date,
    pub end: Date,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Announced,
    InProgress,
    Achieved,
    Stalled,
    /// Derived, never written: the documents say nothing more after the
    /// commitment's last entry.
    NoLaterMention,
}

#[derive(Clone, Debug)]
pub struct StatusEntry {
    pub status: Status,
    pub date: Date,
    pub event: Option<Id>,
    pub summary: Box<str>,
    pub citations: Box<[Citation]>,
}

#[derive(Clone, Debug)]
pub struct Commitment {
    pub id: Id,
    /// The title and description (see [`Commitment::title`]).
    pub texts: ItemTexts<1>,
    /// The focus areas and actors (see [`Commitment::focus_areas`]).
    pub ids: IdLists<1>,
    pub announced_at: Id,
    pub status_history: Box<[StatusEntry]>,
    pub discrepancies: Box<[Discrepancy]>,
    pub related: Box<[Id]>,
}

impl Commitment {
    pub fn title(&self) -> &str {
        self.texts.part(0)
    }

    pub fn focus_areas(&self) -> &[Id] {
        self.ids.part(0)
    }

    pub fn actors(&self) -> &[Id] {
        self.ids.part(1)
    }

    pub fn description(&self) -> &str {
        self.texts.part(1)
    }
}

/// The texts of one event or commitment (its title, description, ...) in
/// one allocation: `N` texts found by where they end, and a last one that
/// runs to the end. A text allocated on its own costs a header and
/// rounding in wasm's allocator (7 bytes on average) and its own pointer
/// and length (8 bytes); at 100k items, events' and commitments' texts
/// kept apart took 1.3 MB more, and their events 8 bytes more each.
#[derive(Clone, Debug)]
pub struct ItemTexts<const N: usize> {
    text: Box<str>,
    /// Where each of the first `N` texts ends in `text`. A dataset's text
    /// fits in 4 GiB (wasm's whole memory); past that, ends saturate.
    ends: [u32; N],
}

impl<const N: usize> ItemTexts<N> {
    /// The texts `first`, then `last`.
    pub fn new(first: [&str; N], last: &str) -> ItemTexts<N> {
        let length = first.iter().map(|part| part.len()).sum::<usize>() + last.len();
        let mut text = String::with_capacity(length);
        let ends = first.map(|part| {
            text.push_str(part);
            u32::try_from(text.len()).unwrap_or(u32::MAX)
        });
        text.push_str(last);
        ItemTexts {
            text: text.into_boxed_str(),
            ends,
        }
    }

    /// Text `i` of those given to [`ItemTexts::new`] (`N` is the last);
    /// empty past them.
    pub fn part(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).map_or(usize::MAX, |&end| end as usize),
        };
        let end = match self.ends.get(i) {
            Some(&end) => end as usize,
            None if i == N => self.text.len(),
            None => 0,
        };
        self.text.get(start..end).unwrap_or("")
    }
}

/// Lists of ids of one event or commitment in one allocation, like
/// [`ItemTexts`]: `N` lists found by where they end, and a last one that
/// runs to the end. Most lists hold one or two ids; apart, each was an
/// allocation of its own (16 bytes in wasm for one id).
#[derive(Clone, Debug)]
pub struct IdLists<const N: usize> {
    ids: Box<[Id]>,
    ends: [u32; N],
}

impl<const N: usize> IdLists<N> {
    /// The lists `first`, then `last`.
    pub fn new(first: [Vec<Id>; N], last: Vec<Id>) -> IdLists<N> {
        let length = first.iter().map(Vec::len).sum::<usize>() + last.len();
        let mut ids = Vec::with_capacity(length);
        let ends = first.map(|list| {
            ids.extend(list);
            // More than 2^32 ids would not fit in memory.
            u32::try_from(ids.len()).unwrap_or(u32::MAX)
        });
        ids.extend(last);
        IdLists {
            ids: ids.into_boxed_slice(),
            ends,
        }
    }

    /// List `i` of those given to [`IdLists::new`] (`N` is the last);
    /// empty past them.
    pub fn part(&self, i: usize) -> &[Id] {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).map_or(usize::MAX, |&end| end as usize),
        };
        let end = match self.ends.get(i) {
            Some(&end) => end as usize,
            None if i == N => self.ids.len(),
            None => 0,
        };
        self.ids.get(start..end).unwrap_or(&[])
    }
}

/// The names used in the data file for each enumeration, in one place so
/// that the loader, the schema and the view models agree.
macro_rules! names {
    ($ty:ty { $($variant:ident = $name:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $name),+ }
            }

            pub fn from_name(name: &str) -> Option<$ty> {
                match name { $($name => Some(<$ty>::$variant),)+ _ => None }
            }
        }
    };
}

names!(ImportFormat { TimelineJs = "timelinejs", Csv = "csv" });
names!(SourceKind { Primary = "primary", Secondary = "secondary" });
names!(SourceFormat { FactSheet = "fact_sheet", Explainer = "explainer", NewsReport = "news_report" });
names!(ActorKind {
    Government = "government",
    Company = "company",
    Academic = "academic",
    Association = "association",
    Official = "official",
    Grouping = "grouping",
    Mechanism = "mechanism",
});
names!(Country { UnitedStates = "us", India = "in", Joint = "joint", Other = "other" });
names!(EventType {
    Meeting = "meeting",
    Dialogue = "dialogue",
    Roundtable = "roundtable",
    Visit = "visit",
    Signing = "signing",
    Launch = "launch",
    Summit = "summit",
    Announcement = "announcement",
    Workshop = "workshop",
    Briefing = "briefing",
    Exchange = "exchange",
    Policy = "policy",
    Unspecified = "unspecified",
});

impl EventType {
    /// The types a data file of our format may write; `unspecified` is
    /// only given to imported events.
    pub const WRITTEN: &'static [EventType] = &[
        EventType::Meeting,
        EventType::Dialogue,
        EventType::Roundtable,
        EventType::Visit,
        EventType::Signing,
        EventType::Launch,
        EventType::Summit,
        EventType::Announcement,
        EventType::Workshop,
        EventType::Briefing,
        EventType::Exchange,
        EventType::Policy,
    ];
}
names!(Status {
    Announced = "announced",
    InProgress = "in_progress",
    Achieved = "achieved",
    Stalled = "stalled",
    NoLaterMention = "no_later_mention",
});

impl Status {
    /// The statuses a data file may write; `no_later_mention` is derived.
    pub const WRITTEN: &'static [Status] = &[
        Status::Announced,
        Status::InProgress,
        Status::Achieved,
        Status::Stalled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Announced => "Announced",
            Status::InProgress => "In progress",
            Status::Achieved => "Achieved",
            Status::Stalled => "Stalled",
            Status::NoLaterMention => "No later mention",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_index_finds_every_id_and_nothing_else() {
        let ids: Vec<String> = (0..5000).map(|i| format!("item-{i}")).collect();
        let index = IdIndex::of(
            ids.len(),
            ids.iter()
                .enumerate()
                .map(|(i, id)| (id, Entry::at(i % 5, i))),
        );
        let id_of = |entry: Entry| ids[entry.place().1].as_str();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.get(id, id_of), Some(Entry::at(i % 5, i)));
        }
        for missing in ["item-5000", "item-", "", "item-1 "] {
            assert_eq!(index.get(missing, id_of), None);
        }
        assert_eq!(
            IdIndex::of(0, std::iter::empty::<(&str, Entry)>()).get("x", id_of),
            None
        );
    }
}
