//! The timeline's viewport between draws: what the reader has zoomed and
//! panned to, and the filters it was fitted to.
//!
//! It is fitted to the results when the filters change, kept when only the
//! selection or the view changes, and moved by zoom and pan. The view that
//! draws it (`render::timeline`) is a pure function of this state.

use super::date::DayNumber;
use super::model::{Dataset, ItemIndex};
use super::timeline::{extent, Limits, Mark, Viewport};

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineState {
    pub limits: Limits,
    viewport: Option<Viewport>,
    /// The filters (a query string without selection or view) the viewport was fitted to.
    fitted_to: Option<String>,
    /// The days the latest results cover, for "fit to results".
    results_extent: Option<(DayNumber, DayNumber)>,
    /// The item the keyboard is on: its mark, or the cluster holding it, is
    /// the timeline's one Tab stop.
    pub focus: Option<ItemIndex>,
    /// The selection when last drawn: a new selection moves the focus to it.
    selected: Option<ItemIndex>,
    /// The width of the first draw, which names the drawing for good (the
    /// page keeps the pre-rendered timeline of that width's range).
    pub first_width: Option<f64>,
}

impl TimelineState {
    /// A state for `dataset`, not yet fitted to anything.
    pub fn new(dataset: &Dataset) -> TimelineState {
        // Folded, not collected: a vector of marks for 100k items was 6 MB
        // of wasm memory at the moment a large dataset's memory peaks.
        let (first, last) = (0..dataset.item_count() as ItemIndex)
            .filter_map(|i| Mark::for_item(dataset, i, 0.0, 0))
            .filter_map(|mark| extent(std::slice::from_ref(&mark)))
            .reduce(|(first, last), (f, l)| (first.min(f), last.max(l)))
            .unwrap_or((0, 0));
        TimelineState {
            limits: Limits::around(first, last),
            viewport: None,
            fitted_to: None,
            results_extent: None,
            focus: None,
            selected: None,
            first_width: None,
        }
    }

    /// The viewport for results covering `days`, `width` pixels wide: fitted
    /// to them when `filters` differ from those it was last fitted to, else
    /// where the reader left it.
    pub fn prepare(
        &mut self,
        filters: &str,
        days: Option<(DayNumber, DayNumber)>,
        width: f64,
    ) -> Viewport {
        self.results_extent = days;
        if self.fitted_to.as_deref() != Some(filters) || self.viewport.is_none() {
            self.fit(width);
            self.fitted_to = Some(filters.to_string());
        }
        let viewport = match self.viewport {
            Some(v) => Viewport::new(v.start, v.end, width),
            None => Viewport::fit((0, 0), width, &self.limits),
        };
        self.viewport = Some(viewport);
        viewport
    }

    /// How far the reader has zoomed in from the whole extent (at least 1).
    pub fn zoom(&self, viewport: &Viewport) -> f64 {
        (self.limits.max_span_days / viewport.span()).max(1.0)
    }

    /// Fits the viewport to the latest results.
    pub fn fit(&mut self, width: f64) {
        if let Some(days) = self.results_extent {
            self.viewport = Some(Viewport::fit(days, width, &self.limits));
        }
    }

    /// Fits the viewport to the latest results at its current width.
    pub fn fit_results(&mut self) {
        let width = self.width();
        self.fit(width);
    }

    /// Zooms by `factor` (above 1 zooms in) about the point `x` pixels from the left.
    pub fn zoom_about(&mut self, factor: f64, x: f64) {
        self.change(|v, limits| v.zoom_about(x, factor, limits));
    }

    /// Moves by `dx` pixels (positive shows earlier days).
    pub fn pan(&mut self, dx: f64) {
        self.change(|v, limits| v.pan(dx, limits));
    }

    /// Shows the days `first..=last` (a cluster's span), zoomed as far as allowed.
    pub fn zoom_to(&mut self, first: DayNumber, last: DayNumber) {
        let width = self.width();
        self.viewport = Some(Viewport::fit((first, last), width, &self.limits));
    }

    /// Moves to the start (or the end) of the data, keeping the zoom.
    pub fn to_edge(&mut self, start: bool) {
        self.change(|v, limits| {
            let shift = if start {
                limits.extent.0 - v.start
            } else {
                limits.extent.1 - v.end
            };
            v.pan(-shift * v.px_per_day(), limits)
        });
    }

    /// Notes the selection being drawn; a selection that changed takes the focus.
    pub fn note_selection(&mut self, selected: Option<ItemIndex>) {
        if selected != self.selected {
            self.selected = selected;
            if selected.is_some() {
                self.focus = selected;
            }
        }
    }

    /// Pans, keeping the zoom, so that `day` is in the middle.
    pub fn centre_on(&mut self, day: f64) {
        self.change(|v, limits| {
            let middle = v.start / 2.0 + v.end / 2.0;
            v.pan((middle - day) * v.px_per_day(), limits)
        });
    }

    fn width(&self) -> f64 {
        self.viewport.map_or(1.0, |v| v.width)
    }

    fn change(&mut self, change: impl FnOnce(&Viewport, &Limits) -> Viewport) {
        if let Some(viewport) = self.viewport {
            self.viewport = Some(change(&viewport, &self.limits));
        }
    }
}
