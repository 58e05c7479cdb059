//! The loader as the page and icet-check drive it: bytes, decoded, loaded.
//! Besides not panicking, every problem must name a place that agrees with
//! its byte offset, and its message must stay short.

#![no_main]

use icet_explorer::core::json::{LineIndex, MESSAGE_CHARS};
use icet_explorer::core::text::decode;
use icet_explorer::{load, ProblemKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(problem) => {
            assert_eq!(problem.kind, ProblemKind::Encoding);
            assert!(problem.offset <= bytes.len() && problem.pos.line >= 1);
            return;
        }
    };
    if let Err(error) = load(text) {
        let lines = LineIndex::new(text);
        for problem in error.problems() {
            assert!(problem.offset <= text.len(), "{problem}");
            assert_eq!(lines.position(problem.offset), problem.pos, "{problem}");
            assert!(
                problem.message.chars().count() <= 6 * MESSAGE_CHARS + 200,
                "{problem}"
            );
        }
    }
});
