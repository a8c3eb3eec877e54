//! `ropa fmt`: format files in place (atomically), check that they are formatted, or show a diff.
//!
//! The layout itself is `ropa_fmt::format`; this module finds the files (like `ropa check`),
//! reads and writes them. A file with syntax errors is reported and left alone; the others are
//! still formatted, and the exit code is 2 at the end.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Fatal;
use crate::load::{ConfigChoice, display_path, records_with_files};
use clap::Args;
use ropa_fmt::FormatError;

#[derive(Args)]
pub struct FmtArgs {
    /// Files or folders to format (`-` formats stdin to stdout)
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// List unformatted files and exit with 1 instead of writing
    #[arg(long)]
    check: bool,
    /// Print a unified diff of the changes instead of writing; exit with 1 when there are any
    #[arg(long)]
    diff: bool,
    /// Print nothing but errors (and, with --check or --diff, what they report)
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Write,
    Check,
    Diff,
}

enum Target {
    Stdin,
    File { path: PathBuf, shown: String },
}

enum Outcome {
    Unchanged,
    /// With the diff in diff mode.
    Reformatted {
        diff: Option<String>,
    },
    /// Not formatted: syntax errors, not UTF-8, unreadable, unwritable; the message says which.
    Failed(String),
}

#[derive(Default)]
struct Tally {
    reformatted: usize,
    unchanged: usize,
    failed: usize,
}

pub fn run(args: FmtArgs) -> Result<ExitCode, Fatal> {
    let mode = if args.diff {
        Mode::Diff
    } else if args.check {
        Mode::Check
    } else {
        Mode::Write
    };
    let targets = targets(&args.paths)?;
    // Files are read, formatted (and written) in parallel; what they report comes out in order.
    let outcomes = par_map(&targets, |target| match target {
        Target::Stdin => None,
        Target::File { path, shown } => Some(file(path, shown, mode)),
    });
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut tally = Tally::default();
    for (target, outcome) in targets.iter().zip(outcomes) {
        let outcome = match outcome {
            Some(outcome) => outcome,
            None => stdin(mode, &mut out)?,
        };
        match outcome {
            Outcome::Unchanged => tally.unchanged += 1,
            Outcome::Reformatted { diff } => {
                tally.reformatted += 1;
                let shown = match target {
                    Target::File { shown, .. } => shown.as_str(),
                    Target::Stdin => "<stdin>",
                };
                match mode {
                    Mode::Write => {}
                    Mode::Check => writeln!(out, "{shown}")?,
                    Mode::Diff => write!(out, "{}", diff.unwrap_or_default())?,
                }
            }
            Outcome::Failed(message) => {
                out.flush()?;
                eprintln!("{message}");
                tally.failed += 1;
            }
        }
    }
    out.flush()?;
    if mode == Mode::Write && !args.quiet && !targets.iter().all(|t| matches!(t, Target::Stdin)) {
        eprintln!(
            "{} reformatted, {} already formatted{}",
            files(tally.reformatted),
            files(tally.unchanged),
            if tally.failed > 0 {
                format!(", {} not formatted", files(tally.failed))
            } else {
                String::new()
            }
        );
    }
    Ok(ExitCode::from(if tally.failed > 0 {
        2
    } else if mode != Mode::Write && tally.reformatted > 0 {
        1
    } else {
        0
    }))
}

