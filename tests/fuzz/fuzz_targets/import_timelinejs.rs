//! The TimelineJS3 JSON importer on any bytes (see common/import.rs).

#![no_main]

#[path = "common/import.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| common::check(bytes, icet_explorer::core::import::timelinejs));
