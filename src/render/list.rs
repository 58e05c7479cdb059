//! The result list: one entry per matching item, with search highlights.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::Draw;
use crate::boundary::Explorer;
use crate::core::model::Item;
use crate::core::query::sentence_case;

#[wasm_bindgen]
impl Explorer {
    /// Draws the first `limit` results of the query into `container` as an
    /// ordered list of links that select the item; returns the total.
    #[wasm_bindgen(js_name = renderList)]
    pub fn render_list(
        &self,
        container: Element,
        query_string: &str,
        limit: u32,
    ) -> Result<u32, JsValue> {
        let (state, _) = self.state_of(query_string);
        let result = self.results(&state.query);
        let draw = Draw::for_container(&container)?;
        container.set_text_content(None);
        let list = draw.child(&container, "ol", "results")?;
        let text = state.query.text.trim();
        // The query is resolved against the index once for all the titles.
        let highlighter = (!text.is_empty()).then(|| self.index.search_index().highlighter(text));
        for &index in result.items.iter().take(limit as usize) {
            let item = self.dataset.item(index);
            let entry = draw.child(&list, "li", "result")?;
            entry.set_attribute("data-id", item.id())?;
            let selected = state.item.as_deref() == Some(item.id());
            if selected {
                entry.set_attribute("aria-current", "true")?;
            }
            let mut target = state.clone();
            target.item = Some(item.id().to_string());
            let link = draw.child(&entry, "a", "result-link")?;
            link.set_attribute("href", &self.href(&target))?;
            let marks = highlighter
                .as_ref()
                .map_or_else(Vec::new, |h| h.highlight_title(index, item.title()));
            draw.highlighted(&link, item.title(), &marks)?;

            let meta = draw.child(&entry, "span", "result-meta")?;
            let date = item.date();
            draw.time(&meta, &date.value.to_string(), &date.value.label())?;
            if date.approximate {
                draw.text(&meta, " (approximate)")?;
            }
            match item {
                Item::Event(event) => {
                    draw.text(&meta, " · ")?;
                    draw.text(&meta, &sentence_case(event.event_type.as_str()))?;
                    if event.expected {
                        draw.text(&meta, " · expected")?;
                    }
                }
                Item::Commitment(commitment) => {
                    draw.text(&meta, " · Commitment ")?;
                    let status = self.dataset.current_status(commitment);
                    draw.status_badge(&meta, status)?;
                }
            }
            // Printed with the list (see print.css): each result with its sources.
            let citations = draw.child(&entry, "ul", "print-citations")?;
            for citation in item.citations() {
                let line = draw.child(&citations, "li", "")?;
                let source = self.dataset.source(&citation.source);
                let name = source.map_or(citation.source.as_str(), |s| s.publisher.as_str());
                line.set_text_content(Some(&format!("“{}” ({name})", citation.quote)));
            }
        }
        if result.items.is_empty() {
            draw.child(&container, "p", "empty")?.set_text_content(Some(
                "Nothing matches all of these filters. Remove one, or clear them all.",
            ));
        } else if result.items.len() > limit as usize {
            let more = draw.child(&container, "p", "more")?;
            more.set_text_content(Some(&format!("Showing {limit} of {}.", result.items.len())));
        }
        Ok(result.items.len() as u32)
    }
}
