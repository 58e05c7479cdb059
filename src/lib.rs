//! iCET Explorer: the India–US Initiative on Critical and Emerging Technology
//! on a cited, interactive timeline.
//!
//! The crate has three layers, and each only uses the ones below it (see
//! `ARCHITECTURE.md`):
//!
//! 1. [`core`]: the pure model, loader and computations, tested natively;
//! 2. [`render`]: the views, pure functions from data and a state to
//!    markup, run natively at build time and in wasm;
//! 3. [`boundary`]: the JavaScript-facing `Explorer` class, the only module
//!    that wasm-bindgen exports.

pub mod alloc;
pub mod boundary;
pub mod core;
pub mod render;

pub use crate::core::date::{Date, PartialDate, Precision};
pub use crate::core::error::{LoadError, Problem, ProblemKind};
pub use crate::core::load::{load, load_with_sources, FORMAT_VERSION};
pub use crate::core::model::Dataset;
pub use crate::core::quote::SourceTexts;
pub use crate::core::summary::{summarize, Summary};
