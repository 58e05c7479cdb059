//! Timeline layout: the time scale, ticks, lane packing with clusters, pan and
//! zoom, and commitments' status bars. Pure: numbers in, view models out.
//!
//! # Coordinates
//!
//! Days are `f64` counts since 1970-01-01 (see [`DayNumber`]); day `d` covers
//! `[d, d + 1)`, so an inclusive interval of days `first..=last` covers
//! `[first, last + 1)`. A [`Viewport`] maps the days `[start, end)` onto the
//! pixels `[0, width)`.
//!
//! # API
//!
//! - [`Viewport`]: `new`, `sanitized`, `span`, `px_per_day`, `x(day)`,
//!   `day_at(x)`, `zoom_about(x, factor, &Limits)` (factor > 1 zooms in and the
//!   day under `x` stays under `x`), `pan(dx, &Limits)`, and
//!   `fit((first, last), width, &Limits)` (with a 5% margin each side).
//! - [`Limits`]: the extent the viewport must stay in and its narrowest and
//!   widest span; `Limits::around(first, last)` builds them for data.
//! - [`ticks`]`(&Viewport, min_spacing) -> (TickUnit, Vec<Tick>)`: the finest
//!   of year, quarter, month, week and day whose ticks are at least
//!   `min_spacing` px apart (years go in steps of 1, 2, 5, 10, 20, 50…).
//! - [`layout`]`(&[Mark], &Viewport, &LayoutOptions) -> Layout`: lanes and
//!   clusters for the marks in view; [`extent`] gives the days a set of marks
//!   covers, for `fit`.
//! - [`status_segments`]`(&Commitment) -> Vec<Segment>`: a commitment's
//!   status history as a bar.
//!
//! # Packing and clustering
//!
//! A mark's label starts at the mark, or, with `flip_labels` (the default),
//! ends at the mark's end when it would otherwise run past the viewport's
//! right edge (see `label_start`), so that no label is cut off by an edge.
//! A mark occupies the box `[start, end)` of its lane, with `start =
//! min(x0, label_start)` and `end = max(x1, label_end, x0 + marker_width)`;
//! the lane is free again at `end + gap`. Within a band, marks fall into
//! stretches: runs, in order of `start`, of boxes that start before every
//! earlier box has freed its lane. Different stretches never overlap, so
//! each is packed on its own:
//!
//! 1. A stretch whose boxes fit in `max_lanes` lanes is packed first-fit in
//!    order of `start`, which for intervals uses as few lanes as possible.
//! 2. Otherwise the stretch is crowded. Its top lane (`max_lanes - 1`) is kept
//!    for clusters, and the largest set of its marks that fits in the other
//!    lanes is chosen: by increasing box end, each mark takes the lane that
//!    freed last before its start, if any (optimal for intervals). The chosen
//!    marks are packed first-fit. The marks left over are grouped in order of `x0`: a
//!    mark joins the current group while it starts less than `gap +
//!    cluster_distance` after the group's box `[x0, max(x1, x0 +
//!    cluster_width))`, cut at the stretch's end. Each group is a [`Cluster`]
//!    in the top lane, even a group of one.
//!
//! Sorting dominates, so a layout takes `O(n log n)` time and `O(n)` memory
//! for `n` marks. Ties are broken by `ItemIndex`, then input order, so the
//! result does not depend on the order of distinct marks.
//!
//! # Guarantees
//!
//! - No two boxes (marks or clusters) in the same band and lane overlap, gap
//!   included, and no band uses more than `max_lanes` lanes. A box holds its
//!   mark and its label, so no label overlaps another label or another mark
//!   of its lane; lanes are drawn apart, so neither does it those of others.
//! - With `flip_labels`, every label no wider than the viewport lies within
//!   `[0, width]`.
//! - Every mark whose days meet the viewport is placed or inside exactly one
//!   cluster; the others are hidden.
//! - Zooming in (more pixels per day, with the new window inside the old one)
//!   never brings two boxes that were apart into conflict: their distance
//!   grows with the pixels per day, and a label's width does not shrink it.
//!   Hence stretches only split; a stretch that fitted still fits, so a view
//!   without clusters has none when zoomed in; and the marks kept in a
//!   crowded stretch still fit in its parts, which then keep at least as
//!   many. So the number of marks in clusters never grows when zooming in.
//!   This is argued in exact arithmetic, for labels that do not flip (a label
//!   that flips near the right edge grows its box leftwards, so with
//!   `flip_labels` it holds only away from the edges); `tests/timeline.rs`
//!   checks it without flipping, and the optimality of the kept set, by
//!   proptest.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeSet, BinaryHeap};

use super::date::{civil_from_day_number, day_number, DayNumber};
use super::model::{Commitment, Dataset, Item, ItemIndex, Status};

