//! Whole-workspace diagnostics: lint everything, publish only the files whose findings changed.

use std::collections::BTreeMap;
use std::sync::Mutex;

use ropa_analysis::Diagnostic;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::convert;
use crate::server::lock;
use crate::world::World;

pub type Batch = Vec<(Uri, Vec<lsp::Diagnostic>, Option<i32>)>;

/// Lints the synced workspace. Returns what to publish, or `None` when a newer change arrived
/// while linting (its own run will publish).
pub fn analyse(world: &Mutex<World>) -> Option<Batch> {
    let (generation, by_path, findings) = {
        let mut w = lock(world);
        w.sync();
        let generation = w.generation;
        let findings = ropa_lint::check(&w.ws, &w.config, w.today);
        let mut by_path: BTreeMap<String, Vec<lsp::Diagnostic>> = BTreeMap::new();
        for f in &w.ws.files {
            by_path.insert(f.path.clone(), Vec::new());
        }
        for d in &findings {
            let path = w.ws.file(d.location.file).path.clone();
            let lsp = convert::diagnostic(&w, &w.ws, d);
            by_path.entry(path).or_default().push(lsp);
        }
        (generation, by_path, findings)
    };
    let mut w = lock(world);
    if w.generation != generation {
        return None;
    }
    w.findings = findings;
    w.findings_generation = Some(generation);
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
        if w.published.get(&path) == Some(&diagnostics) {
            continue;
        }
        let Some(uri) = convert::uri(&w, &path) else {
            continue;
        };
        batch.push((uri, diagnostics.clone(), w.version(&path)));
        w.published.insert(path, diagnostics);
    }
    Some(batch)
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
