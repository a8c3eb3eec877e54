//! Reading a workspace from disk, shared by the CLI and the language server: which files belong
//! to it and its `ropa.toml`. This is IO; the crates below it stay pure.

pub mod sources;

use std::path::Path;

use ropa_lint::Config;

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

/// `path` relative to `root` with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Reads `ropa.toml` in `root` if there is one.
pub fn config_in(root: &Path) -> Result<Config, String> {
    let path = root.join("ropa.toml");
    if !path.is_file() {
        return Ok(Config::default());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read ropa.toml: {e}"))?;
    Config::parse(&text).map_err(|e| format!("ropa.toml: {e}"))
}
