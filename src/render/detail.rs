//! The detail panel: everything the dataset says about one item, with its sources.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::Draw;
use crate::boundary::Explorer;
use crate::core::date::Date;
use crate::core::model::{Citation, Item};
use crate::core::query::{sentence_case, Facet};
use crate::core::url_state::UrlState;

#[wasm_bindgen]
impl Explorer {
    /// Draws the item selected in the query string (`item=`) into
    /// `container`; returns false, leaving it empty, when none is selected.
    #[wasm_bindgen(js_name = renderDetail)]
    pub fn render_detail(&self, container: Element, query_string: &str) -> Result<bool, JsValue> {
        let (state, _) = self.state_of(query_string);
        container.set_text_content(None);
        let Some(index) = state
            .item
            .as_deref()
            .and_then(|id| self.dataset.item_index(id))
        else {
            return Ok(false);
        };
        let item = self.dataset.item(index);
        let draw = Draw::for_container(&container)?;
        let article = draw.child(&container, "article", "detail")?;
        let heading = draw.child(&article, "h2", "detail-title")?;
        heading.set_attribute("id", "detail-title")?;
        heading.set_attribute("tabindex", "-1")?;
        heading.set_text_content(Some(item.title()));
        article.set_attribute("aria-labelledby", "detail-title")?;

        let meta = draw.child(&article, "p", "detail-meta")?;
        match item {
            Item::Event(event) => {
                draw.text(
                    &meta,
                    &format!("Event · {} · ", sentence_case(event.event_type.as_str())),
                )?;
                self.draw_date(&draw, &meta, &event.date)?;
                if event.expected {
                    draw.text(&meta, " · expected, not yet reported as held")?;
                }
            }
            Item::Commitment(commitment) => {
                draw.text(&meta, "Commitment · ")?;
                let status = self.dataset.current_status(commitment);
                draw.status_badge(&meta, status)?;
                draw.text(&meta, " · first recorded ")?;
                self.draw_date(&draw, &meta, &commitment.status_history[0].date)?;
            }
        }
        draw.child(&article, "p", "detail-description")?
            .set_text_content(Some(item.description()));

        let facts = draw.child(&article, "dl", "detail-facts")?;
        if let Item::Event(event) = item {
            if let Some(place) = &event.place {
                draw.child(&facts, "dt", "")?
                    .set_text_content(Some("Place"));
                draw.child(&facts, "dd", "")?.set_text_content(Some(place));
            }
        }
        self.draw_filter_links(
            &draw,
            &facts,
            &state,
            Facet::Area,
            "Focus areas",
            item.focus_areas(),
        )?;
        let actor_heading = if matches!(item, Item::Event(_)) {
            "Participants"
        } else {
            "Actors"
        };
        self.draw_filter_links(
            &draw,
            &facts,
            &state,
            Facet::Actor,
            actor_heading,
            item.actors(),
        )?;

        match item {
            Item::Commitment(commitment) => {
                let section = self.section(&draw, &article, "Status history")?;
                let history = draw.child(&section, "ol", "status-history")?;
                for entry in &commitment.status_history {
                    let row = draw.child(&history, "li", "")?;
                    draw.status_badge(&row, entry.status)?;
                    draw.text(&row, " ")?;
                    self.draw_date(&draw, &row, &entry.date)?;
                    draw.child(&row, "p", "")?
                        .set_text_content(Some(&entry.summary));
                    self.draw_citations(&draw, &row, &entry.citations)?;
                }
                if self.dataset.current_status(commitment)
                    == crate::core::model::Status::NoLaterMention
                {
                    draw.child(&section, "p", "note")?.set_text_content(Some(
                        "No later document in the dataset mentions this commitment, up to the fact sheet of 6 January 2025.",
                    ));
                }
            }
            Item::Event(event) => {
                let section = self.section(&draw, &article, "Sources")?;
                self.draw_citations(&draw, &section, &event.citations)?;
                if !event.alternative_dates.is_empty() {
                    let section = self.section(&draw, &article, "Other dates given")?;
                    for alternative in &event.alternative_dates {
                        let p = draw.child(&section, "p", "")?;
                        self.draw_date(&draw, &p, &alternative.date)?;
                        draw.text(&p, &format!(": {}", alternative.note))?;
                        self.draw_citations(&draw, &section, &alternative.citations)?;
                    }
                }
            }
        }
        let discrepancies = match item {
            Item::Event(e) => &e.discrepancies,
            Item::Commitment(c) => &c.discrepancies,
        };
        if !discrepancies.is_empty() {
            let section = self.section(&draw, &article, "Where the sources disagree")?;
            for discrepancy in discrepancies {
                draw.child(&section, "p", "")?
                    .set_text_content(Some(&discrepancy.note));
                self.draw_citations(&draw, &section, &discrepancy.citations)?;
            }
        }
        let related = match item {
            Item::Event(e) => &e.related,
            Item::Commitment(c) => &c.related,
        };
        let announced_at = match item {
            Item::Commitment(c) => Some(&c.announced_at),
            Item::Event(_) => None,
        };
        if !related.is_empty() || announced_at.is_some() {
            let section = self.section(&draw, &article, "Related")?;
            let list = draw.child(&section, "ul", "related")?;
            for id in announced_at.into_iter().chain(related) {
                let Some(other) = self.dataset.item_index(id).map(|i| self.dataset.item(i)) else {
                    continue;
                };
                let mut target = state.clone();
                target.item = Some(id.clone());
                let row = draw.child(&list, "li", "")?;
                if Some(id) == announced_at {
                    draw.text(&row, "Announced at: ")?;
                }
                draw.link(&row, &self.href(&target), other.title(), "")?;
            }
        }
        Ok(true)
    }
}

