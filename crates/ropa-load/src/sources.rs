//! Finding the files `ropa scan` reads below its source folders: the kinds `ropa_scan::file_kind`
//! knows, `.gitignore` and hidden folders honoured, dependency and build folders skipped,
//! symbolic links never followed, only regular files, each within a size limit.

use std::path::{Path, PathBuf};

/// Folders that hold other people's code (installed dependencies) or build output: their files
/// are not the application's own use of a service (`fbjs` inside `node_modules` is React's).
pub const SKIPPED_FOLDERS: &[&str] = &[
    "node_modules",
    "bower_components",
    "jspm_packages",
    "vendor",
    ".venv",
    "venv",
    "__pycache__",
    "site-packages",
    "target",
];

/// The largest file read: recordings (`.har`) may be large, everything else is source.
pub fn size_limit(path: &Path) -> u64 {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("har"))
    {
        256 << 20
    } else {
        16 << 20
    }
}

/// The scannable files below `root` (or `root` itself if it is a file), sorted, with a note
/// for each file or link that was skipped (so that nothing is skipped silently).
pub fn discover_sources(root: &Path) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let mut files = Vec::new();
    let mut notes = Vec::new();
    let meta = std::fs::symlink_metadata(root)
        .map_err(|e| format!("cannot read {}: {e}", root.display()))?;
    if !meta.is_dir() {
        if meta.file_type().is_symlink() {
            notes.push(format!(
                "not following the symbolic link {}",
                root.display()
            ));
        } else if !meta.is_file() {
            notes.push(format!("{} is not a regular file", root.display()));
        } else if meta.len() > size_limit(root) {
            notes.push(too_large(root, meta.len()));
        } else {
            files.push(root.to_path_buf());
        }
        return Ok((files, notes));
    }
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_FOLDERS.iter().any(|s| e.file_name() == *s))
        })
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", root.display()))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if ropa_scan::file_kind(&name).is_none() {
            continue;
        }
        if entry.path_is_symlink() {
            notes.push(format!(
                "not following the symbolic link {}",
                path.display()
            ));
            continue;
        }
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
        if len > size_limit(path) {
            notes.push(too_large(path, len));
            continue;
        }
        files.push(path.to_path_buf());
    }
    files.sort();
    Ok((files, notes))
}

fn too_large(path: &Path, len: u64) -> String {
    format!(
        "skipping {} ({} MiB; ropa scan reads files up to {} MiB)",
        path.display(),
        len >> 20,
        size_limit(path) >> 20
    )
}
