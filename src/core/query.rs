//! Faceted filtering with counts, a date range, and sorting.
//!
//! Each item's facet values are computed once, when the [`QueryIndex`] is
//! built. A query then makes one pass over the items: for each item it notes
//! which facet filters it passes. An item is a result when it passes them
//! all; it counts towards a facet's values when it passes all the *other*
//! filters (disjunctive faceting), so a facet's counts say what choosing
//! another value of it would give.

use std::sync::OnceLock;

use super::date::{DayNumber, PartialDate};
use super::hash::{FastMap, FastSet};
use super::model::{Dataset, Entry, Item, ItemIndex};
use super::search::{Highlighter, SearchBuilder, SearchIndex};

/// The dimensions a reader can filter by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Area,
    Actor,
    ActorKind,
    Country,
    Kind,
    EventType,
    Status,
    Source,
    Year,
    /// The groups of an imported timeline; see [`QueryIndex::facets`].
    Group,
}

impl Facet {
    pub const ALL: [Facet; 10] = [
        Facet::Area,
        Facet::Actor,
        Facet::ActorKind,
        Facet::Country,
        Facet::Kind,
        Facet::EventType,
        Facet::Status,
        Facet::Source,
        Facet::Year,
        Facet::Group,
    ];

    /// The URL parameter that carries the facet's selection.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Area => "area",
            Facet::Actor => "actor",
            Facet::ActorKind => "actor-kind",
            Facet::Country => "country",
            Facet::Kind => "kind",
            Facet::EventType => "type",
            Facet::Status => "status",
            Facet::Source => "source",
            Facet::Year => "year",
            Facet::Group => "group",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::Area => "Focus area",
            Facet::Actor => "Actor",
            Facet::ActorKind => "Kind of actor",
            Facet::Country => "Country",
            Facet::Kind => "Kind of item",
            Facet::EventType => "Type of event",
            Facet::Status => "Current status",
            Facet::Source => "Source",
            Facet::Year => "Year",
            Facet::Group => "Group",
        }
    }

    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Relevance when there is search text, otherwise date ascending.
    #[default]
    Auto,
    DateAscending,
    DateDescending,
    Relevance,
}

impl Sort {
    pub fn key(self) -> &'static str {
        match self {
            Sort::Auto => "auto",
            Sort::DateAscending => "date",
            Sort::DateDescending => "-date",
            Sort::Relevance => "relevance",
        }
    }

    pub fn from_key(key: &str) -> Option<Sort> {
        [
            Sort::Auto,
            Sort::DateAscending,
            Sort::DateDescending,
            Sort::Relevance,
        ]
        .into_iter()
        .find(|s| s.key() == key)
    }
}

/// What the reader asks: selected facet values, search text and a date range.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Selected values by facet, in the order they were chosen.
    pub selections: Vec<(Facet, Vec<String>)>,
    pub text: String,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub sort: Sort,
}

impl Query {
    pub fn selected(&self, facet: Facet) -> &[String] {
        self.selections
            .iter()
            .find(|(f, _)| *f == facet)
            .map_or(&[], |(_, values)| values)
    }

    /// Adds `value` to the facet's selection, keeping facets in a stable order.
    pub fn select(&mut self, facet: Facet, value: &str) {
        match self.selections.iter_mut().find(|(f, _)| *f == facet) {
            Some((_, values)) if values.iter().any(|v| v == value) => {}
            Some((_, values)) => values.push(value.to_string()),
            None => {
                self.selections.push((facet, vec![value.to_string()]));
                super::order::sort_by_key(&mut self.selections, |(f, _)| *f);
            }
        }
    }

    /// The first and last day of the date range, if any bound is set.
    pub fn day_range(&self) -> Option<(DayNumber, DayNumber)> {
        if self.from.is_none() && self.to.is_none() {
            return None;
        }
        let start = self.from.map_or(DayNumber::MIN, |d| d.interval().0);
        let end = self.to.map_or(DayNumber::MAX, |d| d.interval().1);
        Some((start, end))
    }
}

/// For each value of a facet (in the order of [`QueryIndex::values`]), how
/// many items choosing it would give, and whether it is selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCounts {
    pub facet: Facet,
    pub counts: Vec<usize>,
    pub selected: Vec<bool>,
}

