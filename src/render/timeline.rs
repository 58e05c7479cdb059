//! The timeline: the query's items as an SVG, laid out by `core::timeline`
//! in the viewport that `core::viewport` keeps.
//!
//! Horizontal positions are written as percentages of the width the layout
//! was made for, so the SVG stretches with its container without distorting
//! text; a layout made for the narrowest width of a range stays legible
//! across the range (the pre-rendered page relies on this).
//!
//! Each mark and cluster is placed at its start and lane ([`Svg::place`]),
//! with its shapes and label drawn relative to that point, so a zoom or a
//! pan changes one place per mark rather than every shape's. How depends on
//! the [`Placement`]: the pre-rendered page places marks at percentages, in
//! nested `<svg>`s; the engine's draws at pixels, in groups moved by a
//! transform, which the browser moves without laying out their labels again
//! (it does lay out the labels of a nested `<svg>` that moves: in Chromium,
//! moving 157 labelled marks took 11 to 18 ms so, and 4 to 7 ms as groups).

use super::markup::{push_fixed, Markup};
use super::Context;
use crate::core::date::{civil_from_day_number, DayNumber, PartialDate};
use crate::core::model::{Item, ItemIndex, Status};
use crate::core::query::QueryResult;
use crate::core::timeline::{
    extent, layout, status_segments, ticks, Cluster, Layout, LayoutOptions, Mark, Placed, Shape,
    Viewport,
};
use crate::core::url_state::{self, UrlState};
use crate::core::viewport::TimelineState;

const AXIS_HEIGHT: f64 = 30.0;
const LANE_HEIGHT: f64 = 24.0;
const MARK_HEIGHT: f64 = 10.0;
const BAND_GAP: f64 = 20.0;
/// The container width from which the page shows the timeline built for wide
/// containers (the container query in `www/style.css`).
pub const WIDE_FROM: f64 = 560.0;
/// How marks are placed across the timeline's width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// At percentages of the width, each mark a nested `<svg>`: the
    /// pre-rendered page, whose timeline stretches across a range of widths.
    Stretched,
    /// At pixels of the width drawn, each mark a group moved by a
    /// transform: the engine's draws, which it redraws when the width changes.
    Exact,
}

/// The room a cluster needs: its stack of marks and a count of up to three digits.
const CLUSTER_WIDTH: f64 = 40.0;
/// Longer titles are shortened on the timeline; the full title is in the list and the tooltip.
const LABEL_CHARS: usize = 42;

/// Widths of the label font's characters, in pixels: printable ASCII, and
/// one width for every other character.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelWidths {
    pub ascii: [f32; 95],
    pub other: f32,
}

impl Default for LabelWidths {
    /// The widths of 12px system-ui as Debian's Chromium draws it (DejaVu
    /// Sans); the page measures its own font and passes them in.
    fn default() -> LabelWidths {
        LabelWidths {
            ascii: DEFAULT_ASCII_WIDTHS,
            other: 7.6,
        }
    }
}

impl LabelWidths {
    /// From a list of 95 ASCII widths and one more for other characters, as
    /// the page measures them; `None` when the list is malformed.
    pub fn from_measured(widths: &[f32]) -> Option<LabelWidths> {
        if widths.len() != 96
            || widths
                .iter()
                .any(|w| !w.is_finite() || *w < 0.0 || *w > 100.0)
        {
            return None;
        }
        let mut ascii = [0.0; 95];
        ascii.copy_from_slice(&widths[..95]);
        Some(LabelWidths {
            ascii,
            other: widths[95],
        })
    }

    /// The width of `text`: a character's width is added for each byte
    /// that starts one, without decoding UTF-8 (every draw measures every
    /// result's label, so this is hot).
    pub fn width(&self, text: &str) -> f64 {
        let mut total = 0.0;
        for &byte in text.as_bytes() {
            if (32..127).contains(&byte) {
                total += f64::from(self.ascii[usize::from(byte - 32)]);
            } else if !(0x80..0xC0).contains(&byte) {
                // Not a continuation byte: a control or a non-ASCII character.
                total += f64::from(self.other);
            }
        }
        total
    }
}

