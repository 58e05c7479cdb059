//! The timeline layout engine: scale, zoom and pan cases in
//! `tests/data/timeline/scale.txt`, ticks in `ticks.txt`, status bars in
//! `segments.txt`, packing and clustering cases in `layout.txt` rendered into
//! `layout.expected`, properties checked with proptest, and layouts of the
//! real and a large synthetic dataset.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use icet_explorer::core::date::{civil_from_day_number, Date, DayNumber};
use icet_explorer::core::model::{
    Commitment, Dataset, IdLists, ItemIndex, ItemTexts, Status, StatusEntry,
};
use icet_explorer::core::synthetic::dataset_json;
use icet_explorer::core::timeline::{
    extent, layout, status_segments, ticks, Layout, LayoutOptions, Limits, Mark, Shape, TickUnit,
    Viewport,
};
use icet_explorer::{load, PartialDate};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use support::{expect_file, read, report, table};

/// A day number from `YYYY-MM-DD`, or a plain number (`NaN`, `inf` and `1e300` included).
fn number(text: &str) -> f64 {
    if text.len() == 10 && text.as_bytes()[4] == b'-' {
        let date = PartialDate::parse(text).unwrap_or_else(|e| panic!("{e}"));
        f64::from(date.interval().0)
    } else {
        text.parse()
            .unwrap_or_else(|_| panic!("{text:?} is not a number"))
    }
}

fn numbers(text: &str) -> Vec<f64> {
    text.split_whitespace().map(number).collect()
}

