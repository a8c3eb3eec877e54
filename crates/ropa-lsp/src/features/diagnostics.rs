//! Whole-workspace diagnostics: lint everything, publish only the files whose findings changed
//! (or whose document has a new version: the client learns they hold for it).

use std::collections::BTreeMap;
use std::sync::Mutex;

use ropa_analysis::Diagnostic;
use tower_lsp_server::ls_types as lsp;

use crate::convert;
use crate::server::lock;
use crate::world::{BaselineMode, Changes, Published, World};

pub type Batch = Vec<lsp::PublishDiagnosticsParams>;

/// Lints the synced workspace. Returns what to publish and the messages to show, or `None` when
/// a newer event arrived while linting (its own run will publish).
pub fn analyse(world: &Mutex<World>) -> Option<(Batch, Vec<String>)> {
    let mut w = lock(world);
    w.sync();
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
    let mut by_path: BTreeMap<String, Vec<lsp::Diagnostic>> = BTreeMap::new();
    for &i in &files {
        by_path.insert(w.ws.files[i].path.clone(), Vec::new());
    }
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
            // Without a baseline the findings are converted where they are, not copied first.
            for d in findings {
                let lsp = convert::diagnostic(&w, &w.ws, d);
                // Every finding of file `i` is located in it: its entry is there.
                if let Some(list) = by_path.get_mut(&w.ws.file(d.location.file).path) {
                    list.push(lsp);
                }
            }
            (Vec::new(), Vec::new())
        }
    };
    for d in &shown {
        let path = w.ws.file(d.location.file).path.clone();
        let lsp = convert::diagnostic(&w, &w.ws, d);
        by_path.entry(path).or_default().push(lsp);
    }
    if w.baseline_mode != BaselineMode::Hide {
        for d in &accepted {
            let path = w.ws.file(d.location.file).path.clone();
            let mut lsp = convert::diagnostic(&w, &w.ws, d);
            if w.baseline_mode == BaselineMode::Hint {
                lsp.severity = Some(lsp::DiagnosticSeverity::HINT);
                lsp.message.push_str(" [accepted by the baseline]");
            }
            by_path.entry(path).or_default().push(lsp);
        }
    }
    let mut batch = Vec::new();
    // Files that disappeared: clear their diagnostics.
    let gone: Vec<String> = if touched.is_some() {
        Vec::new()
    } else {
        w.published
            .keys()
            .filter(|p| !by_path.contains_key(*p))
            .cloned()
            .collect()
    };
    for path in gone {
        w.published.remove(&path);
        if let Some(uri) = convert::uri(&w, &path) {
            batch.push(lsp::PublishDiagnosticsParams::new(uri, Vec::new(), None));
        }
    }
    for (path, diagnostics) in by_path {
        let version = w.version(&path);
        let current = published(&diagnostics, version);
        if w.published.get(&path) == Some(&current) {
            continue;
        }
        let Some(uri) = convert::uri(&w, &path) else {
            continue;
        };
        batch.push(lsp::PublishDiagnosticsParams::new(
            uri,
            diagnostics,
            version,
        ));
        w.published.insert(path, current);
    }
    w.forget_published_findings();
    let messages = std::mem::take(&mut w.messages);
    Some((batch, messages))
}

/// What is kept of a publication to tell whether the next one differs: a fingerprint of the
/// diagnostics as sent, with the version (the diagnostics themselves would be a second copy
/// of every finding, a fifth of the server's memory at 100,000 activities).
fn published(diagnostics: &[lsp::Diagnostic], version: Option<i32>) -> Published {
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