/// Viewports stay within this many days of 1970, some 27,000 years, so
/// calendar arithmetic on them cannot overflow an `i32`.
const WORLD_DAYS: f64 = 10_000_000.0;
/// The narrowest viewport, in days (about a minute and a half), so that
/// pixels per day stay finite.
const MIN_VIEW_SPAN: f64 = 0.001;
/// The narrowest viewport with any width, in pixels.
const MIN_WIDTH: f64 = 0.001;
/// The widest viewport, in pixels.
const MAX_WIDTH: f64 = 10_000_000.0;
/// The largest label, marker, gap or distance accepted, in pixels.
const MAX_PIXELS: f64 = 1_000_000.0;
/// Ticks never get closer than `width / MAX_TICKS`, whatever is asked, so a
/// viewport never produces more than about this many.
const MAX_TICKS: f64 = 1_000.0;
/// How much of the data's span `fit` and `Limits::around` leave on each side.
const MARGIN: f64 = 0.05;
/// The narrowest span `Limits::around` allows, in days.
pub const DEFAULT_MIN_SPAN_DAYS: f64 = 7.0;

/// A number clamped into `[low, high]`, with NaN replaced by `fallback`.
/// Unlike `f64::clamp`, it never panics: rounding can leave `low` a hair
/// above `high`, and then `high` wins.
fn clamp_or(value: f64, low: f64, high: f64, fallback: f64) -> f64 {
    if value.is_nan() {
        fallback
    } else {
        value.max(low).min(high)
    }
}

/// A size in pixels: NaN and negatives become 0, and huge values a large finite one.
fn pixels(value: f64) -> f64 {
    clamp_or(value, 0.0, MAX_PIXELS, 0.0)
}

/// The visible window: days `[start, end)` mapped onto `[0, width)` pixels.
/// Days are `f64` so that zoom is continuous.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub start: f64,
    pub end: f64,
    pub width: f64,
}

impl Viewport {
    pub fn new(start: f64, end: f64, width: f64) -> Viewport {
        Viewport { start, end, width }.sanitized()
    }

    /// The same window made usable: a width of 0 or in `[0.001, 10^7]`, days within the
    /// representable world, in order, and at least `0.001` days apart. A
    /// usable viewport comes back unchanged.
    pub fn sanitized(&self) -> Viewport {
        // A thousandth of a pixel shows nothing, and dividing by it overflows.
        let width = clamp_or(self.width, 0.0, MAX_WIDTH, 0.0);
        let width = if width < MIN_WIDTH { 0.0 } else { width };
        let mut start = clamp_or(self.start, -WORLD_DAYS, WORLD_DAYS, 0.0);
        let mut end = clamp_or(self.end, -WORLD_DAYS, WORLD_DAYS, start);
        if end < start {
            std::mem::swap(&mut start, &mut end);
        }
        if end - start < MIN_VIEW_SPAN {
            let middle = start / 2.0 + end / 2.0;
            start = clamp_or(
                middle - MIN_VIEW_SPAN / 2.0,
                -WORLD_DAYS,
                WORLD_DAYS - MIN_VIEW_SPAN,
                0.0,
            );
            end = start + MIN_VIEW_SPAN;
        }
        Viewport { start, end, width }
    }

    /// The number of days in view.
    pub fn span(&self) -> f64 {
        let view = self.sanitized();
        view.end - view.start
    }

    pub fn px_per_day(&self) -> f64 {
        let view = self.sanitized();
        view.width / (view.end - view.start)
    }

    /// The pixel of a day; days outside the viewport fall outside `[0, width)`.
    pub fn x(&self, day: f64) -> f64 {
        let view = self.sanitized();
        view.x_unchecked(day)
    }

    /// The day at a pixel: the inverse of [`Viewport::x`].
    pub fn day_at(&self, x: f64) -> f64 {
        let view = self.sanitized();
        if view.width == 0.0 {
            return view.start;
        }
        let x = clamp_or(x, -MAX_WIDTH * 1e3, MAX_WIDTH * 1e3, 0.0);
        view.start + x / view.px_per_day_unchecked()
    }

    /// Zooms by `factor` (above 1 zooms in) keeping the day under `x` under
    /// `x`, unless the limits clamp the span or the window.
    pub fn zoom_about(&self, x: f64, factor: f64, limits: &Limits) -> Viewport {
        let view = self.sanitized();
        let limits = limits.sanitized();
        // An infinite factor zooms as far as the limits allow; NaN or a
        // factor that is not positive does nothing.
        let factor = if factor > 0.0 { factor } else { 1.0 };
        let fraction = if view.width > 0.0 {
            clamp_or(x, 0.0, view.width, view.width / 2.0) / view.width
        } else {
            0.5
        };
        let span = view.end - view.start;
        let anchor = view.start + fraction * span;
        let new_span = limits.clamp_span(span / factor);
        limits.place(anchor - fraction * new_span, new_span, view.width)
    }