/// The answer to a query.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryResult {
    /// Matching items in display order.
    pub items: Vec<ItemIndex>,
    /// Search scores by position in `items`; empty when there is no search text.
    pub scores: Vec<f32>,
    /// Counts of the facets the dataset shows ([`QueryIndex::facets`]).
    pub facets: Vec<FacetCounts>,
}

/// The values of one facet: ids and labels, in display order.
#[derive(Clone, Debug, Default)]
struct Dictionary {
    values: Vec<(String, String)>,
    positions: FastMap<String, u32>,
}

impl Dictionary {
    fn add(&mut self, value: &str, label: &str) -> u32 {
        if let Some(&position) = self.positions.get(value) {
            return position;
        }
        let position = self.values.len() as u32;
        self.values.push((value.to_string(), label.to_string()));
        self.positions.insert(value.to_string(), position);
        position
    }
}

const FACETS: usize = Facet::ALL.len();

/// The facet values of every item (see [`QueryIndex::values`]): two bytes
/// each while the numbering of all values fits (a million synthetic items
/// have about 50k values), four otherwise.
enum ValueList {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl ValueList {
    /// An empty list for `capacity` values, of two bytes each if `narrow`.
    fn with_capacity(narrow: bool, capacity: usize) -> ValueList {
        if narrow {
            ValueList::Narrow(Vec::with_capacity(capacity))
        } else {
            ValueList::Wide(Vec::with_capacity(capacity))
        }
    }

    fn push(&mut self, value: u32) {
        match self {
            // The numbering fits, so no value is cut.
            ValueList::Narrow(values) => push_growing(values, value as u16),
            ValueList::Wide(values) => push_growing(values, value),
        }
    }

    fn len(&self) -> usize {
        match self {
            ValueList::Narrow(values) => values.len(),
            ValueList::Wide(values) => values.len(),
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            ValueList::Narrow(values) => values.shrink_to_fit(),
            ValueList::Wide(values) => values.shrink_to_fit(),
        }
    }
}

/// Pushes `value`, growing a full list by an eighth rather than doubling it.
fn push_growing<T>(list: &mut Vec<T>, value: T) {
    super::search::make_room(list, 1, 8);
    list.push(value);
}

/// Facet values of every item, and the search index, built once per dataset.
pub struct QueryIndex {
    dictionaries: Vec<Dictionary>,
    /// Where each facet's values start in one numbering of all facets'
    /// values: value `p` of facet `f` is number `offsets[f] + p`.
    offsets: [u32; FACETS + 1],
    /// All items' values in that numbering, flat, each item's in facet
    /// order: item `i`'s are `values[starts[i]..starts[i + 1]]`, and a
    /// value's number says its facet. One start per item, not one per item
    /// and facet: those were 4 MB of a dataset of 100k items.
    values: ValueList,
    starts: Vec<u32>,
    intervals: Vec<(DayNumber, DayNumber)>,
    /// The order of items by date, precomputed: comparing partial dates is not free.
    date_rank: Vec<u32>,
    /// The items in date order: `by_date[date_rank[i]] == i`.
    by_date: Vec<ItemIndex>,
    /// Built with the rest ([`QueryIndex::build`]), or when text is first
    /// searched ([`QueryIndex::build_without_search`]).
    search: OnceLock<SearchIndex>,
    /// Whether the dataset is an imported timeline (see [`QueryIndex::facets`]).
    imported: bool,
}

/// The years a date touches, for the year facet.
fn years_of(date: PartialDate) -> std::ops::RangeInclusive<i64> {
    let (first, last) = date.years();
    first..=last
}

/// The years of the year facet that `item` touches, into `out`, sorted
/// and distinct, as keys of [`order::sort_keys`](super::order::sort_keys)
/// (see [`year_of_key`]): the years of an event's date (to its end date),
/// or of every date of a commitment's status history.
fn item_years(item: &Item, out: &mut Vec<u64>) {
    out.clear();
    let key = |year: i64| (year as u64) ^ (1 << 63);
    match item {
        Item::Event(e) => {
            let first = e.date.value.years().0;
            let last = e.end_date().unwrap_or(&e.date).value.years().1;
            out.extend(year_list(first, last.max(first)).into_iter().map(key));
        }
        Item::Commitment(c) => {
            for entry in &c.status_history {
                out.extend(years_of(entry.date.value).map(key));
            }
        }
    }
    super::order::sort_keys(out);
    out.dedup();
}

/// The year of a key of [`item_years`]: flipping the sign bit orders
/// `i64`s as `u64`s.
fn year_of_key(key: u64) -> i64 {
    (key ^ (1 << 63)) as i64
}

/// The years from `first` to `last` for the year facet: all of them, or,
/// when they are more than [`MAX_YEARS_LISTED`] (an era of an imported
/// timeline), the first and last only.
fn year_list(first: i64, last: i64) -> Vec<i64> {
    if last.saturating_sub(first) < MAX_YEARS_LISTED {
        (first..=last).collect()
    } else {
        vec![first, last]
    }
}

const MAX_YEARS_LISTED: i64 = 200;

/// Facet values fit in two bytes while there are at most this many.
const TWO_BYTES: u32 = u16::MAX as u32 + 1;

impl QueryIndex {
    pub fn build(dataset: &Dataset) -> QueryIndex {
        QueryIndex::build_narrow_below(dataset, TWO_BYTES)
    }

