//! Reading a workspace from disk, shared by the CLI and the language server: which files belong
//! to it and its `ropa.toml`. This is IO; the crates below it stay pure.
//!
//! A folder that holds a `ropa.toml` is a workspace — one record — and so is every folder below
//! it that holds its own `ropa.toml`: a nested workspace is never part of the one above it (like
//! ruff's nearest configuration, or a Cargo workspace inside another folder).

mod names;
pub mod read;
pub mod sources;
mod templates;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ropa_lint::Config;

pub use names::{file_path, name_text, path_text};
pub use read::{Links, ReadError, inside_root, limits, read_file, read_member, read_text};
pub use templates::{TemplateError, template_files};

/// The workspace a file or folder belongs to: the nearest folder at or above `dir` that holds a
/// `ropa.toml` (`dir` is a folder; for a file, pass its parent).
pub fn workspace_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join("ropa.toml").is_file())
        .map(Path::to_path_buf)
}

/// What [`discover_all`] found below a workspace root.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The workspace's own `*.ropa` files, relative with `/`, sorted.
    pub files: Vec<String>,
    /// A note for every symbolic link that was not followed.
    pub notes: Vec<String>,
    /// The folders below the root that hold their own `ropa.toml` (workspaces of their own, not
    /// descended into), sorted; those whose folder or `ropa.toml` `[files] exclude` matches are
    /// left out.
    pub nested: Vec<PathBuf>,
}

/// Every `*.ropa` below `root`, relative with `/`, sorted; `.gitignore` (also outside git
/// repositories), hidden folders and `[files] exclude` honoured; symbolic links are not followed,
/// so nothing outside the root is read; folders with their own `ropa.toml` are left out (they
/// are workspaces of their own).
pub fn discover(root: &Path, config: &Config) -> Result<Vec<String>, String> {
    discover_with_notes(root, config).map(|(files, _)| files)
}

/// Like [`discover`], also returning a note for every symbolic link that was not followed (so
/// that nothing is skipped silently).
pub fn discover_with_notes(
    root: &Path,
    config: &Config,
) -> Result<(Vec<String>, Vec<String>), String> {
    discover_all(root, config).map(|d| (d.files, d.notes))
}

/// How many `.ropa` files lie below `root` when no ignore file or `ropa.toml` is consulted: to
/// tell "there are none" from "they are all ignored" when discovery finds nothing.
pub fn count_unfiltered(root: &Path) -> usize {
    ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .follow_links(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter(|e| e.path().extension().is_some_and(|x| x == "ropa"))
        .count()
}

/// Like [`discover_with_notes`], also returning the nested workspaces below `root`.
pub fn discover_all(root: &Path, config: &Config) -> Result<Discovery, String> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let nested = Arc::new(Mutex::new(Vec::new()));
    let found = nested.clone();
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            let own_workspace = entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && entry.path().join("ropa.toml").is_file();
            if own_workspace {
                found
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(entry.path().to_path_buf());
            }
            !own_workspace
        })
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| format!("cannot read the workspace: {e}"))?;
        if entry.path_is_symlink() {
            let rel = relative(root, entry.path());
            notes.push(format!(
                "not following the symbolic link {rel} (ropa reads only files below the workspace root)"
            ));
            continue;
        }
        if !entry.file_type().is_some_and(|t| t.is_file())
            || entry.path().extension().is_none_or(|e| e != "ropa")
        {
            continue;
        }
        let rel = relative(root, entry.path());
        if config.excludes(&rel) {
            continue;
        }
        out.push(rel);
    }
    out.sort();
    let mut nested = std::mem::take(&mut *nested.lock().unwrap_or_else(|p| p.into_inner()));
    nested.retain(|dir| {
        let rel = relative(root, dir);
        !config.excludes(&rel) && !config.excludes(&format!("{rel}/ropa.toml"))
    });
    nested.sort();
    Ok(Discovery {
        files: out,
        notes,
        nested,
    })
}

/// `path` relative to `root` with `/` separators: a workspace path. Names that are not UTF-8 or
/// hold a backslash are written one to one ([`path_text`]); [`file_path`] reads them back.
pub fn relative(root: &Path, path: &Path) -> String {
    path_text(path.strip_prefix(root).unwrap_or(path))
}

/// Reads `ropa.toml` in `root` if there is one (a regular file, not a link, at most
/// [`limits::CONFIG`]).
pub fn config_in(root: &Path) -> Result<Config, String> {
    let path = root.join("ropa.toml");
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(Config::default());
    }
    let text = read_text(&path, limits::CONFIG, Links::Refuse)
        .map_err(|e| format!("cannot read ropa.toml: {e}"))?;
    Config::parse(&text).map_err(|e| format!("ropa.toml: {e}"))
}
