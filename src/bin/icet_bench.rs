//! Native benchmark of the query engine on synthetic datasets.
//!
//! `cargo run --release --bin icet-bench [-- SIZES...]` prints, for each
//! size: load and index-build times, heap held by the dataset and its index,
//! and the median time of typical queries, next to a naive scan without an
//! index (the baseline) run in the same process on the same data.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use icet_explorer::core::model::{Dataset, Item};
use icet_explorer::core::query::{Facet, Query, QueryIndex};
use icet_explorer::core::synthetic::dataset_json;
use icet_explorer::core::url_state;
use icet_explorer::load;

/// Counts the bytes currently allocated, to measure what the index holds.
struct CountingAllocator;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

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
                    Facet::Area => item.focus_areas().iter().any(|a| selected.contains(a)),
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

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
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
