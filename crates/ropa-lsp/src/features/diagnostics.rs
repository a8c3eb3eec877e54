//! Whole-workspace diagnostics: lint everything, publish only the files whose findings changed
//! (or whose document has a new version: the client learns they hold for it).

use std::collections::BTreeMap;
use std::sync::Mutex;

use ropa_analysis::Diagnostic;
use tower_lsp_server::ls_types as lsp;

use crate::convert;
use crate::server::lock;
use crate::world::{BaselineMode, Changes, Published, World};

/// Lints the synced workspace and hands each file whose diagnostics changed to `publish`, in
/// the order of their paths, converted one file at a time: the first file goes out without
/// waiting for the conversion of all the others (100,000 activities: 50,000 findings). The
/// edited files come before a re-check of the declarations ([`World::sync_edited_first`]).
/// Returns the messages to show and whether to run again (the declarations' re-check waits),
/// or `None` when a newer event arrived while linting (its own run will publish).
pub fn analyse(
    world: &Mutex<World>,
    publish: &mut dyn FnMut(lsp::PublishDiagnosticsParams),
) -> Option<(Vec<String>, bool)> {
    let mut w = lock(world);
    w.sync_edited_first();
    if w.inbox.generation() != w.seen {
        // A newer edit arrived: its run will publish — including what this run checked, so
        // those files stay marked unpublished.
        return None;
    }
    let touched = match std::mem::replace(&mut w.unpublished, Changes::Local(Default::default())) {
        Changes::Local(ids) => Some(ids),
        Changes::Full => None,
    };
    // Only the files an edit touched can have new findings (unless the baseline, which is
    // matched over the whole workspace, is in play).
    let touched = if w.baseline.is_some() { None } else { touched };
    let files: Vec<usize> = match &touched {
        Some(ids) => ids.iter().map(|id| id.index()).collect(),
        None => (0..w.ws.files.len()).collect(),
    };
    let mut published = std::mem::take(&mut w.published);
    // Files that disappeared: clear their diagnostics.
    if touched.is_none() {
        let paths: std::collections::HashSet<&str> =
            w.ws.files.iter().map(|f| f.path.as_str()).collect();
        let gone: Vec<String> = (published.keys())
            .filter(|p| !paths.contains(p.as_str()))
            .cloned()
            .collect();
        for path in gone {
            published.remove(&path);
            if let Some(uri) = convert::uri(&w, &path) {
                publish(lsp::PublishDiagnosticsParams::new(uri, Vec::new(), None));
            }
        }
    }
    // Each file's findings, with whether the baseline accepts them.
    let mut by_path: BTreeMap<&str, Vec<(&Diagnostic, bool)>> = (files.iter())
        .map(|&i| (w.ws.files[i].path.as_str(), Vec::new()))
        .collect();
    let findings = files
        .iter()
        .flat_map(|&i| w.findings_by_file[i].iter().flatten());
    // Findings the baseline accepts are shown as hints, hidden, or as they are (a setting).
    let (shown, accepted) = match &w.baseline {
        Some(b) => {
            let applied = b.apply(&w.ws, findings.cloned().collect());
            (applied.new, applied.unchanged)
        }
        None => {
            // Without a baseline the findings are taken where they are, not copied first.
            for d in findings {
                // Every finding of file `i` is located in it: its entry is there.
                if let Some(list) = by_path.get_mut(w.ws.file(d.location.file).path.as_str()) {
                    list.push((d, false));
                }
            }
            (Vec::new(), Vec::new())
        }
    };
    let accepted = match w.baseline_mode {
        BaselineMode::Hide => &[][..],
        _ => &accepted[..],
    };
    let marked = (shown.iter().map(|d| (d, false))).chain(accepted.iter().map(|d| (d, true)));
    for (d, accepted) in marked {
        let path = w.ws.file(d.location.file).path.as_str();
        by_path.entry(path).or_default().push((d, accepted));
    }
    for (path, findings) in by_path {
        let diagnostics: Vec<lsp::Diagnostic> = (findings.into_iter())
            .map(|(d, accepted)| {
                let mut lsp = convert::diagnostic(&w, &w.ws, d);
                if accepted && w.baseline_mode == BaselineMode::Hint {
                    lsp.severity = Some(lsp::DiagnosticSeverity::HINT);
                    lsp.message.push_str(" [accepted by the baseline]");
                }
                lsp
            })
            .collect();
        let version = w.version(path);
        let current = fingerprint(&diagnostics, version);
        if published.get(path) == Some(&current) {
            continue;
        }
        let Some(uri) = convert::uri(&w, path) else {
            continue;
        };
        published.insert(path.to_string(), current);
        publish(lsp::PublishDiagnosticsParams::new(
            uri,
            diagnostics,
            version,
        ));
    }
    w.published = published;
    w.forget_published_findings();
    Some((std::mem::take(&mut w.messages), w.declarations_pending()))
}

/// What is kept of a publication to tell whether the next one differs: a fingerprint of the
/// diagnostics as sent, with the version (the diagnostics themselves would be a second copy
/// of every finding, a fifth of the server's memory at 100,000 activities).
fn fingerprint(diagnostics: &[lsp::Diagnostic], version: Option<i32>) -> Published {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    let range = |r: &lsp::Range, h: &mut std::hash::DefaultHasher| {
        (r.start.line, r.start.character, r.end.line, r.end.character).hash(h);
    };
    diagnostics.len().hash(&mut h);
    // Every field the server sets (see `convert::diagnostic`).
    for d in diagnostics {
        range(&d.range, &mut h);
        use lsp::DiagnosticSeverity as S;
        let severities = [S::ERROR, S::WARNING, S::INFORMATION, S::HINT];
        (severities.iter())
            .position(|s| Some(*s) == d.severity)
            .hash(&mut h);
        match &d.code {
            Some(lsp::NumberOrString::String(s)) => s.hash(&mut h),
            Some(lsp::NumberOrString::Number(n)) => n.hash(&mut h),
            None => 0u8.hash(&mut h),
        }
        d.code_description
            .as_ref()
            .map(|c| c.href.as_str())
            .hash(&mut h);
        d.source.hash(&mut h);
        d.message.hash(&mut h);
        for r in d.related_information.iter().flatten() {
            r.location.uri.as_str().hash(&mut h);
            range(&r.location.range, &mut h);
            r.message.hash(&mut h);
        }
        for t in d.tags.iter().flatten() {
            (*t == lsp::DiagnosticTag::UNNECESSARY).hash(&mut h);
        }
        d.data.as_ref().map(|v| v.to_string()).hash(&mut h);
    }
    (h.finish(), version)
}

/// The current findings of one file (for code actions): those of the last check, which every
/// request's sync brings up to date; for a file whose findings were let go of once published,
/// a check of the file alone (the same findings: `ropa-lint/tests/scoped.rs`; the request made
/// the file whole again).
pub fn findings_in(w: &World, path: &str) -> Vec<Diagnostic> {
    let Some(id) = w.file_id(path) else {
        return Vec::new();
    };
    match w.findings_by_file.get(id.index()) {
        Some(Some(findings)) => findings.clone(),
        _ => ropa_lint::check_scoped(&w.ws, &w.config, w.today, Some(id)),
    }
}