    /// [`QueryIndex::build`], with values in two bytes when there are at
    /// most `narrow` of them (the tests make both layouts).
    fn build_narrow_below(dataset: &Dataset, narrow: u32) -> QueryIndex {
        // The search index first, so that what building it holds for a
        // while and what the facets below hold for a while never meet: with
        // a large dataset that moment would be the peak of wasm memory.
        let search = SearchIndex::build(dataset);
        QueryIndex::build_facets(dataset, OnceLock::from(search), narrow)
    }

    /// Everything but the search index, which [`QueryIndex::prepare_search`]
    /// builds when text is first searched. Building it is over half of
    /// opening a dataset, and most readers filter, open an item or zoom
    /// before they search, if they search at all: the page opens the
    /// dataset this way and builds the search index when the reader turns
    /// to the search field, or for the first query with text.
    pub fn build_without_search(dataset: &Dataset) -> QueryIndex {
        QueryIndex::build_facets(dataset, OnceLock::new(), TWO_BYTES)
    }

    /// Builds the search index of `dataset`, the one this index was built
    /// from, unless it is built already. A query with text finds nothing
    /// before this.
    pub fn prepare_search(&self, dataset: &Dataset) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::build(dataset))
    }

    /// Builds the search index from `builder`, made for `dataset`, the
    /// one this index was built from (it adds the items it has not yet),
    /// unless the index is built already.
    pub fn finish_search(&self, dataset: &Dataset, builder: SearchBuilder) -> &SearchIndex {
        self.search.get_or_init(|| builder.finish(dataset))
    }

    /// Whether the search index is built (see [`QueryIndex::build_without_search`]).
    pub fn search_ready(&self) -> bool {
        self.search.get().is_some()
    }

    fn build_facets(dataset: &Dataset, search: OnceLock<SearchIndex>, narrow: u32) -> QueryIndex {
        let mut dictionaries: Vec<Dictionary> =
            Facet::ALL.iter().map(|_| Dictionary::default()).collect();
        // Seed dictionaries in a meaningful display order, so zero-count values are listed too.
        for area in &dataset.focus_areas {
            dictionaries[Facet::Area as usize].add(&area.id, &area.name);
        }
        for actor in &dataset.actors {
            dictionaries[Facet::Actor as usize].add(
                &actor.id,
                actor.short_name.as_deref().unwrap_or(&actor.name),
            );
        }
        for kind in super::model::ActorKind::ALL {
            dictionaries[Facet::ActorKind as usize]
                .add(kind.as_str(), &sentence_case(kind.as_str()));
        }
        for country in super::model::Country::ALL {
            dictionaries[Facet::Country as usize].add(country.as_str(), country_label(*country));
        }
        dictionaries[Facet::Kind as usize].add("event", "Events");
        dictionaries[Facet::Kind as usize].add("commitment", "Commitments");
        let unspecified = super::model::EventType::Unspecified;
        let any_unspecified = dataset.events.iter().any(|e| e.event_type == unspecified);
        for event_type in super::model::EventType::WRITTEN
            .iter()
            .chain(any_unspecified.then_some(&unspecified))
        {
            dictionaries[Facet::EventType as usize]
                .add(event_type.as_str(), &sentence_case(event_type.as_str()));
        }
        for group in dataset.groups() {
            dictionaries[Facet::Group as usize].add(&group.id, &group.name);
        }
        for status in super::model::Status::ALL {
            dictionaries[Facet::Status as usize].add(status.as_str(), status.label());
        }
        for source in &dataset.sources {
            dictionaries[Facet::Source as usize].add(
                &source.id,
                &format!("{} ({})", source.publisher, source.published.value.label()),
            );
        }

        // Distinct years only: a list of every item's years would be a
        // megabyte at 100k items, for a few dozen values.
        let mut distinct_years: FastSet<u64> = FastSet::default();
        let mut spans: Vec<u64> = Vec::new();
        for item in dataset.items() {
            item_years(&item, &mut spans);
            distinct_years.extend(&spans);
        }
        let mut years: Vec<u64> = distinct_years.into_iter().collect();
        super::order::sort_keys(&mut years);
        // Each year's position, beside `years`, so that items find theirs
        // without writing it out again.
        let year_positions: Vec<u32> = years
            .iter()
            .map(|&key| {
                let year = year_of_key(key).to_string();
                dictionaries[Facet::Year as usize].add(&year, &year)
            })
            .collect();

        let mut offsets = [0u32; FACETS + 1];
        for f in 0..FACETS {
            offsets[f + 1] = offsets[f] + dictionaries[f].values.len() as u32;
        }
        // The positions of the values items share, found once rather than
        // by their names at every item: each actor's own, kind and country;
        // each event type and status.
        let position = |facet: Facet, value: &str| dictionaries[facet as usize].positions[value];
        let actor_positions: Vec<[u32; 3]> = dataset
            .actors
            .iter()
            .map(|actor| {
                [
                    position(Facet::Actor, &actor.id),
                    position(Facet::ActorKind, actor.kind.as_str()),
                    position(Facet::Country, actor.country.as_str()),
                ]
            })
            .collect();
        let kind_positions = [
            position(Facet::Kind, "event"),
            position(Facet::Kind, "commitment"),
        ];
        // By the enumerations' own numbers (`as usize`).
        let event_types = super::model::EventType::ALL;
        let mut event_type_positions = vec![None; event_types.len()];
        for &event_type in event_types {
            event_type_positions[event_type as usize] = dictionaries[Facet::EventType as usize]
                .positions
                .get(event_type.as_str())
                .copied();
        }
        let statuses = super::model::Status::ALL;
        let mut status_positions = vec![0; statuses.len()];
        for &status in statuses {
            status_positions[status as usize] = position(Facet::Status, status.as_str());
        }
        // One row of lists for an item, emptied before each.
        let mut row: [Vec<u32>; FACETS] = Default::default();
        let mut fill_row = |item: &Item, row: &mut [Vec<u32>; FACETS]| {
            row.iter_mut().for_each(Vec::clear);
            let mut add = |facet: Facet, position: u32| {
                let position = offsets[facet as usize] + position;
                let list = &mut row[facet as usize];
                if !list.contains(&position) {
                    list.push(position);
                }
            };
            for area in item.focus_areas() {
                add(Facet::Area, position(Facet::Area, area));
            }
            for actor_id in item.actors() {
                let Some(Entry::Actor(actor)) = dataset.entry(actor_id) else {
                    unreachable!("references are checked on load");
                };
                let [own, kind, country] = actor_positions[actor];
                add(Facet::Actor, own);
                add(Facet::ActorKind, kind);
                add(Facet::Country, country);
            }
            match *item {
                Item::Event(event) => {
                    add(Facet::Kind, kind_positions[0]);
                    let event_type = event_type_positions[event.event_type as usize]
                        .expect("the event types of the dataset are in the dictionary");
                    add(Facet::EventType, event_type);
                }
                Item::Commitment(commitment) => {
                    add(Facet::Kind, kind_positions[1]);
                    let status = dataset.current_status(commitment);
                    add(Facet::Status, status_positions[status as usize]);
                }
            }
            for citation in item.citations() {
                add(Facet::Source, position(Facet::Source, &citation.source));
            }
            if let Some(group) = item.group() {
                add(Facet::Group, position(Facet::Group, group));
            }
            item_years(item, &mut spans);
            for year in &spans {
                let at = years
                    .binary_search(year)
                    .expect("every item's years are in the list of years");
                add(Facet::Year, year_positions[at]);
            }
        };
        // The list of values is reserved for what the first items project
        // for all, with an eighth more, and grows by an eighth beyond: a
        // list grown by doubling holds its old and new buffers at once, at
        // the peak of memory. (Counting every item's values first cost a
        // second pass as long as the first.)
        const SAMPLE: usize = 1024;
        let sampled: usize = dataset
            .items()
            .take(SAMPLE)
            .map(|item| {
                fill_row(&item, &mut row);
                row.iter().map(Vec::len).sum::<usize>()
            })
            .sum();
        let items = dataset.item_count();
        let projected = sampled * items / SAMPLE.min(items).max(1);
        let mut values =
            ValueList::with_capacity(offsets[FACETS] <= narrow, projected + projected / 8);
        let mut starts = Vec::with_capacity(items + 1);
        starts.push(0u32);
        for item in dataset.items() {
            fill_row(&item, &mut row);
            for &value in row.iter().flatten() {
                values.push(value);
            }
            starts.push(values.len() as u32);
        }
        values.shrink_to_fit();
        // After the values, the largest list, so that it may take the room
        // the loader's table of ids left.
        let intervals: Vec<_> = dataset.items().map(|item| item_interval(&item)).collect();
        // The date order: each item's date becomes its rank among the
        // dataset's distinct dates (a few thousand at most in practice), so
        // that a `u64` of rank and item sorts in place. A list of every
        // item's full date key was 24 bytes an item, more with the sort's
        // own lists, held at the end of building: the peak of memory.
        let mut ranks: FastMap<_, u32> = FastMap::default();
        for item in dataset.items() {
            ranks.insert(item.date().value.order_key(), 0);
        }
        let mut distinct: Vec<_> = ranks.keys().copied().collect();
        super::order::sort(&mut distinct);
        for (rank, key) in distinct.into_iter().enumerate() {
            ranks.insert(key, rank as u32);
        }
        let mut keys: Vec<u64> = dataset
            .items()
            .enumerate()
            .map(|(i, item)| (u64::from(ranks[&item.date().value.order_key()]) << 32) | i as u64)
            .collect();
        drop(ranks);
        super::order::sort_keys(&mut keys);
        let by_date: Vec<ItemIndex> = keys.iter().map(|&key| key as ItemIndex).collect();
        drop(keys);
        let mut date_rank = vec![0u32; by_date.len()];
        for (rank, &item) in by_date.iter().enumerate() {
            date_rank[item as usize] = rank as u32;
        }
        QueryIndex {
            dictionaries,
            offsets,
            values,
            starts,
            intervals,
            date_rank,
            by_date,
            search,
            imported: dataset.imported.is_some(),
        }
    }

    /// The facets a reader can use on this dataset (those [`QueryIndex::run`]
    /// counts), in display order: for
    /// our own format every facet but [`Facet::Group`]; for an imported
    /// timeline, whose items have no actors, statuses, sources or types,
    /// the group (when the timeline has groups) and the year.
    pub fn facets(&self) -> Vec<Facet> {
        if self.imported {
            let groups = !self.dictionaries[Facet::Group as usize].values.is_empty();
            let mut facets = Vec::new();
            if groups {
                facets.push(Facet::Group);
            }
            facets.push(Facet::Year);
            facets
        } else {
            Facet::ALL
                .into_iter()
                .filter(|&f| f != Facet::Group)
                .collect()
        }
    }

    /// The search index, once built (see [`QueryIndex::prepare_search`]).
    pub fn search_index(&self) -> Option<&SearchIndex> {
        self.search.get()
    }

    /// What marks `text` in result titles: none without text, or before the
    /// search index is built (a query with text builds it first).
    pub fn highlighter(&self, text: &str) -> Option<Highlighter<'_>> {
        self.search_index()
            .filter(|_| !text.is_empty())
            .map(|search| search.highlighter(text))
    }

    /// The values of a facet as `(value, label)`, in display order.
    pub fn values(&self, facet: Facet) -> impl Iterator<Item = (&str, &str)> {
        self.dictionaries[facet as usize]
            .values
            .iter()
            .map(|(value, label)| (value.as_str(), label.as_str()))
    }

    /// Whether `value` is a value of `facet` in this dataset.
    pub fn knows(&self, facet: Facet, value: &str) -> bool {
        self.dictionaries[facet as usize]
            .positions
            .contains_key(value)
    }

    /// The label of a facet value, such as "Space" for `area=space`.
    pub fn label(&self, facet: Facet, value: &str) -> Option<&str> {
        let dictionary = &self.dictionaries[facet as usize];
        dictionary
            .positions
            .get(value)
            .map(|&p| dictionary.values[p as usize].1.as_str())
    }

    /// The interval of days an item covers: an event's date, or a
    /// commitment's span from its first to its last status entry.
    pub fn interval(&self, item: ItemIndex) -> (DayNumber, DayNumber) {
        self.intervals[item as usize]
    }

    pub fn run(&self, query: &Query) -> QueryResult {
        // Selected values, numbered across facets; unknown values select nothing.
        let value_count = self.offsets[FACETS] as usize;
        let mut selected = vec![false; value_count];
        for facet in Facet::ALL {
            let dictionary = &self.dictionaries[facet as usize];
            for value in query.selected(facet) {
                if let Some(&p) = dictionary.positions.get(value) {
                    selected[(self.offsets[facet as usize] + p) as usize] = true;
                }
            }
        }
        let mut counts = vec![0u32; value_count];
        let mut pass = Pass {
            index: self,
            active: Facet::ALL.map(|f| !query.selected(f).is_empty()),
            selected: &selected,
            range: query.day_range(),
            counts: &mut counts,
        };

        let text = query.text.trim();
        let (items, scores) = if text.is_empty() {
            // Visiting items in date order leaves the results sorted by date.
            let mut items: Vec<ItemIndex> = self
                .by_date
                .iter()
                .copied()
                .filter(|&item| pass.visit(item))
                .collect();
            if query.sort == Sort::DateDescending {
                items.reverse();
            }
            (items, Vec::new())
        } else {
            let by_relevance = matches!(query.sort, Sort::Relevance | Sort::Auto);
            let descending = query.sort == Sort::DateDescending;
            // One key per result sorts it as asked: by score (best first),
            // then date, or by date alone. Date ranks are unique, so no two
            // keys are equal and the key alone gives back item and score.
            // Unprepared, the search index finds nothing: the boundary
            // prepares it before any query with text (`Explorer::results`).
            let hits = self.search.get().map(|search| search.matches(text));
            debug_assert!(hits.is_some(), "a search before prepare_search");
            let mut keys: Vec<u64> = hits
                .unwrap_or_default()
                .into_iter()
                .filter(|hit| pass.visit(hit.item))
                .map(|hit| {
                    let rank = self.date_rank[hit.item as usize];
                    let rank = u64::from(if descending { u32::MAX - rank } else { rank });
                    let score = u64::from(descending_key(hit.score));
                    if by_relevance {
                        (score << 32) | rank
                    } else {
                        (rank << 32) | score
                    }
                })
                .collect();
            super::order::sort_keys(&mut keys);
            let mut items = Vec::with_capacity(keys.len());
            let mut scores = Vec::with_capacity(keys.len());
            for key in keys {
                let (high, low) = ((key >> 32) as u32, key as u32);
                let (score, rank) = if by_relevance {
                    (high, low)
                } else {
                    (low, high)
                };
                let rank = if descending { u32::MAX - rank } else { rank };
                items.push(self.by_date[rank as usize]);
                scores.push(score_of_key(score));
            }
            (items, scores)
        };

        // Counts only for the facets this dataset shows, in display order.
        let facets = self
            .facets()
            .into_iter()
            .map(|facet| {
                let values = self.offsets[facet as usize] as usize
                    ..self.offsets[facet as usize + 1] as usize;
                FacetCounts {
                    facet,
                    counts: counts[values.clone()].iter().map(|&c| c as usize).collect(),
                    selected: selected[values].to_vec(),
                }
            })
            .collect();
        QueryResult {
            items,
            scores,
            facets,
        }
    }
}

