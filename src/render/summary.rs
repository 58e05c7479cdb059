//! The first view: the dataset's counts by kind, focus area and status.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::Draw;
use crate::boundary::{Explorer, SummaryView};

#[wasm_bindgen]
impl Explorer {
    /// Replaces the content of `container` with the dataset's counts by
    /// kind, focus area and status.
    ///
    /// Elements are taken by value: a borrowed JS value makes wasm-bindgen
    /// emit `table.fill`, which Debian's wasm-opt 108 cannot parse.
    #[wasm_bindgen(js_name = renderSummary)]
    pub fn render_summary(&self, container: Element) -> Result<(), JsValue> {
        let view = SummaryView::new(&self.dataset, &self.summary);
        let document = container
            .owner_document()
            .ok_or_else(|| JsValue::from_str("container is not in a document"))?;
        let draw = Draw { document };
        container.set_text_content(None);

        if let (Some(first), Some(last)) = (&view.first, &view.last) {
            let range = draw.child(&container, "p", "summary-range")?;
            draw.text(&range, "From ")?;
            draw.time(&range, &first.value, &first.label)?;
            draw.text(&range, " to ")?;
            draw.time(&range, &last.value, &last.label)?;
        }

        let totals = draw.child(&container, "ul", "summary-totals")?;
        totals.set_attribute("aria-label", "Totals")?;
        let t = &view.totals;
        for (count, label) in [
            (t.events, "events"),
            (t.commitments, "commitments"),
            (t.actors, "actors"),
            (t.focus_areas, "focus areas"),
            (t.sources, "sources"),
            (t.citations, "citations"),
        ] {
            let item = draw.child(&totals, "li", "")?;
            draw.child(&item, "strong", "")?
                .set_text_content(Some(&count.to_string()));
            draw.text(&item, &format!(" {label}"))?;
        }

        let tables = draw.child(&container, "div", "summary-tables")?;
        let areas = draw.table(
            &tables,
            "By focus area",
            &["Focus area", "Events", "Commitments"],
        )?;
        for area in &view.focus_areas {
            draw.row(&areas, &area.name, &[area.events, area.commitments])?;
        }
        draw.count_table(
            &tables,
            "Commitments by current status",
            "Status",
            &view.commitments_by_status,
        )?;
        draw.count_table(&tables, "Events by type", "Type", &view.events_by_type)?;
        draw.count_table(&tables, "Actors by kind", "Kind", &view.actors_by_kind)?;
        Ok(())
    }
}
