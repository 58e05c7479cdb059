//! The pure core: model, loading and validation, and what is computed from a
//! dataset. No `wasm_bindgen`, no `web_sys`, no I/O: text in, `Result` out.

pub mod case;
pub mod date;
pub mod error;
pub mod export;
pub mod hash;
pub mod import;
pub mod json;
pub mod load;
pub mod model;
pub mod order;
pub mod page_options;
pub mod query;
pub mod quote;
pub mod search;
pub mod summary;
pub mod synthetic;
pub mod text;
pub mod timeline;
pub mod url_state;
pub mod viewport;
