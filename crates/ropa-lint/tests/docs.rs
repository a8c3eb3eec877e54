//! `docs/rules/*.md` are derived from the registry (architecture invariant 4): one page per rule,
//! made of a small header table and the rule file's `//!` comment, plus an index.
//!
//! `UPDATE_DOCS=1 cargo test -p ropa-lint --test docs` writes the pages; without it, this test
//! fails when a page is stale or missing, or when a page exists for no rule.
//!
//! It also checks the documentation itself: every rule documents the same sections, the metadata
//! line agrees with the registry, and the examples behave — the rule fires on the failing example
//! and stays silent on the passing one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ropa_analysis::Workspace;
use ropa_lint::{Category, Config, RULES, Rule};
use ropa_syntax::Date;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 22,
};

const SECTIONS: &[&str] = &[
    "What it checks",
    "Why",
    "Legal reference",
    "Example that fails",
    "Example that passes",
    "How to fix",
];

const UPDATE: &str = "UPDATE_DOCS=1 cargo test -p ropa-lint --test docs";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn docs_dir() -> PathBuf {
    repo_root().join("docs/rules")
}

/// The rule's source file, relative to the repository root.
fn source_path(rule: &Rule) -> String {
    format!(
        "crates/ropa-lint/src/rules/{}/{}.rs",
        rule.category.as_str().replace('-', "_"),
        rule.name.replace('-', "_")
    )
}

fn category_title(c: Category) -> &'static str {
    match c {
        Category::Syntax => "Syntax and schema",
        Category::Transparency => "Transparency (Art. 12–14 GDPR)",
        Category::Lawfulness => "Lawfulness (Art. 6–10 GDPR)",
        Category::Processors => "Processors (Art. 26, 28 GDPR)",
        Category::Transfers => "Transfers (Art. 44–49 GDPR)",
        Category::DeviceAccess => "Device access (Section 25 TDDDG)",
        Category::Ai => "AI (Art. 13(2)(f), 22, 35 GDPR; EU AI Act)",
        Category::Organisation => "Organisation (Art. 27, 30, 32, 37–38 GDPR; Art. 4 AI Act)",
        Category::Scan => "Scan: the record against code and websites (`ropa scan`)",
    }
}