const DEFAULT_ASCII_WIDTHS: [f32; 95] = [
    3.8, 4.8, 5.5, 10.1, 7.6, 11.4, 9.3, 3.3, 4.7, 4.7, 6.0, 10.1, 3.8, 4.3, 3.8, 4.0, 7.6, 7.6,
    7.6, 7.6, 7.6, 7.6, 7.6, 7.6, 7.6, 7.6, 4.0, 4.0, 10.1, 10.1, 10.1, 6.4, 12.0, 8.2, 8.2, 8.4,
    9.2, 7.6, 6.9, 9.3, 9.0, 3.5, 3.5, 7.9, 6.7, 10.4, 9.0, 9.4, 7.2, 9.4, 8.3, 7.6, 7.3, 8.8, 8.2,
    11.9, 8.2, 7.3, 8.2, 4.7, 4.0, 4.7, 10.1, 6.0, 6.0, 7.4, 7.6, 6.6, 7.6, 7.4, 4.2, 7.6, 7.6,
    3.3, 3.3, 6.9, 3.3, 11.7, 7.6, 7.3, 7.6, 7.6, 4.9, 6.2, 4.7, 7.6, 7.1, 9.8, 7.1, 7.1, 6.3, 7.6,
    4.0, 7.6, 10.1,
];

const ELLIPSIS: &str = "…";

/// The words a title keeps when it is cut at a word boundary to at most
/// `chars` characters (the ellipsis is one of them), so every visible word
/// is a whole word of the title (and of the link's name); `None` when it
/// fits whole. A slice of the title, since every draw measures every
/// result's label and most of those measured are never drawn.
fn kept_words(title: &str, chars: usize) -> Option<&str> {
    let mut starts = title.char_indices().map(|(at, _)| at);
    // Where the character after the first `chars - 1` starts, if the title
    // has more than `chars` characters.
    let cut = starts.nth(chars.saturating_sub(1))?;
    starts.next()?;
    let cut = &title[..cut];
    let mut words = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => cut,
    };
    // An aside cut in the middle reads badly: drop an unclosed parenthesis and what follows.
    if words.matches('(').count() > words.matches(')').count() {
        if let Some(open) = words.rfind('(') {
            words = &words[..open];
        }
    }
    Some(words.trim_end_matches([',', ';', ':', ' ', '–', '—']))
}

/// The timeline laid out: the viewport, each band's layout and the days of
/// every result's mark, for drawing it and for moving the keyboard through it.
struct Drawing {
    viewport: Viewport,
    bands: [(&'static str, Layout); 2],
    /// Every result's item and days, sorted by item.
    days: Vec<(ItemIndex, DayNumber, DayNumber)>,
}

/// Where a mark is drawn: its span in pixels, the top of its lane, and its
/// tabindex (one entry is the timeline's Tab stop).
#[derive(Clone, Copy)]
struct Slot<'t> {
    x0: f64,
    x1: f64,
    y: f64,
    tabindex: &'t str,
}

/// One thing drawn on its own: a mark, or a cluster of them.
#[derive(Clone, Copy)]
enum Entry<'l> {
    Mark(&'l Placed),
    Cluster(&'l Cluster),
}

/// An entry with its band and the days it covers, for ordering.
#[derive(Clone, Copy)]
struct Ordered<'l> {
    entry: Entry<'l>,
    band: usize,
    first_day: DayNumber,
    last_day: DayNumber,
    first_item: ItemIndex,
}

impl Ordered<'_> {
    fn contains(&self, item: ItemIndex) -> bool {
        match self.entry {
            Entry::Mark(mark) => mark.item == item,
            Entry::Cluster(cluster) => cluster.items.binary_search(&item).is_ok(),
        }
    }

    /// Where the entry starts on screen.
    fn x0(&self) -> f64 {
        match self.entry {
            Entry::Mark(mark) => mark.x0,
            Entry::Cluster(cluster) => cluster.x0,
        }
    }
}

/// The options a band is laid out with: clusters need room for a stack and
/// a count; the lane limit grows with the zoom.
fn band_options(max_lanes: u32) -> LayoutOptions {
    LayoutOptions {
        max_lanes,
        cluster_width: CLUSTER_WIDTH,
        ..LayoutOptions::default()
    }
}

