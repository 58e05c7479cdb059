//! Hostile inputs: a deterministic corpus (`support/hostile.rs`) of
//! malformed files made from a valid base, each read the way the page and
//! `icet-check` read them (bytes, `decode`, `load`). Each must give a clear
//! problem naming its place (kind, JSON path, line and column that agree
//! with the byte offset, a short message), never a panic. Files the fuzzers
//! found are in `tests/data/fuzz/<target>/` and are read the same way.

#![cfg(not(target_arch = "wasm32"))]

#[path = "support/hostile.rs"]
mod corpus;
mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};

use corpus::{Case, Expect, Format};
use icet_explorer::core::import::import;
use icet_explorer::core::json::{LineIndex, MESSAGE_CHARS};
use icet_explorer::core::load::load_chunks;
use icet_explorer::core::model::ImportFormat;
use icet_explorer::core::text::{decode, ChunkDecoder};
use icet_explorer::{load, Problem, ProblemKind};
use support::{read, repo_path, report};

/// Our format: bytes, decoded as the page decodes them, then loaded.
fn read_ours(bytes: &[u8]) -> Result<(), Vec<Problem>> {
    let text = decode(bytes).map_err(|problem| vec![problem])?;
    load(text).map(|_| ()).map_err(|e| e.problems().to_vec())
}

/// An importer's format: bytes, decoded, imported.
fn read_imported(format: ImportFormat, bytes: &[u8]) -> Result<(), Vec<Problem>> {
    let text = decode(bytes).map_err(|problem| vec![problem])?;
    import(format, text)
        .map(|_| ())
        .map_err(|e| e.problems().to_vec())
}

fn timelinejs() -> Format {
    Format {
        name: "timelinejs",
        base: read("tests/data/import/small.json"),
        read: |bytes| read_imported(ImportFormat::TimelineJs, bytes),
    }
}

fn csv() -> Format {
    Format {
        name: "csv",
        base: read("tests/data/import/template.csv")
            .trim_start_matches('\u{feff}')
            .to_string(),
        read: |bytes| read_imported(ImportFormat::Csv, bytes),
    }
}

fn ours() -> Format {
    Format {
        name: "ours",
        base: read("tests/data/load/minimal.json"),
        read: read_ours,
    }
}

/// The corpus: every generator over every format; `huge` adds the cases of 50 MB.
fn corpus(huge: bool) -> Vec<Case> {
    let format = ours();
    let mut cases = Vec::new();
    cases.extend(corpus::encoding_cases(&format));
    cases.extend(corpus::truncations(&format, 40, ProblemKind::Syntax));
    cases.extend(corpus::control_characters(&format, 40));
    cases.extend(corpus::json_syntax_cases(&format, 30));
    cases.extend(corpus::nesting_cases(&format));
    cases.extend(corpus::ours_cases(&format));
    if huge {
        cases.extend(corpus::huge_cases(&format));
    }
    // The same edits on the minified base: one line, so columns are long.
    let minified = Format {
        name: "ours minified",
        base: icet_explorer::core::json::minify(&format.base).unwrap(),
        read: read_ours,
    };
    cases.extend(corpus::truncations(&minified, 10, ProblemKind::Syntax));
    cases.extend(corpus::control_characters(&minified, 10));
    cases.extend(corpus::json_syntax_cases(&minified, 5));
    cases
}

/// The importers' formats: the generic generators over their bases. (CSV
/// reads almost anything, so only its encodings have an expected problem.)
fn import_corpus() -> Vec<(Format, Vec<Case>)> {
    let format = timelinejs();
    let mut cases = corpus::encoding_cases(&format);
    cases.extend(corpus::truncations(&format, 20, ProblemKind::Syntax));
    cases.extend(corpus::control_characters(&format, 20));
    cases.extend(corpus::json_syntax_cases(&format, 10));
    cases.extend(corpus::nesting_cases(&format));
    let timelinejs = (format, cases);
    let format = csv();
    let mut cases = corpus::encoding_cases(&format);
    let mut anything = corpus::truncations(&format, 20, ProblemKind::Syntax);
    anything.extend(corpus::control_characters(&format, 20));
    for case in &mut anything {
        case.expect = Expect::Anything;
    }
    cases.extend(anything);
    vec![timelinejs, (format, cases)]
}