    /// Moves the content by `dx` pixels, as dragging does: a positive `dx`
    /// shows earlier days.
    pub fn pan(&self, dx: f64, limits: &Limits) -> Viewport {
        let view = self.sanitized();
        let limits = limits.sanitized();
        let span = view.end - view.start;
        let shift = if view.width > 0.0 {
            clamp_or(dx, -MAX_WIDTH * 1e3, MAX_WIDTH * 1e3, 0.0) / view.px_per_day_unchecked()
        } else {
            0.0
        };
        let span = limits.clamp_span(span);
        limits.place(view.start - shift, span, view.width)
    }

    /// The viewport showing the inclusive days `first..=last` with a 5% margin
    /// each side, centred, within the limits.
    pub fn fit(days: (DayNumber, DayNumber), width: f64, limits: &Limits) -> Viewport {
        let limits = limits.sanitized();
        let first = f64::from(days.0.min(days.1));
        let end = f64::from(days.0.max(days.1)) + 1.0;
        let middle = first / 2.0 + end / 2.0;
        let span = limits.clamp_span((end - first) * (1.0 + 2.0 * MARGIN));
        let width = clamp_or(width, 0.0, MAX_WIDTH, 0.0);
        limits.place(middle - span / 2.0, span, width)
    }

    /// `x` for a viewport already sanitized.
    fn x_unchecked(&self, day: f64) -> f64 {
        // Days beyond any `DayNumber` gain nothing; clamping keeps `x` finite.
        let day = clamp_or(day, -1e10, 1e10, self.start);
        (day - self.start) * self.px_per_day_unchecked()
    }

    fn px_per_day_unchecked(&self) -> f64 {
        self.width / (self.end - self.start)
    }
}

/// The data's extent (with a margin) that the viewport must stay within, and
/// the narrowest and widest spans allowed, in days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub extent: (f64, f64),
    pub min_span_days: f64,
    pub max_span_days: f64,
}

impl Limits {
    /// Limits for data covering the inclusive days `first..=last`: the extent
    /// has a margin of 5% of the span (at least a week) each side, the
    /// narrowest span is a week and the widest the whole extent.
    pub fn around(first: DayNumber, last: DayNumber) -> Limits {
        let start = f64::from(first.min(last));
        let end = f64::from(first.max(last)) + 1.0;
        let margin = ((end - start) * MARGIN).max(DEFAULT_MIN_SPAN_DAYS);
        let extent = (start - margin, end + margin);
        Limits {
            extent,
            min_span_days: DEFAULT_MIN_SPAN_DAYS,
            max_span_days: extent.1 - extent.0,
        }
    }

    /// The same limits made usable: an extent in order within the world and
    /// at least `0.001` days long, and `min <= max <= extent length`.
    pub fn sanitized(&self) -> Limits {
        let extent = Viewport {
            start: self.extent.0,
            end: self.extent.1,
            width: 0.0,
        }
        .sanitized();
        let length = extent.end - extent.start;
        let max_span_days = clamp_or(self.max_span_days, MIN_VIEW_SPAN, length, length);
        let min_span_days = clamp_or(
            self.min_span_days,
            MIN_VIEW_SPAN,
            max_span_days,
            MIN_VIEW_SPAN,
        );
        Limits {
            extent: (extent.start, extent.end),
            min_span_days,
            max_span_days,
        }
    }

    fn clamp_span(&self, span: f64) -> f64 {
        clamp_or(
            span,
            self.min_span_days,
            self.max_span_days,
            self.max_span_days,
        )
    }

    /// A viewport of `span` days starting at `start`, shifted into the extent.
    /// Expects sanitized limits and a span between their bounds.
    fn place(&self, start: f64, span: f64, width: f64) -> Viewport {
        let (low, high) = self.extent;
        let start = clamp_or(start, low, (high - span).max(low), low);
        Viewport {
            start,
            end: start + span,
            width,
        }
    }
}

/// The calendar unit that ticks mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TickUnit {
    Year,
    Quarter,
    Month,
    Week,
    Day,
}

impl TickUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            TickUnit::Year => "year",
            TickUnit::Quarter => "quarter",
            TickUnit::Month => "month",
            TickUnit::Week => "week",
            TickUnit::Day => "day",
        }
    }
}

