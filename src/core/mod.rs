//! The pure core: model, loading and validation, and what is computed from a
//! dataset. No `wasm_bindgen`, no `web_sys`, no I/O: text in, `Result` out.

pub mod date;
pub mod error;
pub mod json;
pub mod load;
pub mod model;
pub mod quote;
pub mod summary;