/// What is wrong with how `bytes` read, if anything.
fn check(format: &Format, case: &Case) -> Result<(), String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| (format.read)(&case.bytes)))
        .map_err(|_| "panicked".to_string())?;
    let problems = match (&case.expect, outcome) {
        (Expect::Reads, Ok(())) | (Expect::Anything, Ok(())) => return Ok(()),
        (Expect::Reads, Err(problems)) => {
            return Err(format!("expected to read, got {}", problems[0]))
        }
        (Expect::Problem { .. }, Ok(())) => return Err("read without a problem".to_string()),
        (_, Err(problems)) => problems,
    };
    // Every problem names a sensible place and has a short message.
    let text_start = usize::from(case.bytes.starts_with(b"\xEF\xBB\xBF")) * 3;
    for problem in &problems {
        let (line, column) = (problem.pos.line, problem.pos.column);
        if line == 0 || column == 0 {
            return Err(format!("no place: {problem}"));
        }
        if problem.message.chars().count() > 6 * MESSAGE_CHARS + 200 {
            return Err(format!(
                "a message of {} characters",
                problem.message.chars().count()
            ));
        }
        if problem.path.chars().count() > 4 * MESSAGE_CHARS {
            return Err(format!(
                "a path of {} characters",
                problem.path.chars().count()
            ));
        }
        if problem.offset > case.bytes.len() {
            return Err(format!("offset {} past the end", problem.offset));
        }
        // Encoding problems count bytes of the file, the mark included.
        let text = &case.bytes[text_start..];
        let in_text = match problem.kind {
            ProblemKind::Encoding if problem.offset == 0 => None,
            ProblemKind::Encoding => Some(problem.offset - text_start),
            _ => Some(problem.offset),
        };
        if let Some(offset) = in_text {
            let expected = LineIndex::of_bytes(text).position(offset);
            if expected != problem.pos {
                return Err(format!(
                    "offset {offset} is at {expected}, but the problem says {}",
                    problem.pos
                ));
            }
        }
    }
    let Expect::Problem { kind, path, offset } = &case.expect else {
        return Ok(());
    };
    let found = problems.iter().find(|p| {
        p.kind == *kind
            && path.as_ref().map_or(true, |path| &p.path == path)
            && offset.map_or(true, |(low, high)| (low..=high).contains(&p.offset))
    });
    match found {
        Some(_) => Ok(()),
        None => Err(format!(
            "expected {kind} at {path:?} offset {offset:?}, got:\n    {}",
            problems
                .iter()
                .take(5)
                .map(|p| format!("{} {p} [byte {}]", p.kind, p.offset))
                .collect::<Vec<_>>()
                .join("\n    ")
        )),
    }
}

#[test]
fn every_hostile_file_gets_a_clear_problem_and_no_panic() {
    let format = ours();
    let cases = corpus(true);
    assert!(cases.len() >= 250, "only {} cases", cases.len());
    println!("{} hostile cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            check(&format, case)
                .err()
                .map(|why| format!("{}: {why}", case.name))
        })
        .collect();
    report(failures, cases.len());
}

#[test]
fn every_hostile_import_gets_a_clear_problem_and_no_panic() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (format, cases) in import_corpus() {
        count += cases.len();
        failures.extend(cases.iter().filter_map(|case| {
            check(&format, case)
                .err()
                .map(|why| format!("{}: {why}", case.name))
        }));
    }
    println!("{count} hostile import cases");
    report(failures, count);
}

