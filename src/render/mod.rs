//! Rendering: Rust draws into containers the page provides, through web-sys.
//!
//! Data is always set as text (`textContent`, text nodes), never parsed as
//! HTML; links are built only from ids and from `http:`/`https:` URLs; no
//! inline styles are set, so the page works under a strict CSP.

mod detail;
mod list;
mod summary;
mod timeline;
mod tracker;

pub(crate) use timeline::TimelineState;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::boundary::CountView;
use crate::core::model::Status;

pub(crate) struct Draw {
    pub document: Document,
}

impl Draw {
    pub fn for_container(container: &Element) -> Result<Draw, JsValue> {
        let document = container
            .owner_document()
            .ok_or_else(|| JsValue::from_str("the container is not in a document"))?;
        Ok(Draw { document })
    }

    /// An SVG element, with attributes set from name–value pairs.
    pub fn svg(
        &self,
        parent: &Element,
        tag: &str,
        attributes: &[(&str, &str)],
    ) -> Result<Element, JsValue> {
        let element = self
            .document
            .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)?;
        for (name, value) in attributes {
            element.set_attribute(name, value)?;
        }
        parent.append_child(&element)?;
        Ok(element)
    }

    pub fn child(&self, parent: &Element, tag: &str, class: &str) -> Result<Element, JsValue> {
        let element = self.document.create_element(tag)?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        parent.append_child(&element)?;
        Ok(element)
    }

    /// A link, only to a relative URL of the explorer or an `http:`/`https:` URL.
    pub fn link(
        &self,
        parent: &Element,
        href: &str,
        text: &str,
        class: &str,
    ) -> Result<Element, JsValue> {
        let safe =
            href.starts_with('?') || href.starts_with("https://") || href.starts_with("http://");
        let link = self.child(parent, if safe { "a" } else { "span" }, class)?;
        if safe {
            link.set_attribute("href", href)?;
        }
        link.set_text_content(Some(text));
        Ok(link)
    }

    /// Text with the byte ranges `marks` wrapped in `<mark>`.
    pub fn highlighted(
        &self,
        parent: &Element,
        text: &str,
        marks: &[(usize, usize)],
    ) -> Result<(), JsValue> {
        let mut at = 0;
        for &(start, end) in marks {
            let (Some(before), Some(marked)) = (text.get(at..start), text.get(start..end)) else {
                continue;
            };
            self.text(parent, before)?;
            self.child(parent, "mark", "")?
                .set_text_content(Some(marked));
            at = end;
        }
        self.text(parent, text.get(at..).unwrap_or_default())
    }

    /// A commitment status as a coloured badge.
    pub fn status_badge(&self, parent: &Element, status: Status) -> Result<Element, JsValue> {
        self.badge(
            parent,
            status.label(),
            &format!("status-{}", status.as_str()),
        )
    }

    pub fn badge(&self, parent: &Element, text: &str, class: &str) -> Result<Element, JsValue> {
        let badge = self.child(parent, "span", &format!("badge {class}"))?;
        badge.set_text_content(Some(text));
        Ok(badge)
    }

    pub fn text(&self, parent: &Element, text: &str) -> Result<(), JsValue> {
        parent.append_child(&self.document.create_text_node(text))?;
        Ok(())
    }

    pub fn time(&self, parent: &Element, machine: &str, label: &str) -> Result<(), JsValue> {
        let time = self.child(parent, "time", "")?;
        time.set_attribute("datetime", machine)?;
        time.set_text_content(Some(label));
        Ok(())
    }

    /// A table with a caption and column headers; returns its body.
    pub fn table(
        &self,
        parent: &Element,
        caption: &str,
        headers: &[&str],
    ) -> Result<Element, JsValue> {
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

    pub fn row(&self, body: &Element, label: &str, counts: &[usize]) -> Result<(), JsValue> {
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

    pub fn count_table(
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
