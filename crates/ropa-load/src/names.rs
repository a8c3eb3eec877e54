//! File names as text: every workspace path is a `String` (findings, baselines, `[files]
//! exclude`), but a file name on Unix is any bytes but `/` and NUL — a backslash or bytes that
//! are not UTF-8 (an old Latin-1 `Übersicht.ropa`) included.
//!
//! So a name is written as text one to one: valid UTF-8 as it is, except that a backslash is
//! doubled (`\\`), and every byte that is not UTF-8 as `\xNN`. The text names the file
//! unambiguously, and [`file_path`] turns it back into the very path it came from. Components
//! are joined with `/` on every platform. (On Windows a name is UTF-16 and cannot hold a
//! backslash; a name with an unpaired surrogate is shown lossily.)

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

/// One file or folder name as text (see the module documentation).
pub fn name_text(name: &OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = name.as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                if c == '\\' {
                    out.push_str("\\\\");
                } else {
                    out.push(c);
                }
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// A whole path as text, components joined with `/`.
pub fn path_text(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        match c {
            Component::Prefix(p) => out.push_str(&p.as_os_str().to_string_lossy()),
            Component::RootDir => out.push('/'),
            Component::CurDir => {}
            Component::ParentDir | Component::Normal(_) => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                match c {
                    Component::Normal(name) => out.push_str(&name_text(name)),
                    _ => out.push_str(".."),
                }
            }
        }
    }
    // `.` (or `./.`) is the current folder, not nothing.
    if out.is_empty() && !path.as_os_str().is_empty() {
        out.push('.');
    }
    out
}

/// The file a workspace path (as [`crate::relative`] wrote it) names below `root`.
pub fn file_path(root: &Path, path: &str) -> PathBuf {
    root.join(os_path(path))
}

/// The inverse of [`path_text`] for a relative path.
fn os_path(path: &str) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        if !path.contains('\\') {
            return PathBuf::from(path);
        }
        let bytes = path.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b == b'\\' {
                if bytes.get(i + 1) == Some(&b'\\') {
                    out.push(b'\\');
                    i += 2;
                    continue;
                }
                if bytes.get(i + 1) == Some(&b'x')
                    && let Some(byte) = bytes
                        .get(i + 2..i + 4)
                        .and_then(|h| std::str::from_utf8(h).ok())
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(byte);
                    i += 4;
                    continue;
                }
            }
            out.push(b);
            i += 1;
        }
        PathBuf::from(OsStr::from_bytes(&out))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(path)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn plain_names_are_kept() {
        let p = Path::new("sub/Übersicht 👋.ropa");
        assert_eq!(path_text(p), "sub/Übersicht 👋.ropa");
        assert_eq!(
            file_path(Path::new("/r"), &path_text(p)),
            Path::new("/r").join(p)
        );
    }

    #[cfg(unix)]
    #[test]
    fn odd_names_are_written_unambiguously_and_read_back() {
        use std::os::unix::ffi::OsStrExt;
        let names: [&[u8]; 5] = [
            b"a\\b.ropa",
            b"\xDCbersicht.ropa",
            b"a\\xDC.ropa",
            b"\\\\x41",
            b"tail\\",
        ];
        let mut seen = std::collections::HashSet::new();
        for name in names {
            let path = Path::new(OsStr::from_bytes(name));
            let text = path_text(path);
            assert!(seen.insert(text.clone()), "{text} is ambiguous");
            assert_eq!(
                file_path(Path::new("/r"), &text),
                Path::new("/r").join(path)
            );
        }
        assert_eq!(
            path_text(Path::new(OsStr::from_bytes(b"d/\xDCber.ropa"))),
            "d/\\xDCber.ropa"
        );
        assert_eq!(path_text(Path::new("a\\b.ropa")), "a\\\\b.ropa");
    }
}
