//! Writing files: `ropa fmt`, `-o` and `--write-baseline`. What happens depends on what the path
//! names (`docs/security.md`):
//!
//! - **nothing yet**: a new regular file, written to a temporary file in the same folder and
//!   renamed into place; it gets the mode the umask gives (`0644` under the usual `022`), as a
//!   file created by the shell would;
//! - **a regular file** (also through a symbolic link, which stays a link): replaced atomically —
//!   a temporary file in the same folder, flushed, given the old file's mode and owner, renamed
//!   over it — so that a crash leaves the old file or the new one, never a mix. Where a rename
//!   would cut the file off from what else refers to it — several hard links, or an owner the
//!   new file cannot be given — the file is written in place instead, after the new contents are
//!   safely in the temporary file (kept, and named, should the in-place write fail). A read-only
//!   file is refused;
//! - **a FIFO or a character device** (`/dev/null`, `/dev/stdout`, a process substitution):
//!   written through, never replaced;
//! - **anything else** (a folder, a socket, a block device, a link to nothing): refused.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::Fatal;

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    Io(io::Error),
    /// The path names something ropa does not write (the reason, as words).
    Refused(String),
    /// The in-place write failed after the new contents were saved in `saved`.
    InPlace {
        error: io::Error,
        saved: PathBuf,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Io(e) => f.write_str(&reason(e)),
            WriteError::Refused(why) => f.write_str(why),
            WriteError::InPlace { error, saved } => write!(
                f,
                "{}; the new contents are in {}",
                reason(error),
                crate::load::display_path(saved)
            ),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Writes `contents` to `path` (see the module documentation).
pub fn atomic(path: &Path, contents: &[u8]) -> Result<(), Fatal> {
    atomic_parts(path, &[contents])
}

/// [`atomic`] with the contents in parts, written one after the other.
pub fn atomic_parts(path: &Path, parts: &[&[u8]]) -> Result<(), Fatal> {
    write_parts(path, parts).map_err(|e| {
        Fatal(format!(
            "cannot write {}: {e}",
            crate::load::display_path(path)
        ))
    })
}

/// Writes the parts one after the other to `path` (see the module documentation).
pub fn write_parts(path: &Path, parts: &[&[u8]]) -> Result<(), WriteError> {
    write_with(path, |file| {
        for part in parts {
            file.write_all(part)?;
        }
        Ok(())
    })
}

/// Writes what `fill` writes into a file to `path` (see the module documentation). `fill`
/// may be called with a temporary file: it must write everything.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(WriteError::Refused(
                    "it is a symbolic link to a file that does not exist".into(),
                ));
            }
            return create_new(path, fill);
        }
        Err(e) => return Err(e.into()),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return replace(path, &meta, fill);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() || kind.is_char_device() {
            let mut file = fs::OpenOptions::new().write(true).open(path)?;
            fill(&mut file)?;
            return Ok(file.flush()?);
        }
    }
    let what = ropa_load::read::kind_of(kind).unwrap_or("not a regular file");
    Err(WriteError::Refused(format!(
        "it is {what} (ropa writes regular files, FIFOs and character devices such as /dev/null)"
    )))
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn temporary(real: &Path, new_file: bool) -> io::Result<tempfile::NamedTempFile> {
    let name = real
        .file_name()
        .map(ropa_load::name_text)
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    if new_file {
        // As `open(…, 0666)` does for the shell: the umask decides.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
    }
    builder.tempfile_in(folder_of(real))
}

fn create_new(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    // Dropped (and so deleted) on every early return below.
    let mut tmp = temporary(path, true)?;
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_folder(folder_of(path));
    Ok(())
}

fn replace(
    path: &Path,
    meta: &fs::Metadata,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    if meta.permissions().readonly() {
        return Err(WriteError::Refused(
            "it is read-only (make it writable to let ropa replace it)".into(),
        ));
    }
    // A link stays a link: its target is replaced.
    let real = fs::canonicalize(path)?;
    // May it be written at all? The answer an in-place write would get (a file of someone
    // else's in a folder of ours could otherwise be replaced).
    let mut original = fs::OpenOptions::new().write(true).open(&real)?;
    let mut tmp = temporary(&real, false)?;
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    if !can_take_its_place(tmp.as_file(), meta) {
        return in_place(tmp, &mut original);
    }
    fs::set_permissions(tmp.path(), meta.permissions())?;
    tmp.persist(&real).map_err(|e| e.error)?;
    sync_folder(folder_of(&real));
    Ok(())
}

/// Whether a new file can replace the old one by a rename without anyone noticing: the old one
/// has no other hard links, and the new one has (or can be given) its owner and group.
#[cfg(unix)]
fn can_take_its_place(new: &File, old: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    if old.nlink() > 1 {
        return false;
    }
    let Ok(mine) = new.metadata() else {
        return false;
    };
    if (mine.uid(), mine.gid()) == (old.uid(), old.gid()) {
        return true;
    }
    // Root may give any owner; anyone may give a group they belong to.
    std::os::unix::fs::fchown(new, Some(old.uid()), Some(old.gid())).is_ok()
}

