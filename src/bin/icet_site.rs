//! Pre-renders the explorer's first view into the built site's pages.
//!
//! `icet-site --data FILE --site DIR` loads the dataset, runs the same view
//! functions the wasm runs, and writes the default view (header counts, the
//! dataset summary, the facets, the timeline, the result list and the status
//! line) into `DIR/index.html` and `DIR/embed.html` in place of their
//! `<!--render:NAME-->` placeholders. With JavaScript off, or before the
//! reader touches the page, that is what shows.
//!
//! It also gives the scripts the names in the explorer's URLs (the state's
//! parameters, the views, the page's options) from the core's lists: as
//! `DIR/names.js`, a module the page's scripts import, and in place of
//! `ICET_NAMES` in the embed loader, `DIR/embed.js`, which an article loads
//! as a classic script.
//!
//! `--header-from-data`, for a site built with another dataset than the iCET
//! one (`make site DATA=…`): the pages' title, description, heading and
//! lede become the dataset's own `title` and `description`.

use std::process::ExitCode;
use std::rc::Rc;

use icet_explorer::core::json::write_string;
use icet_explorer::core::page_options::{self, Allowed, PAGE_OPTIONS};
use icet_explorer::core::query::QueryIndex;
use icet_explorer::core::url_state::{self, UrlState, View};
use icet_explorer::core::viewport::TimelineState;
use icet_explorer::render::list::PrintCitations;
use icet_explorer::render::markup::Markup;
use icet_explorer::render::page::page;
use icet_explorer::render::timeline::{timeline, LabelWidths, Placement};
use icet_explorer::render::{summary, Context};
use icet_explorer::{load, summarize};

const USAGE: &str = "usage: icet-site --data FILE --site DIR [--header-from-data]";

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
    let (mut data, mut site, mut header_from_data) = (None, None, false);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => data = args.next(),
            "--site" => site = args.next(),
            "--header-from-data" => header_from_data = true,
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
        // The page's timeline stretches across each range of widths.
        Placement::Stretched,
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
                Placement::Stretched,
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
        if header_from_data {
            html = own_header(&html, &dataset.title, &dataset.description)
                .map_err(|e| format!("{path}: {e}"))?;
        }
        std::fs::write(&path, html).map_err(|e| format!("{path}: {e}"))?;
    }
    let names = names_json();
    let path = format!("{site}/names.js");
    std::fs::write(&path, names_module(&names)).map_err(|e| format!("{path}: {e}"))?;
    let path = format!("{site}/embed.js");
    let mut script = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    script = loader_with_names(&script, &names).map_err(|e| format!("{path}: {e}"))?;
    if header_from_data {
        // The embed loader names the frames it makes, in an article's page.
        script = own_loader_name(&script, &dataset.title).map_err(|e| format!("{path}: {e}"))?;
    }
    std::fs::write(&path, script).map_err(|e| format!("{path}: {e}"))?;
    Ok(())
}

/// The names in the explorer's URLs, from the core's lists, as a JSON
/// object (a JavaScript expression too): the state's parameters in the
/// order the state is written, the parameter that names the dataset, each
/// view's name for readers, and each page option with what it takes.
fn names_json() -> String {
    let mut out = String::from("{\"stateParameters\":[");
    for (at, parameter) in url_state::parameters().enumerate() {
        if at > 0 {
            out.push(',');
        }
        write_string(&mut out, parameter);
    }
    out.push_str("],\"datasetParameter\":");
    write_string(&mut out, page_options::DATASET);
    out.push_str(",\"views\":{");
    for (at, view) in View::ALL.into_iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        write_string(&mut out, view.key());
        out.push(':');
        write_string(&mut out, view.name());
    }
    out.push_str("},\"pageOptions\":{");
    for (at, option) in PAGE_OPTIONS.iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        write_string(&mut out, option.key);
        out.push_str(":{");
        match option.allowed {
            Allowed::OneOf(values) => {
                out.push_str("\"values\":[");
                for (at, value) in values.iter().enumerate() {
                    if at > 0 {
                        out.push(',');
                    }
                    write_string(&mut out, value);
                }
                out.push(']');
            }
            Allowed::Pixels { min, max } => {
                out.push_str(&format!("\"min\":{min},\"max\":{max}"));
            }
            Allowed::Pattern(pattern) => {
                out.push_str("\"pattern\":");
                write_string(&mut out, pattern);
            }
        }
        out.push_str(",\"hint\":");
        write_string(&mut out, option.hint);
        out.push_str(&format!(",\"inSnippets\":{}}}", option.in_snippets));
    }
    out.push_str(&format!(
        "}},\"compactHeight\":{},\"fullHeight\":{}}}",
        page_options::COMPACT_HEIGHT,
        page_options::FULL_HEIGHT
    ));
    out
}