/// A tick at the start of `day`. Major ticks start the next coarser unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub day: DayNumber,
    pub x: f64,
    pub label: String,
    pub major: bool,
}

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Nice ticks for a viewport: the finest unit whose ticks are at least
/// `min_spacing` px apart (years in steps of 1, 2, 5, 10, 20, 50…), with
/// major ticks where the next coarser unit starts (decades or centuries for
/// years, years for quarters and months, months for weeks and days).
///
/// Labels: years "2023"; quarters "Q2", or "Q1 2023" on major ticks and the
/// first tick; months "Mar", or "Jan 2023" likewise; weeks (starting on
/// Mondays) "6 Mar"; days "6", or "1 Mar" on major ticks and the first tick.
/// A viewport without width has no ticks.
pub fn ticks(viewport: &Viewport, min_spacing: f64) -> (TickUnit, Vec<Tick>) {
    let view = viewport.sanitized();
    if view.width == 0.0 {
        return (TickUnit::Year, Vec::new());
    }
    let px_per_day = view.px_per_day_unchecked();
    let spacing = clamp_or(min_spacing, 0.0, MAX_WIDTH, 0.0).max(view.width / MAX_TICKS);
    // The margin keeps rounding in `x` from bringing ticks closer than asked.
    let fits = |days: f64| days * px_per_day >= spacing * (1.0 + 1e-6);
    // The shortest instance of each unit: a week, February, the first quarter of a common year.
    let (unit, year_step) = if fits(1.0) {
        (TickUnit::Day, 1)
    } else if fits(7.0) {
        (TickUnit::Week, 1)
    } else if fits(28.0) {
        (TickUnit::Month, 1)
    } else if fits(90.0) {
        (TickUnit::Quarter, 1)
    } else {
        let mut step: i32 = 1;
        // 100,000 years exceed the widest viewport, so the loop always ends.
        while !fits(365.0 * f64::from(step)) && step < 100_000 {
            step = next_nice_step(step);
        }
        (TickUnit::Year, step)
    };
    // Both within the world, so these conversions cannot overflow.
    let first = view.start.ceil() as DayNumber;
    let last = view.end.ceil() as DayNumber - 1;
    let mut found: Vec<(DayNumber, bool, bool)> = Vec::new();
    let mut push = |day: DayNumber, major: bool| {
        if (first..=last).contains(&day) {
            let is_first = found.is_empty();
            found.push((day, major, is_first));
        }
    };
    match unit {
        TickUnit::Day => {
            for day in first..=last {
                push(day, civil_from_day_number(day).2 == 1);
            }
        }
        TickUnit::Week => {
            // 1970-01-05, day 4, was a Monday.
            let mut day = first + (4 - first).rem_euclid(7);
            while day <= last {
                push(day, civil_from_day_number(day).2 <= 7);
                day += 7;
            }
        }
        TickUnit::Month | TickUnit::Quarter => {
            let months_per_tick = if unit == TickUnit::Month { 1 } else { 3 };
            let (mut year, month, _) = civil_from_day_number(first);
            // Back to the start of the current tick's unit; `push` drops it if it is before `first`.
            let mut month = month - (month - 1) % months_per_tick;
            loop {
                let day = day_number(year, month, 1);
                if day > last {
                    break;
                }
                push(day, month == 1);
                month += months_per_tick;
                if month > 12 {
                    month -= 12;
                    year += 1;
                }
            }
        }
        TickUnit::Year => {
            // Years are `i64` (dates of any era); a step is never that large.
            let major_step = i64::from(major_year_step(year_step));
            let year_step = i64::from(year_step);
            let start_year = civil_from_day_number(first).0;
            let mut year = start_year.div_euclid(year_step) * year_step;
            loop {
                let day = day_number(year, 1, 1);
                // Day numbers saturate at their ends: stop there too.
                if day > last || day == DayNumber::MAX {
                    break;
                }
                push(day, year.rem_euclid(major_step) == 0);
                year += year_step;
            }
        }
    }
    let ticks = found
        .into_iter()
        .map(|(day, major, is_first)| Tick {
            day,
            x: view.x_unchecked(f64::from(day)),
            label: tick_label(unit, day, major || is_first),
            major,
        })
        .collect();
    (unit, ticks)
}

/// 1, 2, 5, 10, 20, 50, 100…
fn next_nice_step(step: i32) -> i32 {
    let mut decade = 1;
    while decade * 10 <= step {
        decade *= 10;
    }
    match step / decade {
        1 => 2 * decade,
        2..=4 => 5 * decade,
        _ => 10 * decade,
    }
}

/// The smallest power of ten above the step: decades for steps of 1, 2 and 5
/// years, centuries for 10, 20 and 50.
fn major_year_step(step: i32) -> i32 {
    let mut major = 10;
    while major <= step {
        major = major.saturating_mul(10);
    }
    major
}

fn tick_label(unit: TickUnit, day: DayNumber, long: bool) -> String {
    let (year, month, day_of_month) = civil_from_day_number(day);
    let month_name = MONTH_ABBREVIATIONS[usize::from(month - 1)];
    match unit {
        TickUnit::Year => year.to_string(),
        TickUnit::Quarter if long => format!("Q{} {year}", (month - 1) / 3 + 1),
        TickUnit::Quarter => format!("Q{}", (month - 1) / 3 + 1),
        TickUnit::Month if long => format!("{month_name} {year}"),
        TickUnit::Month => month_name.to_string(),
        TickUnit::Week => format!("{day_of_month} {month_name}"),
        TickUnit::Day if long => format!("{day_of_month} {month_name}"),
        TickUnit::Day => day_of_month.to_string(),
    }
}

