//! Pre-renders the explorer's first view into the built site's pages.
//!
//! `icet-site --data FILE --site DIR` loads the dataset, runs the same view
//! functions the wasm runs, and writes the default view (header counts, the
//! dataset summary, the facets, the timeline, the result list and the status
//! line) into `DIR/index.html` and `DIR/embed.html` in place of their
//! `<!--render:NAME-->` placeholders. With JavaScript off, or before the
//! reader touches the page, that is what shows.

use std::process::ExitCode;
use std::rc::Rc;

use icet_explorer::core::query::QueryIndex;
use icet_explorer::core::url_state::UrlState;
use icet_explorer::core::viewport::TimelineState;
use icet_explorer::render::list::PrintCitations;
use icet_explorer::render::markup::Markup;
use icet_explorer::render::page::page;
use icet_explorer::render::timeline::{timeline, LabelWidths};
use icet_explorer::render::{summary, Context};
use icet_explorer::{load, summarize};

const USAGE: &str = "usage: icet-site --data FILE --site DIR";

/// The timeline is laid out for the narrowest width of each range of
/// container widths, and stretches across the range (see `render::timeline`);
/// the page's CSS shows the one that fits. A range costs about 5 KB gzipped,
/// an eighth of the untouched page's budget: below about 640 px the results
/// area shows the vertical timeline (the list) instead of the SVG, so one
/// range, laid out for 560 px and stretched, is enough.
const TIMELINE_WIDTHS: [(&str, f64); 1] = [("wide", 560.0)];

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("icet-site: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (mut data, mut site) = (None, None);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => data = args.next(),
            "--site" => site = args.next(),
            _ => return Err(format!("unknown argument {arg:?}\n{USAGE}")),
        }
    }
    let (Some(data), Some(site)) = (data, site) else {
        return Err(USAGE.to_string());
    };
    let text = std::fs::read_to_string(&data).map_err(|e| format!("{data}: {e}"))?;
    let dataset = load(&text).map_err(|e| format!("{data}: {e}"))?;
    let index = QueryIndex::build(&dataset);
    let counts = summarize(&dataset);
    let state = UrlState::default();
    let cx = Context {
        dataset: &dataset,
        index: &index,
        state: &state,
        base: "",
    };
    let widths = LabelWidths::default();
    let result = Rc::new(index.run(&state.query));
    let view = page(
        &cx,
        &|_| result.clone(),
        &mut TimelineState::new(&dataset),
        TIMELINE_WIDTHS[0].1,
        &widths,
        // Without JavaScript nothing could ask for them at print time.
        PrintCitations::Included,
    );
    let timelines: String = TIMELINE_WIDTHS
        .iter()
        .map(|(name, width)| {
            let (svg, _) = timeline(
                &cx,
                &result,
                &mut TimelineState::new(&dataset),
                *width,
                &widths,
            );
            svg.replacen(
                "class=\"timeline-svg\"",
                &format!("class=\"timeline-svg prerendered-{name}\""),
                1,
            )
        })
        .collect();
    let parts = [
        ("facts", summary::header_facts(&counts)),
        ("summary", summary::summary(&counts)),
        ("facets", view.facets),
        ("timeline", timelines),
        ("list", view.list.unwrap_or_default()),
        ("status", {
            let mut status = Markup::new();
            status.text(&view.status);
            status.finish()
        }),
    ];
    for page_name in ["index.html", "embed.html"] {
        let path = format!("{site}/{page_name}");
        let mut html = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        for (name, markup) in &parts {
            let placeholder = format!("<!--render:{name}-->");
            // The embed has no header summary; every other placeholder must be there.
            if !html.contains(&placeholder) {
                if page_name == "embed.html" && matches!(*name, "facts" | "summary") {
                    continue;
                }
                return Err(format!("{path}: no {placeholder} to fill"));
            }
            html = html.replacen(&placeholder, markup, 1);
        }
        std::fs::write(&path, html).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}
