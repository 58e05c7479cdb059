//! The markup writer with any text in every place data can go: the output
//! has exactly the elements and attributes the code wrote, and a link only
//! where the address is safe.

#![no_main]

use icet_explorer::render::markup::{safe_href, Markup};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Markup::new();
    out.open("p")
        .attr("title", &text)
        .text(&text)
        .link(&text, "link", &text)
        .data(&text)
        .time(&text, &text)
        .close("p");
    let markup = out.finish();
    // <p>, <a> or <span>, <bdi>, <time>, and their ends: eight tags, each one '<'.
    assert_eq!(markup.matches('<').count(), 8, "{markup}");
    // Quotes only around the attribute values written: title, class, datetime, and href if safe.
    let attributes = if safe_href(&text) { 4 } else { 3 };
    assert_eq!(markup.matches('"').count(), 2 * attributes, "{markup}");
    assert_eq!(markup.contains(" href=\""), safe_href(&text), "{markup}");
    assert!(!markup.contains('\0'));
});