/// The GitHub anchor of a category's heading in the index.
fn category_anchor(c: Category) -> String {
    category_title(c)
        .to_lowercase()
        .chars()
        .filter_map(|ch| match ch {
            ' ' => Some('-'),
            '-' | '_' => Some(ch),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

fn reference(rule: &Rule) -> &'static str {
    if rule.reference.is_empty() {
        "—"
    } else {
        rule.reference
    }
}

fn generated_note(from: &str) -> String {
    format!(
        "<!-- Generated from {from} by `{UPDATE}`. Do not edit: change the source and regenerate. -->\n"
    )
}

/// One rule's page: the doc comment, with its metadata line replaced by a table.
fn page(rule: &Rule) -> String {
    let doc = rule.doc();
    let mut lines = doc.lines().peekable();
    let mut out = generated_note(&format!("`{}`", source_path(rule)));
    out.push('\n');
    // The title.
    if let Some(title) = lines.next() {
        out.push_str(title);
        out.push_str("\n\n");
    }
    while lines.peek().is_some_and(|l| l.trim().is_empty()) {
        lines.next();
    }
    // The metadata line of the doc comment, replaced by the table.
    if lines.peek().is_some_and(|l| l.starts_with("**Category:**")) {
        lines.next();
    }
    while lines.peek().is_some_and(|l| l.trim().is_empty()) {
        lines.next();
    }
    out.push_str(&format!(
        "| Category | Default severity | Legal reference |\n|---|---|---|\n| [{}](README.md#{}) | {} | {} |\n\n",
        rule.category.as_str(),
        category_anchor(rule.category),
        rule.severity_label(),
        reference(rule),
    ));
    let example = if rule.severity == ropa_analysis::Severity::Warning {
        "error"
    } else {
        "warning"
    };
    if !rule.enabled_by_default {
        out.push_str(&format!(
            "This rule is off by default. To run it, set `{name} = \"{}\"` under `[rules]` in \
             `ropa.toml`.\n\n",
            rule.severity.as_str(),
            name = rule.name
        ));
    }
    out.push_str(&format!(
        "Run `ropa explain {name}` to read this page in the terminal. To change the rule's \
         severity, set `{name} = \"{example}\"` under `[rules]` in `ropa.toml` (levels: `off`, \
         `info`, `warning`, `error`; see [configuration](../configuration.md))",
        name = rule.name
    ));
    if rule.category == Category::Scan {
        out.push_str(&format!(
            "; to accept a single finding in the record, put `// ropa-ignore {}: reason` on the \
             line above the item or field, and for scanned files below the workspace root use \
             `[[overrides]]`. The rule reports only in `ropa scan` (see [scan](../scan.md)).\n\n",
            rule.name
        ));
    } else if matches!(rule.name, "invalid-suppression" | "unused-suppression") {
        // Reported after suppressions are applied, so they cannot be suppressed themselves.
        out.push_str("; its findings cannot themselves be suppressed.\n\n");
    } else {
        out.push_str(&format!(
            "; to accept a single finding, put `// ropa-ignore {}: reason` on the line above \
             the item or field.\n\n",
            rule.name
        ));
    }
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn index() -> String {
    let mut out = generated_note("the rule registry (`crates/ropa-lint/src/registry.rs`)");
    out.push_str(
        "\n# Rules\n\n\
         Every rule `ropa check` and the language server apply, by category. Each page says what the \
         rule checks, why, its legal reference, an example that fails and one that passes, and how \
         to fix a finding; `ropa explain RULE` prints the same text and `ropa rules` lists them all. \
         The default severity of each rule can be changed in `ropa.toml` (see \
         [configuration](../configuration.md)).\n",
    );
    let mut by_category: BTreeMap<Category, Vec<&Rule>> = BTreeMap::new();
    for r in RULES {
        by_category.entry(r.category).or_default().push(r);
    }
    for (category, rules) in by_category {
        out.push_str(&format!(
            "\n## {}\n\n| Rule | Default severity | Legal reference | Finds |\n|---|---|---|---|\n",
            category_title(category)
        ));
        for r in rules {
            out.push_str(&format!(
                "| [`{name}`]({name}.md) | {} | {} | {} |\n",
                r.severity_label(),
                reference(r),
                r.summary,
                name = r.name
            ));
        }
    }
    out
}

/// Every generated file: name in `docs/rules/` -> content.
fn expected() -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for r in RULES {
        files.insert(format!("{}.md", r.name), page(r));
    }
    files.insert("README.md".to_string(), index());
    files
}

#[test]
fn rule_pages_are_up_to_date() {
    let dir = docs_dir();
    let files = expected();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".md") && !files.contains_key(&name) {
                std::fs::remove_file(&path).unwrap();
            }
        }
        for (name, content) in &files {
            let path = dir.join(name);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(content) {
                std::fs::write(&path, content).unwrap();
            }
        }
        return;
    }
    let mut problems = Vec::new();
    for (name, content) in &files {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(actual) if actual.replace("\r\n", "\n") == *content => {}
            Ok(_) => problems.push(format!("docs/rules/{name} is stale")),
            Err(_) => problems.push(format!("docs/rules/{name} is missing")),
        }
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut stray: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".md") && !files.contains_key(n))
            .collect();
        stray.sort();
        for n in stray {
            problems.push(format!("docs/rules/{n} belongs to no rule"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nThe rule pages are generated from the registry; run `{UPDATE}` to update them.",
        problems.join("\n")
    );
}

/// The doc's `## ` sections, in order: heading -> body.
fn sections(doc: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && let Some(h) = line.strip_prefix("## ") {
            out.push((h.trim().to_string(), String::new()));
            continue;
        }
        if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// The ```ropa blocks of a section.
fn ropa_blocks(body: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in body.lines() {
        match &mut current {
            None if line.trim() == "```ropa" => current = Some(String::new()),
            Some(b) if line.trim() == "```" => {
                blocks.push(std::mem::take(b));
                current = None;
            }
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn every_rule_doc_has_the_sections_and_agrees_with_the_registry() {
    let mut problems = Vec::new();
    for r in RULES {
        let doc = r.doc();
        if !Path::new(&repo_root().join(source_path(r))).is_file() {
            problems.push(format!("{}: no file {}", r.name, source_path(r)));
        }
        let title = format!("# `{}`", r.name);
        if doc.lines().next() != Some(title.as_str()) {
            problems.push(format!("{}: the doc must start with `{title}`", r.name));
        }
        let mut meta = format!(
            "**Category:** {} · **Default severity:** {}",
            r.category.as_str(),
            r.severity_label()
        );
        if !r.reference.is_empty() {
            meta.push_str(&format!(" · **Reference:** {}", r.reference));
        }
        if !doc.lines().any(|l| l == meta) {
            problems.push(format!(
                "{}: the metadata line must read `{meta}` (as in the registry)",
                r.name
            ));
        }
        let headings: Vec<String> = sections(&doc).into_iter().map(|(h, _)| h).collect();
        if headings != SECTIONS {
            problems.push(format!(
                "{}: sections are {headings:?}, expected {SECTIONS:?}",
                r.name
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The ```LANG PATH blocks of a section (the files a scan rule's example scans), as
/// `(PATH, text)`.
fn source_blocks(body: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in body.lines() {
        let fence = line.trim();
        if current.is_some() && fence == "```" {
            blocks.extend(current.take());
            continue;
        }
        match &mut current {
            None => {
                let mut words = fence.strip_prefix("```").unwrap_or("").split_whitespace();
                if let (Some(_lang), Some(path)) = (words.next(), words.next()) {
                    current = Some((path.to_string(), String::new()));
                }
            }
            Some((_, b)) => {
                b.push_str(line);
                b.push('\n');
            }
        }
    }
    blocks
}

/// The findings of `rule` on an example; a ```toml ropa.toml block among `sources` is the
/// example's configuration (`missing-translation` needs two languages), the others are files to
/// scan.
fn fires(rule: &str, text: &str, sources: &[(String, String)]) -> Vec<String> {
    let mut ws =
        Workspace::from_files(vec![("example.ropa".to_string(), text.as_bytes().to_vec())]);
    let (toml, sources): (Vec<_>, Vec<_>) = sources
        .iter()
        .cloned()
        .partition(|(path, _)| path == "ropa.toml");
    let base = toml
        .first()
        .map_or_else(Config::default, |(_, t)| Config::parse(t).unwrap());
    let config = ropa_lint::rule(rule).map_or_else(|| base.clone(), |r| r.enabling(base.clone()));
    let found = if sources.is_empty() {
        ropa_lint::check(&ws, &config, TODAY)
    } else {
        let scanned = ropa_lint::scan::scan_into(&mut ws, sources, &config.scan, true);
        ropa_lint::scan::check_scan(&ws, &config, TODAY, &scanned)
    };
    found
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.message)
        .collect()
}

#[test]
fn every_rule_example_behaves() {
    let mut problems = Vec::new();
    for r in RULES {
        let doc = r.doc();
        let sections: BTreeMap<String, String> = sections(&doc).into_iter().collect();
        for (section, should_fire) in [("Example that fails", true), ("Example that passes", false)]
        {
            let blocks = sections
                .get(section)
                .map(|b| ropa_blocks(b))
                .unwrap_or_default();
            let sources = sections
                .get(section)
                .map(|b| source_blocks(b))
                .unwrap_or_default();
            if r.category == Category::Scan && sources.is_empty() {
                problems.push(format!(
                    "{}: no ```LANG PATH block (a file to scan) in \"{section}\"",
                    r.name
                ));
            }
            if blocks.is_empty() {
                problems.push(format!("{}: no ```ropa block in \"{section}\"", r.name));
            }
            for block in blocks {
                let found = fires(r.name, &block, &sources);
                if should_fire && found.is_empty() {
                    problems.push(format!(
                        "{}: does not fire on its failing example:\n{block}",
                        r.name
                    ));
                }
                if !should_fire && !found.is_empty() {
                    problems.push(format!(
                        "{}: fires on its passing example ({found:?}):\n{block}",
                        r.name
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