/// One thing to place: an item's inclusive interval of days, the width of its
/// label as the page measured it, its band (such as a focus area) and
/// whether its date is approximate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub item: ItemIndex,
    pub first_day: DayNumber,
    pub last_day: DayNumber,
    pub label_width: f64,
    pub band: u32,
    pub approximate: bool,
}

impl Mark {
    /// The mark of an item: an event's date, or a commitment from its first
    /// status entry to the end of the latest one. `None` for an index past
    /// the dataset's items.
    pub fn for_item(
        dataset: &Dataset,
        item: ItemIndex,
        label_width: f64,
        band: u32,
    ) -> Option<Mark> {
        if item as usize >= dataset.item_count() {
            return None;
        }
        let found = dataset.item(item);
        let (first_day, last_day) = match found {
            Item::Event(event) => event.date.value.interval(),
            Item::Commitment(commitment) => {
                let intervals = commitment
                    .status_history
                    .iter()
                    .map(|s| s.date.value.interval());
                let first = intervals.clone().map(|i| i.0).min()?;
                let last = intervals.map(|i| i.1).max()?;
                (first, last)
            }
        };
        Some(Mark {
            item,
            first_day,
            last_day,
            label_width,
            band,
            approximate: found.date().approximate,
        })
    }
}

/// The inclusive days the marks cover, for [`Viewport::fit`]; `None` without marks.
pub fn extent(marks: &[Mark]) -> Option<(DayNumber, DayNumber)> {
    let first = marks.iter().map(|m| m.first_day.min(m.last_day)).min()?;
    let last = marks.iter().map(|m| m.first_day.max(m.last_day)).max()?;
    Some((first, last))
}

/// Sizes for [`layout`], in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutOptions {
    /// The width of a point's marker, and the least width of any mark's box.
    pub marker_width: f64,
    /// The space kept free after each box in its lane.
    pub gap: f64,
    /// Lanes per band; in a crowded stretch the top one holds clusters. At least 1.
    pub max_lanes: u32,
    /// Left-over marks within this distance of a cluster join it.
    pub cluster_distance: f64,
    /// The width a cluster's count label needs.
    pub cluster_width: f64,
    /// Whether a label that would run past the viewport's right edge is
    /// drawn on the other side, ending where its mark ends (or at the edge),
    /// and a label of a mark that starts before the left edge starts at it.
    /// Off, labels always start at their mark.
    pub flip_labels: bool,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions {
            marker_width: 8.0,
            gap: 6.0,
            max_lanes: 4,
            cluster_distance: 12.0,
            cluster_width: 28.0,
            flip_labels: true,
        }
    }
}

impl LayoutOptions {
    fn sanitized(&self) -> LayoutOptions {
        LayoutOptions {
            marker_width: pixels(self.marker_width),
            gap: pixels(self.gap),
            max_lanes: self.max_lanes.max(1),
            cluster_distance: pixels(self.cluster_distance),
            cluster_width: pixels(self.cluster_width),
            flip_labels: self.flip_labels,
        }
    }
}

/// How a mark is drawn: a one-day interval narrower than the marker is a
/// point centred on its day; anything else is a span over its days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    Point,
    Span,
}

/// A mark with its place: the mark is drawn over `[x0, x1)`, its label over
/// `[label_start, label_end)`, and it occupies `[start, end)` of its lane:
/// both, and at least `marker_width` from `x0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub item: ItemIndex,
    pub x0: f64,
    pub x1: f64,
    pub label_start: f64,
    pub label_end: f64,
    /// Where the box starts: `x0`, or the label's start if that is earlier.
    pub start: f64,
    pub end: f64,
    pub band: u32,
    pub lane: u32,
    pub shape: Shape,
    pub approximate: bool,
}

/// Marks drawn as one, with their count and days. The members' marks span
/// `[x0, x1)`, and the cluster occupies `[x0, end)` of its lane, with room for
/// its count label (`cluster_width`) unless the crowded stretch ends first.
/// A cluster of one is a mark whose label found no room: it can be drawn as
/// the bare mark, with its title on demand.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// In increasing order.
    pub items: Vec<ItemIndex>,
    pub first_day: DayNumber,
    pub last_day: DayNumber,
    pub x0: f64,
    pub x1: f64,
    pub end: f64,
    pub band: u32,
    pub lane: u32,
}

/// The lanes a band uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BandLanes {
    pub band: u32,
    pub lanes: u32,
}

