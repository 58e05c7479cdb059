//! Helpers shared by the native tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn read(relative: &str) -> String {
    let path = repo_path(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Compares `actual` with the expectation file; with `UPDATE_EXPECT=1` the
/// file is rewritten instead (then review the diff before committing).
pub fn expect_file(relative: &str, actual: &str) -> Result<(), String> {
    let path = repo_path(relative);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "{relative}:\n--- expected\n{expected}\n--- actual\n{actual}"
        ))
    }
}

/// Reads `name | field | field` lines, skipping blank lines and `#` comments.
pub fn table(relative: &str) -> Vec<(usize, Vec<String>)> {
    read(relative)
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|(i, line)| {
            (
                i + 1,
                line.split(" | ").map(|f| f.trim().to_string()).collect(),
            )
        })
        .collect()
}

/// Fails with every failed case at once, so one run shows them all.
pub fn report(failures: Vec<String>, cases: usize) {
    assert!(cases > 0, "no cases were run");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Runs every case of a table file: `check` gets a case's fields and returns
/// what the code gives for the expected fields (all but the first).
pub fn check_cases(relative: &str, check: impl Fn(&[String]) -> Vec<String>) {
    let cases = table(relative);
    let failures = cases
        .iter()
        .filter_map(|(line, fields)| {
            let actual = check(fields);
            (actual[..] != fields[1..]).then(|| {
                format!(
                    "line {line}: {:?}\n  expected {:?}\n  actual   {actual:?}",
                    fields[0],
                    &fields[1..]
                )
            })
        })
        .collect();
    report(failures, cases.len());
}
