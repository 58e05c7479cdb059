//! What both importer targets check: any bytes the page could be given are
//! decoded, imported without a panic, and every problem and warning names a
//! place inside the text.

use icet_explorer::core::error::LoadError;
use icet_explorer::core::import::Imported;
use icet_explorer::core::text::decode;

pub fn check(bytes: &[u8], import: fn(&str) -> Result<Imported, LoadError>) {
    let Ok(text) = decode(bytes) else { return };
    let problems = match import(text) {
        Ok(imported) => imported.warnings,
        Err(error) => error.problems().to_vec(),
    };
    for problem in &problems {
        assert!(problem.pos.line >= 1 && problem.offset <= text.len(), "{problem}");
    }
}
