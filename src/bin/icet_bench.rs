//! Native benchmark of the query engine on synthetic datasets.
//!
//! `cargo run --release --bin icet-bench [-- SIZES...]` prints, for each
//! size: load and index-build times, heap held by the dataset and its index,
//! and the median time of typical queries, next to a naive scan without an
//! index (the baseline) run in the same process on the same data.
//!
//! `icet-bench --hostile` loads the worst shapes of hostile input (many
//! problems on one line, huge names and values) at 1x, 2x and 4x their size
//! and prints time and peak memory per MB, and their ratio to 1x: flat
//! ratios mean cost linear in the input. `icet-bench --memory [ITEMS...]`
//! loads synthetic datasets (100k and 1M items by default) as the page
//! does, the text in chunks, and prints the times, the peak heap beside
//! the text, and what the dataset and its index hold.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use icet_explorer::core::load::load_chunks;
use icet_explorer::core::model::{Dataset, Item};
use icet_explorer::core::query::{Facet, Query, QueryIndex};
use icet_explorer::core::synthetic::dataset_json;
use icet_explorer::core::url_state;
use icet_explorer::load;

/// Counts the bytes currently allocated, to measure what the index holds,
/// and the most ever allocated at once since [`reset_peak`].
struct CountingAllocator;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(bytes: usize) {
    let now = ALLOCATED.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

/// Starts measuring the peak afresh; returns the bytes allocated now.
fn reset_peak() -> usize {
    let now = ALLOCATED.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grow(new_size - layout.size());
        } else {
            ALLOCATED.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

// Natively only: a wasm32 build of the crate has its own (`alloc::WASM`).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Typical queries: (group, query string).
const QUERIES: &[(&str, &str)] = &[
    ("facets", "area=space"),
    ("facets", "area=space,defence&kind=commitment&year=2024"),
    ("search", "q=quantum"),
    ("search", "q=semicond"),
    ("search", "q=semiconducter"),
    ("search", "q=jet+engines"),
    ("both", "area=space&q=launch"),
    ("both", "area=defence,space&year=2024&q=engines"),
];

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Times `run` enough times to take about 200 ms, at least 5 and at most 200 times.
fn time(mut run: impl FnMut()) -> Duration {
    let start = Instant::now();
    run();
    let once = start.elapsed().max(Duration::from_nanos(1));
    let repeats = (Duration::from_millis(200).as_nanos() / once.as_nanos()).clamp(5, 200) as usize;
    median(
        (0..repeats)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed()
            })
            .collect(),
    )
}

/// The baseline: every query scans every item, folding text on the fly.
fn naive_run(dataset: &Dataset, query: &Query) -> (usize, Vec<usize>) {
    let words: Vec<String> = query
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut counts = vec![0usize; Facet::ALL.len()];
    let mut hits = 0;
    for item in dataset.items() {
        let text = format!("{} {}", item.title(), item.description()).to_lowercase();
        if !words.iter().all(|w| text.contains(w.as_str())) {
            continue;
        }
        let matches = |facet: Facet| -> bool {
            let selected = query.selected(facet);
            selected.is_empty()
                || match facet {
                    Facet::Area => item
                        .focus_areas()
                        .iter()
                        .any(|a| selected.iter().any(|s| **s == **a)),
                    Facet::Kind => selected.iter().any(|s| {
                        (s == "event" && matches!(item, Item::Event(_)))
                            || (s == "commitment" && matches!(item, Item::Commitment(_)))
                    }),
                    Facet::Year => selected
                        .iter()
                        .any(|y| item.date().value.year().to_string() == *y),
                    _ => true,
                }
        };
        let passed: Vec<bool> = Facet::ALL.iter().map(|&f| matches(f)).collect();
        if passed.iter().all(|p| *p) {
            hits += 1;
        }
        for (f, count) in counts.iter_mut().enumerate() {
            if passed.iter().enumerate().all(|(g, p)| g == f || *p) {
                *count += 1;
            }
        }
    }
    (hits, counts)
}