/// Lays out the results in the viewport `timeline` keeps (fitted anew when the filters changed).
fn lay_out(
    cx: &Context,
    result: &QueryResult,
    timeline: &mut TimelineState,
    width: f64,
    widths: &LabelWidths,
) -> Drawing {
    let marks: Vec<Mark> = result
        .items
        .iter()
        .filter_map(|&item| {
            Mark::for_item(
                cx.dataset,
                item,
                label_width(cx, item, widths, label_room(width)),
                0,
            )
        })
        .collect();
    let filters = url_state::to_query_string(&UrlState {
        query: cx.state.query.clone(),
        ..UrlState::default()
    });
    let viewport = timeline.prepare(&filters, extent(&marks), width);

    // Events and commitments are laid out in bands of their own: commitments are
    // long bars that overlap one another, and would otherwise crowd every event
    // into clusters. Events cluster when dense; commitment bars get a lane each
    // where they overlap, up to a generous limit.
    let (event_marks, commitment_marks): (Vec<Mark>, Vec<Mark>) = marks
        .iter()
        .partition(|m| matches!(cx.dataset.item(m.item), Item::Event(_)));
    // Items on the same day cannot spread out however far one zooms in, so the
    // lane limit grows with the zoom instead: zooming into a cluster's span
    // always opens it, and zooming in never merges more.
    let zoom = timeline.zoom(&viewport);
    let lanes = |normal: u32| (f64::from(normal) * zoom).min(1000.0) as u32;
    let bands = [
        (
            "Events",
            layout(
                &event_marks,
                &viewport,
                &band_options(lanes(if width < 600.0 { 5 } else { 7 })),
            ),
        ),
        (
            "Commitments",
            layout(&commitment_marks, &viewport, &band_options(lanes(40))),
        ),
    ];
    let mut days: Vec<(ItemIndex, DayNumber, DayNumber)> = marks
        .iter()
        .map(|m| (m.item, m.first_day, m.last_day))
        .collect();
    crate::core::order::sort_by_key(&mut days, |d| d.0);
    Drawing {
        viewport,
        bands,
        days,
    }
}

/// The width of an item's label: its shortened title, and for a commitment
/// its status. Measured on slices of the title, without building the label.
fn label_width(cx: &Context, item: ItemIndex, widths: &LabelWidths, room: f64) -> f64 {
    let status_width = status_width(label_status(cx, item), widths);
    let (_, title_width) = fitted_title(cx.dataset.item(item).title(), widths, status_width, room);
    title_width + status_width + LABEL_PADDING
}

/// What a label takes beside its text.
const LABEL_PADDING: f64 = 6.0;

/// The width of a label's status and its separator; none for an event.
fn status_width(status: Option<&str>, widths: &LabelWidths) -> f64 {
    status.map_or(0.0, |s| widths.width(s) + widths.width(STATUS_SEPARATOR))
}

/// The words of a title that fit in `room` beside a status `status_width`
/// wide (cut four characters at a time, to 12 at the fewest), and their
/// width with the ellipsis; `None` when the title is drawn whole.
fn fitted_title<'t>(
    title: &'t str,
    widths: &LabelWidths,
    status_width: f64,
    room: f64,
) -> (Option<&'t str>, f64) {
    let measure = |chars| match kept_words(title, chars) {
        None => (None, widths.width(title)),
        Some(words) => (Some(words), widths.width(words) + widths.width(ELLIPSIS)),
    };
    let mut chars = LABEL_CHARS;
    let mut fitted = measure(chars);
    while fitted.1 + status_width + LABEL_PADDING > room && chars > 12 {
        chars -= 4;
        fitted = measure(chars);
    }
    fitted
}

/// A commitment's current status in words; an event has none.
fn label_status(cx: &Context, item: ItemIndex) -> Option<&'static str> {
    match cx.dataset.item(item) {
        Item::Commitment(c) => Some(status_word(cx.dataset.current_status(c))),
        Item::Event(_) => None,
    }
}

/// The room a label has: the timeline's width less a margin.
fn label_room(width: f64) -> f64 {
    (width - 12.0).max(60.0)
}

/// A label's title and, for a commitment, its current status in words:
/// the status bar's colours say it too, but not to everyone. The title is
/// shortened further on a narrow timeline, so that the label fits in `room`.
fn label_parts(
    cx: &Context,
    item: ItemIndex,
    widths: &LabelWidths,
    room: f64,
) -> (String, Option<&'static str>) {
    let title = cx.dataset.item(item).title();
    let status = label_status(cx, item);
    let title = match fitted_title(title, widths, status_width(status, widths), room) {
        (None, _) => title.to_string(),
        (Some(words), _) => format!("{words}{ELLIPSIS}"),
    };
    (title, status)
}

