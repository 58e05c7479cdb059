//! The timeline: the query's items as an SVG, laid out by `core::timeline`.
//!
//! The viewport is kept between draws: it is fitted to the results when the
//! filters change, kept when only the selection or the view changes, and
//! moved by the zoom and pan methods the page calls on input.

use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

use super::Draw;
use crate::boundary::Explorer;
use crate::core::date::{civil_from_day_number, DayNumber};
use crate::core::model::{Dataset, Item, ItemIndex};
use crate::core::query::sentence_case;
use crate::core::timeline::{
    extent, layout, status_segments, ticks, LayoutOptions, Limits, Mark, Shape, Viewport,
};
use crate::core::url_state::{self, UrlState};

const AXIS_HEIGHT: f64 = 30.0;
const LANE_HEIGHT: f64 = 24.0;
const MARK_HEIGHT: f64 = 10.0;
const LABEL_FONT: &str =
    "12px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif";
/// Longer titles are shortened on the timeline; the full title is in the list and the tooltip.
const LABEL_CHARS: usize = 42;

/// The timeline's viewport and what it was fitted to.
pub(crate) struct TimelineState {
    limits: Limits,
    viewport: Option<Viewport>,
    /// The filters (query string without selection or view) the viewport was fitted to.
    fitted_to: Option<String>,
    /// The days the latest results cover, for "fit to results".
    results_extent: Option<(DayNumber, DayNumber)>,
    /// Measured label widths by item; NaN until measured.
    label_widths: Vec<f64>,
}

impl TimelineState {
    pub(crate) fn new(dataset: &Dataset) -> TimelineState {
        let marks: Vec<Mark> = (0..dataset.item_count() as ItemIndex)
            .filter_map(|i| Mark::for_item(dataset, i, 0.0, 0))
            .collect();
        let (first, last) = extent(&marks).unwrap_or((0, 0));
        TimelineState {
            limits: Limits::around(first, last),
            viewport: None,
            fitted_to: None,
            results_extent: None,
            label_widths: vec![f64::NAN; dataset.item_count()],
        }
    }

    fn fit(&mut self, width: f64) {
        if let Some(days) = self.results_extent {
            self.viewport = Some(Viewport::fit(days, width, &self.limits));
        }
    }

    fn change(&mut self, change: impl FnOnce(&Viewport, &Limits) -> Viewport) {
        if let Some(viewport) = self.viewport {
            self.viewport = Some(change(&viewport, &self.limits));
        }
    }
}