/// The result of [`layout`]. `placed` is sorted by band, lane and `x0`;
/// `clusters` likewise.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub placed: Vec<Placed>,
    pub clusters: Vec<Cluster>,
    /// The bands with something drawn, in increasing order.
    pub bands: Vec<BandLanes>,
    /// The marks not drawn, in increasing order: those outside the viewport,
    /// or all of them when it has no width.
    pub hidden: Vec<ItemIndex>,
    /// How many marks end before the viewport starts.
    pub hidden_before: u32,
    /// How many marks start at or after the viewport's end.
    pub hidden_after: u32,
}

impl Layout {
    /// The lanes a band uses: 0 if nothing in it is drawn.
    pub fn lanes_in(&self, band: u32) -> u32 {
        self.bands
            .iter()
            .find(|b| b.band == band)
            .map_or(0, |b| b.lanes)
    }
}

/// A visible mark measured for packing.
#[derive(Clone, Copy, Debug)]
struct Measured {
    /// The position in the input, the last tie-breaker.
    input: usize,
    item: ItemIndex,
    band: u32,
    first_day: DayNumber,
    last_day: DayNumber,
    x0: f64,
    x1: f64,
    label_start: f64,
    label_end: f64,
    /// The box's start: the packing works on `[start, free_at)`.
    start: f64,
    end: f64,
    /// `end + gap`: where the lane becomes free again.
    free_at: f64,
    shape: Shape,
    approximate: bool,
}

impl Placed {
    /// Whether the label ends at its mark (or the right edge) rather than
    /// starting at it: drawn right-aligned, so that a font a little wider
    /// than measured still stops at the edge.
    pub fn label_flipped(&self) -> bool {
        self.label_start < self.x0.max(0.0)
    }
}

/// Where a label of `width` pixels goes for a mark drawn over `[x0, x1)` in
/// a viewport `view_width` wide: from the mark's start (or the left edge,
/// if the mark starts before it) when it fits before the right edge;
/// otherwise ending at the mark's end (or the right edge), but not starting
/// before the left edge. A label wider than the viewport starts at the left
/// edge. Without flipping, from `x0`.
fn label_start(x0: f64, x1: f64, width: f64, view_width: f64, flip: bool) -> f64 {
    if !flip {
        return x0;
    }
    let from_mark = x0.max(0.0);
    if from_mark + width <= view_width {
        from_mark
    } else {
        (x1.min(view_width) - width).max(0.0).min(from_mark)
    }
}

impl Measured {
    fn placed(&self, lane: u32) -> Placed {
        Placed {
            item: self.item,
            x0: self.x0,
            x1: self.x1,
            label_start: self.label_start,
            label_end: self.label_end,
            start: self.start,
            end: self.end,
            band: self.band,
            lane,
            shape: self.shape,
            approximate: self.approximate,
        }
    }
}

/// Packs the marks whose days meet the viewport into lanes and clusters; see
/// the module documentation for the algorithm and its guarantees.
pub fn layout(marks: &[Mark], viewport: &Viewport, options: &LayoutOptions) -> Layout {
    let view = viewport.sanitized();
    let options = options.sanitized();
    let px_per_day = view.px_per_day_unchecked();
    let mut result = Layout::default();
    let mut measured = Vec::new();
    for (input, mark) in marks.iter().enumerate() {
        let first_day = mark.first_day.min(mark.last_day);
        let last_day = mark.first_day.max(mark.last_day);
        if f64::from(last_day) + 1.0 <= view.start {
            result.hidden_before = result.hidden_before.saturating_add(1);
            result.hidden.push(mark.item);
            continue;
        }
        if f64::from(first_day) >= view.end {
            result.hidden_after = result.hidden_after.saturating_add(1);
            result.hidden.push(mark.item);
            continue;
        }
        if view.width == 0.0 {
            result.hidden.push(mark.item);
            continue;
        }
        let start_x = view.x_unchecked(f64::from(first_day));
        let end_x = view.x_unchecked(f64::from(last_day) + 1.0);
        let (shape, x0, x1) = if first_day == last_day && px_per_day < options.marker_width {
            let centre = start_x + px_per_day / 2.0;
            let half = options.marker_width / 2.0;
            (Shape::Point, centre - half, centre + half)
        } else {
            (Shape::Span, start_x, end_x.max(start_x))
        };
        let label_width = pixels(mark.label_width);
        let label_start = label_start(x0, x1, label_width, view.width, options.flip_labels);
        let label_end = label_start + label_width;
        let end = x1.max(label_end).max(x0 + options.marker_width);
        measured.push(Measured {
            input,
            item: mark.item,
            band: mark.band,
            first_day,
            last_day,
            x0,
            x1,
            label_start,
            label_end,
            start: x0.min(label_start),
            end,
            free_at: end + options.gap,
            shape,
            approximate: mark.approximate,
        });
    }
    super::order::sort(&mut result.hidden);
    super::order::sort_by(&mut measured, |a, b| {
        a.band.cmp(&b.band).then_with(|| by_start(a, b))
    });
    for band in measured.chunk_by(|a, b| a.band == b.band) {
        let lanes = layout_band(band, &options, &mut result);
        result.bands.push(BandLanes {
            band: band[0].band,
            lanes,
        });
    }
    super::order::sort_by(&mut result.placed, |a, b| {
        (a.band, a.lane)
            .cmp(&(b.band, b.lane))
            .then(a.x0.total_cmp(&b.x0))
            .then(a.item.cmp(&b.item))
    });
    super::order::sort_by(&mut result.clusters, |a, b| {
        (a.band, a.lane)
            .cmp(&(b.band, b.lane))
            .then(a.x0.total_cmp(&b.x0))
    });
    result
}

