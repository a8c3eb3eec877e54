//! Whole-workspace diagnostics: lint everything, publish only the files whose findings changed
//! (or whose document has a new version: the client learns they hold for it).

use std::collections::BTreeMap;
use std::sync::Mutex;

use ropa_analysis::Diagnostic;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::convert;
use crate::server::lock;
use crate::world::{BaselineMode, World};

pub type Batch = Vec<(Uri, Vec<lsp::Diagnostic>, Option<i32>)>;

/// Lints the synced workspace. Returns what to publish and the messages to show, or `None` when
/// a newer event arrived while linting (its own run will publish).
pub fn analyse(world: &Mutex<World>) -> Option<(Batch, Vec<String>)> {
    let mut w = lock(world);
    w.sync();
    let findings = ropa_lint::check(&w.ws, &w.config, w.today);
    if w.inbox.generation() != w.seen {
        return None;
    }
    let mut by_path: BTreeMap<String, Vec<lsp::Diagnostic>> = BTreeMap::new();
    for f in &w.ws.files {
        by_path.insert(f.path.clone(), Vec::new());
    }
    // Findings the baseline accepts are shown as hints, hidden, or as they are (a setting).
    let (shown, accepted) = match &w.baseline {
        Some(b) => {
            let applied = b.apply(&w.ws, findings.clone());
            (applied.new, applied.unchanged)
        }
        None => (findings.clone(), Vec::new()),
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
    w.findings = findings;
    w.findings_generation = Some(w.generation);
    let mut batch = Vec::new();
    // Files that disappeared: clear their diagnostics.
    let gone: Vec<String> = w
        .published
        .keys()
        .filter(|p| !by_path.contains_key(*p))
        .cloned()
        .collect();
    for path in gone {
        w.published.remove(&path);
        if let Some(uri) = convert::uri(&w, &path) {
            batch.push((uri, Vec::new(), None));
        }
    }
    for (path, diagnostics) in by_path {
        let version = w.version(&path);
        let current = (diagnostics, version);
        if w.published.get(&path) == Some(&current) {
            continue;
        }
        let Some(uri) = convert::uri(&w, &path) else {
            continue;
        };
        batch.push((uri, current.0.clone(), version));
        w.published.insert(path, current);
    }
    let messages = std::mem::take(&mut w.messages);
    Some((batch, messages))
}

/// The findings of the current generation in one file (for code actions): those of the last
/// analysis, or fresh ones when an edit came after it.
pub fn findings_in(w: &mut World, path: &str) -> Vec<Diagnostic> {
    if w.findings_generation != Some(w.generation) {
        w.findings = ropa_lint::check(&w.ws, &w.config, w.today);
        w.findings_generation = Some(w.generation);
    }
    let Some(id) = w.file_id(path) else {
        return Vec::new();
    };
    w.findings
        .iter()
        .filter(|d| d.location.file == id)
        .cloned()
        .collect()
}