/// The title cut at a word boundary to at most `LABEL_CHARS` characters, so
/// every visible word is a whole word of the title (and of the link's name).
fn shortened(title: &str) -> String {
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

/// An SVG coordinate with one decimal, written by hand: Rust's float
/// formatting would add about 6 KB (gzipped) to the wasm for this one use.
fn number(value: f64) -> String {
    let tenths = if value.is_finite() {
        (value * 10.0).round() as i64
    } else {
        0
    };
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

#[wasm_bindgen]
impl Explorer {
    /// Draws the query's items on the timeline in `container`, as wide as the
    /// container is. Returns how many items are drawn on their own (the rest
    /// are in clusters or outside the visible span).
    #[wasm_bindgen(js_name = renderTimeline)]
    pub fn render_timeline(&self, container: Element, query_string: &str) -> Result<u32, JsValue> {
        let (state, _) = self.state_of(query_string);
        let result = self.results(&state.query);
        let width = f64::from(container.client_width()).max(1.0);
        let mut timeline = self.timeline.borrow_mut();

        let widths = self.measure_labels(&mut timeline, &container, &result.items)?;
        let marks: Vec<Mark> = result
            .items
            .iter()
            .zip(&widths)
            .filter_map(|(&item, &label_width)| {
                Mark::for_item(&self.dataset, item, label_width + 6.0, 0)
            })
            .collect();
        timeline.results_extent = extent(&marks);
        let filters = url_state::to_query_string(&UrlState {
            query: state.query.clone(),
            ..UrlState::default()
        });
        if timeline.fitted_to.as_deref() != Some(filters.as_str()) || timeline.viewport.is_none() {
            timeline.fit(width);
            timeline.fitted_to = Some(filters);
        }
        let viewport = match timeline.viewport {
            Some(v) => Viewport::new(v.start, v.end, width),
            None => Viewport::fit((0, 0), width, &timeline.limits),
        };
        timeline.viewport = Some(viewport);
        drop(timeline);

        // Events and commitments are laid out in bands of their own: commitments are
        // long bars that overlap one another, and would otherwise crowd every event
        // into clusters. Events cluster when dense; commitment bars get a lane each
        // where they overlap, up to a generous limit.
        let (event_marks, commitment_marks): (Vec<Mark>, Vec<Mark>) = marks
            .iter()
            .partition(|m| matches!(self.dataset.item(m.item), Item::Event(_)));
        // Items on the same day cannot spread out however far one zooms in, so the
        // lane limit grows with the zoom instead: zooming into a cluster's span
        // always opens it, and zooming in never merges more.
        let zoom = (self.timeline.borrow().limits.max_span_days / viewport.span()).max(1.0);
        let lanes = |normal: u32| (f64::from(normal) * zoom).min(1000.0) as u32;
        let event_options = LayoutOptions {
            max_lanes: lanes(if width < 600.0 { 5 } else { 7 }),
            ..LayoutOptions::default()
        };
        let commitment_options = LayoutOptions {
            max_lanes: lanes(40),
            ..LayoutOptions::default()
        };
        let bands = [
            ("Events", layout(&event_marks, &viewport, &event_options)),
            (
                "Commitments",
                layout(&commitment_marks, &viewport, &commitment_options),
            ),
        ];
        let lanes_of =
            |l: &crate::core::timeline::Layout| l.bands.iter().map(|b| b.lanes).sum::<u32>();
        let band_gap = 20.0;
        let height = AXIS_HEIGHT
            + bands
                .iter()
                .map(|(_, l)| f64::from(lanes_of(l)) * LANE_HEIGHT + band_gap)
                .sum::<f64>()
            + 14.0;

        let draw = Draw::for_container(&container)?;
        container.set_text_content(None);
        let svg = draw.svg(
            &container,
            "svg",
            &[
                (
                    "viewBox",
                    &format!("0 0 {} {}", number(width), number(height)),
                ),
                ("height", &number(height)),
            ],
        )?;

        // The axis is decoration for sighted readers; items carry their own dates.
        let axis = draw.svg(&svg, "g", &[("class", "axis"), ("aria-hidden", "true")])?;
        let (_, tick_marks) = ticks(&viewport, if width < 600.0 { 56.0 } else { 70.0 });
        for tick in &tick_marks {
            let x = number(tick.x);
            let class = if tick.major { "tick major" } else { "tick" };
            draw.svg(
                &axis,
                "line",
                &[
                    ("class", class),
                    ("x1", &x),
                    ("x2", &x),
                    ("y1", "0"),
                    ("y2", &number(height)),
                ],
            )?;
            let label = draw.svg(
                &axis,
                "text",
                &[("x", &number(tick.x + 3.0)), ("y", "14"), ("class", class)],
            )?;
            label.set_text_content(Some(&tick.label));
        }

        let mut top = AXIS_HEIGHT;
        let mut drawn = 0;
        let (mut hidden_before, mut hidden_after) = (0, 0);
        for (name, placed) in &bands {
            if lanes_of(placed) == 0 {
                continue;
            }
            let title = draw.svg(
                &svg,
                "text",
                &[
                    ("class", "band-title"),
                    ("x", "4"),
                    ("y", &number(top + 12.0)),
                    ("aria-hidden", "true"),
                ],
            )?;
            title.set_text_content(Some(name));
            top += band_gap - 4.0;
            let items = draw.svg(
                &svg,
                "g",
                &[
                    ("class", "marks"),
                    ("role", "list"),
                    ("aria-label", &format!("{name} on the timeline")),
                ],
            )?;
            for mark in &placed.placed {
                let y = top + f64::from(mark.lane) * LANE_HEIGHT;
                let label = Some(mark.label_x());
                self.draw_mark(
                    &draw,
                    &items,
                    &state,
                    mark.item,
                    mark.x0,
                    mark.x1,
                    label,
                    y,
                    mark.shape,
                    mark.approximate,
                )?;
            }
            for cluster in &placed.clusters {
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
                        let approximate = self.dataset.item(item).date().approximate;
                        self.draw_mark(
                            &draw,
                            &items,
                            &state,
                            item,
                            cluster.x0,
                            cluster.x1,
                            None,
                            y,
                            shape,
                            approximate,
                        )?;
                    }
                    _ => self.draw_cluster(&draw, &items, cluster, y)?,
                }
            }
            drawn += placed.placed.len();
            hidden_before += placed.hidden_before;
            hidden_after += placed.hidden_after;
            top += f64::from(lanes_of(placed)) * LANE_HEIGHT + 4.0;
        }
        let placed = crate::core::timeline::Layout {
            hidden_before,
            hidden_after,
            ..Default::default()
        };

        if placed.hidden_before > 0 || placed.hidden_after > 0 {
            let y = number(height - 3.0);
            if placed.hidden_before > 0 {
                let text = draw.svg(
                    &svg,
                    "text",
                    &[("class", "offscreen"), ("x", "4"), ("y", &y)],
                )?;
                text.set_text_content(Some(&format!("← {} earlier", placed.hidden_before)));
            }
            if placed.hidden_after > 0 {
                let text = draw.svg(
                    &svg,
                    "text",
                    &[
                        ("class", "offscreen"),
                        ("x", &number(width - 4.0)),
                        ("y", &y),
                        ("text-anchor", "end"),
                    ],
                )?;
                text.set_text_content(Some(&format!("{} later →", placed.hidden_after)));
            }
        }
        if marks.is_empty() {
            let text = draw.svg(
                &svg,
                "text",
                &[
                    ("class", "offscreen"),
                    ("x", "8"),
                    ("y", &number(AXIS_HEIGHT + 16.0)),
                ],
            )?;
            text.set_text_content(Some(
                "Nothing to show: no item matches all of these filters.",
            ));
        }
        Ok(drawn as u32)
    }

    /// Zooms by `factor` (above 1 zooms in) about the point `x` pixels from the left.
    #[wasm_bindgen(js_name = zoomTimeline)]
    pub fn zoom_timeline(&self, factor: f64, x: f64) {
        self.timeline
            .borrow_mut()
            .change(|v, limits| v.zoom_about(x, factor, limits));
    }

    /// Moves the timeline by `dx` pixels (positive shows earlier days).
    #[wasm_bindgen(js_name = panTimeline)]
    pub fn pan_timeline(&self, dx: f64) {
        self.timeline
            .borrow_mut()
            .change(|v, limits| v.pan(dx, limits));
    }

    /// Fits the timeline to the current results.
    #[wasm_bindgen(js_name = fitTimeline)]
    pub fn fit_timeline(&self) {
        let mut timeline = self.timeline.borrow_mut();
        let width = timeline.viewport.map_or(1.0, |v| v.width);
        timeline.fit(width);
    }

    /// Shows the days `first..=last` (a cluster's span), zoomed as far as allowed.
    #[wasm_bindgen(js_name = zoomTimelineTo)]
    pub fn zoom_timeline_to(&self, first: i32, last: i32) {
        let mut timeline = self.timeline.borrow_mut();
        let width = timeline.viewport.map_or(1.0, |v| v.width);
        let limits = timeline.limits;
        timeline.viewport = Some(Viewport::fit((first, last), width, &limits));
    }

    /// Moves to the start (or the end) of the data, keeping the zoom.
    #[wasm_bindgen(js_name = timelineToEdge)]
    pub fn timeline_to_edge(&self, start: bool) {
        self.timeline.borrow_mut().change(|v, limits| {
            let shift = if start {
                limits.extent.0 - v.start
            } else {
                limits.extent.1 - v.end
            };
            v.pan(-shift * v.px_per_day(), limits)
        });
    }
}