/// The packing order: by the box's start, then item, then input position.
fn by_start(a: &Measured, b: &Measured) -> Ordering {
    a.start
        .total_cmp(&b.start)
        .then(a.item.cmp(&b.item))
        .then(a.input.cmp(&b.input))
}

/// Packs one band's marks, sorted by [`by_start`]; returns the lanes used.
fn layout_band(marks: &[Measured], options: &LayoutOptions, result: &mut Layout) -> u32 {
    let mut lanes = 0;
    let mut stretch_start = 0;
    let mut reach = f64::NEG_INFINITY;
    for (i, mark) in marks.iter().enumerate() {
        // Every earlier box is free by this mark's start: a new stretch begins.
        if i > stretch_start && reach <= mark.start {
            lanes = lanes.max(layout_stretch(&marks[stretch_start..i], options, result));
            stretch_start = i;
        }
        reach = reach.max(mark.free_at);
    }
    lanes.max(layout_stretch(&marks[stretch_start..], options, result))
}

/// Packs a stretch of marks whose boxes chain together; returns the lanes used.
fn layout_stretch(marks: &[Measured], options: &LayoutOptions, result: &mut Layout) -> u32 {
    let max_lanes = options.max_lanes;
    let (lanes, used) = first_fit(marks);
    if used <= max_lanes {
        result.placed.extend(
            marks
                .iter()
                .zip(lanes)
                .map(|(mark, lane)| mark.placed(lane)),
        );
        return used;
    }
    // Crowded: the top lane is for clusters, the others for as many marks as fit.
    let cluster_lane = max_lanes - 1;
    let (kept, best_fit_lanes) = most_that_fit(marks, cluster_lane);
    let chosen: Vec<Measured> = marks
        .iter()
        .zip(&kept)
        .filter(|(_, &keep)| keep)
        .map(|(m, _)| *m)
        .collect();
    let (mut lanes, used) = first_fit(&chosen);
    if used > cluster_lane {
        // Cannot happen for intervals, but the lanes the choice itself made are always valid.
        lanes = best_fit_lanes
            .iter()
            .zip(&kept)
            .filter(|(_, &keep)| keep)
            .map(|(&lane, _)| lane)
            .collect();
    }
    result.placed.extend(
        chosen
            .iter()
            .zip(lanes)
            .map(|(mark, lane)| mark.placed(lane)),
    );

    let stretch_end = marks
        .iter()
        .map(|m| m.end)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut left: Vec<&Measured> = marks
        .iter()
        .zip(&kept)
        .filter(|(_, &keep)| !keep)
        .map(|(m, _)| m)
        .collect();
    // Clusters draw no labels: they are grouped by where their marks start.
    super::order::sort_by(&mut left, |a, b| {
        a.x0.total_cmp(&b.x0).then_with(|| by_start(a, b))
    });
    // Every group is a cluster, even of one mark: drawing a lone left-over
    // mark with its label where it happens to fit would make the count of
    // clustered marks jump about as the reader zooms.
    let groups = group_left_over(&left, options, stretch_end);
    for group in groups {
        let mut items: Vec<ItemIndex> = group.members.iter().map(|m| m.item).collect();
        super::order::sort(&mut items);
        result.clusters.push(Cluster {
            items,
            first_day: group
                .members
                .iter()
                .map(|m| m.first_day)
                .min()
                .unwrap_or_default(),
            last_day: group
                .members
                .iter()
                .map(|m| m.last_day)
                .max()
                .unwrap_or_default(),
            x0: group.x0,
            x1: group.x1,
            end: group.end,
            band: group.members[0].band,
            lane: cluster_lane,
        });
    }
    max_lanes
}

/// Left-over marks that will be drawn together, with the box they occupy.
struct Group<'m> {
    members: Vec<&'m Measured>,
    x0: f64,
    x1: f64,
    end: f64,
}

