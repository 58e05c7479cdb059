//! Faceted filtering with counts, a date range, and sorting.
//!
//! Each item's facet values are computed once, when the [`QueryIndex`] is
//! built. A query then makes one pass over the items: for each item it notes
//! which facet filters it passes. An item is a result when it passes them
//! all; it counts towards a facet's values when it passes all the *other*
//! filters (disjunctive faceting), so a facet's counts say what choosing
//! another value of it would give.

use std::collections::HashMap;

use super::date::{DayNumber, PartialDate};
use super::model::{Dataset, Item, ItemIndex};
use super::search::SearchIndex;

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
}

impl Facet {
    pub const ALL: [Facet; 9] = [
        Facet::Area,
        Facet::Actor,
        Facet::ActorKind,
        Facet::Country,
        Facet::Kind,
        Facet::EventType,
        Facet::Status,
        Facet::Source,
        Facet::Year,
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
        }
    }

    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }
}

const ALL_FACETS: u16 = (1 << Facet::ALL.len()) - 1;

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
    pub facets: Vec<FacetCounts>,
}

/// The values of one facet: ids and labels, in display order.
#[derive(Clone, Debug, Default)]
struct Dictionary {
    values: Vec<(String, String)>,
    positions: HashMap<String, u32>,
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

/// Facet values of every item, and the search index, built once per dataset.
pub struct QueryIndex {
    dictionaries: Vec<Dictionary>,
    /// All items' value positions, flat: item `i`'s values for facet `f` are
    /// `values[starts[i * FACETS + f]..starts[i * FACETS + f + 1]]`.
    values: Vec<u32>,
    starts: Vec<u32>,
    intervals: Vec<(DayNumber, DayNumber)>,
    /// The order of items by date, precomputed: comparing partial dates is not free.
    date_rank: Vec<u32>,
    search: SearchIndex,
}

fn year_span(start: DayNumber, end: DayNumber) -> std::ops::RangeInclusive<i32> {
    super::date::civil_from_day_number(start).0..=super::date::civil_from_day_number(end).0
}

impl QueryIndex {
    pub fn build(dataset: &Dataset) -> QueryIndex {
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
        for event_type in super::model::EventType::ALL {
            dictionaries[Facet::EventType as usize]
                .add(event_type.as_str(), &sentence_case(event_type.as_str()));
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

        let mut intervals = Vec::with_capacity(dataset.item_count());
        let mut dates = Vec::with_capacity(dataset.item_count());
        let mut years: Vec<i32> = Vec::new();
        let mut item_years: Vec<Vec<i32>> = Vec::with_capacity(dataset.item_count());
        for item in dataset.items() {
            let interval = item_interval(&item);
            intervals.push(interval);
            dates.push(item.date().value);
            let mut spans: Vec<i32> = match item {
                Item::Event(_) => year_span(interval.0, interval.1).collect(),
                Item::Commitment(c) => c
                    .status_history
                    .iter()
                    .flat_map(|s| {
                        let (start, end) = s.date.value.interval();
                        year_span(start, end)
                    })
                    .collect(),
            };
            super::order::sort(&mut spans);
            spans.dedup();
            years.extend(&spans);
            item_years.push(spans);
        }
        super::order::sort(&mut years);
        years.dedup();
        for year in &years {
            dictionaries[Facet::Year as usize].add(&year.to_string(), &year.to_string());
        }

        let mut values = Vec::new();
        let mut starts = vec![0u32];
        for (item, years) in dataset.items().zip(item_years) {
            let mut row: [Vec<u32>; FACETS] = Default::default();
            let mut push = |facet: Facet, value: &str| {
                let position = dictionaries[facet as usize].positions[value];
                let list = &mut row[facet as usize];
                if !list.contains(&position) {
                    list.push(position);
                }
            };
            for area in item.focus_areas() {
                push(Facet::Area, area);
            }
            for actor_id in item.actors() {
                let actor = dataset
                    .actor(actor_id)
                    .expect("references are checked on load");
                push(Facet::Actor, actor_id);
                push(Facet::ActorKind, actor.kind.as_str());
                push(Facet::Country, actor.country.as_str());
            }
            match item {
                Item::Event(event) => {
                    push(Facet::Kind, "event");
                    push(Facet::EventType, event.event_type.as_str());
                }
                Item::Commitment(commitment) => {
                    push(Facet::Kind, "commitment");
                    push(Facet::Status, dataset.current_status(commitment).as_str());
                }
            }
            for citation in item.citations() {
                push(Facet::Source, &citation.source);
            }
            for year in years {
                push(Facet::Year, &year.to_string());
            }
            for list in row {
                values.extend(list);
                starts.push(values.len() as u32);
            }
        }
        let mut by_date: Vec<u32> = (0..dates.len() as u32).collect();
        super::order::sort_by(&mut by_date, |&a, &b| {
            dates[a as usize].cmp(&dates[b as usize]).then(a.cmp(&b))
        });
        let mut date_rank = vec![0u32; dates.len()];
        for (rank, &item) in by_date.iter().enumerate() {
            date_rank[item as usize] = rank as u32;
        }
        QueryIndex {
            dictionaries,
            values,
            starts,
            intervals,
            date_rank,
            search: SearchIndex::build(dataset),
        }
    }

    pub fn search_index(&self) -> &SearchIndex {
        &self.search
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
        // Selected value positions per facet; unknown values select nothing.
        let selected: Vec<Vec<bool>> = Facet::ALL
            .iter()
            .map(|&facet| {
                let dictionary = &self.dictionaries[facet as usize];
                let mut chosen = vec![false; dictionary.values.len()];
                for value in query.selected(facet) {
                    if let Some(&p) = dictionary.positions.get(value) {
                        chosen[p as usize] = true;
                    }
                }
                chosen
            })
            .collect();
        let active: Vec<bool> = Facet::ALL
            .iter()
            .map(|&f| !query.selected(f).is_empty())
            .collect();

        let text = query.text.trim();
        let hits = if text.is_empty() {
            None
        } else {
            Some(self.search.search(text))
        };
        let mut score_of: Vec<Option<f32>> = Vec::new();
        if let Some(hits) = &hits {
            score_of = vec![None; self.values.len()];
            for hit in hits {
                score_of[hit.item as usize] = Some(hit.score);
            }
        }
        let range = query.day_range();

        let mut counts: Vec<Vec<usize>> = self
            .dictionaries
            .iter()
            .map(|d| vec![0; d.values.len()])
            .collect();
        let mut items = Vec::new();
        for index in 0..self.intervals.len() {
            if hits.is_some() && score_of[index].is_none() {
                continue;
            }
            if let Some((start, end)) = range {
                let (item_start, item_end) = self.intervals[index];
                if item_end < start || item_start > end {
                    continue;
                }
            }
            let row = &self.starts[index * FACETS..=(index + 1) * FACETS];
            let facet_values = |f: usize| &self.values[row[f] as usize..row[f + 1] as usize];
            let mut passed = 0u16;
            for f in 0..FACETS {
                if !active[f] || facet_values(f).iter().any(|&p| selected[f][p as usize]) {
                    passed |= 1 << f;
                }
            }
            if passed == ALL_FACETS {
                items.push(index as ItemIndex);
            }
            // An item counts towards a facet when it fails no filter but that facet's.
            let failed = !passed & ALL_FACETS;
            if failed.count_ones() > 1 {
                continue;
            }
            for f in 0..FACETS {
                if failed == 0 || failed == 1 << f {
                    for &p in facet_values(f) {
                        counts[f][p as usize] += 1;
                    }
                }
            }
        }

        let by_relevance = matches!(query.sort, Sort::Relevance | Sort::Auto) && hits.is_some();
        let rank = |i: &ItemIndex| self.date_rank[*i as usize];
        if by_relevance {
            let score = |i: &ItemIndex| score_of[*i as usize].unwrap_or(0.0);
            super::order::sort_by(&mut items, |a, b| {
                score(b)
                    .total_cmp(&score(a))
                    .then_with(|| rank(a).cmp(&rank(b)))
            });
        } else if query.sort == Sort::DateDescending {
            super::order::sort_by_key(&mut items, |i| std::cmp::Reverse(rank(i)));
        } else {
            super::order::sort_by_key(&mut items, rank);
        }
        let scores = if hits.is_some() {
            items
                .iter()
                .map(|i| score_of[*i as usize].unwrap_or(0.0))
                .collect()
        } else {
            Vec::new()
        };

        let facets = Facet::ALL
            .iter()
            .zip(counts)
            .zip(selected)
            .map(|((&facet, counts), selected)| FacetCounts {
                facet,
                counts,
                selected,
            })
            .collect();
        QueryResult {
            items,
            scores,
            facets,
        }
    }
}

/// The days an item covers on the timeline.
fn item_interval(item: &Item) -> (DayNumber, DayNumber) {
    match item {
        Item::Event(event) => event.date.value.interval(),
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

/// "in_progress" → "In progress".
pub fn sentence_case(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
