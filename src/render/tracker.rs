//! The commitment tracker: every commitment that matches the filters,
//! grouped by current status, with tallies by focus area, in the spirit of
//! the promise meters news organisations publish.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::Draw;
use crate::boundary::Explorer;
use crate::core::model::{Item, Status};
use crate::core::query::Facet;

/// The order statuses are shown in: what was done first.
const ORDER: [Status; 5] = [
    Status::Achieved,
    Status::InProgress,
    Status::Announced,
    Status::Stalled,
    Status::NoLaterMention,
];

#[wasm_bindgen]
impl Explorer {
    /// Draws the tracker for the commitments the query string selects; returns how many.
    #[wasm_bindgen(js_name = renderTracker)]
    pub fn render_tracker(&self, container: Element, query_string: &str) -> Result<u32, JsValue> {
        let (state, _) = self.state_of(query_string);
        let mut query = state.query.clone();
        query
            .selections
            .retain(|(facet, _)| *facet != Facet::Kind && *facet != Facet::EventType);
        query.select(Facet::Kind, "commitment");
        let result = self.results(&query);
        let commitments: Vec<_> = result
            .items
            .iter()
            .filter_map(|&i| match self.dataset.item(i) {
                Item::Commitment(c) => Some(c),
                Item::Event(_) => None,
            })
            .collect();

        let draw = Draw::for_container(&container)?;
        container.set_text_content(None);
        let statuses: Vec<(Status, usize)> = ORDER
            .iter()
            .map(|&s| {
                (
                    s,
                    commitments
                        .iter()
                        .filter(|c| self.dataset.current_status(c) == s)
                        .count(),
                )
            })
            .collect();

        let meter = draw.child(&container, "ul", "tracker-meter")?;
        meter.set_attribute("aria-label", "Commitments by current status")?;
        for (status, count) in &statuses {
            let entry = draw.child(&meter, "li", &format!("status-{}", status.as_str()))?;
            draw.child(&entry, "strong", "")?
                .set_text_content(Some(&count.to_string()));
            draw.text(&entry, &format!(" {}", status.label().to_ascii_lowercase()))?;
        }

        let headers: Vec<&str> = std::iter::once("Focus area")
            .chain(ORDER.iter().map(|s| s.label()))
            .collect();
        let table = draw.table(
            &container,
            "Commitments by focus area and current status",
            &headers,
        )?;
        for area in &self.dataset.focus_areas {
            let in_area: Vec<_> = commitments
                .iter()
                .filter(|c| c.focus_areas.contains(&area.id))
                .collect();
            if in_area.is_empty() {
                continue;
            }
            let counts: Vec<usize> = ORDER
                .iter()
                .map(|&s| {
                    in_area
                        .iter()
                        .filter(|c| self.dataset.current_status(c) == s)
                        .count()
                })
                .collect();
            draw.row(&table, &area.name, &counts)?;
        }

        for (status, count) in statuses.iter().filter(|(_, count)| *count > 0) {
            let group = draw.child(&container, "section", "tracker-group")?;
            let heading = draw.child(&group, "h3", "")?;
            draw.status_badge(&heading, *status)?;
            draw.text(&heading, &format!(" {count}"))?;
            let list = draw.child(&group, "ul", "")?;
            for commitment in commitments
                .iter()
                .filter(|c| self.dataset.current_status(c) == *status)
            {
                let row = draw.child(&list, "li", "")?;
                let mut target = state.clone();
                target.item = Some(commitment.id.clone());
                draw.link(&row, &self.href(&target), &commitment.title, "")?;
                let latest = commitment
                    .status_history
                    .last()
                    .expect("the loader rejects empty histories");
                let meta = draw.child(&row, "span", "result-meta")?;
                draw.text(
                    &meta,
                    &format!(" · {} entries, latest ", commitment.status_history.len()),
                )?;
                draw.time(
                    &meta,
                    &latest.date.value.to_string(),
                    &latest.date.value.label(),
                )?;
            }
        }
        if commitments.is_empty() {
            draw.child(&container, "p", "empty")?
                .set_text_content(Some("No commitment matches these filters."));
        }
        Ok(commitments.len() as u32)
    }
}