/// `names.js`: the names as a module's default export. Like every script of
/// the built site, it carries no comment (`www/dev/strip-comments.mjs`).
fn names_module(names: &str) -> String {
    format!("export default {names};\n")
}

/// Where the embed loader, `www/embed.js`, takes the names.
const LOADER_NAMES: &str = "ICET_NAMES";

/// The embed loader `script` with the names in place of [`LOADER_NAMES`].
fn loader_with_names(script: &str, names: &str) -> Result<String, String> {
    if script.matches(LOADER_NAMES).count() != 1 {
        return Err(format!("no single {LOADER_NAMES} to replace"));
    }
    Ok(script.replacen(LOADER_NAMES, names, 1))
}

/// The embed loader's line that names the explorer, as `www/embed.js` has it.
const LOADER_NAME: &str = "const NAME = 'iCET Explorer';";

/// The embed loader `script` naming the explorer `title`, written as a JSON
/// string (which is a JavaScript string literal too).
fn own_loader_name(script: &str, title: &str) -> Result<String, String> {
    if !script.contains(LOADER_NAME) {
        return Err(format!("no {LOADER_NAME} to replace"));
    }
    let mut line = String::from("const NAME = ");
    icet_explorer::core::json::write_string(&mut line, title);
    line.push(';');
    Ok(script.replacen(LOADER_NAME, &line, 1))
}

/// `html` with the dataset's `title` and `description` in place of the
/// explorer's own in its `<title>`, application name (which names embeds),
/// description, first heading and lede (the embed has no lede), and in the
/// words that name the dataset: the button back to it from a reader's own
/// file (the page) and the link to the explorer without JavaScript (the embed). Each is written whole by the escaping writer; the
/// heading and the lede hold nothing but data, so `dir="auto"` isolates them.
fn own_header(html: &str, title: &str, description: &str) -> Result<String, String> {
    let mut markup = Markup::new();
    markup.element("title", "", title);
    let html = replace_element(html, "<title>", "</title>", &markup.finish())?;
    let html = replace_meta(&html, "application-name", title)?;
    let html = replace_meta(&html, "description", description)?;
    let mut markup = Markup::new();
    markup
        .open("h1")
        .attr("dir", "auto")
        .text(title)
        .close("h1");
    let html = replace_element(&html, "<h1>", "</h1>", &markup.finish())?;
    // The words that name the dataset, in the pages that have them.
    let html = replace_words(
        &html,
        ("button", &[("id", "back-to-icet"), ("type", "button")]),
        &format!("Back to {title}"),
    )?;
    let html = replace_words(
        &html,
        (
            "a",
            &[("href", "./"), ("target", "_blank"), ("rel", "noopener")],
        ),
        &format!("Open {title}"),
    )?;
    if !html.contains("<p class=\"lede\">") {
        return Ok(html);
    }
    let mut markup = Markup::new();
    markup
        .open("p")
        .attr("class", "lede")
        .attr("dir", "auto")
        .text(description)
        .close("p");
    replace_element(&html, "<p class=\"lede\">", "</p>", &markup.finish())
}

/// `html` with the content of its `<meta>` named `name` replaced by `content`.
fn replace_meta(html: &str, name: &'static str, content: &str) -> Result<String, String> {
    let mut markup = Markup::new();
    markup
        .open("meta")
        .attr("name", name)
        .attr("content", content)
        .void();
    replace_element(
        html,
        &format!("<meta name=\"{name}\""),
        ">",
        &markup.finish(),
    )
}

/// `html` with the words of its element `tag` with exactly these
/// attributes, written as such, replaced by `words`; `html` as it is
/// without that element.
fn replace_words(
    html: &str,
    (tag, attributes): (&'static str, &[(&'static str, &str)]),
    words: &str,
) -> Result<String, String> {
    let opened = || {
        let mut markup = Markup::new();
        markup.open(tag);
        for (name, value) in attributes {
            markup.attr(name, value);
        }
        markup
    };
    let start = opened().finish();
    if !html.contains(&start) {
        return Ok(html.to_string());
    }
    let mut markup = opened();
    markup.text(words).close(tag);
    replace_element(html, &start, &format!("</{tag}>"), &markup.finish())
}

/// `html` with its first element from `start` to the first `end` after it replaced by `with`.
fn replace_element(html: &str, start: &str, end: &str, with: &str) -> Result<String, String> {
    let from = html
        .find(start)
        .ok_or_else(|| format!("no {start} to replace"))?;
    let to = html[from..]
        .find(end)
        .map(|at| from + at + end.len())
        .ok_or_else(|| format!("no {end} after {start}"))?;
    Ok(format!("{}{with}{}", &html[..from], &html[to..]))
}