/// Every input a fuzzer found to crash or hang stays here as a regression test.
#[test]
fn fuzz_findings_read_without_panic() {
    let format = ours();
    let dir = repo_path("tests/data/fuzz/load");
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        cases.push(Case {
            name: entry.file_name().to_string_lossy().into_owned(),
            bytes: std::fs::read(entry.path()).unwrap(),
            expect: Expect::Anything,
        });
    }
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            check(&format, case)
                .err()
                .map(|why| format!("{}: {why}", case.name))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_corpus_is_the_same_on_every_run() {
    let digest = |cases: &[Case]| -> u64 {
        cases.iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, case| {
            case.bytes
                .iter()
                .take(4096)
                .chain(case.name.as_bytes())
                .fold(hash ^ case.bytes.len() as u64, |h, &b| {
                    (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                })
        })
    };
    let (first, second) = (corpus(false), corpus(false));
    assert_eq!(first.len(), second.len());
    assert_eq!(digest(&first), digest(&second));
}

/// `text` cut into pieces of about `size` bytes, each of whole characters.
fn chunks_of(text: &str, size: usize) -> impl FnMut(&mut String) -> bool + '_ {
    let mut at = 0;
    move |out: &mut String| {
        let mut end = (at + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        out.push_str(&text[at..end]);
        at = end;
        at < text.len()
    }
}

/// The page hands the loader its text in chunks; every hostile file must
/// give the same problems, with the same places, as when it is read whole.
#[test]
fn reading_in_chunks_gives_the_same_problems() {
    let mut cases = corpus(true);
    let dir = repo_path("tests/data/fuzz/load");
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        cases.push(Case {
            name: entry.file_name().to_string_lossy().into_owned(),
            bytes: std::fs::read(entry.path()).unwrap(),
            expect: Expect::Anything,
        });
    }
    let mut compared = 0;
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let text = decode(&case.bytes).ok()?;
            compared += 1;
            let whole = load(text).err().map(|e| e.problems().to_vec());
            // Small pieces cross every token somewhere; big files take big ones.
            let size = if text.len() < 1 << 20 { 5 } else { 1 << 16 };
            let chunked = load_chunks(&mut chunks_of(text, size))
                .err()
                .map(|e| e.problems().to_vec());
            (whole != chunked).then(|| {
                format!(
                    "{}: whole {:?}\n    in chunks {:?}",
                    case.name,
                    whole.map(|p| p.into_iter().take(3).collect::<Vec<_>>()),
                    chunked.map(|p| p.into_iter().take(3).collect::<Vec<_>>())
                )
            })
        })
        .collect();
    assert!(compared >= 250, "only {compared} cases decode");
    report(failures, compared);
}

/// What the page does with a file's bytes: decoded a chunk at a time
/// (`ChunkDecoder`) into the loader (`load_chunks`), `size` bytes a chunk.
fn read_ours_in_chunks(bytes: &[u8], size: usize) -> Result<(), Vec<Problem>> {
    let mut decoder = ChunkDecoder::default();
    let result = {
        let mut rest = bytes;
        let mut next_chunk = |out: &mut String| {
            let (chunk, after) = rest.split_at(size.min(rest.len()));
            rest = after;
            decoder.push(chunk, rest.is_empty(), out) && !rest.is_empty()
        };
        load_chunks(&mut next_chunk)
    };
    if let Some(problem) = decoder.problem() {
        return Err(vec![problem]);
    }
    result.map(|_| ()).map_err(|e| e.problems().to_vec())
}

/// Every hostile file, its bytes read in chunks (small ones cut characters
/// and byte order marks in two), gets what the whole file gets.
#[test]
fn reading_bytes_in_chunks_gives_the_same_problems() {
    let cases = corpus(true);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let whole = read_ours(&case.bytes);
            let size = if case.bytes.len() < 1 << 20 {
                3
            } else {
                1 << 16
            };
            let chunked = read_ours_in_chunks(&case.bytes, size);
            (whole != chunked).then(|| {
                let first = |r: &Result<(), Vec<Problem>>| {
                    r.as_ref().err().and_then(|p| p.first().cloned())
                };
                format!(
                    "{}: whole {:?}\n    in chunks {:?}",
                    case.name,
                    first(&whole),
                    first(&chunked)
                )
            })
        })
        .collect();
    report(failures, cases.len());
}
