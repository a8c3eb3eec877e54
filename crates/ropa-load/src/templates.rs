//! The user's policy templates: every `*.j2` file directly in the folder `[policy] templates`
//! names, read the same way for `ropa policy` and the language server's policy command.
//!
//! The folder must lie inside the workspace root and not be a link, and each template must be a
//! regular file (not a link) of at most [`limits::TEMPLATE`] bytes: a template's text ends up in
//! the published policy, so nothing else may be read.

use std::path::{Path, PathBuf};

use crate::read::{Links, OutsideRoot, ReadError, inside_root, limits, read_text};

/// Why the templates could not be read.
#[derive(Debug)]
pub enum TemplateError {
    /// `[policy] templates` leads outside the workspace root.
    Outside(OutsideRoot),
    /// The folder is a symbolic link.
    Link(PathBuf),
    /// The folder cannot be listed.
    Folder(PathBuf, std::io::Error),
    /// A template cannot be read.
    Template(PathBuf, ReadError),
}

/// The folder `rel` (relative to `root`) and its templates as `(file name, text)`, by name.
pub fn template_files(
    root: &Path,
    rel: &str,
) -> Result<(PathBuf, Vec<(String, String)>), TemplateError> {
    let dir = inside_root(root, rel).map_err(TemplateError::Outside)?;
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(TemplateError::Link(dir));
    }
    let entries = std::fs::read_dir(&dir).map_err(|e| TemplateError::Folder(dir.clone(), e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| TemplateError::Folder(dir.clone(), e))?;
        let name = crate::name_text(&entry.file_name());
        if !name.ends_with(".j2") {
            continue;
        }
        let path = entry.path();
        let text = read_text(&path, limits::TEMPLATE, Links::Refuse)
            .map_err(|e| TemplateError::Template(path, e))?;
        files.push((name, text));
    }
    files.sort();
    Ok((dir, files))
}
