//! Code actions: the quick fixes of RULES.md attached to findings, `// ropa-ignore` above the
//! item, and all the fixes that are safe at once (the editor's "fix all").

use ropa_analysis::{Diagnostic, Edit, FileId, Fix};
use ropa_syntax::TextRange;

use crate::Analysis;

/// What kind of action an assist is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssistKind {
    /// A fix of one finding, or its suppression.
    QuickFix,
    /// Every safe fix of the file at once.
    FixAll,
}

/// Which kinds of assists the client asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssistKinds {
    pub quick_fixes: bool,
    pub fix_all: bool,
}

/// A titled set of edits (in any file of the workspace) the user may apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assist {
    pub title: String,
    pub kind: AssistKind,
    /// The finding a quick fix fixes.
    pub diagnostic: Option<Diagnostic>,
    pub edits: Vec<Edit>,
    /// The one fix of its finding (not a suppression).
    pub preferred: bool,
}

fn edits(fixes: &[&Fix]) -> Vec<Edit> {
    fixes.iter().flat_map(|f| f.edits.iter().cloned()).collect()
}

impl Analysis<'_> {
    /// The fixes of `findings` — the current findings of `file`, which the caller keeps —
    /// that touch `wanted` (each with a suppression comment too), and the file's safe fixes at
    /// once.
    pub fn assists(
        &self,
        file: FileId,
        wanted: TextRange,
        kinds: AssistKinds,
        findings: &[Diagnostic],
    ) -> Vec<Assist> {
        assists(self, file, wanted, kinds, findings)
    }
}

fn assists(
    w: &Analysis,
    id: FileId,
    wanted: TextRange,
    kinds: AssistKinds,
    findings: &[Diagnostic],
) -> Vec<Assist> {
    if w.file(id).is_none() {
        return Vec::new();
    }
    let mut actions = Vec::new();

    if kinds.quick_fixes {
        for d in findings.iter().filter(|d| {
            d.location.range.touches(wanted.start()) || wanted.touches(d.location.range.start())
        }) {
            let suppress = ropa_lint::suppression_fix(w.ws, d);
            for (fix, preferred) in d
                .fixes
                .iter()
                .map(|f| (f, true))
                .chain(suppress.iter().map(|f| (f, false)))
            {
                actions.push(Assist {
                    title: fix.title.clone(),
                    kind: AssistKind::QuickFix,
                    diagnostic: Some(d.clone()),
                    edits: edits(&[fix]),
                    preferred: preferred && d.fixes.len() == 1,
                });
            }
        }
    }
    if kinds.fix_all {
        // Safe fixes only, and never two that touch the same text.
        let mut chosen: Vec<&Fix> = Vec::new();
        let mut taken: Vec<ropa_analysis::Location> = Vec::new();
        for f in findings
            .iter()
            .flat_map(|d| d.fixes.iter())
            .filter(|f| f.safe)
        {
            let overlaps = f.edits.iter().any(|e| {
                taken.iter().any(|t| {
                    t.file == e.location.file
                        && t.range.start()
                            < e.location.range.end().max(e.location.range.start() + 1)
                        && e.location.range.start() < t.range.end().max(t.range.start() + 1)
                })
            });
            if !overlaps {
                taken.extend(f.edits.iter().map(|e| e.location));
                chosen.push(f);
            }
        }
        if !chosen.is_empty() {
            actions.push(Assist {
                title: "ropa: apply all safe fixes".into(),
                kind: AssistKind::FixAll,
                diagnostic: None,
                edits: edits(&chosen),
                preferred: false,
            });
        }
    }
    actions
}
