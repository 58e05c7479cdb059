//! The timeline: the query's items as an SVG, laid out by `core::timeline`
//! in the viewport that `core::viewport` keeps.
//!
//! Horizontal positions are written as percentages of the width the layout
//! was made for, so the SVG stretches with its container without distorting
//! text; a layout made for the narrowest width of a range stays legible
//! across the range (the pre-rendered page relies on this).

use super::markup::{push_fixed, Markup};
use super::Context;
use crate::core::date::{civil_from_day_number, DayNumber, PartialDate};
use crate::core::model::{Item, ItemIndex};
use crate::core::query::QueryResult;
use crate::core::timeline::{
    extent, layout, status_segments, ticks, Cluster, Layout, LayoutOptions, Mark, Shape,
};
use crate::core::url_state::{self, UrlState};
use crate::core::viewport::TimelineState;

const AXIS_HEIGHT: f64 = 30.0;
const LANE_HEIGHT: f64 = 24.0;
const MARK_HEIGHT: f64 = 10.0;
const BAND_GAP: f64 = 20.0;
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

    pub fn width(&self, text: &str) -> f64 {
        text.chars()
            .map(|c| {
                let code = c as u32;
                if (32..127).contains(&code) {
                    f64::from(self.ascii[(code - 32) as usize])
                } else {
                    f64::from(self.other)
                }
            })
            .sum()
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

/// The title cut at a word boundary to at most `LABEL_CHARS` characters, so
/// every visible word is a whole word of the title (and of the link's name).
pub fn shortened(title: &str) -> String {
    if title.chars().count() <= LABEL_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(LABEL_CHARS - 1).collect();
    let mut words = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => cut.as_str(),
    };
    // An aside cut in the middle reads badly: drop an unclosed parenthesis and what follows.
    if words.matches('(').count() > words.matches(')').count() {
        if let Some(open) = words.rfind('(') {
            words = &words[..open];
        }
    }
    format!(
        "{}…",
        words.trim_end_matches([',', ';', ':', ' ', '–', '—'])
    )
}

