//! Rendering: Rust draws into containers the page provides, through web-sys.
//!
//! Data is always set as text (`textContent`), never parsed as HTML, and no
//! inline styles are set, so the page works under a strict CSP.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::boundary::{CountView, Explorer, SummaryView};

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

struct Draw {
    document: Document,
}

impl Draw {
    fn child(&self, parent: &Element, tag: &str, class: &str) -> Result<Element, JsValue> {
        let element = self.document.create_element(tag)?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        parent.append_child(&element)?;
        Ok(element)
    }

    fn text(&self, parent: &Element, text: &str) -> Result<(), JsValue> {
        parent.append_child(&self.document.create_text_node(text))?;
        Ok(())
    }

    fn time(&self, parent: &Element, machine: &str, label: &str) -> Result<(), JsValue> {
        let time = self.child(parent, "time", "")?;
        time.set_attribute("datetime", machine)?;
        time.set_text_content(Some(label));
        Ok(())
    }

    /// A table with a caption and column headers; returns its body.
    fn table(&self, parent: &Element, caption: &str, headers: &[&str]) -> Result<Element, JsValue> {
        let table = self.child(parent, "table", "")?;
        self.child(&table, "caption", "")?
            .set_text_content(Some(caption));
        let head_row = self.child(&self.child(&table, "thead", "")?, "tr", "")?;
        for (i, header) in headers.iter().enumerate() {
            let cell = self.child(&head_row, "th", if i == 0 { "" } else { "number" })?;
            cell.set_attribute("scope", "col")?;
            cell.set_text_content(Some(header));
        }
        self.child(&table, "tbody", "")
    }

    fn row(&self, body: &Element, label: &str, counts: &[usize]) -> Result<(), JsValue> {
        let row = self.child(
            body,
            "tr",
            if counts.iter().all(|c| *c == 0) {
                "zero"
            } else {
                ""
            },
        )?;
        let header = self.child(&row, "th", "")?;
        header.set_attribute("scope", "row")?;
        header.set_text_content(Some(label));
        for count in counts {
            self.child(&row, "td", "number")?
                .set_text_content(Some(&count.to_string()));
        }
        Ok(())
    }

    fn count_table(
        &self,
        parent: &Element,
        caption: &str,
        header: &str,
        counts: &[CountView],
    ) -> Result<(), JsValue> {
        let body = self.table(parent, caption, &[header, "Count"])?;
        for count in counts {
            self.row(&body, &count.label, &[count.count])?;
        }
        Ok(())
    }
}
