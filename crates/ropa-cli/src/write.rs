//! Writing output files atomically: a temporary file in the same folder, flushed, then renamed
//! over the target, so that a crash leaves the old file or the new one, never a mix.

use std::io::Write;
use std::path::Path;

use crate::Fatal;

pub fn atomic(path: &Path, contents: &[u8]) -> Result<(), Fatal> {
    atomic_parts(path, &[contents])
}

/// [`atomic`] with the contents in parts, written one after the other.
pub fn atomic_parts(path: &Path, parts: &[&[u8]]) -> Result<(), Fatal> {
    let shown = path.display();
    let fail = |e: std::io::Error| Fatal(format!("cannot write {shown}: {}", reason(&e)));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut tmp = tempfile::Builder::new()
        .prefix(".ropa.")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    for part in parts {
        tmp.write_all(part).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    if let Some(p) = permissions {
        std::fs::set_permissions(tmp.path(), p).map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// An IO error in the words of the other messages (no OS error numbers).
pub fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
