//! The placeholder `todo` (CHANGES-2026-12 §1.12) is present and not invalid: in a record that is
//! complete but for its `todo`s, no rule reports a key as missing or a value as wrong — only
//! `unfinished-value` reports the placeholders, each once, at the word `todo`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_analysis::Workspace;
use ropa_lint::Config;
use ropa_syntax::Date;

const TODAY: Date = Date {
    year: 2026,
    month: 12,
    day: 1,
};

#[test]
fn todo_values_cause_no_other_finding() {
    let text = include_str!("todo/record.ropa");
    let ws = Workspace::from_files(vec![("record.ropa".into(), text.as_bytes().to_vec())]);
    let findings = ropa_lint::check(&ws, &Config::default(), TODAY);
    let others: Vec<String> = findings
        .iter()
        .filter(|d| d.rule != "unfinished-value")
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    assert_eq!(others, Vec::<String>::new());
    let todos: usize = ws
        .files
        .iter()
        .flat_map(|f| {
            let m = &f.model;
            m.controllers
                .iter()
                .map(|c| &c.header)
                .chain(m.processors.iter().map(|p| &p.header))
                .chain(m.activities.iter().map(|a| &a.header))
        })
        .map(|h| h.todos().len())
        .sum();
    assert_eq!(todos, text.matches(" todo").count());
    let unfinished: Vec<&str> = findings
        .iter()
        .filter(|d| d.rule == "unfinished-value")
        .map(|d| &text[d.location.range.start()..d.location.range.end()])
        .collect();
    assert_eq!(unfinished.len(), todos, "each `todo` once");
    assert!(unfinished.iter().all(|t| *t == "todo"), "{unfinished:?}");
}
