//! `ropa explain`, `ropa rules`, `ropa init` and `ropa --version`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{repo_root, ropa};

#[test]
fn explain_prints_the_rule_doc() {
    let run = ropa(&repo_root(), &["explain", "missing-avv"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with("# `missing-avv`\n"),
        "{}",
        run.stdout
    );
    for section in [
        "## What it checks",
        "## Why",
        "## Legal reference",
        "## Example that fails",
        "## Example that passes",
        "## How to fix",
    ] {
        assert!(run.stdout.contains(section), "{section}");
    }
    assert!(run.stdout.contains("Art. 28(3) GDPR"));
    assert!(!run.stdout.contains("//!"));
    assert_eq!(run.stderr, "");
}

#[test]
fn explain_an_unknown_rule_suggests() {
    let run = ropa(&repo_root(), &["explain", "missing-av"]);
    assert_eq!(run.code, 2);
    let line = run.one_error_line();
    assert!(line.contains("`missing-av`"), "{line}");
    assert!(line.contains("did you mean `missing-avv`?"), "{line}");
    let run = ropa(&repo_root(), &["explain", "nope"]);
    assert_eq!(run.code, 2);
    let line = run.one_error_line();
    assert!(line.contains("there is no rule `nope`"), "{line}");
    assert!(line.contains("`ropa rules`"), "{line}");
    assert_eq!(run.stdout, "");
}

#[test]
fn rules_lists_every_rule() {
    let run = ropa(&repo_root(), &["rules", "--format", "json"]);
    assert_eq!(run.code, 0);
    let v = run.json();
    assert_eq!(v["version"], 1);
    let rules = v["rules"].as_array().unwrap();
    let pages = std::fs::read_dir(repo_root().join("docs/rules"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".md")
        })
        .count();
    // One page per rule plus the index.
    assert_eq!(rules.len() + 1, pages);
    assert!(rules.len() >= 38);
    let mut names = std::collections::BTreeSet::new();
    for r in rules {
        let name = r["name"].as_str().unwrap();
        assert!(names.insert(name), "{name} listed twice");
        assert!(
            matches!(
                r["category"].as_str().unwrap(),
                "syntax"
                    | "transparency"
                    | "lawfulness"
                    | "processors"
                    | "transfers"
                    | "device-access"
                    | "ai"
                    | "organisation"
                    | "scan"
            ),
            "{r}"
        );
        assert!(matches!(
            r["severity"].as_str().unwrap(),
            "error" | "warning" | "info"
        ));
        let reference = r["reference"].as_str().unwrap();
        assert_eq!(reference.is_empty(), r["category"] == "syntax", "{r}");
        assert!(repo_root().join(format!("docs/rules/{name}.md")).is_file());
        // Each is explained.
        assert_eq!(ropa(&repo_root(), &["explain", name]).code, 0);
    }
    let human = ropa(&repo_root(), &["rules"]);
    assert_eq!(human.code, 0);
    for r in rules {
        assert!(human.stdout.contains(r["name"].as_str().unwrap()));
    }
}

#[test]
fn init_creates_a_clean_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let run = ropa(dir.path(), &["init", "record"]);
    assert_eq!(run.code, 0, "{run:?}");
    for file in [
        "ropa.toml",
        "controller.ropa",
        "processors.ropa",
        "activities/newsletter.ropa",
    ] {
        assert!(dir.path().join("record").join(file).is_file(), "{file}");
        assert!(run.stdout.contains(file), "{}", run.stdout);
    }
    let check = ropa(dir.path(), &["check", "record", "--fail-on", "info"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(check.stdout, "No findings: 3 files checked.\n");
    let json = ropa(dir.path(), &["check", "record", "--format", "json"]);
    assert_eq!(json.json()["diagnostics"].as_array().unwrap().len(), 0);
    // Into the current directory, too.
    let here = tempfile::tempdir().unwrap();
    assert_eq!(ropa(here.path(), &["init"]).code, 0);
    assert_eq!(ropa(here.path(), &["check"]).code, 0);
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("controller.ropa"), "// mine\n").unwrap();
    let run = ropa(dir.path(), &["init", "."]);
    assert_eq!(run.code, 2);
    let line = run.one_error_line();
    assert!(
        line.contains("controller.ropa") && line.contains("already exists"),
        "{line}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("controller.ropa")).unwrap(),
        "// mine\n"
    );
    // Nothing else was written.
    assert!(!dir.path().join("ropa.toml").exists());
    // A second init over a first one refuses as well.
    let other = tempfile::tempdir().unwrap();
    assert_eq!(ropa(other.path(), &["init", "x"]).code, 0);
    let again = ropa(other.path(), &["init", "x"]);
    assert_eq!(again.code, 2);
    again.one_error_line();
}

#[test]
fn version() {
    let run = ropa(&repo_root(), &["--version"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, format!("ropa {}\n", env!("CARGO_PKG_VERSION")));
    let run = ropa(&repo_root(), &["check", "--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("ropa"));
}