const STATUS_SEPARATOR: &str = ": ";

/// A status as the label says it: its name, as the list and the tracker say it.
fn status_word(status: Status) -> &'static str {
    status.label()
}

/// Everything drawn on its own, in date order (first day, last day, then
/// the first item): the order of the document and of the arrow keys.
fn entries(drawing: &Drawing) -> Vec<Ordered<'_>> {
    let days_of = |item: ItemIndex| {
        drawing
            .days
            .binary_search_by_key(&item, |d| d.0)
            .map_or((0, 0), |at| (drawing.days[at].1, drawing.days[at].2))
    };
    let mut ordered = Vec::new();
    for (band, (_, placed)) in drawing.bands.iter().enumerate() {
        for mark in &placed.placed {
            let (first_day, last_day) = days_of(mark.item);
            ordered.push(Ordered {
                entry: Entry::Mark(mark),
                band,
                first_day,
                last_day,
                first_item: mark.item,
            });
        }
        for cluster in &placed.clusters {
            // The member the keyboard lands on: the earliest.
            let first_item = cluster
                .items
                .iter()
                .copied()
                .min_by_key(|&item| (days_of(item), item))
                .unwrap_or_default();
            ordered.push(Ordered {
                entry: Entry::Cluster(cluster),
                band,
                first_day: cluster.first_day,
                last_day: cluster.last_day,
                first_item,
            });
        }
    }
    crate::core::order::sort_by(&mut ordered, |a, b| {
        (a.first_day, a.last_day, a.first_item).cmp(&(b.first_day, b.last_day, b.first_item))
    });
    ordered
}

/// The entry that is the timeline's Tab stop: the one holding the keyboard's
/// item, else the selection, else the first that starts in view.
fn tab_stop(entries: &[Ordered], timeline: &TimelineState, cx: &Context) -> Option<usize> {
    let selected = cx
        .state
        .item
        .as_deref()
        .and_then(|id| cx.dataset.item_index(id));
    [timeline.focus, selected]
        .into_iter()
        .flatten()
        .find_map(|item| entries.iter().position(|e| e.contains(item)))
        .or_else(|| entries.iter().position(|e| e.x0() >= 0.0))
        .or((!entries.is_empty()).then_some(0))
}

/// A move of the keyboard along the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Previous,
    Next,
    First,
    Last,
}

impl Step {
    /// -1 and 1 step back and forth, -2 and 2 go to the first and the last.
    pub fn from_code(code: i32) -> Option<Step> {
        match code {
            -1 => Some(Step::Previous),
            1 => Some(Step::Next),
            -2 => Some(Step::First),
            2 => Some(Step::Last),
            _ => None,
        }
    }
}

/// Moves the keyboard's item one step in date order, or to the first or the
/// last result, panning (at the same zoom) so that it is in view: the next
/// draw makes its mark, or the cluster holding it, the Tab stop. Returns
/// whether it moved.
pub fn step(
    cx: &Context,
    result: &QueryResult,
    timeline: &mut TimelineState,
    width: f64,
    widths: &LabelWidths,
    step: Step,
) -> bool {
    let drawing = lay_out(cx, result, timeline, width, widths);
    let ordered = entries(&drawing);
    let view = drawing.viewport;
    let current = tab_stop(&ordered, timeline, cx);
    // Items not drawn, in date order: those before the viewport and after it.
    let by_date = |a: &&(ItemIndex, DayNumber, DayNumber),
                   b: &&(ItemIndex, DayNumber, DayNumber)| {
        (a.1, a.2, a.0).cmp(&(b.1, b.2, b.0))
    };
    let before = || {
        drawing
            .days
            .iter()
            .filter(|d| f64::from(d.2) + 1.0 <= view.start)
            .max_by(by_date)
    };
    let after = || {
        drawing
            .days
            .iter()
            .filter(|d| f64::from(d.1) >= view.end)
            .min_by(by_date)
    };
    let target = match (step, current) {
        (Step::First, _) => drawing.days.iter().min_by(by_date).map(|d| (d.0, d.1)),
        (Step::Last, _) => drawing.days.iter().max_by(by_date).map(|d| (d.0, d.1)),
        (Step::Next, Some(at)) if at + 1 < ordered.len() => {
            let next = ordered[at + 1];
            Some((next.first_item, next.first_day))
        }
        (Step::Previous, Some(at)) if at > 0 => {
            let previous = ordered[at - 1];
            Some((previous.first_item, previous.first_day))
        }
        (Step::Next, _) => after().map(|d| (d.0, d.1)),
        (Step::Previous, _) => before().map(|d| (d.0, d.1)),
    };
    let Some((item, day)) = target else {
        return false;
    };
    timeline.focus = Some(item);
    // Follow the keyboard: an item that starts out of view, or near the
    // right edge, comes to the middle.
    let x = view.x(f64::from(day));
    let in_view = ordered.iter().any(|e| e.contains(item));
    if !in_view || x > view.width * 0.85 || (x < 0.0 && matches!(step, Step::First)) {
        timeline.centre_on(f64::from(day) + 0.5);
    }
    true
}