/// `f` over `items` on all cores, results in the order of `items`.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break done;
                        };
                        done.push((i, f(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{n} files")
    }
}

/// The files to format, in argument order (each folder's files in path order), each once.
fn targets(paths: &[PathBuf]) -> Result<Vec<Target>, Fatal> {
    let mut targets = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |targets: &mut Vec<Target>, path: PathBuf| {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            let shown = display_path(&path);
            targets.push(Target::File { path, shown });
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
            continue;
        }
        let meta = fs::metadata(path).map_err(|e| {
            Fatal(format!(
                "cannot read {}: {}",
                path.display(),
                crate::write::reason(&e)
            ))
        })?;
        if !meta.is_dir() {
            push(&mut targets, path.clone());
            continue;
        }
        // The files of each workspace in the folder, as `ropa check` finds them (each with its
        // own `[files] exclude`).
        let choice = ConfigChoice {
            file: None,
            none: false,
        };
        let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        for record in records_with_files(path, &choice)? {
            let files = record.only.unwrap_or(record.paths);
            for rel in files {
                let file = record.root.join(rel);
                // Shown as the user wrote the folder (`examples/x.ropa`, `../r/x.ropa`).
                let shown = file
                    .strip_prefix(&canonical)
                    .map_or_else(|_| file.clone(), |rest| path.join(rest));
                push(&mut targets, shown);
            }
        }
    }
    Ok(targets)
}

/// Reads, formats and (in write mode) writes one file.
fn file(path: &Path, shown: &str, mode: Mode) -> Outcome {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Outcome::Failed(format!(
                "{shown}: not formatted: cannot read it: {}",
                crate::write::reason(&e)
            ));
        }
    };
    let (old, formatted) = match format_bytes(&bytes) {
        Ok(pair) => pair,
        Err(why) => return Outcome::Failed(format!("{shown}: not formatted: {why}")),
    };
    if formatted == old {
        return Outcome::Unchanged;
    }
    match mode {
        Mode::Write => match write_atomic(path, formatted.as_bytes()) {
            Ok(()) => Outcome::Reformatted { diff: None },
            Err(e) => Outcome::Failed(format!(
                "{shown}: not formatted: cannot write it: {}",
                crate::write::reason(&e)
            )),
        },
        Mode::Check => Outcome::Reformatted { diff: None },
        Mode::Diff => Outcome::Reformatted {
            diff: Some(diff(old, &formatted, shown)),
        },
    }
}

/// Formats stdin; in write mode the result goes to stdout.
fn stdin(mode: Mode, out: &mut impl Write) -> Result<Outcome, Fatal> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Fatal(format!("cannot read stdin: {e}")))?;
    let (old, formatted) = match format_bytes(&bytes) {
        Ok(pair) => pair,
        Err(why) => return Ok(Outcome::Failed(format!("<stdin>: not formatted: {why}"))),
    };
    if mode == Mode::Write {
        out.write_all(formatted.as_bytes())?;
    }
    Ok(if formatted == old {
        Outcome::Unchanged
    } else {
        Outcome::Reformatted {
            diff: (mode == Mode::Diff).then(|| diff(old, &formatted, "<stdin>")),
        }
    })
}

/// The text and its formatted version, or why it cannot be formatted.
fn format_bytes(bytes: &[u8]) -> Result<(&str, String), String> {
    let text = ropa_syntax::decode(bytes).map_err(|e| e.message)?;
    match ropa_fmt::format(text) {
        Ok(formatted) => Ok((text, formatted)),
        Err(FormatError::Syntax { line, message, .. }) => {
            Err(format!("it has syntax errors (line {line}: {message})"))
        }
        Err(e @ FormatError::Internal { .. }) => Err(e.to_string()),
    }
}

fn diff(old: &str, new: &str, shown: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}

/// Replaces the file's contents atomically: the new text goes to a temporary file in the same
/// folder, is flushed to disk, gets the old file's permissions and is renamed over the old file.
/// A crash or an error at any point leaves either the old or the new file, never a mix. A symbolic
/// link is kept and its target replaced.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(contents))
}

fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let path = fs::canonicalize(path)?;
    let permissions = fs::metadata(&path)?.permissions();
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Dropped (and so deleted) on every early return below.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(&path).map_err(|e| e.error)?;
    // Make the rename itself durable (best effort: not every platform can sync a folder).
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
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
        let result = write_atomic_with(&path, |file| {
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
        let result = write_atomic_with(&path, |file| {
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
        write_atomic(&path, b"new\n").unwrap();
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
        write_atomic(&link, b"new\n").unwrap();
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
}