fn format_duration(duration: Duration) -> String {
    let micros = duration.as_secs_f64() * 1e6;
    if micros >= 1000.0 {
        format!("{:.2} ms", micros / 1000.0)
    } else {
        format!("{micros:.1} µs")
    }
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// The minimal test dataset with `build` applied to its event (as minified
/// JSON text, so on one line), for the hostile shapes.
fn minimal_with(edit: impl FnOnce(&mut String)) -> String {
    let base = include_str!("../../tests/data/load/minimal.json");
    let mut text = icet_explorer::core::json::minify(base).expect("the minimal dataset is JSON");
    edit(&mut text);
    text
}

/// The worst shapes of hostile input, `scale` times over: (name, text).
fn hostile_shapes(scale: usize) -> Vec<(&'static str, String)> {
    let events_at = |text: &String| text.find("\"events\":[").expect("events") + 10;
    vec![
        (
            "misspelt fields, one line",
            minimal_with(|text| {
                let at = events_at(text);
                let mut events = String::new();
                for i in 0..5_000 * scale {
                    events.push_str(&format!(
                        "{{\"id\":\"event-{i}\",\"titel\":\"{}\",\"type\":\"visit\"}},",
                        "x".repeat(1000)
                    ));
                }
                text.insert_str(at, &events);
            }),
        ),
        (
            "dangling references, one line",
            minimal_with(|text| {
                let at = text.find("\"participants\":[").expect("participants") + 16;
                let refs: String = (0..50_000 * scale)
                    .map(|i| format!("\"nobody-{i}\","))
                    .collect();
                text.insert_str(at, &refs);
            }),
        ),
        (
            "duplicate members, one object",
            minimal_with(|text| {
                let members: String = (0..50_000 * scale)
                    .map(|i| format!("\"extra-{}\":{i},", i % 1000))
                    .collect();
                text.insert_str(1, &members);
            }),
        ),
        (
            "huge unknown field name",
            minimal_with(|text| {
                text.insert_str(1, &format!("\"{}\":1,", "x".repeat(12_500_000 * scale)));
            }),
        ),
        (
            "huge id",
            minimal_with(|text| {
                let at = text
                    .find("\"id\":\"isro-chairman-visit\"")
                    .expect("event id")
                    + 6;
                text.insert_str(at, &"Y".repeat(12_500_000 * scale));
            }),
        ),
    ]
}

fn hostile() {
    println!("Hostile shapes: time and peak heap per MB of input at 1x, 2x, 4x (release build, best of 3)");
    println!("a flat ratio to 1x means cost linear in the input\n");
    println!(
        "  {:<32} {:>5} {:>9} {:>9} {:>11} {:>10} {:>12} {:>11} {:>10}",
        "shape",
        "scale",
        "MB",
        "problems",
        "time",
        "ms/MB",
        "ratio to 1x",
        "peak MB/MB",
        "message MB"
    );
    let mut firsts: Vec<Option<f64>> = vec![None; hostile_shapes(0).len()];
    for scale in [1, 2, 4] {
        for (index, (name, text)) in hostile_shapes(scale).into_iter().enumerate() {
            let mut best = Duration::MAX;
            let mut problems = 0;
            let mut message_bytes = 0;
            let mut peak_bytes = 0;
            for _ in 0..3 {
                let before = reset_peak();
                let start = Instant::now();
                let result = load(&text);
                best = best.min(start.elapsed());
                peak_bytes = peak() - before;
                let error = result.expect_err("hostile shapes do not load");
                problems = error.problems().len();
                message_bytes = error.problems().iter().map(|p| p.message.len()).sum();
            }
            let per_mb = best.as_secs_f64() * 1e3 / mb(text.len());
            let first = *firsts[index].get_or_insert(per_mb);
            println!(
                "  {:<32} {:>4}x {:>9.1} {:>9} {:>11} {:>10.2} {:>11.2}x {:>11.2} {:>10.2}",
                name,
                scale,
                mb(text.len()),
                problems,
                format_duration(best),
                per_mb,
                per_mb / first,
                peak_bytes as f64 / text.len() as f64,
                mb(message_bytes),
            );
        }
    }
}

fn memory(sizes: &[usize]) {
    println!(
        "Loading synthetic datasets as the page does: the text in chunks of 1 MB (release build)"
    );
    println!("peak: the most the loader and the index held at once, beside the text (which the page never copies whole)\n");
    println!(
        "  {:>9} {:>10} {:>10} {:>12} {:>10} {:>12} {:>9}",
        "items", "text MB", "load", "index build", "peak MB", "dataset MB", "index MB"
    );
    for &items in sizes {
        let json = dataset_json(items, 42);
        let before = reset_peak();
        let start = Instant::now();
        let mut rest = json.as_str();
        let dataset = load_chunks(&mut |out: &mut String| {
            // The generator writes ASCII only, so any cut is a character boundary.
            let (piece, after) = rest.split_at(rest.len().min(1 << 20));
            out.push_str(piece);
            rest = after;
            !rest.is_empty()
        })
        .expect("synthetic datasets load");
        let load_time = start.elapsed();
        let load_peak = peak() - before;
        let after_load = reset_peak();
        let start = Instant::now();
        let index = QueryIndex::build(&dataset);
        let index_time = start.elapsed();
        let after_index = ALLOCATED.load(Ordering::Relaxed);
        let index_peak = peak() - before;
        println!(
            "  {:>9} {:>10.1} {:>10} {:>12} {:>10.1} {:>12.1} {:>9.1}",
            items,
            mb(json.len()),
            format_duration(load_time),
            format_duration(index_time),
            mb(load_peak.max(index_peak)),
            mb(after_load - before),
            mb(after_index - after_load),
        );
        println!(
            "  {:>9} peak while loading {:.1} MB, while building the index {:.1} MB",
            "",
            mb(load_peak),
            mb(index_peak)
        );
        drop(index);
        drop(dataset);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if args.iter().any(|a| a == "--hostile") {
        return hostile();
    }
    if args.iter().any(|a| a == "--memory") {
        return memory(if sizes.is_empty() {
            &[100_000, 1_000_000]
        } else {
            &sizes
        });
    }
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    println!("iCET Explorer native benchmark (release build, medians; baseline = naive scan without an index)\n");
    for items in sizes {
        let json = dataset_json(items, 42);
        let before = ALLOCATED.load(Ordering::Relaxed);
        let start = Instant::now();
        let dataset = load(&json).expect("synthetic datasets load");
        let load_time = start.elapsed();
        let after_load = ALLOCATED.load(Ordering::Relaxed);
        let start = Instant::now();
        let index = QueryIndex::build(&dataset);
        let build_time = start.elapsed();
        let after_index = ALLOCATED.load(Ordering::Relaxed);
        println!(
            "{items} items ({:.1} MB of JSON): load {}, index build {}; heap: dataset {:.1} MB, index {:.1} MB",
            json.len() as f64 / 1e6,
            format_duration(load_time),
            format_duration(build_time),
            (after_load - before) as f64 / 1e6,
            (after_index - after_load) as f64 / 1e6,
        );
        println!(
            "  {:<8} {:<44} {:>8} {:>12} {:>12} {:>8}",
            "group", "query", "results", "ours", "baseline", "ratio"
        );
        for (group, query_string) in QUERIES {
            let (state, _) = url_state::parse(query_string);
            let results = index.run(&state.query).items.len();
            let ours = time(|| {
                std::hint::black_box(index.run(&state.query));
            });
            let baseline = time(|| {
                std::hint::black_box(naive_run(&dataset, &state.query));
            });
            println!(
                "  {:<8} {:<44} {:>8} {:>12} {:>12} {:>7.2}x",
                group,
                query_string,
                results,
                format_duration(ours),
                format_duration(baseline),
                ours.as_secs_f64() / baseline.as_secs_f64()
            );
        }
        println!();
    }
}