fn iso(day: DayNumber) -> String {
    let (y, m, d) = civil_from_day_number(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Numbers agree if both are NaN, equal, or within a billionth (relative).
fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn limits_from(words: &[f64]) -> Limits {
    Limits {
        extent: (words[0], words[1]),
        min_span_days: words[2],
        max_span_days: words[3],
    }
}

/// Runs one scale operation and returns its numbers.
fn scale_operation(viewport: &str, operation: &str) -> Vec<f64> {
    let view = (viewport != "-").then(|| {
        let v = numbers(viewport);
        Viewport {
            start: v[0],
            end: v[1],
            width: v[2],
        }
    });
    let (name, rest) = operation.split_once(' ').unwrap_or((operation, ""));
    let (args, limits) = match rest.split_once(" within ") {
        Some((args, limits)) => (numbers(args), Some(limits_from(&numbers(limits)))),
        None => (numbers(rest), None),
    };
    let triple = |v: Viewport| vec![v.start, v.end, v.width];
    match name {
        "x" => vec![view.unwrap().x(args[0])],
        "day_at" => vec![view.unwrap().day_at(args[0])],
        "zoom" => triple(view.unwrap().zoom_about(args[0], args[1], &limits.unwrap())),
        "pan" => triple(view.unwrap().pan(args[0], &limits.unwrap())),
        "fit" => triple(Viewport::fit(
            (args[0] as DayNumber, args[1] as DayNumber),
            args[2],
            &limits.unwrap(),
        )),
        "sanitized" => triple(view.unwrap().sanitized()),
        "limits-around" => {
            let l = Limits::around(args[0] as DayNumber, args[1] as DayNumber);
            vec![l.extent.0, l.extent.1, l.min_span_days, l.max_span_days]
        }
        other => panic!("unknown operation {other:?}"),
    }
}

#[test]
fn scale_cases() {
    let cases = table("tests/data/timeline/scale.txt");
    let failures = cases
        .iter()
        .filter_map(|(line, f)| {
            let actual = scale_operation(&f[0], &f[1]);
            let expected = numbers(&f[2]);
            let same = actual.len() == expected.len()
                && actual.iter().zip(&expected).all(|(a, e)| close(*a, *e));
            (!same).then(|| {
                format!(
                    "line {line}: {} | {}: expected {expected:?}, got {actual:?}",
                    f[0], f[1]
                )
            })
        })
        .collect();
    report(failures, cases.len());
}

fn render_ticks(unit: TickUnit, ticks: &[icet_explorer::core::timeline::Tick]) -> (String, String) {
    let labels: Vec<String> = ticks
        .iter()
        .map(|t| format!("{}{}", t.label, if t.major { "*" } else { "" }))
        .collect();
    let labels = if labels.is_empty() {
        "-".to_string()
    } else {
        labels.join(", ")
    };
    (unit.as_str().to_string(), labels)
}

#[test]
fn tick_cases() {
    let cases = table("tests/data/timeline/ticks.txt");
    let failures = cases
        .iter()
        .filter_map(|(line, f)| {
            let view = Viewport {
                start: number(&f[0]),
                end: number(&f[1]),
                width: number(&f[2]),
            };
            let (unit, ticks) = ticks(&view, number(&f[3]));
            let (unit, labels) = render_ticks(unit, &ticks);
            (unit != f[4] || labels != f[5]).then(|| {
                format!(
                    "line {line}: {} to {} at {} px\n  expected {}: {}\n  actual   {unit}: {labels}",
                    f[0], f[1], f[2], f[4], f[5]
                )
            })
        })
        .collect();
    report(failures, cases.len());
}

fn commitment(history: &[(Status, PartialDate)]) -> Commitment {
    Commitment {
        id: "commitment".into(),
        texts: ItemTexts::new(["A commitment"], ""),
        ids: IdLists::new([Vec::new()], Vec::new()),
        announced_at: "".into(),
        status_history: history
            .iter()
            .map(|&(status, value)| StatusEntry {
                status,
                date: Date::exact(value),
                event: None,
                summary: Box::default(),
                citations: Box::default(),
            })
            .collect(),
        discrepancies: Box::default(),
        related: Box::default(),
    }
}

#[test]
fn status_segment_cases() {
    let cases = table("tests/data/timeline/segments.txt");
    let failures = cases
        .iter()
        .filter_map(|(line, f)| {
            let history: Vec<(Status, PartialDate)> = f[0]
                .split(", ")
                .filter(|entry| *entry != "-")
                .map(|entry| {
                    let (status, date) = entry.split_once(' ').unwrap();
                    (
                        Status::from_name(status).unwrap(),
                        PartialDate::parse(date).unwrap(),
                    )
                })
                .collect();
            let segments: Vec<String> = status_segments(&commitment(&history))
                .iter()
                .map(|s| {
                    format!(
                        "{}..{} {}",
                        iso(s.first_day),
                        iso(s.last_day),
                        s.status.as_str()
                    )
                })
                .collect();
            let actual = if segments.is_empty() {
                "-".to_string()
            } else {
                segments.join(", ")
            };
            (actual != f[1]).then(|| {
                format!(
                    "line {line}: {}\n  expected {}\n  actual   {actual}",
                    f[0], f[1]
                )
            })
        })
        .collect();
    report(failures, cases.len());
}

/// Checks everything a layout promises, computing what it can independently:
/// which marks are visible, each mark's position and shape, the partition into
/// drawn, clustered and hidden marks, lanes within bounds and no overlaps.
/// Expects marks with distinct items and finite, non-negative options.
fn check_layout(
    marks: &[Mark],
    viewport: &Viewport,
    options: &LayoutOptions,
    result: &Layout,
) -> Result<(), String> {
    let view = viewport.sanitized();
    let px_per_day = view.width / (view.end - view.start);
    let max_lanes = options.max_lanes.max(1);
    let index: std::collections::HashMap<ItemIndex, &Mark> =
        marks.iter().map(|m| (m.item, m)).collect();
    let by_item = |item: ItemIndex| index[&item];
    let visible = |m: &Mark| {
        let (first, last) = (m.first_day.min(m.last_day), m.first_day.max(m.last_day));
        view.width > 0.0 && f64::from(last) + 1.0 > view.start && f64::from(first) < view.end
    };

    // Every visible mark is drawn or in exactly one cluster; the others are hidden.
    let mut expected_drawn: Vec<ItemIndex> = marks
        .iter()
        .filter(|m| visible(m))
        .map(|m| m.item)
        .collect();
    let mut expected_hidden: Vec<ItemIndex> = marks
        .iter()
        .filter(|m| !visible(m))
        .map(|m| m.item)
        .collect();
    expected_drawn.sort_unstable();
    expected_hidden.sort_unstable();
    let mut drawn: Vec<ItemIndex> = result.placed.iter().map(|p| p.item).collect();
    drawn.extend(result.clusters.iter().flat_map(|c| c.items.iter().copied()));
    drawn.sort_unstable();
    if drawn != expected_drawn {
        return Err(format!("drawn {drawn:?}, expected {expected_drawn:?}"));
    }
    if result.hidden != expected_hidden {
        return Err(format!(
            "hidden {:?}, expected {expected_hidden:?}",
            result.hidden
        ));
    }
    let before = marks
        .iter()
        .filter(|m| f64::from(m.first_day.max(m.last_day)) + 1.0 <= view.start)
        .count();
    let after = marks
        .iter()
        .filter(|m| f64::from(m.first_day.min(m.last_day)) >= view.end)
        .count();
    if (result.hidden_before as usize, result.hidden_after as usize) != (before, after) {
        return Err(format!(
            "hidden before/after {}/{}, expected {before}/{after}",
            result.hidden_before, result.hidden_after
        ));
    }

    // Bands in order, within the lane limit, and every box in a lane its band has.
    if result.bands.windows(2).any(|w| w[0].band >= w[1].band) {
        return Err(format!("bands out of order: {:?}", result.bands));
    }
    let mut boxes: Vec<(u32, u32, f64, f64, String)> = Vec::new();
    for p in &result.placed {
        let mark = by_item(p.item);
        let (first, last) = (
            mark.first_day.min(mark.last_day),
            mark.first_day.max(mark.last_day),
        );
        let point = first == last && px_per_day < options.marker_width;
        let expected_x0 = if point {
            view.x(f64::from(first)) + px_per_day / 2.0 - options.marker_width / 2.0
        } else {
            view.x(f64::from(first))
        };
        let label = if mark.label_width.is_finite() {
            mark.label_width.clamp(0.0, 1e6)
        } else {
            0.0
        };
        let expected_label_start =
            expected_label_start(p.x0, p.x1, label, view.width, options.flip_labels);
        let problems = [
            (p.shape == Shape::Point) != point,
            !close(p.x0, expected_x0),
            p.x1 < p.x0,
            !close(p.label_start, expected_label_start),
            !close(p.label_end, p.label_start + label),
            p.end < p.x1 || p.end < p.label_end || p.end < p.x0 + options.marker_width,
            !close(p.start, p.x0.min(p.label_start)),
            // With flipping, a label that fits in the viewport is wholly in it.
            options.flip_labels
                && label <= view.width
                && (p.label_start < -1e-9 || p.label_end > view.width + 1e-9 * view.width.max(1.0)),
            p.approximate != mark.approximate || p.band != mark.band,
            ![p.x0, p.x1, p.label_end, p.end]
                .iter()
                .all(|v| v.is_finite()),
        ];
        if let Some(which) = problems.iter().position(|&bad| bad) {
            return Err(format!(
                "placed #{} fails check {which}: {p:?} for {mark:?}",
                p.item
            ));
        }
        boxes.push((p.band, p.lane, p.start, p.end, format!("#{}", p.item)));
    }
    for c in &result.clusters {
        let members: Vec<&Mark> = c.items.iter().map(|&i| by_item(i)).collect();
        let first = members.iter().map(|m| m.first_day.min(m.last_day)).min();
        let last = members.iter().map(|m| m.first_day.max(m.last_day)).max();
        let problems = [
            c.items.is_empty(),
            c.items.windows(2).any(|w| w[0] >= w[1]),
            first != Some(c.first_day) || last != Some(c.last_day),
            members.iter().any(|m| m.band != c.band),
            c.x0 > c.x1 || c.x1 > c.end,
            // The cluster covers its members' marks: from the first day's line (or point) to the last day's.
            c.x0 > view.x(f64::from(c.first_day)) + 1e-9 * c.x0.abs().max(1.0),
            c.x1 < view.x(f64::from(c.last_day) + 1.0)
                && !close(c.x1, view.x(f64::from(c.last_day) + 1.0)),
            ![c.x0, c.x1, c.end].iter().all(|v| v.is_finite()),
        ];
        if let Some(which) = problems.iter().position(|&bad| bad) {
            return Err(format!("cluster fails check {which}: {c:?}"));
        }
        boxes.push((
            c.band,
            c.lane,
            c.x0,
            c.end,
            format!("cluster {:?}", c.items),
        ));
    }
    for (band, lane, _, _, what) in &boxes {
        let lanes = result.lanes_in(*band);
        if *lane >= lanes || lanes > max_lanes {
            return Err(format!(
                "{what} in lane {lane} of band {band}, which has {lanes} of at most {max_lanes}"
            ));
        }
    }

    // No two boxes in the same band and lane overlap, gap included.
    boxes.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2)));
    for pair in boxes.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if (a.0, a.1) == (b.0, b.1) && a.3 + options.gap > b.2 {
            return Err(format!(
                "band {} lane {}: {} [{}, {}) overlaps {} [{}, {}) with gap {}",
                a.0, a.1, a.4, a.2, a.3, b.4, b.2, b.3, options.gap
            ));
        }
    }
    Ok(())
}