/// The timeline of `result` at `width` pixels, in the viewport `timeline`
/// keeps (fitted anew when the filters changed). Returns the SVG and how
/// many items are drawn on their own.
pub fn timeline(
    cx: &Context,
    result: &QueryResult,
    timeline: &mut TimelineState,
    width: f64,
    widths: &LabelWidths,
) -> (String, usize) {
    let width = width.max(1.0);
    let marks: Vec<Mark> = result
        .items
        .iter()
        .filter_map(|&item| {
            let label = widths.width(&shortened(cx.dataset.item(item).title()));
            Mark::for_item(cx.dataset, item, label + 6.0, 0)
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
    let options = |max: u32| LayoutOptions {
        max_lanes: lanes(max),
        ..LayoutOptions::default()
    };
    let bands = [
        (
            "Events",
            layout(
                &event_marks,
                &viewport,
                &options(if width < 600.0 { 5 } else { 7 }),
            ),
        ),
        (
            "Commitments",
            layout(&commitment_marks, &viewport, &options(40)),
        ),
    ];
    let lanes_of = |l: &Layout| l.bands.iter().map(|b| b.lanes).sum::<u32>();
    let height = AXIS_HEIGHT
        + bands
            .iter()
            .map(|(_, l)| f64::from(lanes_of(l)) * LANE_HEIGHT + BAND_GAP)
            .sum::<f64>()
        + 14.0;

    let mut svg = Svg {
        out: Markup::new(),
        width,
    };
    svg.out
        .open("svg")
        .attr("width", "100%")
        .number("height", height)
        .attr("class", "timeline-svg");

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
            .close("line")
            .open("text");
        svg.x("x", tick.x + 3.0);
        svg.out
            .attr("y", "14")
            .attr("class", class)
            .text(&tick.label)
            .close("text");
    }
    svg.out.close("g");

    let mut top = AXIS_HEIGHT;
    let mut drawn = 0;
    let (mut hidden_before, mut hidden_after) = (0, 0);
    for (name, placed) in &bands {
        if lanes_of(placed) == 0 {
            continue;
        }
        svg.out
            .open("text")
            .attr("class", "band-title")
            .attr("x", "4")
            .number("y", top + 12.0)
            .attr("aria-hidden", "true")
            .text(name)
            .close("text");
        top += BAND_GAP - 4.0;
        svg.out
            .open("g")
            .attr("class", "marks")
            .attr("role", "list")
            .attr("aria-label", &format!("{name} on the timeline"));
        for mark in &placed.placed {
            let y = top + f64::from(mark.lane) * LANE_HEIGHT;
            svg.mark(
                cx,
                mark.item,
                (mark.x0, mark.x1),
                Some(mark.label_x()),
                y,
                mark.shape,
            );
        }
        for cluster in &placed.clusters {
            let y = top + f64::from(cluster.lane) * LANE_HEIGHT;
            match cluster.items.as_slice() {
                // A cluster of one is a mark whose label found no room: draw the bare mark.
                &[item] => {
                    let shape = if cluster.x1 - cluster.x0 <= LayoutOptions::default().marker_width
                    {
                        Shape::Point
                    } else {
                        Shape::Span
                    };
                    svg.mark(cx, item, (cluster.x0, cluster.x1), None, y, shape);
                }
                _ => svg.cluster(cluster, y),
            }
        }
        svg.out.close("g");
        drawn += placed.placed.len();
        hidden_before += placed.hidden_before;
        hidden_after += placed.hidden_after;
        top += f64::from(lanes_of(placed)) * LANE_HEIGHT + 4.0;
    }

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
    if marks.is_empty() {
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

/// The SVG being written, and the width its pixels are percentages of.
struct Svg {
    out: Markup,
    width: f64,
}

impl Svg {
    /// A horizontal position or length as a percentage of the width.
    fn x(&mut self, name: &'static str, pixels: f64) -> &mut Self {
        let mut value = String::new();
        push_fixed(&mut value, pixels / self.width * 100.0, 2);
        value.push('%');
        self.out.attr(name, &value);
        self
    }

    /// A cluster: stacked marks with its count; activating it zooms into it.
    fn cluster(&mut self, cluster: &Cluster, y: f64) {
        let (first, last) = (day_label(cluster.first_day), day_label(cluster.last_day));
        let description = format!(
            "{} items from {first} to {last}; activate to zoom in",
            cluster.items.len()
        );
        let box_width = (cluster.end - cluster.x0)
            .max(cluster.x1 - cluster.x0)
            .max(22.0);
        self.out
            .open("g")
            .attr("role", "listitem")
            .attr(
                "data-key",
                &format!("cluster-{}-{}", cluster.first_day, cluster.last_day),
            )
            .open("g")
            .attr("class", "cluster")
            .attr("role", "button")
            .attr("tabindex", "0")
            .attr("aria-label", &description)
            .attr("data-first-day", &cluster.first_day.to_string())
            .attr("data-last-day", &cluster.last_day.to_string())
            .open("rect");
        self.x("x", cluster.x0).x("width", box_width);
        self.out
            .number("y", y + 2.0)
            .number("height", LANE_HEIGHT - 6.0)
            .attr("rx", "9")
            .void()
            .close("rect")
            .open("text");
        self.x("x", cluster.x0 + box_width / 2.0);
        self.out
            .number("y", y + 15.0)
            .attr("text-anchor", "middle")
            .text(&cluster.items.len().to_string())
            .close("text")
            .close("g")
            .close("g");
    }

    fn mark(
        &mut self,
        cx: &Context,
        index: ItemIndex,
        (x0, x1): (f64, f64),
        label_x: Option<f64>,
        y: f64,
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
        let what = match item {
            Item::Event(e) => super::event_type_label(e).unwrap_or_else(|| "Event".to_string()),
            Item::Commitment(c) => format!(
                "Commitment, {}",
                cx.dataset.current_status(c).label().to_ascii_lowercase()
            ),
        };
        let description = format!(
            "{}. {what}, {}{}",
            item.title(),
            date.value.label(),
            if date.approximate {
                " (approximate)"
            } else {
                ""
            }
        );
        // A list item holds the link: ARIA allows no list-item role on a link itself.
        self.out
            .open("g")
            .attr("role", "listitem")
            .attr("data-key", item.id())
            .open("a")
            .attr("href", &cx.select_href(index))
            .attr("class", &class)
            .attr("aria-label", &description)
            .attr("data-id", item.id());
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
        if let Some(label_x) = label_x {
            self.out.open("text");
            self.x("x", label_x);
            self.out
                .number("y", y + LANE_HEIGHT - 1.0)
                .attr("class", "label")
                .text(&shortened(item.title()))
                .close("text");
        }
        self.out.close("a").close("g");
    }
}

fn day_label(day: DayNumber) -> String {
    let (year, month, d) = civil_from_day_number(day);
    PartialDate::Day(year, month, d).label()
}
