//! Reading one file the way every reader of ropa does: only regular files, never more than a
//! limit, and — for files found in a workspace — never through a symbolic link.
//!
//! The checks happen on the opened file, not on the path beforehand: the file is opened without
//! blocking (a FIFO would otherwise wait for a writer) and, where links are refused, with
//! `O_NOFOLLOW`, and then its type is read from the open handle (`fstat`). Reading stops one
//! byte after the limit, so `/dev/zero` or a file that grows while it is read cannot exhaust
//! memory.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The largest file each reader accepts. Documented in `docs/security.md`.
pub mod limits {
    /// A `.ropa` file (also stdin for `ropa fmt -`, and a document in the language server).
    /// The largest record seen in practice is a few MB; 50 MB files are tested.
    pub const SOURCE: u64 = 64 << 20;
    /// `ropa.toml`.
    pub const CONFIG: u64 = 1 << 20;
    /// A baseline (`--baseline`, `[check] baseline`): about 200 bytes a finding.
    pub const BASELINE: u64 = 64 << 20;
    /// One user template (`[policy] templates`).
    pub const TEMPLATE: u64 = 1 << 20;
}

/// Whether the last component of a path may be a symbolic link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// A path the user typed (`ropa check ~/record/a.ropa`, `--config`, `--baseline`): links are
    /// followed as every command-line tool follows them.
    Follow,
    /// A path found inside a workspace (discovery, `ropa.toml`, its templates and baseline, the
    /// language server's file events): a link is refused, so nothing outside the root is read.
    Refuse,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not a regular file: what it is instead ("a folder", "a FIFO", …).
    NotRegular(&'static str),
    TooLarge {
        limit: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&io_reason(e)),
            ReadError::NotRegular(what) => {
                write!(f, "it is {what} (ropa reads only regular files)")
            }
            ReadError::TooLarge { limit } => write!(
                f,
                "it is larger than {} MiB, the most ropa reads",
                limit >> 20
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// An IO error in the words of the other messages (no OS error numbers).
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// What a file of this type is, in words, if it is not a regular file.
pub fn kind_of(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading without blocking and, with [`Links::Refuse`], without following a
/// link in its last component.
fn open(path: &Path, links: Links) -> Result<File, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
        if links == Links::Refuse {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    #[cfg(not(unix))]
    if links == Links::Refuse
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(ReadError::NotRegular("a symbolic link"));
    }
    match options.open(path) {
        Ok(file) => Ok(file),
        // `O_NOFOLLOW` on a link fails with ELOOP; say what it is.
        Err(_)
            if links == Links::Refuse
                && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) =>
        {
            Err(ReadError::NotRegular("a symbolic link"))
        }
        Err(e) => Err(ReadError::Io(e)),
    }
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let file = open(path, links)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(what) = kind_of(meta.file_type()) {
        return Err(ReadError::NotRegular(what));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    read_limited(file, limit, meta.len())
}

/// Reads all of `reader` if it holds at most `limit` bytes (`hint`: the expected size).
pub fn read_limited(reader: impl Read, limit: u64, hint: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(hint.min(limit)).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Reads a regular file as UTF-8 text (see [`read_file`]).
pub fn read_text(path: &Path, limit: u64, links: Links) -> Result<String, ReadError> {
    let bytes = read_file(path, limit, links)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "it is not valid UTF-8 (at byte {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// Why a path from `ropa.toml` cannot name a file of the workspace.
#[derive(Debug, PartialEq, Eq)]
pub enum OutsideRoot {
    Absolute,
    Parent,
    /// A folder on the way is a symbolic link (named, relative to the root).
    Link(String),
}

impl fmt::Display for OutsideRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutsideRoot::Absolute => f.write_str(
                "an absolute path; it must be relative to the workspace root and inside it",
            ),
            OutsideRoot::Parent => f.write_str(
                "a path with `..`; it must be relative to the workspace root and inside it",
            ),
            OutsideRoot::Link(at) => write!(
                f,
                "{at} is a symbolic link; ropa reads nothing outside the workspace root through links"
            ),
        }
    }
}

/// `root` joined with `rel`, a path written in `ropa.toml` that must stay inside the root: not
/// absolute, no `..`, and no folder on the way a symbolic link (the last component is left to
/// the reader, which refuses a link at open time: see [`Links::Refuse`]).
pub fn inside_root(root: &Path, rel: &str) -> Result<PathBuf, OutsideRoot> {
    let rel_path = Path::new(rel);
    let mut out = root.to_path_buf();
    let components: Vec<Component> = rel_path.components().collect();
    for (i, c) in components.iter().enumerate() {
        match c {
            Component::Normal(name) => {
                out.push(name);
                let last = i + 1 == components.len();
                if !last
                    && std::fs::symlink_metadata(&out).is_ok_and(|m| m.file_type().is_symlink())
                {
                    return Err(OutsideRoot::Link(crate::relative(root, &out)));
                }
            }
            Component::CurDir => {}
            Component::ParentDir => return Err(OutsideRoot::Parent),
            Component::RootDir | Component::Prefix(_) => return Err(OutsideRoot::Absolute),
        }
    }
    Ok(out)
}

/// Reads the workspace file `file` (below `root`) for the language server's file events: only
/// a regular file, never through a link — neither the file nor a folder between it and the
/// root — and never more than [`limits::SOURCE`]. `None` when it must not or cannot be read.
pub fn read_member(root: &Path, file: &Path) -> Option<Vec<u8>> {
    let rel = file.strip_prefix(root).ok()?;
    let mut at = root.to_path_buf();
    let components: Vec<Component> = rel.components().collect();
    for (i, c) in components.iter().enumerate() {
        let Component::Normal(name) = c else {
            return None;
        };
        at.push(name);
        if i + 1 < components.len()
            && std::fs::symlink_metadata(&at).map_or(true, |m| !m.file_type().is_dir())
        {
            return None;
        }
    }
    read_file(&at, limits::SOURCE, Links::Refuse).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn regular_files_are_read_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ropa");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_file(&path, 5, Links::Refuse).unwrap(), b"12345");
        assert!(matches!(
            read_file(&path, 4, Links::Refuse),
            Err(ReadError::TooLarge { limit: 4 })
        ));
        let folder = read_file(dir.path(), 5, Links::Follow).unwrap_err();
        assert_eq!(
            folder.to_string(),
            "it is a folder (ropa reads only regular files)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused_where_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "secret").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_file(&link, 100, Links::Follow).unwrap(), b"secret");
        let refused = read_file(&link, 100, Links::Refuse).unwrap_err();
        assert!(
            matches!(refused, ReadError::NotRegular("a symbolic link")),
            "{refused:?}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_and_endless_files_are_refused_without_reading_them() {
        let zero = read_file(Path::new("/dev/zero"), 100, Links::Follow).unwrap_err();
        assert!(
            matches!(zero, ReadError::NotRegular("a device")),
            "{zero:?}"
        );
        // A reader that never ends is cut off one byte after the limit.
        let endless = read_limited(std::io::repeat(b'x'), 1000, 0).unwrap_err();
        assert!(matches!(endless, ReadError::TooLarge { limit: 1000 }));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = read_file(&fifo, 100, Links::Follow).unwrap_err();
        assert!(
            matches!(error, ReadError::NotRegular("a FIFO")),
            "{error:?}"
        );
    }

    #[test]
    fn paths_from_the_configuration_stay_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(
            inside_root(root, "templates/x").unwrap(),
            root.join("templates/x")
        );
        assert_eq!(inside_root(root, "./t").unwrap(), root.join("t"));
        assert_eq!(inside_root(root, "../x"), Err(OutsideRoot::Parent));
        assert_eq!(inside_root(root, "a/../../x"), Err(OutsideRoot::Parent));
        assert_eq!(inside_root(root, "/etc"), Err(OutsideRoot::Absolute));
        #[cfg(unix)]
        {
            std::fs::create_dir(root.join("real")).unwrap();
            std::os::unix::fs::symlink("/etc", root.join("up")).unwrap();
            assert_eq!(
                inside_root(root, "up/passwd"),
                Err(OutsideRoot::Link("up".into()))
            );
            assert!(inside_root(root, "real/x").is_ok());
        }
    }

    #[cfg(unix)]
    #[test]
    fn members_are_read_only_below_the_root_and_never_through_links() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("s.ropa"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.ropa"), "ok").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("s.ropa"), root.join("l.ropa")).unwrap();
        assert_eq!(read_member(root, &root.join("sub/a.ropa")).unwrap(), b"ok");
        assert_eq!(read_member(root, &root.join("out/s.ropa")), None);
        assert_eq!(read_member(root, &root.join("l.ropa")), None);
        assert_eq!(read_member(root, &root.join("sub/../out/s.ropa")), None);
        assert_eq!(read_member(root, Path::new("/dev/zero")), None);
    }
}
