//! What a new user runs first: the README's sample record and `ropa init`'s template must pass
//! `ropa check` and `ropa fmt --check` exactly as written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{repo_root, ropa, write};

/// The ```ropa blocks of a Markdown file, in order.
fn ropa_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_start() == "```ropa" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_start() == "```" => blocks.push(current.take().unwrap()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

#[test]
fn the_readme_record_passes_check_and_fmt() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let blocks = ropa_blocks(&readme);
    assert!(!blocks.is_empty(), "README.md has no ```ropa block");
    for (i, block) in blocks.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[("record.ropa", block)]);
        let check = ropa(dir.path(), &["check"]);
        assert_eq!(check.code, 0, "README block {i}: {check:?}");
        assert!(
            check.stdout.starts_with("No findings"),
            "README block {i} has findings:\n{}",
            check.stdout
        );
        let fmt = ropa(dir.path(), &["fmt", "--check"]);
        assert_eq!(fmt.code, 0, "README block {i} is not formatted: {fmt:?}");
    }
}

#[test]
fn ropa_init_creates_a_clean_formatted_record() {
    let dir = tempfile::tempdir().unwrap();
    let init = ropa(dir.path(), &["init", "my-record"]);
    assert_eq!(init.code, 0, "{init:?}");
    let fmt = ropa(dir.path(), &["fmt", "--check", "my-record"]);
    assert_eq!(fmt.code, 0, "the template is not formatted: {fmt:?}");
    assert_eq!(fmt.stdout, "");
    let check = ropa(dir.path(), &["check", "my-record"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(
        check.stdout.starts_with("No findings"),
        "the template has findings:\n{}",
        check.stdout
    );
    // And its policy and record generate without a warning in both languages.
    for lang in ["de", "en"] {
        let policy = ropa(dir.path(), &["policy", "my-record", "--lang", lang]);
        assert_eq!(policy.code, 0, "{policy:?}");
        assert_eq!(policy.stderr, "", "{lang}");
    }
}
