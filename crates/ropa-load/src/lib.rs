//! Reading a workspace from disk, shared by the CLI and the language server: which files belong
//! to it and its `ropa.toml`. This is IO; the crates below it stay pure.

mod names;
pub mod read;

use std::path::Path;

use ropa_lint::Config;

pub use names::{file_path, name_text, path_text};
pub use read::{Links, ReadError, inside_root, limits, read_file, read_member, read_text};

/// Every `*.ropa` below `root`, relative with `/`, sorted; `.gitignore` (also outside git
/// repositories), hidden folders and `[files] exclude` honoured; symbolic links are not followed,
/// so nothing outside the root is read.
pub fn discover(root: &Path, config: &Config) -> Result<Vec<String>, String> {
    discover_with_notes(root, config).map(|(files, _)| files)
}

/// Like [`discover`], also returning a note for every symbolic link that was not followed (so
/// that nothing is skipped silently).
pub fn discover_with_notes(
    root: &Path,
    config: &Config,
) -> Result<(Vec<String>, Vec<String>), String> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_path(|a, b| a.cmp(b))
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
    Ok((out, notes))
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
