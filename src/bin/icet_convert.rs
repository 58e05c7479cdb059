//! Converts a dataset, or some of its items, to another format.
//!
//! `icet-convert --format FORMAT (--in FILE [--from timelinejs|csv|ours] | --synthetic ITEMS) [--items ID,ID,…] [--base URL] [--out FILE]`
//!
//! Formats: `timelinejs` (TimelineJS3 JSON), `vis` (vis-timeline items and
//! groups), `csv` (one row per item, safe to open in a spreadsheet), `ics`
//! (iCalendar of the events), `ours` (our own format) and `cite` (a ready
//! reference to each item, with its permanent URL under `--base`).
//!
//! `--from timelinejs|csv|ours` says what `--in` holds (default `ours`): a
//! TimelineJS3 JSON file or a sheet in TimelineJS's template as CSV is
//! imported first (its warnings go to standard error), then written in the
//! requested format. `--format ours` needs our own format as input.
//!
//! Without `--items`, every item is converted, and `ours` is the dataset
//! itself without white space between tokens, which is how the site serves
//! it and the peer benchmark gets synthetic datasets. With `--items`, only
//! those items (and, for `ours`, what they reference) are written.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::process::ExitCode;

use icet_explorer::core::export::{
    all_items, cite_item, csv, ical, ours_json, timelinejs_of, vis_timeline_of,
};
use icet_explorer::core::hash::seed_once;
use icet_explorer::core::import;
use icet_explorer::core::json::minify;
use icet_explorer::core::model::{ImportFormat, ItemIndex};
use icet_explorer::core::synthetic::dataset_json;
use icet_explorer::load;

const USAGE: &str = "usage: icet-convert --format timelinejs|vis|csv|ics|ours|cite (--in FILE [--from timelinejs|csv|ours] | --synthetic ITEMS) [--items ID,ID,...] [--base URL] [--out FILE]";

/// The seed of the synthetic datasets, the same as the browser benchmark's.
const SYNTHETIC_SEED: u64 = 42;

/// Where `cite` points when no `--base` is given.
const DEFAULT_BASE: &str = "https://icet-explorer.example/";

fn main() -> ExitCode {
    // The loader's tables take a seed from the system, so a file cannot be
    // crafted to make their keys collide (see `core::hash`).
    seed_once(RandomState::new().hash_one(0_u8));
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
    let (mut ids, mut base) = (None, None);
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
            "--items" => ids = Some(value.clone()),
            "--base" => base = Some(value.clone()),
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
    let items: Vec<ItemIndex> = match &ids {
        None => all_items(&dataset),
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| {
                dataset
                    .item_index(id)
                    .ok_or_else(|| format!("no event or commitment has the id {id:?}"))
            })
            .collect::<Result<_, _>>()?,
    };
    let text = match format.as_deref() {
        Some("timelinejs") => timelinejs_of(&dataset, &items),
        Some("vis") => vis_timeline_of(&dataset, &items),
        Some("csv") => csv(&dataset, &items),
        Some("ics") => ical(&dataset, &items),
        Some("cite") => {
            let base = base.as_deref().unwrap_or(DEFAULT_BASE);
            let citations: Vec<String> = items
                .iter()
                .filter_map(|&item| cite_item(&dataset, item, base))
                .collect();
            citations.join("\n")
        }
        Some("ours") if ids.is_some() => ours_json(&dataset, &items),
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
