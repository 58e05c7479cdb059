//! The URL-state reader never panics, and what it reads writes back to a
//! query string that reads to the same state with no warnings.

#![no_main]

use icet_explorer::core::url_state::{parse, to_query_string};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(query_string) = std::str::from_utf8(bytes) else {
        return;
    };
    let (state, _) = parse(query_string);
    let written = to_query_string(&state);
    let (again, warnings) = parse(&written);
    assert!(warnings.is_empty(), "{written}: {warnings:?}");
    assert_eq!(again, state, "{written}");
    assert_eq!(to_query_string(&again), written);
});
