//! Whole-workspace diagnostics: lint everything, publish only the files whose findings changed
//! (or whose document has a new version: the client learns they hold for it).

use std::collections::BTreeMap;
use std::sync::Mutex;

use ropa_analysis::Diagnostic;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::convert;
use crate::server::lock;
use crate::world::{BaselineMode, Changes, World};

pub type Batch = Vec<(Uri, Vec<lsp::Diagnostic>, Option<i32>)>;

/// Lints the synced workspace. Returns what to publish and the messages to show, or `None` when
/// a newer event arrived while linting (its own run will publish).
pub fn analyse(world: &Mutex<World>) -> Option<(Batch, Vec<String>)> {
    let mut w = lock(world);
    w.sync();
    let touched = lint(&mut w);
    if w.inbox.generation() != w.seen {
        // A newer edit arrived: its run will publish — including what this run checked but did
        // not publish, so those files stay marked. The cache is per file and stays valid.
        match (&touched, &mut w.changes) {
            (Some(ids), Changes::Local(pending)) => pending.extend(ids.iter().copied()),
            (None, changes) => *changes = Changes::Full,
            (Some(_), Changes::Full) => {}
        }
        return None;
    }
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
    let findings: Vec<Diagnostic> = files
        .iter()
        .flat_map(|&i| w.findings_by_file[i].iter().cloned())
        .collect();
    // Findings the baseline accepts are shown as hints, hidden, or as they are (a setting).
    let (shown, accepted) = match &w.baseline {
        Some(b) => {
            let applied = b.apply(&w.ws, findings);
            (applied.new, applied.unchanged)
        }
        None => (findings, Vec::new()),
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

/// Lints what changed: only the edited files when the edit cannot affect others, else everything.
/// Returns the files whose findings were recomputed (`None`: all).
fn lint(w: &mut World) -> Option<std::collections::BTreeSet<ropa_analysis::FileId>> {
    let changes = std::mem::replace(&mut w.changes, Changes::Local(Default::default()));
    match changes {
        Changes::Local(ids) if w.findings_by_file.len() == w.ws.files.len() => {
            for &id in &ids {
                w.findings_by_file[id.index()] =
                    ropa_lint::check_scoped(&w.ws, &w.config, w.today, Some(id));
            }
            Some(ids)
        }
        _ => {
            let mut by_file = vec![Vec::new(); w.ws.files.len()];
            for d in ropa_lint::check(&w.ws, &w.config, w.today) {
                by_file[d.location.file.index()].push(d);
            }
            w.findings_by_file = by_file;
            None
        }
    }
}
