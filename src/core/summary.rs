//! Counts that describe a dataset at a glance: the explorer's first view.

use super::date::PartialDate;
use super::model::{ActorKind, Country, Dataset, EventType, Status};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub events: usize,
    pub commitments: usize,
    pub actors: usize,
    pub sources: usize,
    pub focus_areas: usize,
    pub citations: usize,
    /// The earliest and latest dates of any event or status entry.
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    /// Every event type, in declaration order, with zero counts kept.
    pub events_by_type: Vec<(EventType, usize)>,
    /// Every current status, in declaration order, with zero counts kept.
    pub commitments_by_status: Vec<(Status, usize)>,
    pub actors_by_kind: Vec<(ActorKind, usize)>,
    pub actors_by_country: Vec<(Country, usize)>,
    /// Focus areas in dataset order.
    pub focus_areas_by_items: Vec<AreaCount>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaCount {
    pub id: String,
    pub name: String,
    pub events: usize,
    pub commitments: usize,
}

fn tally<T: Copy + PartialEq>(all: &[T], values: impl Iterator<Item = T>) -> Vec<(T, usize)> {
    let mut counts: Vec<(T, usize)> = all.iter().map(|v| (*v, 0)).collect();
    for value in values {
        if let Some(entry) = counts.iter_mut().find(|(v, _)| *v == value) {
            entry.1 += 1;
        }
    }
    counts
}

pub fn summarize(dataset: &Dataset) -> Summary {
    let dates = dataset.events.iter().map(|e| e.date.value).chain(
        dataset
            .commitments
            .iter()
            .flat_map(|c| c.status_history.iter().map(|s| s.date.value)),
    );
    let (first, last) = dates.fold(
        (None, None),
        |(first, last): (Option<PartialDate>, Option<PartialDate>), d| {
            (
                Some(first.map_or(d, |f| f.min(d))),
                Some(last.map_or(d, |l| l.max(d))),
            )
        },
    );
    let focus_areas_by_items = dataset
        .focus_areas
        .iter()
        .map(|area| AreaCount {
            id: area.id.to_string(),
            name: area.name.clone(),
            events: dataset
                .events
                .iter()
                .filter(|e| e.focus_areas().iter().any(|a| **a == *area.id))
                .count(),
            commitments: dataset
                .commitments
                .iter()
                .filter(|c| c.focus_areas().iter().any(|a| **a == *area.id))
                .count(),
        })
        .collect();
    Summary {
        events: dataset.events.len(),
        commitments: dataset.commitments.len(),
        actors: dataset.actors.len(),
        sources: dataset.sources.len(),
        focus_areas: dataset.focus_areas.len(),
        citations: dataset.citations().count(),
        first,
        last,
        events_by_type: tally(
            EventType::WRITTEN,
            dataset.events.iter().map(|e| e.event_type),
        ),
        commitments_by_status: tally(
            Status::ALL,
            dataset
                .commitments
                .iter()
                .map(|c| dataset.current_status(c)),
        ),
        actors_by_kind: tally(ActorKind::ALL, dataset.actors.iter().map(|a| a.kind)),
        actors_by_country: tally(Country::ALL, dataset.actors.iter().map(|a| a.country)),
        focus_areas_by_items,
    }
}
