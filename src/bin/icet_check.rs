//! Checks a dataset file the way the explorer loads it, plus its quotes.
//!
//! `cargo run --bin icet-check -- data/icet.json [--source ID=PATH ...]`
//! Sources with a `text_file` have their quotes checked against it; further
//! texts can be given with `--source`. Prints the counts, or every problem.

use std::path::Path;
use std::process::ExitCode;

use icet_explorer::{load, load_with_sources, summarize, SourceTexts};

fn main() -> ExitCode {
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
    let json = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    // A first pass finds the sources and their stored texts; the second checks quotes.
    let dataset = load(&json).map_err(|e| e.to_string())?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut texts = SourceTexts::new();
    for source in &dataset.sources {
        if let Some(file) = &source.text_file {
            let text = std::fs::read_to_string(base.join(file))
                .map_err(|e| format!("cannot read {file}: {e}"))?;
            texts.insert(&source.id, &text);
        }
    }
    let mut pairs = extra.iter();
    while let Some(flag) = pairs.next() {
        let spec = pairs
            .next()
            .filter(|_| flag == "--source")
            .ok_or("expected --source ID=PATH")?;
        let (id, file) = spec.split_once('=').ok_or("expected --source ID=PATH")?;
        texts.insert(
            id,
            &std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?,
        );
    }
    let dataset = load_with_sources(&json, &texts).map_err(|e| e.to_string())?;
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
