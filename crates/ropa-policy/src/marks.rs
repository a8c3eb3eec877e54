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

/// The most errors noted on one place; more are summed up in one line. A place is noted on
/// every activity it concerns (the general ones on all of them): uncapped, a thousand
/// activities with one id, or a thousand errors between items, would write a million lines.
pub const MAX_NOTED: usize = 10;

/// The errors among `findings`, as `(place, text)` with text `rule: message (file:line)`; at
/// most [`MAX_NOTED`] a place and a line for the rest.
pub fn places(
    ws: &Workspace,
    findings: &[Diagnostic],
    activities: &[ActivityFacts],
) -> BTreeMap<Place, Vec<String>> {
    let mut out: BTreeMap<Place, Vec<String>> = BTreeMap::new();
    let mut noted: BTreeMap<Place, Noted> = BTreeMap::new();
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
        if containing(&model.controllers, |c| c.header.range, at).any(|c| inside(c.header.range)) {
            targets.push(Place::Controller);
        }
        // Items do not overlap and come in file order: the one that may hold `at` is found by
        // a binary search (a file may hold thousands).
        for a in
            containing(&model.activities, |a| a.header.range, at).filter(|a| inside(a.header.range))
        {
            targets.push(Place::Activity(a.header.id().to_string()));
        }
        for p in
            containing(&model.processors, |p| p.header.range, at).filter(|p| inside(p.header.range))
        {
            targets.extend(used_by(0, p.header.id()));
        }
        for c in
            containing(&model.categories, |c| c.header.range, at).filter(|c| inside(c.header.range))
        {
            targets.extend(used_by(1, c.header.id()));
        }
        for s in
            containing(&model.subjects, |s| s.header.range, at).filter(|s| inside(s.header.range))
        {
            targets.extend(used_by(2, s.header.id()));
        }
        if targets.is_empty() {
            targets.push(Place::Document);
        }
        targets.sort();
        targets.dedup();
        for t in targets {
            let noted = noted.entry(t).or_default();
            if noted.seen.insert(text.clone()) {
                if noted.texts.len() < MAX_NOTED {
                    noted.texts.push(text.clone());
                } else {
                    noted.more += 1;
                }
            }
        }
    }
    for (place, noted) in noted {
        let mut texts = noted.texts;
        if noted.more > 0 {
            texts.push(format!(
                "and {} more {} (ropa check lists them all)",
                noted.more,
                if noted.more == 1 { "error" } else { "errors" }
            ));
        }
        out.insert(place, texts);
    }
    out
}

/// The errors noted on one place so far.
#[derive(Default)]
struct Noted {
    texts: Vec<String>,
    seen: std::collections::HashSet<String>,
    more: usize,
}

/// The items of `items` (in file order, not overlapping) that may hold offset `at`: the last
/// one starting at or before it.
fn containing<T>(
    items: &[T],
    range: impl Fn(&T) -> ropa_syntax::TextRange,
    at: usize,
) -> impl Iterator<Item = &T> {
    let after = items.partition_point(|i| range(i).start() <= at);
    after.checked_sub(1).and_then(|i| items.get(i)).into_iter()
}

/// The number of findings of severity `error`.
pub fn error_count(findings: &[Diagnostic]) -> usize {
    findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}