/// One query's pass over the items: which pass every filter, and how many
/// items each facet value would give.
struct Pass<'q> {
    index: &'q QueryIndex,
    active: [bool; FACETS],
    /// By value number (see [`QueryIndex::offsets`]).
    selected: &'q [bool],
    range: Option<(DayNumber, DayNumber)>,
    /// By value number.
    counts: &'q mut [u32],
}

impl Pass<'_> {
    /// Counts `item` towards the facets it is counted in; true when it passes every filter.
    fn visit(&mut self, item: ItemIndex) -> bool {
        let index = self.index;
        let item = item as usize;
        if let Some((start, end)) = self.range {
            let (item_start, item_end) = index.intervals[item];
            if item_end < start || item_start > end {
                return false;
            }
        }
        let range = index.starts[item] as usize..index.starts[item + 1] as usize;
        match &index.values {
            ValueList::Narrow(values) => self.visit_values(&values[range]),
            ValueList::Wide(values) => self.visit_values(&values[range]),
        }
    }

    /// [`Pass::visit`] of an item's values (in facet order).
    fn visit_values<V: Copy + Into<u32>>(&mut self, values: &[V]) -> bool {
        // Where each facet's values start among the item's: values are in
        // facet order, and a value's number says its facet.
        let offsets = &self.index.offsets;
        let mut bounds = [0usize; FACETS + 1];
        let mut at = 0;
        for f in 0..FACETS {
            while at < values.len() && values[at].into() < offsets[f + 1] {
                at += 1;
            }
            bounds[f + 1] = at;
        }
        let of = |facets: std::ops::Range<usize>| &values[bounds[facets.start]..bounds[facets.end]];
        // An item counts towards a facet when it fails no filter but that
        // facet's; failing two, it counts nowhere.
        let mut failed = None;
        for f in 0..FACETS {
            if self.active[f]
                && !of(f..f + 1)
                    .iter()
                    .any(|&v| self.selected[v.into() as usize])
            {
                if failed.is_some() {
                    return false;
                }
                failed = Some(f);
            }
        }
        let counted = failed.map_or(0..FACETS, |f| f..f + 1);
        for &v in of(counted) {
            self.counts[v.into() as usize] += 1;
        }
        failed.is_none()
    }
}

