//! `ropa scan` in the editor: the source folders of `[scan] paths` are scanned against the
//! record, and the findings are published on the scanned files themselves (the manifest, the
//! HTML page, the recording). Runs when the server starts and after a `.ropa` file or
//! `ropa.toml` is saved or changes on disk — not on every keystroke: it reads the sources from
//! disk, and they change on save.

use std::collections::BTreeMap;
use std::sync::Mutex;

use ropa_analysis::{Diagnostic, Severity, Workspace};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::convert;
use crate::server::lock;

/// What to publish: every scanned file with findings, and an empty list for each file that had
/// findings at the last scan and has none now. `published` holds the URIs with findings between
/// runs.
pub fn run(
    world: &Mutex<crate::world::World>,
    published: &mut Vec<Uri>,
) -> Vec<lsp::PublishDiagnosticsParams> {
    // Under the lock only what the scan needs: the record's texts and the settings.
    let (root, config, unit, today, record) = {
        let mut w = lock(world);
        w.sync();
        let record: Vec<(String, Vec<u8>)> =
            w.ws.files
                .iter()
                .map(|f| (f.path.clone(), f.text.clone().into_bytes()))
                .collect();
        (w.root.clone(), w.config.clone(), w.unit, w.today, record)
    };
    let mut by_uri: BTreeMap<String, (Uri, Vec<lsp::Diagnostic>)> = BTreeMap::new();
    if let Some(root) = root.filter(|_| !config.scan_paths.is_empty()) {
        let mut ws = Workspace::from_files_without_trees(record);
        let sources = read_sources(&root, &config.scan_paths);
        let scanned = ropa_lint::scan::scan_into(&mut ws, sources, &config.scan, false);
        let found = ropa_lint::scan::check_scan(&ws, &config, today, &scanned);
        for d in found
            .iter()
            .filter(|d| d.location.file.0 >= scanned.first_file)
        {
            let path = &ws.file(d.location.file).path;
            let Some(uri) = file_uri(&root, path) else {
                continue;
            };
            by_uri
                .entry(uri.as_str().to_string())
                .or_insert_with(|| (uri.clone(), Vec::new()))
                .1
                .push(to_lsp(&root, &ws, d, unit));
        }
    }
    let mut out = Vec::new();
    for uri in published.drain(..) {
        if !by_uri.contains_key(uri.as_str()) {
            out.push(lsp::PublishDiagnosticsParams::new(uri, Vec::new(), None));
        }
    }
    for (_, (uri, diagnostics)) in by_uri {
        published.push(uri.clone());
        out.push(lsp::PublishDiagnosticsParams::new(uri, diagnostics, None));
    }
    out
}

/// The scannable files below the configured folders, as `ropa scan` reads them (paths relative
/// to the root when inside it, else absolute). Unreadable and non-UTF-8 files are skipped.
fn read_sources(root: &std::path::Path, paths: &[String]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let root = root.as_path();
    for p in paths {
        // Made absolute once: the files below are then absolute too (no link is followed).
        let Ok(dir) = std::fs::canonicalize(root.join(p)) else {
            continue;
        };
        let Ok((found, _notes)) = ropa_load::sources::discover_sources(&dir) else {
            continue;
        };
        for abs in found {
            let Ok(text) = std::fs::read_to_string(&abs) else {
                continue;
            };
            let shown = match abs.strip_prefix(root) {
                Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
                Err(_) => abs.to_string_lossy().replace('\\', "/"),
            };
            files.push((shown, text));
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    files
}

fn file_uri(root: &std::path::Path, path: &str) -> Option<Uri> {
    let p = std::path::Path::new(path);
    let full = if p.is_absolute() {
        p.to_path_buf()
    } else {
        root.join(p)
    };
    Uri::from_file_path(full)
}

fn to_lsp(
    root: &std::path::Path,
    ws: &Workspace,
    d: &Diagnostic,
    unit: ropa_syntax::ColumnUnit,
) -> lsp::Diagnostic {
    let file = ws.file(d.location.file);
    let mut message = d.message.clone();
    if let Some(reference) = ropa_lint::rule(d.rule)
        .map(|r| r.reference)
        .filter(|r| !r.is_empty())
    {
        message.push_str(&format!(" ({reference})"));
    }
    let related = d
        .related
        .iter()
        .filter_map(|r| {
            let f = ws.file(r.location.file);
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location {
                    uri: file_uri(root, &f.path)?,
                    range: convert::range(f, r.location.range, unit),
                },
                message: r.message.clone(),
            })
        })
        .collect::<Vec<_>>();
    lsp::Diagnostic {
        range: convert::range(file, d.location.range, unit),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        code_description: ropa_lint::doc_url(d.rule)
            .parse()
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("ropa".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}