/// Groups left-over marks (sorted by `x0`) in order: a mark joins the current
/// group while it starts within `gap + cluster_distance` of the group's box.
/// Boxes end at the stretch's end at the latest, so they never reach the
/// next stretch.
fn group_left_over<'m>(
    left: &[&'m Measured],
    options: &LayoutOptions,
    stretch_end: f64,
) -> Vec<Group<'m>> {
    let mut groups: Vec<Group<'m>> = Vec::new();
    for &mark in left {
        match groups.last_mut() {
            Some(group) if mark.x0 < group.end + options.gap + options.cluster_distance => {
                group.members.push(mark);
                group.x1 = group.x1.max(mark.x1);
                group.end = group
                    .x1
                    .max(group.x0 + options.cluster_width)
                    .min(stretch_end);
            }
            _ => groups.push(Group {
                members: vec![mark],
                x0: mark.x0,
                x1: mark.x1,
                end: mark
                    .x1
                    .max(mark.x0 + options.cluster_width)
                    .min(stretch_end),
            }),
        }
    }
    groups
}

/// Orders `f64`s totally, for the ordered set of lanes.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Position(f64);

impl Eq for Position {}

impl PartialOrd for Position {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Position {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// First-fit in the given order (by box start): each mark takes the lowest lane
/// free at its start. For intervals this uses the fewest lanes possible.
/// Returns each mark's lane and the number of lanes.
fn first_fit(marks: &[Measured]) -> (Vec<u32>, u32) {
    let mut busy: BinaryHeap<Reverse<(Position, u32)>> = BinaryHeap::new();
    let mut free: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
    let mut lanes = Vec::with_capacity(marks.len());
    let mut used = 0;
    for mark in marks {
        while let Some(&Reverse((Position(free_at), lane))) = busy.peek() {
            if free_at > mark.start {
                break;
            }
            busy.pop();
            free.push(Reverse(lane));
        }
        let lane = match free.pop() {
            Some(Reverse(lane)) => lane,
            None => {
                used += 1;
                used - 1
            }
        };
        busy.push(Reverse((Position(mark.free_at), lane)));
        lanes.push(lane);
    }
    (lanes, used)
}

/// The largest set of marks that fits in `lanes` lanes: taken by increasing
/// box end, each mark goes to the lane that became free last before its
/// start, if any. For intervals this is optimal (the greedy algorithm for
/// interval scheduling on identical machines). Returns, for each mark,
/// whether it is kept and the lane this choice gave it.
fn most_that_fit(marks: &[Measured], lanes: u32) -> (Vec<bool>, Vec<u32>) {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    super::order::sort_by(&mut order, |&a, &b| {
        marks[a]
            .free_at
            .total_cmp(&marks[b].free_at)
            .then_with(|| by_start(&marks[a], &marks[b]))
    });
    let mut free: BTreeSet<(Position, u32)> = (0..lanes)
        .map(|lane| (Position(f64::NEG_INFINITY), lane))
        .collect();
    let mut kept = vec![false; marks.len()];
    let mut assigned = vec![0; marks.len()];
    for i in order {
        let mark = &marks[i];
        let latest = free
            .range(..=(Position(mark.start), u32::MAX))
            .next_back()
            .copied();
        if let Some(slot) = latest {
            free.remove(&slot);
            free.insert((Position(mark.free_at), slot.1));
            kept[i] = true;
            assigned[i] = slot.1;
        }
    }
    (kept, assigned)
}

/// A stretch of a commitment's status bar: inclusive days and their status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub first_day: DayNumber,
    pub last_day: DayNumber,
    pub status: Status,
}

/// A commitment's status history as a bar: each entry's segment runs from its
/// first day to the day before the next entry's first day; the last runs to
/// the last entry's last day. Segments are contiguous and in order. An entry
/// that starts on the same day as the next is superseded by it. Entries out of
/// order (which the loader rejects) are taken in order of first day.
pub fn status_segments(commitment: &Commitment) -> Vec<Segment> {
    let mut entries: Vec<(DayNumber, DayNumber, Status)> = commitment
        .status_history
        .iter()
        .map(|entry| {
            let (first, last) = entry.date.value.interval();
            (first, last, entry.status)
        })
        .collect();
    // Stable, so entries on the same first day keep the history's order.
    super::order::sort_by_key(&mut entries, |entry| entry.0);
    let mut segments = Vec::with_capacity(entries.len());
    for (i, &(first_day, last_day, status)) in entries.iter().enumerate() {
        match entries.get(i + 1) {
            Some(&(next_first, _, _)) if next_first > first_day => segments.push(Segment {
                first_day,
                last_day: next_first - 1,
                status,
            }),
            Some(_) => {}
            None => segments.push(Segment {
                first_day,
                last_day: last_day.max(first_day),
                status,
            }),
        }
    }
    segments
}