/// A key for a non-negative score that sorts the best first.
fn descending_key(score: f32) -> u32 {
    u32::MAX - score.max(0.0).to_bits()
}

fn score_of_key(key: u32) -> f32 {
    f32::from_bits(u32::MAX - key)
}

/// The days an item covers on the timeline.
fn item_interval(item: &Item) -> (DayNumber, DayNumber) {
    match item {
        Item::Event(event) => {
            let (first, last) = event.date.value.interval();
            let end = event.end_date().map_or(last, |d| d.value.interval().1);
            (first, end.max(last))
        }
        Item::Commitment(commitment) => {
            let first = commitment
                .status_history
                .first()
                .map(|s| s.date.value.interval().0);
            let last = commitment
                .status_history
                .iter()
                .map(|s| s.date.value.interval().1)
                .max();
            (first.unwrap_or_default(), last.unwrap_or_default())
        }
    }
}

fn country_label(country: super::model::Country) -> &'static str {
    match country {
        super::model::Country::UnitedStates => "United States",
        super::model::Country::India => "India",
        super::model::Country::Joint => "Joint (bilateral)",
        super::model::Country::Other => "Other and multilateral",
    }
}

pub use super::case::sentence_case;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::load;
    use crate::core::synthetic::dataset_json;

    /// Values of two bytes and of four give the same results and counts.
    #[test]
    fn both_value_layouts_answer_alike() {
        let dataset = load(&dataset_json(600, 7)).expect("synthetic datasets load");
        let narrow = QueryIndex::build_narrow_below(&dataset, u32::MAX);
        let wide = QueryIndex::build_narrow_below(&dataset, 0);
        assert!(matches!(narrow.values, ValueList::Narrow(_)));
        assert!(matches!(wide.values, ValueList::Wide(_)));
        for query in [
            "",
            "area=space",
            "area=space,defence&kind=commitment&year=2024",
            "actor=actor-3,actor-7&country=us",
            "status=achieved&kind=commitment",
            "q=engines&source=synthetic-b",
        ] {
            let (state, _) = crate::core::url_state::parse(query);
            let (a, b) = (narrow.run(&state.query), wide.run(&state.query));
            assert_eq!(a, b, "{query}");
            assert!(a.facets.iter().any(|f| f.counts.iter().any(|&c| c > 0)));
        }
    }
}
