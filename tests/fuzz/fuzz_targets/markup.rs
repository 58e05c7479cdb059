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
    // Inside the tags, quotes only around the attribute values written:
    // title, class, datetime, and href if the address is safe.
    let tags: String = markup
        .split('<')
        .map(|part| part.split_once('>').map_or("", |(tag, _)| tag))
        .collect();
    let attributes = if safe_href(&text) { 4 } else { 3 };
    assert_eq!(tags.matches('"').count(), 2 * attributes, "{markup}");
    let names: Vec<&str> = markup
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(tag, _)| tag))
        .flat_map(attribute_names)
        .collect();
    let mut expected = vec!["title", "class", "datetime"];
    if safe_href(&text) {
        expected.insert(1, "href");
    }
    assert_eq!(names, expected, "{markup}");
    assert!(!markup.contains('\0'));
});

/// The names of a start tag's attributes. Values are quoted and never hold a
/// raw `"` (the writer escapes it), so each ends at the next quote.
fn attribute_names(tag: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = tag.split_once(' ').map_or("", |(_, attributes)| attributes);
    while let Some((name, after)) = rest.split_once("=\"") {
        names.push(name.trim());
        let Some((_, next)) = after.split_once('"') else {
            break;
        };
        rest = next;
    }
    names
}
