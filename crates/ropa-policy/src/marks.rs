//! Which generated sections a finding of severity `error` makes possibly incomplete.
//!
//! A finding inside an activity marks that activity; inside a processor, category or subject,
//! every activity that uses it; inside the controller, the controller section. Anything else
//! (a syntax error between items, an unused processor) marks the introduction, so that no error
//! goes unmentioned.

use std::collections::BTreeMap;

use ropa_analysis::{Diagnostic, Severity, Workspace};
use ropa_syntax::ColumnUnit;

use crate::facts::ActivityFacts;

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Controller,
    Activity(String),
    Document,
}

/// The errors among `findings`, as `(place, text)` with text `rule: message (file:line)`.
pub fn places(
    ws: &Workspace,
    findings: &[Diagnostic],
    activities: &[ActivityFacts],
) -> BTreeMap<Place, Vec<String>> {
    let mut out: BTreeMap<Place, Vec<String>> = BTreeMap::new();
    // Who uses what, computed once: a record has thousands of activities and findings.
    let mut users: std::collections::HashMap<(u8, &str), Vec<&str>> =
        std::collections::HashMap::new();
    for a in activities {
        for r in &a.recipients {
            users
                .entry((0, r.id.as_str()))
                .or_default()
                .push(a.id.as_str());
        }
        for c in &a.categories {
            users
                .entry((1, c.id.as_str()))
                .or_default()
                .push(a.id.as_str());
        }
        for x in &a.subjects {
            users
                .entry((2, x.id.as_str()))
                .or_default()
                .push(a.id.as_str());
        }
    }
    let used_by = |kind: u8, id: &str| -> Vec<Place> {
        users
            .get(&(kind, id))
            .map(|v| {
                v.iter()
                    .map(|a| Place::Activity((*a).to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    for d in findings.iter().filter(|d| d.severity == Severity::Error) {
        let Some(file) = ws.files.get(d.location.file.index()) else {
            continue;
        };
        let at = d.location.range.start();
        let line = file
            .line_index()
            .line_col(&file.text, at, ColumnUnit::Char)
            .line
            + 1;
        let text = format!("{}: {} ({}:{line})", d.rule, d.message, file.path);
        let model = &file.model;
        let inside = |r: ropa_syntax::TextRange| r.start() <= at && at < r.end().max(r.start() + 1);
        let mut targets = Vec::new();
        if model.controllers.iter().any(|c| inside(c.header.range)) {
            targets.push(Place::Controller);
        }
        for a in model.activities.iter().filter(|a| inside(a.header.range)) {
            targets.push(Place::Activity(a.header.id().to_string()));
        }
        for p in model.processors.iter().filter(|p| inside(p.header.range)) {
            targets.extend(used_by(0, p.header.id()));
        }
        for c in model.categories.iter().filter(|c| inside(c.header.range)) {
            targets.extend(used_by(1, c.header.id()));
        }
        for s in model.subjects.iter().filter(|s| inside(s.header.range)) {
            targets.extend(used_by(2, s.header.id()));
        }
        if targets.is_empty() {
            targets.push(Place::Document);
        }
        targets.sort();
        targets.dedup();
        for t in targets {
            let list = out.entry(t).or_default();
            if !list.contains(&text) {
                list.push(text.clone());
            }
        }
    }
    out
}

/// The number of findings of severity `error`.
pub fn error_count(findings: &[Diagnostic]) -> usize {
    findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}