/// Where a label goes, written independently of the layout: from the mark
/// (or the left edge) if it fits before the right edge, else ending at the
/// mark's end (or the right edge), but not before the left edge.
fn expected_label_start(x0: f64, x1: f64, label: f64, width: f64, flip: bool) -> f64 {
    if !flip {
        x0
    } else if x0.max(0.0) + label <= width {
        x0.max(0.0)
    } else {
        (x1.min(width) - label).clamp(0.0, x0.max(0.0))
    }
}

/// A mark's box `[start, end + gap)` as the layout measures it (the same arithmetic, independently written).
fn mark_box(mark: &Mark, view: &Viewport, options: &LayoutOptions) -> (f64, f64) {
    let view = view.sanitized();
    let px_per_day = view.width / (view.end - view.start);
    let (first, last) = (
        mark.first_day.min(mark.last_day),
        mark.first_day.max(mark.last_day),
    );
    let start_x = view.x(f64::from(first));
    let (x0, x1) = if first == last && px_per_day < options.marker_width {
        let centre = start_x + px_per_day / 2.0;
        (
            centre - options.marker_width / 2.0,
            centre + options.marker_width / 2.0,
        )
    } else {
        (start_x, view.x(f64::from(last) + 1.0).max(start_x))
    };
    let label_start =
        expected_label_start(x0, x1, mark.label_width, view.width, options.flip_labels);
    let end = x1
        .max(label_start + mark.label_width)
        .max(x0 + options.marker_width);
    (x0.min(label_start), end + options.gap)
}

/// The most boxes that can be drawn at any one point: the lanes they need.
fn depth(boxes: &[(f64, f64)]) -> usize {
    let mut events: Vec<(f64, i32)> = boxes
        .iter()
        .flat_map(|&(start, free)| [(start, 1), (free, -1)])
        .collect();
    // A box freeing a lane at x lets another start at x: ends first.
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut current = 0;
    let mut most = 0;
    for (_, change) in events {
        current += change;
        most = most.max(current);
    }
    most as usize
}

