//! `ropa fmt`: format files in place (atomically), check that they are formatted, or show a diff.
//!
//! The layout itself is `ropa_fmt::format`; this module finds the files (like `ropa check`),
//! reads and writes them. A file with syntax errors is reported and left alone; the others are
//! still formatted, and the exit code is 2 at the end.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Fatal;
use crate::load::{ConfigChoice, display_path, records_with_files};
use clap::Args;
use ropa_fmt::FormatError;
use ropa_load::{Links, limits};

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
    File {
        path: PathBuf,
        shown: String,
        /// Found in a folder (a link is not followed) or named by the user (it is).
        links: Links,
    },
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
        Target::File { path, shown, links } => Some(file(path, shown, *links, mode)),
    });
    let mut out = crate::stdout::stdout();
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
    let mut push = |targets: &mut Vec<Target>, path: PathBuf, links: Links| {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            let shown = display_path(&path);
            targets.push(Target::File { path, shown, links });
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
                ropa_load::path_text(path),
                crate::write::reason(&e)
            ))
        })?;
        if !meta.is_dir() {
            push(&mut targets, path.clone(), Links::Follow);
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
                let file = ropa_load::file_path(&record.root, &rel);
                // Shown as the user wrote the folder (`examples/x.ropa`, `../r/x.ropa`).
                let shown = file
                    .strip_prefix(&canonical)
                    .map_or_else(|_| file.clone(), |rest| path.join(rest));
                push(&mut targets, shown, Links::Refuse);
            }
        }
    }
    Ok(targets)
}

/// Reads, formats and (in write mode) writes one file.
fn file(path: &Path, shown: &str, links: Links, mode: Mode) -> Outcome {
    let bytes = match ropa_load::read_file(path, limits::SOURCE, links) {
        Ok(bytes) => bytes,
        Err(e) => return Outcome::Failed(format!("{shown}: not formatted: cannot read it: {e}")),
    };
    let (old, formatted) = match format_bytes(&bytes) {
        Ok(pair) => pair,
        Err(why) => return Outcome::Failed(format!("{shown}: not formatted: {why}")),
    };
    if formatted == old {
        return Outcome::Unchanged;
    }
    match mode {
        Mode::Write => match crate::write::write_parts(path, &[formatted.as_bytes()]) {
            Ok(()) => Outcome::Reformatted { diff: None },
            Err(e) => Outcome::Failed(format!("{shown}: not formatted: cannot write it: {e}")),
        },
        Mode::Check => Outcome::Reformatted { diff: None },
        Mode::Diff => Outcome::Reformatted {
            diff: Some(diff(old, &formatted, shown)),
        },
    }
}

/// Formats stdin; in write mode the result goes to stdout.
fn stdin(mode: Mode, out: &mut impl Write) -> Result<Outcome, Fatal> {
    let bytes = ropa_load::read::read_limited(io::stdin().lock(), limits::SOURCE, 0)
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
        Err(e @ (FormatError::Internal { .. } | FormatError::TooDeep { .. })) => Err(e.to_string()),
    }
}

fn diff(old: &str, new: &str, shown: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}