/// The timeline of `result` at `width` pixels, in the viewport `timeline`
/// keeps (fitted anew when the filters changed), its marks placed by
/// `placement`. Returns the SVG and how many items are drawn on their own.
pub fn timeline(
    cx: &Context,
    result: &QueryResult,
    timeline: &mut TimelineState,
    width: f64,
    widths: &LabelWidths,
    placement: Placement,
) -> (String, usize) {
    let width = width.max(1.0);
    let selected = cx
        .state
        .item
        .as_deref()
        .and_then(|id| cx.dataset.item_index(id));
    timeline.note_selection(selected);
    let drawing = lay_out(cx, result, timeline, width, widths);
    let viewport = drawing.viewport;
    let bands = &drawing.bands;
    let lanes_of = |l: &Layout| l.bands.iter().map(|b| b.lanes).sum::<u32>();
    let height = AXIS_HEIGHT
        + bands
            .iter()
            .map(|(_, l)| f64::from(lanes_of(l)) * LANE_HEIGHT + BAND_GAP)
            .sum::<f64>()
        + 14.0;

    // Named by the range of the first draw's width, and kept so: a detail
    // opening beside the timeline narrows it without replacing it.
    let first_width = *timeline.first_width.get_or_insert(width);
    let svg_key = if first_width < WIDE_FROM {
        "timeline-narrow"
    } else {
        "timeline-wide"
    };
    let mut svg = Svg {
        out: Markup::new(),
        width,
        widths,
        placement,
    };
    svg.out
        .open("svg")
        .attr("width", "100%")
        .number("height", height)
        .attr("class", "timeline-svg")
        // The page is built with a timeline for narrow containers and one for
        // wide ones, and shows one; keyed by range, a redraw keeps the one
        // shown (its marks move) and drops the other.
        .attr("data-key", svg_key);

    // The axis is decoration for sighted readers; items carry their own dates.
    svg.out
        .open("g")
        .attr("class", "axis")
        .attr("aria-hidden", "true");
    let (_, tick_marks) = ticks(&viewport, if width < 600.0 { 56.0 } else { 70.0 });
    for tick in &tick_marks {
        let class = if tick.major { "tick major" } else { "tick" };
        svg.out.open("line").attr("class", class);
        svg.x("x1", tick.x).x("x2", tick.x);
        svg.out
            .attr("y1", "0")
            .number("y2", height)
            .void()
            .close("line");
        // A label that would run past the right edge is cut off there
        // ("Q1 202"): its line alone marks the tick. Axis labels are the
        // label font, bold when major, hence the margin on the measure.
        if tick.x + 3.0 + widths.width(&tick.label) * 1.1 > width {
            continue;
        }
        svg.out.open("text");
        svg.x("x", tick.x + 3.0);
        svg.out
            .attr("y", "14")
            .attr("class", class)
            .text(&tick.label)
            .close("text");
    }
    // The bands' names, above their lanes.
    let mut band_tops = [0.0; 2];
    let mut top = AXIS_HEIGHT;
    for (band, (name, placed)) in bands.iter().enumerate() {
        if lanes_of(placed) == 0 {
            continue;
        }
        svg.out
            .open("text")
            .attr("class", "band-title")
            .attr("x", "4")
            .number("y", top + 12.0)
            .text(name)
            .close("text");
        top += BAND_GAP - 4.0;
        band_tops[band] = top;
        top += f64::from(lanes_of(placed)) * LANE_HEIGHT + 4.0;
    }
    svg.out.close("g");

    // Every mark and cluster in one list, in date order, with one Tab stop.
    let ordered = entries(&drawing);
    let stop = tab_stop(&ordered, timeline, cx);
    // A list must have items: with nothing in view there is none.
    if !ordered.is_empty() {
        svg.out
            .open("g")
            .attr("class", "marks")
            .attr("role", "list")
            .attr("aria-label", "Results on the timeline, in date order");
    }
    for (at, entry) in ordered.iter().enumerate() {
        let tabindex = if Some(at) == stop { "0" } else { "-1" };
        let top = band_tops[entry.band];
        match entry.entry {
            Entry::Mark(mark) => {
                let y = top + f64::from(mark.lane) * LANE_HEIGHT;
                let slot = Slot {
                    x0: mark.x0,
                    x1: mark.x1,
                    y,
                    tabindex,
                };
                svg.mark(cx, mark.item, slot, Some(mark), mark.shape);
            }
            Entry::Cluster(cluster) => {
                let y = top + f64::from(cluster.lane) * LANE_HEIGHT;
                match cluster.items.as_slice() {
                    // A cluster of one is a mark whose label found no room: draw the bare mark.
                    &[item] => {
                        let shape =
                            if cluster.x1 - cluster.x0 <= LayoutOptions::default().marker_width {
                                Shape::Point
                            } else {
                                Shape::Span
                            };
                        let slot = Slot {
                            x0: cluster.x0,
                            x1: cluster.x1,
                            y,
                            tabindex,
                        };
                        svg.mark(cx, item, slot, None, shape);
                    }
                    _ => svg.cluster(cx, cluster, entry.band, y, tabindex),
                }
            }
        }
    }
    if !ordered.is_empty() {
        svg.out.close("g");
    }
    let drawn = bands.iter().map(|(_, l)| l.placed.len()).sum();
    let hidden_before: u32 = bands.iter().map(|(_, l)| l.hidden_before).sum();
    let hidden_after: u32 = bands.iter().map(|(_, l)| l.hidden_after).sum();

    let y = height - 3.0;
    if hidden_before > 0 {
        svg.out
            .open("text")
            .attr("class", "offscreen")
            .attr("x", "4")
            .number("y", y)
            .text(&format!("← {hidden_before} earlier"))
            .close("text");
    }
    if hidden_after > 0 {
        svg.out
            .open("text")
            .attr("class", "offscreen")
            .attr("x", "99%")
            .number("y", y)
            .attr("text-anchor", "end")
            .text(&format!("{hidden_after} later →"))
            .close("text");
    }
    if drawing.days.is_empty() {
        svg.out
            .open("text")
            .attr("class", "offscreen")
            .attr("x", "8")
            .number("y", AXIS_HEIGHT + 16.0)
            .text("Nothing to show: no item matches all of these filters.")
            .close("text");
    }
    svg.out.close("svg");
    (svg.out.finish(), drawn)
}

