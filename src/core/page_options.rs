//! The page's options: how a page shows the explorer (its colours, its
//! header and filters, an embed's layout and height, the frame's name the
//! embed loader gives it), as opposed to the state it shows
//! ([`url_state`](super::url_state)). They ride in the same query string,
//! with `data` (which dataset); the page reads them before any wasm has
//! loaded, and [`url_state::parse`](super::url_state::parse) passes over
//! them without a warning.
//!
//! This is their one list. `icet-site` writes it, with the state's
//! parameters and the views' names, into the built site's `names.js`, which
//! the page's scripts import, and into the embed loader: no script keeps a
//! copy of its own.

/// The parameter that names the dataset to load.
pub const DATASET: &str = "data";

/// An embed's height as a card (`layout=compact`, the default), in pixels.
pub const COMPACT_HEIGHT: u32 = 600;
/// A full embed's height (`layout=full`) until it reports its content's.
pub const FULL_HEIGHT: u32 = 720;

/// What values an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allowed {
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A whole number of pixels from `min` to `max`, in three or four digits.
    Pixels { min: u32, max: u32 },
    /// Text that matches this regular expression (JavaScript's syntax).
    Pattern(&'static str),
}

/// One option of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageOption {
    pub key: &'static str,
    pub allowed: Allowed,
    /// What to write instead: the end of the warning about a value it does not take.
    pub hint: &'static str,
    /// Whether "Embed this view" carries it into its snippets. The frame's
    /// name is not carried: the loader gives each frame its own.
    pub in_snippets: bool,
}

/// Every option, in the order the page reports them.
pub const PAGE_OPTIONS: [PageOption; 6] = [
    PageOption {
        key: "theme",
        allowed: Allowed::OneOf(&["auto", "light", "dark"]),
        hint: "use light, dark or auto",
        in_snippets: true,
    },
    PageOption {
        key: "header",
        allowed: Allowed::OneOf(&["0", "1"]),
        hint: "use 0 to hide the header or 1 to show it",
        in_snippets: true,
    },
    PageOption {
        key: "facets",
        allowed: Allowed::OneOf(&["0", "1"]),
        hint: "use 0 to hide the filters or 1 to show them",
        in_snippets: true,
    },
    PageOption {
        key: "embed",
        allowed: Allowed::Pattern("^[A-Za-z0-9_-]{1,40}$"),
        hint: "use up to 40 letters, digits, - or _",
        in_snippets: false,
    },
    PageOption {
        key: "layout",
        allowed: Allowed::OneOf(&["compact", "full"]),
        hint: "use compact (a card of fixed height) or full (as tall as its content)",
        in_snippets: true,
    },
    PageOption {
        key: "height",
        allowed: Allowed::Pixels {
            min: 240,
            max: 4000,
        },
        hint: "use a height in pixels from 240 to 4000",
        in_snippets: true,
    },
];

/// The options' keys alone: what the wasm needs of them (to pass over them
/// in a URL), without their hints, which only the page shows.
const PAGE_OPTION_KEYS: [&str; PAGE_OPTIONS.len()] = {
    let mut keys = [""; PAGE_OPTIONS.len()];
    let mut at = 0;
    while at < keys.len() {
        keys[at] = PAGE_OPTIONS[at].key;
        at += 1;
    }
    keys
};

/// Whether `key` is the page's (an option, or `data`) rather than the state's.
pub fn is_page_parameter(key: &str) -> bool {
    key == DATASET || PAGE_OPTION_KEYS.contains(&key)
}
