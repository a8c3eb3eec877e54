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

/// `retention 3 Monate`: one `invalid-value` at the word, with the unit to write, and nothing
/// else — the fields after it are read as written (no swallowed key, no cascade).
#[test]
fn german_and_misspelt_units_are_one_precise_error() {
    let activity = |id: &str, retention: &str| {
        format!(
            "activity {id} {{\n  title       \"Ä {id}\"\n  purpose     \"Zweck\"\n  subjects    [customers]\n  data        [contact]\n  retention   {retention}\n  legal_basis contract\n  notice      \"Grüße.\"\n}}\n"
        )
    };
    let cases = [
        ("3 Monate", "Monate", "3 months", "months"),
        ("90 Tage", "Tage", "90 days", "days"),
        ("1 Jahr // „Frist“ 👋", "Jahr", "1 year", "year"),
        ("2 Wochen", "Wochen", "2 weeks", "weeks"),
        ("6 monts", "monts", "6 months", "months"),
        ("10 yeras", "yeras", "10 years", "years"),
    ];
    let mut text = support::CONTROLLER.to_string();
    for (i, (retention, ..)) in cases.iter().enumerate() {
        text.push('\n');
        text.push_str(&activity(&format!("a{i}"), retention));
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("record.ropa", &text)]);
    let run = ropa(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let json = run.json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), cases.len(), "{}", run.stdout);
    for (d, (_, word, written, unit)) in diagnostics.iter().zip(cases) {
        assert_eq!(d["rule"], "invalid-value");
        let message = d["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!(
                "`{word}` is not a unit of time: write `{written}`"
            )),
            "{message}"
        );
        // It points at the word (columns count characters).
        let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
        let column = d["range"]["start"]["column"].as_u64().unwrap() as usize;
        let shown: String = text
            .lines()
            .nth(line - 1)
            .unwrap()
            .chars()
            .skip(column - 1)
            .take(word.chars().count())
            .collect();
        assert_eq!(shown, word);
        assert_eq!(d["fixes"][0]["edits"][0]["text"], unit);
    }
    // The formatter leaves such a file alone.
    let fmt = ropa(dir.path(), &["fmt", "record.ropa"]);
    assert_eq!(fmt.code, 2, "{fmt:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("record.ropa")).unwrap(),
        text
    );
}