#[cfg(test)]
mod tests {
    use super::{loader_with_names, names_json, own_header, own_loader_name, LOADER_NAME};
    use icet_explorer::core::json::minify;

    /// The scripts' names are the core's, in valid JSON with no space to spare.
    #[test]
    fn the_names_are_the_cores() {
        let names = names_json();
        assert_eq!(minify(&names).unwrap(), names);
        assert_eq!(
            names,
            concat!(
                r#"{"stateParameters":["area","actor","actor-kind","country","kind","type","status","source","year","group","q","from","to","sort","item","view"],"#,
                r#""datasetParameter":"data","views":{"timeline":"timeline","list":"result list","tracker":"commitment tracker"},"#,
                r#""pageOptions":{"theme":{"values":["auto","light","dark"],"hint":"use light, dark or auto","inSnippets":true},"#,
                r#""header":{"values":["0","1"],"hint":"use 0 to hide the header or 1 to show it","inSnippets":true},"#,
                r#""facets":{"values":["0","1"],"hint":"use 0 to hide the filters or 1 to show them","inSnippets":true},"#,
                r#""embed":{"pattern":"^[A-Za-z0-9_-]{1,40}$","hint":"use up to 40 letters, digits, - or _","inSnippets":false},"#,
                r#""layout":{"values":["compact","full"],"hint":"use compact (a card of fixed height) or full (as tall as its content)","inSnippets":true},"#,
                r#""height":{"min":240,"max":4000,"hint":"use a height in pixels from 240 to 4000","inSnippets":true}},"#,
                r#""compactHeight":600,"fullHeight":720}"#,
            )
        );
    }

    #[test]
    fn the_loader_takes_the_names_in_its_one_place() {
        let script = "(() => {\n  const NAMES = ICET_NAMES;\n})();\n";
        assert_eq!(
            loader_with_names(script, "{\"a\":1}").unwrap(),
            "(() => {\n  const NAMES = {\"a\":1};\n})();\n"
        );
        for script in ["const NAMES = {};", "ICET_NAMES; ICET_NAMES;"] {
            assert_eq!(
                loader_with_names(script, "{}").unwrap_err(),
                "no single ICET_NAMES to replace"
            );
        }
    }

    const PAGE: &str = "<head><title>iCET Explorer</title>\n<meta name=\"application-name\" content=\"iCET Explorer\">\n<meta name=\"description\" content=\"Every iCET meeting.\">\n</head><body><header><h1>iCET Explorer</h1>\n<p class=\"lede\">Every meeting of the iCET.</p><h1>Results</h1></header><p><button id=\"back-to-icet\" type=\"button\">Back to the iCET dataset</button></p><noscript><a href=\"./\" target=\"_blank\" rel=\"noopener\">Open the iCET Explorer</a></noscript>";

    #[test]
    fn the_dataset_names_the_page_escaped() {
        let html =
            own_header(PAGE, "Dams & <rivers>", "Every dam's \"story\" since 1900.").unwrap();
        assert_eq!(
            html,
            "<head><title>Dams &amp; &lt;rivers&gt;</title>\n<meta name=\"application-name\" content=\"Dams &amp; &lt;rivers&gt;\">\n<meta name=\"description\" content=\"Every dam&#39;s &quot;story&quot; since 1900.\">\n</head><body><header><h1 dir=\"auto\">Dams &amp; &lt;rivers&gt;</h1>\n<p class=\"lede\" dir=\"auto\">Every dam's \"story\" since 1900.</p><h1>Results</h1></header><p><button id=\"back-to-icet\" type=\"button\">Back to Dams &amp; &lt;rivers&gt;</button></p><noscript><a href=\"./\" target=\"_blank\" rel=\"noopener\">Open Dams &amp; &lt;rivers&gt;</a></noscript>"
        );
    }

    #[test]
    fn a_page_without_a_heading_is_an_error() {
        let page = PAGE.replace("<h1>iCET Explorer</h1>", "");
        let error = own_header(&page.replacen("<h1>Results</h1>", "", 1), "T", "D").unwrap_err();
        assert_eq!(error, "no <h1> to replace");
    }

    #[test]
    fn the_loader_names_embeds_after_the_dataset() {
        let script =
            format!("(() => {{\n  {LOADER_NAME}\n  const other = 'iCET Explorer';\n}})();\n");
        assert_eq!(
            own_loader_name(&script, "Dams \"& rivers\" \\ 1900\u{2028}").unwrap(),
            "(() => {\n  const NAME = \"Dams \\\"& rivers\\\" \\\\ 1900\u{2028}\";\n  const other = 'iCET Explorer';\n})();\n"
        );
        let error = own_loader_name("const NAME = 'Other';", "T").unwrap_err();
        assert_eq!(error, format!("no {LOADER_NAME} to replace"));
    }
}