/// Checks by brute force that every crowded stretch of a band keeps the most
/// marks that fit in all lanes but the cluster lane, and that stretches that
/// fit keep all their marks. For a handful of marks with distinct items.
fn check_most_kept(
    marks: &[Mark],
    view: &Viewport,
    options: &LayoutOptions,
    result: &Layout,
) -> Result<(), String> {
    let placed: std::collections::HashSet<ItemIndex> =
        result.placed.iter().map(|p| p.item).collect();
    let mut bands: Vec<u32> = marks.iter().map(|m| m.band).collect();
    bands.sort_unstable();
    bands.dedup();
    for band in bands {
        let mut visible: Vec<(f64, f64, ItemIndex)> = marks
            .iter()
            .filter(|m| m.band == band && !result.hidden.contains(&m.item))
            .map(|m| {
                let (x0, free) = mark_box(m, view, options);
                (x0, free, m.item)
            })
            .collect();
        visible.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Stretches: runs of boxes each starting before every earlier box has freed its lane.
        let mut stretches: Vec<Vec<(f64, f64, ItemIndex)>> = Vec::new();
        let mut reach = f64::NEG_INFINITY;
        for b in visible {
            match stretches.last_mut() {
                Some(stretch) if b.0 < reach => stretch.push(b),
                _ => stretches.push(vec![b]),
            }
            reach = reach.max(b.1);
        }
        for stretch in stretches {
            let boxes: Vec<(f64, f64)> = stretch.iter().map(|b| (b.0, b.1)).collect();
            let kept = stretch.iter().filter(|b| placed.contains(&b.2)).count();
            let lanes = options.max_lanes.max(1) as usize;
            let best = if depth(&boxes) <= lanes {
                stretch.len()
            } else {
                (0u32..1 << stretch.len())
                    .filter(|set| {
                        let chosen: Vec<(f64, f64)> = boxes
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| set & (1 << i) != 0)
                            .map(|(_, b)| *b)
                            .collect();
                        depth(&chosen) < lanes
                    })
                    .map(|set| set.count_ones() as usize)
                    .max()
                    .unwrap_or(0)
            };
            if kept != best {
                return Err(format!(
                    "band {band}: a stretch of {} marks kept {kept}, but {best} fit",
                    stretch.len()
                ));
            }
        }
    }
    Ok(())
}

fn clustered(result: &Layout) -> usize {
    result.clusters.iter().map(|c| c.items.len()).sum()
}

/// One case of `layout.txt`.
struct Case {
    name: String,
    view: Viewport,
    options: LayoutOptions,
    marks: Vec<Mark>,
}

fn layout_cases() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (line, f) in table("tests/data/timeline/layout.txt") {
        if cases.last().map_or(true, |c| c.name != f[0]) {
            cases.push(Case {
                name: f[0].clone(),
                view: Viewport {
                    start: 0.0,
                    end: 1.0,
                    width: 0.0,
                },
                options: LayoutOptions::default(),
                marks: Vec::new(),
            });
        }
        let case = cases.last_mut().unwrap();
        match f[1].as_str() {
            "view" => {
                case.view = Viewport {
                    start: number(&f[2]),
                    end: number(&f[3]),
                    width: number(&f[4]),
                }
            }
            "options" => {
                case.options = LayoutOptions {
                    marker_width: number(&f[2]),
                    gap: number(&f[3]),
                    max_lanes: f[4].parse().unwrap(),
                    cluster_distance: number(&f[5]),
                    cluster_width: number(&f[6]),
                    // Labels flip at the edges unless the case says "fixed".
                    flip_labels: f.get(7).map(String::as_str) != Some("fixed"),
                }
            }
            "mark" => {
                let (first, last) = match f[3].split_once("..") {
                    Some((a, b)) => (
                        PartialDate::parse(a).unwrap().interval().0,
                        PartialDate::parse(b).unwrap().interval().1,
                    ),
                    None => PartialDate::parse(&f[3]).unwrap().interval(),
                };
                case.marks.push(Mark {
                    item: f[2].parse().unwrap(),
                    first_day: first,
                    last_day: last,
                    label_width: number(&f[4]),
                    band: f[5].parse().unwrap(),
                    approximate: f.get(6).is_some_and(|flag| flag == "~"),
                });
            }
            other => panic!("line {line}: unknown row kind {other:?}"),
        }
    }
    cases
}

