//! Checks a dataset file the way the explorer loads it, plus its quotes.
//!
//! `cargo run --bin icet-check -- data/icet.json [--source ID=PATH ...]`
//! Sources with a `text_file` have their quotes checked against it; further
//! texts can be given with `--source`. Prints the counts, or every problem.
//! Files are read as bytes and decoded as the page decodes them
//! (`core::text::decode`): UTF-8, with or without a byte order mark.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::path::Path;
use std::process::ExitCode;

use icet_explorer::core::hash::seed_once;
use icet_explorer::core::text::decode;
use icet_explorer::{load, load_with_sources, summarize, SourceTexts};

/// The text of the file at `path`, decoded as the page decodes it.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match decode(&bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(problem) => Err(format!("{}: {problem}", path.display())),
    }
}

fn main() -> ExitCode {
    // The loader's tables take a seed from the system, so a file cannot be
    // crafted to make their keys collide (see `core::hash`).
    seed_once(RandomState::new().hash_one(0_u8));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: icet-check DATASET.json [--source ID=PATH ...]");
        return ExitCode::from(2);
    };
    match run(Path::new(path), &args[1..]) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{path}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &Path, extra: &[String]) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let json = decode(&bytes).map_err(|problem| format!("{problem}"))?;
    // A first pass finds the sources and their stored texts; the second checks quotes.
    let dataset = load(json).map_err(|e| e.to_string())?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut texts = SourceTexts::new();
    for source in &dataset.sources {
        if let Some(file) = &source.text_file {
            texts.insert(&source.id, &read_text(&base.join(file))?);
        }
    }
    let mut pairs = extra.iter();
    while let Some(flag) = pairs.next() {
        let spec = pairs
            .next()
            .filter(|_| flag == "--source")
            .ok_or("expected --source ID=PATH")?;
        let (id, file) = spec.split_once('=').ok_or("expected --source ID=PATH")?;
        texts.insert(id, &read_text(Path::new(file))?);
    }
    let dataset = load_with_sources(json, &texts).map_err(|e| e.to_string())?;
    let summary = summarize(&dataset);
    let mut report = format!(
        "ok: {} events, {} commitments, {} actors, {} focus areas, {} sources, {} citations",
        summary.events,
        summary.commitments,
        summary.actors,
        summary.focus_areas,
        summary.sources,
        summary.citations
    );
    for (status, count) in &summary.commitments_by_status {
        report.push_str(&format!("\n  commitments {}: {count}", status.as_str()));
    }
    for (kind, count) in &summary.actors_by_kind {
        report.push_str(&format!("\n  actors {}: {count}", kind.as_str()));
    }
    Ok(report)
}