impl Explorer {
    fn section(&self, draw: &Draw, parent: &Element, title: &str) -> Result<Element, JsValue> {
        let section = draw.child(parent, "section", "")?;
        draw.child(&section, "h3", "")?
            .set_text_content(Some(title));
        Ok(section)
    }

    /// A date with its precision, and how it was inferred when it is approximate.
    fn draw_date(&self, draw: &Draw, parent: &Element, date: &Date) -> Result<(), JsValue> {
        draw.time(parent, &date.value.to_string(), &date.value.label())?;
        if date.approximate {
            let note = draw.child(parent, "span", "date-note")?;
            let how = date.note.as_deref().unwrap_or("inferred");
            note.set_text_content(Some(&format!(" (approximate: {how})")));
        }
        Ok(())
    }

    /// A `<dt>` and one link per value that filters the explorer by it.
    fn draw_filter_links(
        &self,
        draw: &Draw,
        list: &Element,
        state: &UrlState,
        facet: Facet,
        title: &str,
        ids: &[String],
    ) -> Result<(), JsValue> {
        if ids.is_empty() {
            return Ok(());
        }
        draw.child(list, "dt", "")?.set_text_content(Some(title));
        let values = draw.child(list, "dd", "")?;
        let links = draw.child(&values, "ul", "filter-links")?;
        for id in ids {
            let label = match facet {
                Facet::Actor => self.dataset.actor(id).map(|a| a.name.clone()),
                _ => self.index.label(facet, id).map(str::to_string),
            }
            .unwrap_or_else(|| id.clone());
            let mut target = state.clone();
            target.query.selections.retain(|(f, _)| *f != facet);
            target.query.select(facet, id);
            let link = draw.link(
                &draw.child(&links, "li", "")?,
                &self.href(&target),
                &label,
                "",
            )?;
            link.set_attribute("title", &format!("Show everything with {label}"))?;
        }
        Ok(())
    }

    /// Each citation as the verbatim quote and a link to its source.
    fn draw_citations(
        &self,
        draw: &Draw,
        parent: &Element,
        citations: &[Citation],
    ) -> Result<(), JsValue> {
        for citation in citations {
            let figure = draw.child(parent, "figure", "citation")?;
            draw.child(&figure, "blockquote", "")?
                .set_text_content(Some(&citation.quote));
            let caption = draw.child(&figure, "figcaption", "")?;
            let Some(source) = self.dataset.source(&citation.source) else {
                continue;
            };
            let label = format!(
                "{}, {} ({})",
                source.publisher,
                source.title,
                source.published.value.label()
            );
            match &source.url {
                Some(url) => {
                    draw.link(&caption, url, &label, "")?;
                }
                None => draw.text(&caption, &label)?,
            }
            if let Some(note) = &citation.note {
                draw.text(&caption, &format!(" ({note})"))?;
            }
        }
        Ok(())
    }
}