/// Up to two decimals, without trailing zeros.
fn px(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

const PICTURE_COLUMNS: usize = 60;

/// A lane drawn in characters: `=` a span, `o` a point, `~` an approximate
/// mark, `.` the rest of a mark's box (its label), `*` a cluster's box with
/// its count at the start.
fn picture(result: &Layout, band: u32, lane: u32, width: f64) -> String {
    let scale = width / PICTURE_COLUMNS as f64;
    let mut cells = vec![' '; PICTURE_COLUMNS];
    let column = |x: f64| (x / scale).floor().clamp(0.0, PICTURE_COLUMNS as f64) as usize;
    let column_end = |x: f64| (x / scale).ceil().clamp(0.0, PICTURE_COLUMNS as f64) as usize;
    for p in result
        .placed
        .iter()
        .filter(|p| (p.band, p.lane) == (band, lane))
    {
        for cell in &mut cells[column(p.x0)..column_end(p.end)] {
            *cell = '.';
        }
        let mark = if p.approximate {
            '~'
        } else if p.shape == Shape::Point {
            'o'
        } else {
            '='
        };
        let start = column(p.x0);
        for cell in &mut cells[start..column_end(p.x1).max(start + 1).min(PICTURE_COLUMNS)] {
            *cell = mark;
        }
    }
    for c in result
        .clusters
        .iter()
        .filter(|c| (c.band, c.lane) == (band, lane))
    {
        for cell in &mut cells[column(c.x0)..column_end(c.end)] {
            *cell = '*';
        }
        if let Some(cell) = cells.get_mut(column(c.x0)) {
            *cell = if c.items.len() < 10 {
                char::from(b'0' + c.items.len() as u8)
            } else {
                '+'
            };
        }
    }
    cells.into_iter().collect()
}

fn render_case(case: &Case, result: &Layout) -> String {
    let v = case.view;
    let o = case.options;
    let mut out = format!(
        "## {}: {}..{} at {} px ({} px a day); marker {}, gap {}, lanes {}, distance {}, cluster {}\n",
        case.name,
        iso(v.start as DayNumber),
        iso(v.end as DayNumber),
        px(v.width),
        px(v.px_per_day()),
        px(o.marker_width),
        px(o.gap),
        o.max_lanes,
        px(o.cluster_distance),
        px(o.cluster_width)
    );
    for band in &result.bands {
        out.push_str(&format!("band {}, lanes: {}\n", band.band, band.lanes));
        for lane in (0..band.lanes).rev() {
            out.push_str(&format!(
                "  {lane} |{}|\n",
                picture(result, band.band, lane, v.width)
            ));
        }
        for p in result.placed.iter().filter(|p| p.band == band.band) {
            let label_x = if p.label_start == p.x0 {
                String::new()
            } else if p.label_flipped() {
                format!(" (flipped, from {})", px(p.label_start))
            } else {
                format!(" (drawn from {})", px(p.label_start))
            };
            out.push_str(&format!(
                "  lane {}: #{} {}{} {}..{}, label to {}{label_x}, box to {}\n",
                p.lane,
                p.item,
                if p.approximate { "approximate " } else { "" },
                if p.shape == Shape::Point {
                    "point"
                } else {
                    "span"
                },
                px(p.x0),
                px(p.x1),
                px(p.label_end),
                px(p.end)
            ));
        }
        for c in result.clusters.iter().filter(|c| c.band == band.band) {
            let items: Vec<String> = c.items.iter().map(|i| format!("#{i}")).collect();
            out.push_str(&format!(
                "  lane {}: cluster of {} ({}) {}..{}, {}..{}, box to {}\n",
                c.lane,
                c.items.len(),
                items.join(" "),
                iso(c.first_day),
                iso(c.last_day),
                px(c.x0),
                px(c.x1),
                px(c.end)
            ));
        }
    }
    let hidden: Vec<String> = result.hidden.iter().map(|i| format!("#{i}")).collect();
    out.push_str(&format!(
        "hidden: {} ({} before, {} after)\n\n",
        if hidden.is_empty() {
            "none".to_string()
        } else {
            hidden.join(" ")
        },
        result.hidden_before,
        result.hidden_after
    ));
    out
}

#[test]
fn packing_and_clustering_cases() {
    let cases = layout_cases();
    assert!(cases.len() >= 10, "only {} cases", cases.len());
    let mut rendered = String::new();
    for case in &cases {
        let result = layout(&case.marks, &case.view, &case.options);
        if let Err(problem) = check_layout(&case.marks, &case.view, &case.options, &result) {
            panic!("{}: {problem}", case.name);
        }
        rendered.push_str(&render_case(case, &result));
    }
    expect_file("tests/data/timeline/layout.expected", &rendered)
        .unwrap_or_else(|diff| panic!("{diff}"));
}

#[test]
fn zooming_in_on_the_zoom_cases_splits_their_clusters() {
    let cases = layout_cases();
    let counts: Vec<usize> = ["zoom-1", "zoom-2", "zoom-3"]
        .iter()
        .map(|name| {
            let case = cases.iter().find(|c| c.name == *name).unwrap();
            let result = layout(&case.marks, &case.view, &case.options);
            clustered(&result)
        })
        .collect();
    assert!(
        counts[0] > counts[1] && counts[1] > counts[2],
        "marks in clusters: {counts:?}"
    );
}

/// Marks for every item of a dataset, with labels as wide as `label_width`
/// says, in one band or a band per focus area (the first listed).
fn dataset_marks(dataset: &Dataset, label_width: impl Fn(&str) -> f64, by_area: bool) -> Vec<Mark> {
    (0..dataset.item_count() as ItemIndex)
        .map(|i| {
            let item = dataset.item(i);
            let band = if by_area {
                let area = item.focus_areas().first();
                area.and_then(|id| dataset.focus_areas.iter().position(|a| *a.id == **id))
                    .unwrap_or(dataset.focus_areas.len()) as u32
            } else {
                0
            };
            Mark::for_item(dataset, i, label_width(item.title()), band).unwrap()
        })
        .collect()
}

/// Lays out marks fitted to `width`, then zooms in step by step about a third
/// of the way across down to the narrowest span, checking every layout and
/// that the marks in clusters never grow in number.
fn check_zoom_series(
    marks: &[Mark],
    width: f64,
    options: &LayoutOptions,
) -> Vec<(f64, usize, usize)> {
    let (first, last) = extent(marks).unwrap();
    let limits = Limits::around(first, last);
    let mut view = Viewport::fit((first, last), width, &limits);
    let mut series = Vec::new();
    loop {
        let result = layout(marks, &view, options);
        check_layout(marks, &view, options, &result).unwrap_or_else(|p| panic!("at {view:?}: {p}"));
        let count = clustered(&result);
        if let Some(&(_, previous, _)) = series.last() {
            assert!(
                count <= previous,
                "zooming in to {view:?} put {count} marks in clusters, up from {previous}"
            );
        }
        series.push((view.span(), count, result.placed.len()));
        if view.span() <= limits.min_span_days + 1e-9 {
            return series;
        }
        view = view.zoom_about(width / 3.0, 2.0, &limits);
    }
}

#[test]
fn the_real_dataset_lays_out_at_desktop_and_phone_widths() {
    let dataset = load(&read("data/icet.json")).unwrap();
    let options = LayoutOptions::default();
    for by_area in [false, true] {
        for (name, label_width) in [
            ("fixed", &(|_: &str| 120.0) as &dyn Fn(&str) -> f64),
            ("titles", &|title: &str| {
                (title.chars().count() as f64 * 6.5).min(260.0)
            }),
        ] {
            let marks = dataset_marks(&dataset, label_width, by_area);
            for width in [1200.0, 360.0] {
                let series = check_zoom_series(&marks, width, &options);
                let (_, clustered_at_fit, placed_at_fit) = series[0];
                // Items on the same day stay clustered when more of them share it than there are lanes.
                assert!(
                    series.last().unwrap().1 < clustered_at_fit,
                    "{name} labels at {width} px, bands by area {by_area}: zooming in split no cluster: {series:?}"
                );
                println!(
                    "{name} labels, {width} px, bands by area {by_area}: fitted {placed_at_fit} drawn, {clustered_at_fit} clustered; \
                     zoom series (span, clustered, drawn): {series:?}"
                );
            }
        }
    }
}

#[test]
fn the_real_commitments_status_bars_are_in_order_and_cover_their_history() {
    let dataset = load(&read("data/icet.json")).unwrap();
    assert!(!dataset.commitments.is_empty());
    for commitment in &dataset.commitments {
        let segments = status_segments(commitment);
        let history = &commitment.status_history;
        let first = history.first().unwrap().date.value.interval().0;
        let last = history.last().unwrap().date.value.interval().1;
        assert_eq!(
            segments.first().map(|s| s.first_day),
            Some(first),
            "{}",
            commitment.id
        );
        assert_eq!(
            segments.last().map(|s| s.last_day),
            Some(last),
            "{}",
            commitment.id
        );
        assert_eq!(
            segments.last().map(|s| s.status),
            history.last().map(|e| e.status),
            "{}",
            commitment.id
        );
        for segment in &segments {
            assert!(
                segment.first_day <= segment.last_day,
                "{}: {segment:?}",
                commitment.id
            );
            assert!(
                history.iter().any(|e| e.status == segment.status
                    && e.date.value.interval().0 == segment.first_day),
                "{}: {segment:?} matches no entry",
                commitment.id
            );
        }
        for pair in segments.windows(2) {
            assert_eq!(
                pair[0].last_day + 1,
                pair[1].first_day,
                "{}: {segments:?}",
                commitment.id
            );
        }
    }
}

#[test]
fn a_large_synthetic_dataset_lays_out_within_the_guarantees() {
    let dataset = load(&dataset_json(10_000, 7)).unwrap();
    let marks = dataset_marks(
        &dataset,
        |title| (title.chars().count() as f64 * 6.5).min(260.0),
        true,
    );
    let started = std::time::Instant::now();
    let series = check_zoom_series(&marks, 1200.0, &LayoutOptions::default());
    println!(
        "10,000 items: {} layouts checked in {:?}: {series:?}",
        series.len(),
        started.elapsed()
    );
    assert!(
        series[0].1 > 0,
        "a fitted view of 10,000 items should need clusters"
    );
}

fn sane_marks(max: usize) -> impl Strategy<Value = Vec<Mark>> {
    let mark = (
        0i32..200,
        prop_oneof![Just(0i32), 0i32..10, 0i32..120],
        prop_oneof![Just(0.0), 0.0..150.0f64],
        0u32..3,
        any::<bool>(),
    );
    prop::collection::vec(mark, 0..max).prop_map(|marks| {
        marks
            .into_iter()
            .enumerate()
            .map(
                |(i, (first, length, label_width, band, approximate))| Mark {
                    item: i as ItemIndex * 3 + 1,
                    first_day: 19_000 + first,
                    last_day: 19_000 + first + length,
                    label_width,
                    band,
                    approximate,
                },
            )
            .collect()
    })
}

/// Many marks over a few weeks, so that most layouts need clusters.
fn dense_marks() -> impl Strategy<Value = Vec<Mark>> {
    let mark = (
        0i32..30,
        prop_oneof![Just(0i32), 0i32..5],
        10.0..150.0f64,
        0u32..2,
    );
    prop::collection::vec(mark, 0..60).prop_map(|marks| {
        marks
            .into_iter()
            .enumerate()
            .map(|(i, (first, length, label_width, band))| Mark {
                item: i as ItemIndex,
                first_day: 19_000 + first,
                last_day: 19_000 + first + length,
                label_width,
                band,
                approximate: false,
            })
            .collect()
    })
}

fn sane_view() -> impl Strategy<Value = Viewport> {
    (18_950.0..19_250.0f64, 0.5..400.0f64, 20.0..1600.0f64).prop_map(|(start, span, width)| {
        Viewport {
            start,
            end: start + span,
            width,
        }
    })
}

fn sane_options() -> impl Strategy<Value = LayoutOptions> {
    (
        0.0..12.0f64,
        0.0..8.0f64,
        1u32..6,
        0.0..30.0f64,
        0.0..120.0f64,
    )
        .prop_map(
            |(marker_width, gap, max_lanes, cluster_distance, cluster_width)| LayoutOptions {
                marker_width,
                gap,
                max_lanes,
                cluster_distance,
                cluster_width,
                flip_labels: true,
            },
        )
}

/// Any `f64`, with the awkward ones often.
fn awkward() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        -1e3..1e3f64,
        any::<f64>(),
    ]
}

