//! Idempotence and losslessness over every real input we have: the examples, the lint fixtures,
//! the grammar's corpus and a generated workspace.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{check_roundtrip, repo_root, ropa_files};
use ropa_syntax::testing::corpus_cases;

fn check_dir(dir: &Path) -> (usize, usize) {
    let files = ropa_files(dir);
    assert!(!files.is_empty(), "no .ropa files below {}", dir.display());
    let mut checked = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        if check_roundtrip(&path.display().to_string(), &text) {
            checked += 1;
        }
    }
    (checked, files.len())
}

#[test]
fn examples_roundtrip() {
    let (checked, all) = check_dir(&repo_root().join("examples"));
    assert_eq!(checked, all, "the examples have no syntax errors");
}

#[test]
fn lint_fixtures_roundtrip() {
    let (checked, all) = check_dir(&repo_root().join("crates/ropa-lint/tests/fixtures"));
    assert!(checked > 0 && checked + 5 >= all, "{checked} of {all}");
}

#[test]
fn grammar_corpus_roundtrip() {
    let mut checked = 0;
    let mut refused = 0;
    for path in std::fs::read_dir(repo_root().join("grammar/test/corpus")).unwrap() {
        let path = path.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (title, input) in corpus_cases(&text) {
            let name = format!("{}: {title}", path.display());
            if check_roundtrip(&name, &input) {
                checked += 1;
            } else {
                refused += 1;
            }
        }
    }
    eprintln!("corpus: {checked} checked, {refused} refused (syntax errors)");
    assert!(checked >= 50, "only {checked} corpus cases checked");
    assert!(refused > 0, "the error-recovery cases must be refused");
}

/// A workspace of 1,000 activities from the shared benchmark generator. Skipped with a message
/// when the generator (or `python3`) is not there, unless `ROPA_NO_SKIP=1`.
#[test]
fn generated_workspace_roundtrip() {
    let script = Path::new("/work/shared/bench/gen_workspace.py");
    let python = Command::new("python3").arg("--version").output();
    if !script.is_file() || python.is_err() {
        let why = format!("skipped: {} or python3 is not available", script.display());
        assert!(
            std::env::var("ROPA_NO_SKIP").as_deref() != Ok("1"),
            "{why} (ROPA_NO_SKIP=1)"
        );
        eprintln!("generated_workspace_roundtrip {why}");
        return;
    }
    // `ROPA_FMT_ACTIVITIES=10000` checks the full benchmark size (use `--release`).
    let activities: usize = std::env::var("ROPA_FMT_ACTIVITIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ws");
    let status = Command::new("python3")
        .arg(script)
        .arg(&out)
        .args(["--activities", &activities.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let (checked, all) = check_dir(&out);
    assert_eq!(checked, all);
}
