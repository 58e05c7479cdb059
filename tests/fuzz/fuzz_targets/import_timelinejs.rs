//! The TimelineJS3 JSON importer on any bytes the page could be given.
//! Besides not panicking, every problem and warning names a place.

#![no_main]

use icet_explorer::core::import::timelinejs;
use icet_explorer::core::text::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode(bytes) else { return };
    match timelinejs(text) {
        Ok(imported) => {
            for warning in &imported.warnings {
                assert!(warning.pos.line >= 1 && warning.offset <= text.len(), "{warning}");
            }
        }
        Err(error) => {
            for problem in error.problems() {
                assert!(problem.pos.line >= 1 && problem.offset <= text.len(), "{problem}");
            }
        }
    }
});