proptest! {
    // Failures are kept with the other timeline data, so that they are replayed first next time.
    #![proptest_config(ProptestConfig {
        cases: ProptestConfig::default().cases.max(500),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/data/timeline/proptest-regressions.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn layouts_keep_their_promises(marks in prop_oneof![sane_marks(40), dense_marks()], view in sane_view(), options in sane_options()) {
        let result = layout(&marks, &view, &options);
        if let Err(problem) = check_layout(&marks, &view, &options, &result) {
            return Err(TestCaseError::fail(problem));
        }
    }

    /// What the reader sees: no label runs past an edge (when it fits at
    /// all), and none overlaps another label or a mark other than its own
    /// in its lane. Lanes are drawn apart, so other lanes cannot collide.
    #[test]
    fn labels_stay_in_view_and_clear_of_other_marks_and_labels(
        marks in prop_oneof![sane_marks(40), dense_marks()],
        view in sane_view(),
        options in sane_options(),
    ) {
        let result = layout(&marks, &view, &options);
        let width = view.sanitized().width;
        let label_of = |item: ItemIndex| marks.iter().find(|m| m.item == item).unwrap().label_width;
        for p in &result.placed {
            if label_of(p.item) <= width {
                prop_assert!(p.label_start >= 0.0 && p.label_end <= width + 1e-9 * width, "label of #{} is cut off: {p:?} in {width} px", p.item);
            }
        }
        // Everything drawn in each lane: (band, lane, item, from, to, what) of labels, marks and clusters.
        type Drawn = (u32, u32, Option<ItemIndex>, f64, f64, &'static str);
        let mut things: Vec<Drawn> = Vec::new();
        for p in &result.placed {
            things.push((p.band, p.lane, Some(p.item), p.label_start, p.label_end, "label"));
            things.push((p.band, p.lane, Some(p.item), p.x0, p.x1.max(p.x0 + options.marker_width), "mark"));
        }
        for c in &result.clusters {
            things.push((c.band, c.lane, None, c.x0, c.end, "cluster"));
        }
        for (i, a) in things.iter().enumerate() {
            if a.5 != "label" || a.4 <= a.3 {
                continue;
            }
            for (j, b) in things.iter().enumerate() {
                let own = a.2.is_some() && a.2 == b.2;
                if i == j || own || (a.0, a.1) != (b.0, b.1) || b.4 <= b.3 {
                    continue;
                }
                prop_assert!(a.4 <= b.3 || b.4 <= a.3, "the label of #{:?} [{}, {}) overlaps the {} of {:?} [{}, {})", a.2, a.3, a.4, b.5, b.2, b.3, b.4);
            }
        }
    }

    #[test]
    fn crowded_stretches_keep_as_many_marks_as_fit(
        marks in dense_marks().prop_map(|mut m| { m.truncate(12); m }),
        view in sane_view(),
        options in sane_options(),
    ) {
        let result = layout(&marks, &view, &options);
        if let Err(problem) = check_most_kept(&marks, &view, &options, &result) {
            return Err(TestCaseError::fail(problem));
        }
    }

    #[test]
    fn zooming_in_never_puts_more_marks_in_clusters(
        marks in prop_oneof![sane_marks(40), dense_marks()],
        view in sane_view(),
        options in sane_options(),
        at in 0.0..1.0f64,
        factor in 1.0..4.0f64,
    ) {
        // The guarantee is for labels that do not flip (see the module documentation).
        let options = LayoutOptions { flip_labels: false, ..options };
        let limits = Limits { extent: (0.0, 100_000.0), min_span_days: 0.01, max_span_days: 100_000.0 };
        let zoomed = view.zoom_about(at * view.width, factor, &limits);
        prop_assert!(zoomed.start >= view.start && zoomed.end <= view.end, "{zoomed:?} is not within {view:?}");
        let before = layout(&marks, &view, &options);
        let after = layout(&marks, &zoomed, &options);
        if let Err(problem) = check_layout(&marks, &zoomed, &options, &after) {
            return Err(TestCaseError::fail(problem));
        }
        prop_assert!(
            clustered(&after) <= clustered(&before),
            "{} marks in clusters at {view:?}, {} at {zoomed:?}", clustered(&before), clustered(&after)
        );
        if before.clusters.is_empty() {
            prop_assert!(after.clusters.is_empty());
        }
    }

    #[test]
    fn a_wider_viewport_of_the_same_days_never_puts_more_marks_in_clusters(
        marks in prop_oneof![sane_marks(40), dense_marks()],
        view in sane_view(),
        options in sane_options(),
        factor in 1.0..4.0f64,
    ) {
        // The guarantee is for labels that do not flip (see the module documentation).
        let options = LayoutOptions { flip_labels: false, ..options };
        let wider = Viewport { width: view.width * factor, ..view };
        let before = layout(&marks, &view, &options);
        let after = layout(&marks, &wider, &options);
        prop_assert!(clustered(&after) <= clustered(&before));
    }

    #[test]
    fn layouts_do_not_depend_on_the_order_of_marks(
        (marks, shuffled) in sane_marks(30).prop_flat_map(|m| (Just(m.clone()), Just(m).prop_shuffle())),
        view in sane_view(),
        options in sane_options(),
    ) {
        prop_assert_eq!(layout(&marks, &view, &options), layout(&shuffled, &view, &options));
    }

    #[test]
    fn zoom_keeps_the_day_under_the_pointer_unless_clamped(
        start in 0.0..4000.0f64,
        span in 7.0..1000.0f64,
        width in 1.0..3000.0f64,
        at in 0.0..1.0f64,
        factor in 0.05..20.0f64,
    ) {
        let limits = Limits { extent: (0.0, 5000.0), min_span_days: 7.0, max_span_days: 5000.0 };
        let view = Viewport { start, end: start + span, width };
        let x = at * width;
        let zoomed = view.zoom_about(x, factor, &limits);
        prop_assert!(zoomed.start >= 0.0 && zoomed.end <= 5000.0 + 1e-9, "{zoomed:?}");
        prop_assert!(zoomed.span() >= 7.0 - 1e-9 && zoomed.span() <= 5000.0 + 1e-9, "{zoomed:?}");
        prop_assert_eq!(zoomed.width, width);
        let wanted = span / factor;
        let clamped = !(7.0..=5000.0).contains(&wanted) || zoomed.start <= 0.0 || zoomed.end >= 5000.0 - 1e-9;
        if !clamped {
            prop_assert!((zoomed.day_at(x) - view.day_at(x)).abs() < 1e-6, "{view:?} -> {zoomed:?}");
            prop_assert!((zoomed.span() - wanted).abs() < 1e-9 * wanted.max(1.0));
        }
        // Panning there and back returns to the same window unless clamped.
        let dx = (at - 0.5) * width;
        let panned = view.pan(dx, &limits);
        if panned.start > 0.0 && panned.end < 5000.0 {
            let back = panned.pan(-dx, &limits);
            prop_assert!((back.start - view.start).abs() < 1e-6, "{view:?} -> {panned:?} -> {back:?}");
        }
    }

    #[test]
    fn ticks_increase_and_keep_their_distance(
        start in -30_000.0..60_000.0f64,
        span in 0.5..50_000.0f64,
        width in 1.0..4000.0f64,
        min_spacing in 0.0..300.0f64,
    ) {
        let view = Viewport { start, end: start + span, width };
        let (unit, ticks) = ticks(&view, min_spacing);
        prop_assert!(ticks.len() <= 1001, "{} ticks", ticks.len());
        for tick in &ticks {
            prop_assert!(tick.x >= 0.0 && tick.x < width, "{tick:?} outside {view:?}");
            prop_assert!(!tick.label.is_empty());
        }
        for pair in ticks.windows(2) {
            prop_assert!(pair[1].x > pair[0].x, "{:?} then {:?}", pair[0], pair[1]);
            prop_assert!(pair[1].x - pair[0].x >= min_spacing, "{:?} then {:?} closer than {min_spacing}", pair[0], pair[1]);
        }
        // The unit is the finest that keeps the distance: the next finer one's shortest instance does not.
        let px_per_day = width / span;
        let spacing = min_spacing.max(width / 1000.0);
        let finer = match unit {
            TickUnit::Day => None,
            TickUnit::Week => Some(1.0),
            TickUnit::Month => Some(7.0),
            TickUnit::Quarter => Some(28.0),
            TickUnit::Year => Some(90.0),
        };
        if let Some(days) = finer {
            prop_assert!(days * px_per_day < spacing * (1.0 + 1e-5), "{unit:?} chosen though {days} days fit");
        }
    }

    #[test]
    fn nothing_panics_on_awkward_input(
        start in awkward(), end in awkward(), width in awkward(),
        days in prop::collection::vec((any::<i32>(), any::<i32>(), awkward(), any::<u32>()), 0..12),
        sizes in (awkward(), awkward(), awkward(), awkward()),
        max_lanes in prop_oneof![Just(0u32), Just(u32::MAX), 0u32..5],
        limits in (awkward(), awkward(), awkward(), awkward()),
        pointer in (awkward(), awkward()),
    ) {
        let view = Viewport { start, end, width };
        let marks: Vec<Mark> = days
            .iter()
            .enumerate()
            .map(|(i, &(first_day, last_day, label_width, band))| Mark {
                item: i as ItemIndex,
                first_day,
                last_day,
                label_width,
                band,
                approximate: i % 2 == 0,
            })
            .collect();
        let options = LayoutOptions {
            marker_width: sizes.0,
            gap: sizes.1,
            max_lanes,
            cluster_distance: sizes.2,
            cluster_width: sizes.3,
            flip_labels: true,
        };
        let result = layout(&marks, &view, &options);
        let mut drawn: Vec<ItemIndex> = result.placed.iter().map(|p| p.item).collect();
        drawn.extend(result.clusters.iter().flat_map(|c| c.items.iter().copied()));
        drawn.extend(&result.hidden);
        drawn.sort_unstable();
        prop_assert_eq!(drawn, (0..marks.len() as ItemIndex).collect::<Vec<_>>());
        for p in &result.placed {
            prop_assert!([p.x0, p.x1, p.label_end, p.end].iter().all(|v| v.is_finite()), "{p:?}");
            prop_assert!(p.lane < max_lanes.max(1));
        }
        for c in &result.clusters {
            prop_assert!([c.x0, c.x1, c.end].iter().all(|v| v.is_finite()), "{c:?}");
        }
        let limits = Limits { extent: (limits.0, limits.1), min_span_days: limits.2, max_span_days: limits.3 };
        let sane = view.sanitized();
        prop_assert!(sane.start.is_finite() && sane.end > sane.start && sane.width >= 0.0);
        for moved in [
            view.zoom_about(pointer.0, pointer.1, &limits),
            view.pan(pointer.0, &limits),
            Viewport::fit((marks.first().map_or(0, |m| m.first_day), marks.last().map_or(0, |m| m.last_day)), width, &limits),
        ] {
            prop_assert!(moved.start.is_finite() && moved.end > moved.start && moved.width.is_finite(), "{moved:?}");
        }
        let (_, ticks) = ticks(&view, pointer.0);
        prop_assert!(ticks.len() <= 1001);
        prop_assert!(view.x(pointer.0).is_finite() && view.day_at(pointer.1).is_finite());
    }
}