#[cfg(not(unix))]
fn can_take_its_place(_: &File, _: &fs::Metadata) -> bool {
    true
}

/// Copies the temporary file's contents over the original's, in place, and removes the
/// temporary file; if that fails, the temporary file is kept and named in the error.
fn in_place(mut tmp: tempfile::NamedTempFile, original: &mut File) -> Result<(), WriteError> {
    let copy = |tmp: &mut tempfile::NamedTempFile, original: &mut File| -> io::Result<()> {
        use std::io::Seek;
        let file = tmp.as_file_mut();
        file.seek(io::SeekFrom::Start(0))?;
        let len = io::copy(file, original)?;
        original.set_len(len)?;
        original.sync_all()
    };
    match copy(&mut tmp, original) {
        Ok(()) => Ok(()),
        Err(error) => {
            let saved = match tmp.keep() {
                Ok((_, path)) => path,
                Err(e) => return Err(WriteError::Io(e.error)),
            };
            Err(WriteError::InPlace { error, saved })
        }
    }
}

/// Makes a rename in `folder` durable (best effort: not every platform can sync a folder).
fn sync_folder(folder: &Path) {
    if let Ok(f) = File::open(folder) {
        let _ = f.sync_all();
    }
}

/// An IO error in the words of the other messages (no OS error numbers).
pub fn reason(e: &io::Error) -> String {
    ropa_load::read::io_reason(e)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// A writer that fails after `left` bytes, like a full disk.
    struct FailAfter<'a> {
        inner: &'a mut File,
        left: usize,
    }

    impl Write for FailAfter<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::Error::other("no space left on device (simulated)"));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            self.inner.write(&buf[..n])
        }

        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failure_half_way_leaves_the_original_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ropa");
        let original = "subject s { label \"original\" }\n";
        fs::write(&path, original).unwrap();
        let new = "subject s {\n  label \"this text is never completely written\"\n}\n";
        let result = write_with(&path, |file| {
            FailAfter {
                inner: file,
                left: 12,
            }
            .write_all(new.as_bytes())
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), original);
        assert_eq!(
            entries(dir.path()),
            ["a.ropa"],
            "the temporary file is removed"
        );
    }

    #[test]
    fn a_failing_rename_leaves_the_original_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ropa");
        fs::write(&path, "old\n").unwrap();
        // The write succeeds, then the target is swapped for a non-empty folder, which a file
        // cannot be renamed over.
        let result = write_with(&path, |file| {
            file.write_all(b"new\n")?;
            fs::remove_file(&path)?;
            fs::create_dir(&path)?;
            fs::write(path.join("keep"), "old\n")
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(path.join("keep")).unwrap(), "old\n");
        assert_eq!(
            entries(dir.path()),
            ["a.ropa"],
            "the temporary file is removed"
        );
    }

    #[test]
    fn writes_replace_the_contents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ropa");
        fs::write(&path, "old\n").unwrap();
        write_parts(&path, &[b"ne", b"w\n"]).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(entries(dir.path()), ["a.ropa"]);
    }

    #[cfg(unix)]
    #[test]
    fn writes_keep_permissions_and_symbolic_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ropa");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.ropa");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_parts(&link, &[b"new\n"]).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_with_several_hard_links_is_written_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ropa");
        let other = dir.path().join("b.ropa");
        fs::write(&path, "old text\n").unwrap();
        fs::hard_link(&path, &other).unwrap();
        let inode = fs::metadata(&path).unwrap().ino();
        write_parts(&path, &[b"new\n"]).unwrap();
        assert_eq!(fs::read_to_string(&other).unwrap(), "new\n");
        assert_eq!(fs::metadata(&path).unwrap().ino(), inode);
        assert_eq!(entries(dir.path()), ["a.ropa", "b.ropa"]);
    }

    #[cfg(unix)]
    #[test]
    fn read_only_files_folders_and_dangling_links_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ropa");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_parts(&path, &[b"new\n"]).unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        let e = write_parts(dir.path(), &[b"new\n"]).unwrap_err();
        assert!(e.to_string().contains("it is a folder"), "{e}");
        let link = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &link).unwrap();
        let e = write_parts(&link, &[b"new\n"]).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_are_written_through_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        write_parts(Path::new("/dev/null"), &[b"gone\n"]).unwrap();
        let null = fs::symlink_metadata("/dev/null").unwrap();
        assert!(null.file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_mode_of_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        // What the umask gives a file created with 0666, as the shell creates one.
        let probe = dir.path().join("probe");
        let umasked = {
            use std::os::unix::fs::OpenOptionsExt;
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o666)
                .open(&probe)
                .unwrap();
            fs::metadata(&probe).unwrap().permissions().mode() & 0o777
        };
        let path = dir.path().join("policy.md");
        write_parts(&path, &[b"x\n"]).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, umasked);
    }
}
