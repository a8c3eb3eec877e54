//! Checking an edited file again, only the activities the edit touched.
//!
//! A rule reports on an activity from the activity itself and facts of the whole workspace —
//! never from another activity (invariant 10 in `docs/architecture.md`; the types hold rules to
//! it). So after an edit that stayed inside its file (same ids, same references: the
//! workspace's facts are what they were), the rules need to see only the activities the
//! changed text meets; every other finding of the file is what it was, moved with the text. The
//! language server keeps what the rules found in each open document before severities and
//! suppressions ([`file_rule_findings`]), and re-checks an edit with
//! [`file_rule_findings_after`]; [`finish_file`] then adds the file's own and resolution's
//! findings, severities and suppressions, as [`crate::check_scoped`] does.
//! `tests/edited.rs` holds the result equal to checking the file whole, after random edits.

use ropa_analysis::{Diagnostic, FileId, Location, TextChange, Workspace};
use ropa_syntax::{Date, TextRange};

use crate::Config;
use crate::context::{Scope, meets};
use crate::run::{finish, rule_findings};

/// What the rules find in `file`, before severities and suppressions.
pub fn file_rule_findings(
    ws: &Workspace,
    config: &Config,
    today: Date,
    file: FileId,
) -> Vec<Diagnostic> {
    rule_findings(ws, config, today, Scope::File(file), None, None, None)
}

/// [`file_rule_findings`] after an edit that stayed inside `file` (`Workspace::replace_files`
/// said so): `before` is what the rules found before it, `change` where the text changed. The
/// activities the change meets are checked again; the other findings move with the text.
/// `None` when one of them cannot be moved (the change is inside a place it names): then check
/// the file whole.
pub fn file_rule_findings_after(
    ws: &Workspace,
    config: &Config,
    today: Date,
    file: FileId,
    before: &[Diagnostic],
    change: &TextChange,
) -> Option<Vec<Diagnostic>> {
    let activities: Vec<TextRange> = (ws.file(file).model.activities.iter())
        .map(|a| a.header.range)
        .collect();
    let changed = TextRange::new(change.start, change.new_tail);
    let touched: Vec<TextRange> = (activities.iter().copied())
        .filter(|a| meets(*a, changed))
        .collect();
    // A finding in a touched activity, or in none (the rules find those again), comes from
    // checking again; one in another activity is kept.
    let found_again = |r: TextRange| {
        touched.iter().any(|t| inside(r, *t)) || !activities.iter().any(|a| inside(r, *a))
    };
    let mut out = Vec::with_capacity(before.len());
    for d in before {
        let d = moved(d, file, change)?;
        if !found_again(d.location.range) {
            out.push(d);
        }
    }
    let scope = Scope::Activities(file, &touched);
    out.extend(
        rule_findings(ws, config, today, scope, None, None, None)
            .into_iter()
            .filter(|d| found_again(d.location.range)),
    );
    Some(out)
}

/// The findings of `file` given what the rules found there: with the file's syntax and schema
/// findings and resolution's, severities from the configuration, suppressions, sorted.
pub fn finish_file(
    ws: &Workspace,
    config: &Config,
    file: FileId,
    rule_findings: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = ws.file(file).diagnostics.clone();
    found.extend(
        (ws.resolution.iter())
            .filter(|d| d.location.file == file)
            .cloned(),
    );
    found.extend(rule_findings);
    finish(ws, config, found, Scope::File(file))
}

/// Whether `r` lies within `outer`.
fn inside(r: TextRange, outer: TextRange) -> bool {
    outer.start() <= r.start() && r.end() <= outer.end()
}

/// A finding of `file` moved with its text: its place, the places it names and the edits of
/// its fixes in the file. `None` if the change is inside one of them.
fn moved(d: &Diagnostic, file: FileId, change: &TextChange) -> Option<Diagnostic> {
    let place = |l: Location| -> Option<Location> {
        if l.file != file {
            return Some(l);
        }
        Some(Location {
            file,
            range: change.relocate(l.range)?,
        })
    };
    let mut d = d.clone();
    d.location = place(d.location)?;
    for r in &mut d.related {
        r.location = place(r.location)?;
    }
    for f in &mut d.fixes {
        for e in &mut f.edits {
            e.location = place(e.location)?;
        }
    }
    Some(d)
}