fn day_label(day: DayNumber) -> String {
    let (year, month, d) = civil_from_day_number(day);
    crate::core::date::PartialDate::Day(year, month, d).label()
}

impl Explorer {
    /// Label widths in pixels for `items`, measured once with a canvas in the page's font.
    fn measure_labels(
        &self,
        timeline: &mut TimelineState,
        container: &Element,
        items: &[ItemIndex],
    ) -> Result<Vec<f64>, JsValue> {
        let unmeasured = items
            .iter()
            .any(|&i| timeline.label_widths[i as usize].is_nan());
        if unmeasured {
            let document = container
                .owner_document()
                .ok_or_else(|| JsValue::from_str("no document"))?;
            let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
            let context: CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("no 2d context"))?
                .dyn_into()?;
            context.set_font(LABEL_FONT);
            for &item in items {
                let width = &mut timeline.label_widths[item as usize];
                if width.is_nan() {
                    let label = shortened(self.dataset.item(item).title());
                    *width = context.measure_text(&label)?.width();
                }
            }
        }
        Ok(items
            .iter()
            .map(|&i| timeline.label_widths[i as usize])
            .collect())
    }

    /// A cluster: its count, and its span in words; activating it zooms into it.
    fn draw_cluster(
        &self,
        draw: &Draw,
        parent: &Element,
        cluster: &crate::core::timeline::Cluster,
        y: f64,
    ) -> Result<(), JsValue> {
        let (first, last) = (day_label(cluster.first_day), day_label(cluster.last_day));
        let description = format!(
            "{} items from {first} to {last}; activate to zoom in",
            cluster.items.len()
        );
        let entry = draw.svg(parent, "g", &[("role", "listitem")])?;
        let group = draw.svg(
            &entry,
            "g",
            &[
                ("class", "cluster"),
                ("role", "button"),
                ("tabindex", "0"),
                ("aria-label", &description),
                ("data-first-day", &cluster.first_day.to_string()),
                ("data-last-day", &cluster.last_day.to_string()),
            ],
        )?;
        let box_width = (cluster.end - cluster.x0)
            .max(cluster.x1 - cluster.x0)
            .max(22.0);
        draw.svg(
            &group,
            "rect",
            &[
                ("x", &number(cluster.x0)),
                ("y", &number(y + 2.0)),
                ("width", &number(box_width)),
                ("height", &number(LANE_HEIGHT - 6.0)),
                ("rx", "9"),
            ],
        )?;
        let count = draw.svg(
            &group,
            "text",
            &[
                ("x", &number(cluster.x0 + box_width / 2.0)),
                ("y", &number(y + 15.0)),
                ("text-anchor", "middle"),
            ],
        )?;
        count.set_text_content(Some(&cluster.items.len().to_string()));
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_mark(
        &self,
        draw: &Draw,
        parent: &Element,
        state: &UrlState,
        index: ItemIndex,
        x0: f64,
        x1: f64,
        label_x: Option<f64>,
        y: f64,
        shape: Shape,
        approximate: bool,
    ) -> Result<(), JsValue> {
        let item = self.dataset.item(index);
        let mut target = state.clone();
        target.item = Some(item.id().to_string());
        let selected = state.item.as_deref() == Some(item.id());
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
            if approximate { " approximate" } else { "" }
        );
        let date = item.date();
        let what = match item {
            Item::Event(e) => sentence_case(e.event_type.as_str()),
            Item::Commitment(c) => format!(
                "Commitment, {}",
                self.dataset.current_status(c).label().to_ascii_lowercase()
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
        let entry = draw.svg(parent, "g", &[("role", "listitem")])?;
        let link = draw.svg(
            &entry,
            "a",
            &[
                ("href", &self.href(&target)),
                ("class", &class),
                ("aria-label", &description),
                ("data-id", item.id()),
            ],
        )?;
        if selected {
            link.set_attribute("aria-current", "true")?;
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
                    draw.svg(
                        &link,
                        "rect",
                        &[
                            (
                                "class",
                                &format!("segment status-{}", segment.status.as_str()),
                            ),
                            ("x", &number(sx)),
                            ("y", &number(middle - MARK_HEIGHT / 2.0)),
                            ("width", &number(sw)),
                            ("height", &number(MARK_HEIGHT)),
                        ],
                    )?;
                }
            }
            (Item::Event(_), Shape::Point) => {
                draw.svg(
                    &link,
                    "circle",
                    &[
                        ("cx", &number((x0 + x1) / 2.0)),
                        ("cy", &number(middle)),
                        ("r", "4.5"),
                    ],
                )?;
            }
            (Item::Event(_), Shape::Span) => {
                draw.svg(
                    &link,
                    "rect",
                    &[
                        ("x", &number(x0)),
                        ("y", &number(middle - MARK_HEIGHT / 2.0)),
                        ("width", &number((x1 - x0).max(3.0))),
                        ("height", &number(MARK_HEIGHT)),
                        ("rx", "3"),
                    ],
                )?;
            }
        }
        if let Some(label_x) = label_x {
            let label = draw.svg(
                &link,
                "text",
                &[
                    ("x", &number(label_x)),
                    ("y", &number(y + LANE_HEIGHT - 1.0)),
                    ("class", "label"),
                ],
            )?;
            label.set_text_content(Some(&shortened(item.title())));
        }
        Ok(())
    }
}
