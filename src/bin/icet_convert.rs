//! Converts a dataset to another timeline tool's format.
//!
//! `icet-convert --format timelinejs|vis|ours (--in FILE | --synthetic ITEMS) [--out FILE]`
//! writes TimelineJS3 JSON, vis-timeline items and groups, or (`ours`) the
//! dataset itself without white space between tokens, which is how the site
//! serves it and the peer benchmark gets synthetic datasets.
//!
//! `--from timelinejs|csv|ours` says what `--in` holds (default `ours`): a
//! TimelineJS3 JSON file or a sheet in TimelineJS's template as CSV is
//! imported first (its warnings go to standard error), then written in the
//! requested format. `--format ours` needs our own format as input.

use std::process::ExitCode;

use icet_explorer::core::export::{timelinejs, vis_timeline};
use icet_explorer::core::import;
use icet_explorer::core::json::minify;
use icet_explorer::core::model::ImportFormat;
use icet_explorer::core::synthetic::dataset_json;
use icet_explorer::load;

const USAGE: &str = "usage: icet-convert --format timelinejs|vis|ours \
     (--in FILE [--from timelinejs|csv|ours] | --synthetic ITEMS) [--out FILE]";

/// The seed of the synthetic datasets, the same as the browser benchmark's.
const SYNTHETIC_SEED: u64 = 42;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("icet-convert: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (mut format, mut input, mut synthetic, mut output) = (None, None, None, None);
    let mut from = None;
    for pair in args.chunks(2) {
        let [flag, value] = pair else {
            return Err(USAGE.into());
        };
        match flag.as_str() {
            "--format" => format = Some(value.clone()),
            "--in" => input = Some(value.clone()),
            "--from" => from = Some(value.clone()),
            "--synthetic" => {
                synthetic =
                    Some(value.parse::<usize>().map_err(|_| {
                        format!("--synthetic wants a number of items, not {value:?}")
                    })?)
            }
            "--out" => output = Some(value.clone()),
            _ => return Err(USAGE.into()),
        }
    }
    let json = match (input, synthetic) {
        (Some(path), None) => {
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?
        }
        (None, Some(items)) => dataset_json(items, SYNTHETIC_SEED),
        _ => return Err(USAGE.into()),
    };
    let imported_from = match from.as_deref() {
        None | Some("ours") => None,
        Some(name) => Some(ImportFormat::from_name(name).ok_or_else(|| USAGE.to_string())?),
    };
    let dataset = match imported_from {
        None => load(&json).map_err(|e| e.to_string())?,
        Some(source) => {
            let imported = import::import(source, &json).map_err(|e| e.to_string())?;
            for warning in &imported.warnings {
                eprintln!("icet-convert: warning: {warning}");
            }
            if format.as_deref() == Some("ours") {
                return Err(format!(
                    "--format ours writes our own format, which a {} timeline is not in",
                    source.as_str()
                ));
            }
            imported.dataset
        }
    };
    let text = match format.as_deref() {
        Some("timelinejs") => timelinejs(&dataset),
        Some("vis") => vis_timeline(&dataset),
        Some("ours") => minify(&json).map_err(|e| {
            format!(
                "line {}, column {}: {}",
                e.pos.line, e.pos.column, e.message
            )
        })?,
        _ => return Err(USAGE.into()),
    };
    match output {
        Some(path) => std::fs::write(&path, text).map_err(|e| format!("cannot write {path}: {e}")),
        None => std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    }
}