/// The SVG being written, the width its pixels are percentages of, and how
/// its marks are placed.
struct Svg<'w> {
    out: Markup,
    width: f64,
    widths: &'w LabelWidths,
    placement: Placement,
}

impl Svg<'_> {
    /// A horizontal position or length as a percentage of the width. Zero,
    /// the default of every attribute this writes, is left out: it is where
    /// most shapes of a mark start.
    fn x(&mut self, name: &'static str, pixels: f64) -> &mut Self {
        let fraction = pixels / self.width;
        if (fraction * 10_000.0).round() != 0.0 {
            self.out.percent(name, fraction, 2);
        }
        self
    }

    /// Opens the list item of a mark or cluster at `x` and `y`, which its
    /// contents are drawn relative to: a nested `<svg>` placed at a
    /// percentage, or a group moved by a transform in pixels. Percentages
    /// inside either are still of the whole width (a nested `<svg>` is as
    /// wide as the one it is in, and a group is no viewport), and the style
    /// sheet lets a nested `<svg>` overflow. [`Svg::unplace`] closes it.
    fn place(&mut self, key: &str, x: f64, y: f64) {
        match self.placement {
            Placement::Stretched => {
                self.out
                    .open("svg")
                    .attr("role", "listitem")
                    .attr("data-key", key);
                self.x("x", x);
                self.out.number("y", y);
            }
            Placement::Exact => {
                let mut transform = String::from("translate(");
                push_fixed(&mut transform, x, 1);
                transform.push(' ');
                push_fixed(&mut transform, y, 1);
                transform.push(')');
                self.out
                    .open("g")
                    .attr("role", "listitem")
                    .attr("data-key", key)
                    .attr("transform", &transform);
            }
        }
    }

    /// Closes what [`Svg::place`] opened.
    fn unplace(&mut self) {
        self.out.close(match self.placement {
            Placement::Stretched => "svg",
            Placement::Exact => "g",
        });
    }

    /// A cluster: a stack of marks with its count, and a thin line over
    /// the days it covers; activating it zooms into it.
    fn cluster(&mut self, cx: &Context, cluster: &Cluster, band: usize, y: f64, tabindex: &str) {
        let (first, last) = (day_label(cluster.first_day), day_label(cluster.last_day));
        let count = cluster.items.len();
        let mut titles: Vec<&str> = cluster
            .items
            .iter()
            .take(3)
            .map(|&item| cx.dataset.item(item).title())
            .collect();
        let more = count.saturating_sub(titles.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        titles.dedup();
        let description = format!(
            "{count} items from {first} to {last}: {}{more}. Press Enter to zoom in.",
            titles.join("; ")
        );
        self.place(
            &format!("cluster-{band}-{}-{}", cluster.first_day, cluster.last_day),
            cluster.x0,
            y,
        );
        // From here on, places are relative to the cluster's start and lane.
        let (x0, x1, end, y) = (0.0, cluster.x1 - cluster.x0, cluster.end - cluster.x0, 0.0);
        let middle = y + LANE_HEIGHT / 2.0 - 2.0;
        self.out
            .open("g")
            .attr("class", "cluster")
            .attr("role", "button")
            .attr("tabindex", tabindex)
            .attr("aria-label", &description)
            .attr("data-first-day", &cluster.first_day.to_string())
            .attr("data-last-day", &cluster.last_day.to_string());
        // A box the size of the cluster's place, so the whole of it answers the pointer.
        self.out.open("rect").attr("class", "hit");
        let box_width = (end - x0).max(x1 - x0).max(CLUSTER_WIDTH);
        self.x("x", x0).x("width", box_width);
        self.out
            .number("y", y)
            .number("height", LANE_HEIGHT - 2.0)
            .void()
            .close("rect");
        if x1 - x0 > 12.0 {
            self.out.open("line").attr("class", "span");
            self.x("x1", x0).x("x2", x1);
            self.out
                .number("y1", middle + 9.0)
                .number("y2", middle + 9.0)
                .void()
                .close("line");
        }
        // Up to three marks, each a little up and to the right of the one before.
        let shown = count.min(3);
        for i in (0..shown).rev() {
            let offset = 2.0 * i as f64;
            self.out.open("rect").attr("class", "card");
            self.x("x", x0 + 1.0 + 1.5 * offset).x("width", 8.0);
            self.out
                .number("y", middle - 1.0 - offset)
                .attr("height", "8")
                .attr("rx", "1.5")
                .void()
                .close("rect");
        }
        self.out.open("text").attr("class", "count");
        self.x("x", x0 + 16.0);
        self.out
            .number("y", middle + 6.0)
            .text(&count.to_string())
            .close("text")
            .close("g");
        self.unplace();
    }

    fn mark(
        &mut self,
        cx: &Context,
        index: ItemIndex,
        Slot {
            x0,
            x1,
            y,
            tabindex,
        }: Slot,
        label: Option<&Placed>,
        shape: Shape,
    ) {
        let item = cx.dataset.item(index);
        let selected = cx.is_selected(item.id());
        let date = item.date();
        let kind = match item {
            Item::Event(e) => format!(
                "event {}{}",
                e.event_type.as_str(),
                if e.expected { " expected" } else { "" }
            ),
            Item::Commitment(_) => "commitment".to_string(),
        };
        let class = format!(
            "mark {kind}{}{}",
            if selected { " selected" } else { "" },
            if date.approximate { " approximate" } else { "" }
        );
        let (status, what) = match item {
            Item::Event(e) => (
                String::new(),
                super::event_type_label(e).unwrap_or_else(|| "Event".to_string()),
            ),
            Item::Commitment(c) => (
                format!(
                    "{}{STATUS_SEPARATOR}",
                    status_word(cx.dataset.current_status(c))
                ),
                "Commitment".to_string(),
            ),
        };
        // The name starts with what the label shows (the status, then the title).
        let description = format!(
            "{status}{}. {what}, {}{}",
            item.title(),
            date.value.label(),
            if date.approximate {
                " (approximate)"
            } else {
                ""
            }
        );
        // A list item holds the link: ARIA allows no list-item role on a link itself.
        // A mark that starts before the window is placed at its left edge,
        // where its label is: the label then needs no offset of its own,
        // whose rounding Firefox adds to its place.
        let origin = x0.max(0.0);
        self.place(item.id(), origin, y);
        // From here on, places are relative to the mark's start and lane.
        let (x0, x1, y) = (0.0, x1 - origin, 0.0);
        self.out
            .open("a")
            .attr("href", &cx.select_href(index))
            .attr("class", &class)
            .attr("aria-label", &description)
            .attr("data-id", item.id())
            .attr("tabindex", tabindex);
        if selected {
            self.out.attr("aria-current", "true");
        }
        let middle = y + LANE_HEIGHT / 2.0 - 2.0;
        match (item, shape) {
            (Item::Commitment(commitment), _) => {
                // The status history as a bar of segments, each coloured by its status.
                let segments = status_segments(commitment);
                let first_day = segments.first().map_or(0, |s| s.first_day);
                let last_day = segments.last().map_or(first_day, |s| s.last_day);
                let px_per_day = (x1 - x0) / f64::from(last_day - first_day + 1).max(1.0);
                for segment in segments {
                    let sx = x0 + f64::from(segment.first_day - first_day) * px_per_day;
                    let sw =
                        (f64::from(segment.last_day - segment.first_day + 1) * px_per_day).max(3.0);
                    self.out.open("rect").attr(
                        "class",
                        &format!("segment {}", super::status_class(segment.status)),
                    );
                    self.x("x", sx).x("width", sw);
                    self.out
                        .number("y", middle - MARK_HEIGHT / 2.0)
                        .number("height", MARK_HEIGHT)
                        .void()
                        .close("rect");
                }
            }
            (Item::Event(_), Shape::Point) => {
                self.out.open("circle");
                self.x("cx", (x0 + x1) / 2.0);
                self.out
                    .number("cy", middle)
                    .attr("r", "4.5")
                    .void()
                    .close("circle");
            }
            (Item::Event(_), Shape::Span) => {
                self.out.open("rect");
                self.x("x", x0).x("width", (x1 - x0).max(3.0));
                self.out
                    .number("y", middle - MARK_HEIGHT / 2.0)
                    .number("height", MARK_HEIGHT)
                    .attr("rx", "3")
                    .void()
                    .close("rect");
            }
        }
        if let Some(placed) = label {
            let (title, status) = label_parts(cx, index, self.widths, label_room(self.width));
            self.out.open("text");
            // A flipped label ends at its mark, right-aligned, so that it
            // stops at the edge whatever the font's exact widths.
            if placed.label_flipped() {
                self.x("x", placed.label_end - origin)
                    .out
                    .attr("text-anchor", "end");
            } else {
                self.x("x", placed.label_start - origin);
            }
            self.out
                .number("y", y + LANE_HEIGHT - 1.0)
                .attr("class", "label");
            // The status comes first, so that what the label shows is the
            // start of the link's name, which gives the full title.
            if let Some(status) = status {
                self.out
                    .open("tspan")
                    .attr("class", "status-word")
                    .text(status)
                    .text(STATUS_SEPARATOR)
                    .close("tspan");
            }
            self.out.text(&title).close("text");
        }
        self.out.close("a");
        self.unplace();
    }
}

fn day_label(day: DayNumber) -> String {
    let (year, month, d) = civil_from_day_number(day);
    PartialDate::Day(year, month, d).label()
}
