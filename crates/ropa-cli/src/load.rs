//! Finding a workspace on disk: its root, `ropa.toml`, and every `*.ropa` file below the root
//! that `.gitignore` and `[files] exclude` do not exclude, in path order.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use ropa_analysis::Workspace;
use ropa_lint::Config;
use ropa_load::{Links, limits};

use crate::Fatal;

pub struct Loaded {
    /// The workspace root (a directory).
    pub root: PathBuf,
    pub config: Config,
    pub ws: Workspace,
    /// When the user named files inside a workspace: report only on these (workspace paths).
    pub only: Option<Vec<String>>,
}

impl Loaded {
    /// How a workspace path is shown: relative to the current directory, with `/`.
    pub fn display(&self, path: &str) -> String {
        display_path(&ropa_load::file_path(&self.root, path))
    }
}

pub fn display_path(path: &Path) -> String {
    // Asked once: paths are shown for every finding.
    static CWD: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let cwd = CWD.get_or_init(|| std::env::current_dir().unwrap_or_default());
    let rel = path
        .strip_prefix(cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| relative_to(path, cwd));
    let s = ropa_load::path_text(&rel);
    if s.is_empty() { ".".to_string() } else { s }
}

/// `path` relative to `base` with `..` where needed (both absolute).
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // Nothing in common but `/`: the absolute path says more than a climb to the root.
    if common <= usize::from(path.has_root()) {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c);
    }
    out
}

pub struct ConfigChoice<'a> {
    pub file: Option<&'a Path>,
    pub none: bool,
}

/// Reads a configuration file: `--config FILE` (a link is followed), or a workspace's
/// `ropa.toml` (a link is not: nothing outside the workspace is read).
fn read_config(path: &Path, links: Links) -> Result<Config, Fatal> {
    let text = ropa_load::read_text(path, limits::CONFIG, links)
        .map_err(|e| Fatal(format!("cannot read {}: {e}", display_path(path))))?;
    Config::parse(&text).map_err(|e| Fatal(format!("{}: {e}", display_path(path))))
}

/// One record a path argument covers: a workspace with its configuration and its files, not
/// read yet.
pub struct Record {
    /// The workspace root (a directory).
    pub root: PathBuf,
    pub config: Config,
    /// Its `*.ropa` files (workspace paths, sorted).
    pub paths: Vec<String>,
    /// When the user named a file or folder inside the workspace: report only on these.
    pub only: Option<Vec<String>>,
    /// A file whose text is read from stdin instead of the disk (`ropa check -`).
    pub replaced: Option<(String, Vec<u8>)>,
}

/// The records that `path` (a directory, or a file) covers, in path order.
///
/// A path belongs to the nearest folder at or above it that holds a `ropa.toml`; without one, a
/// directory is a workspace of its own and so is a file. A file or folder inside a workspace is
/// checked together with the whole workspace, so that references resolve, and only its own
/// findings are reported (`only`). A folder below holding its own `ropa.toml` is a record of its
/// own, with its own configuration: a folder covers its workspace's files in it and every nested
/// workspace in it. `--config` and `--no-config` replace the configuration of each, not which
/// workspace a path belongs to. A file named explicitly is checked even when `.gitignore` or
/// `[files] exclude` would skip it. A folder without any `.ropa` file is an error.
pub fn records(path: &Path, choice: &ConfigChoice) -> Result<Vec<Record>, Fatal> {
    let unreadable = |e: std::io::Error| {
        Fatal(format!(
            "cannot read {}: {}",
            ropa_load::path_text(path),
            crate::write::reason(&e)
        ))
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    let abs = std::fs::canonicalize(path).map_err(unreadable)?;
    if !meta.is_dir() {
        return Ok(vec![file_record(&abs, choice)?]);
    }
    let workspace = ropa_load::workspace_root(&abs);
    let root = workspace.clone().unwrap_or_else(|| abs.clone());
    let config = config_of(workspace.as_deref(), choice)?;
    let found = discover(&root, &config)?;
    let mut out = Vec::new();
    let only = (abs != root).then(|| {
        let prefix = format!("{}/", ropa_load::relative(&root, &abs));
        (found.files.iter())
            .filter(|p| p.starts_with(&prefix))
            .cloned()
            .collect::<Vec<_>>()
    });
    if only
        .as_ref()
        .map_or(!found.files.is_empty(), |o| !o.is_empty())
    {
        out.push(Record {
            root,
            config,
            paths: found.files,
            only,
            replaced: None,
        });
    }
    for nested in found.nested.iter().filter(|d| d.starts_with(&abs)) {
        out.extend(records(nested, choice)?);
    }
    Ok(out)
}

/// The record of the file `abs` (absolute; it need not exist): its workspace, reporting on it
/// only, or the file on its own when no `ropa.toml` is above it.
fn file_record(abs: &Path, choice: &ConfigChoice) -> Result<Record, Fatal> {
    let start = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let workspace = ropa_load::workspace_root(&start);
    let config = config_of(workspace.as_deref(), choice)?;
    Ok(match workspace {
        Some(root) => {
            let mut paths = discover(&root, &config)?.files;
            let rel = ropa_load::relative(&root, abs);
            if !paths.contains(&rel) {
                paths.push(rel.clone());
                paths.sort();
            }
            Record {
                root,
                config,
                paths,
                only: Some(vec![rel]),
                replaced: None,
            }
        }
        None => {
            let name = abs
                .file_name()
                .map(ropa_load::name_text)
                .unwrap_or_default();
            Record {
                root: start,
                config,
                paths: vec![name.clone()],
                only: Some(vec![name]),
                replaced: None,
            }
        }
    })
}

/// The record for a text read from stdin (`ropa check -`): checked as the file `name`
/// (`--stdin-filename`) — with the workspace it belongs to, in place of that file's text on disk
/// (which need not exist) — or, without a name, on its own as `<stdin>`.
pub fn stdin_record(name: Option<&Path>, choice: &ConfigChoice) -> Result<Record, Fatal> {
    // Bounded like a file: an endless stdin is an error, not an exhausted memory.
    let bytes = ropa_load::read::read_limited(std::io::stdin(), limits::SOURCE, 0)
        .map_err(|e| Fatal(format!("cannot read stdin: {e}")))?;
    let cwd = std::env::current_dir()
        .map_err(|e| Fatal(format!("cannot read the current folder: {e}")))?;
    let Some(name) = name else {
        let name = "<stdin>".to_string();
        return Ok(Record {
            root: cwd,
            config: config_of(None, choice)?,
            paths: vec![name.clone()],
            only: Some(vec![name.clone()]),
            replaced: Some((name, bytes)),
        });
    };
    let Some(file_name) = name.file_name() else {
        return Err(Fatal(format!(
            "--stdin-filename {} names no file",
            name.display()
        )));
    };
    let dir = match name.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = std::fs::canonicalize(&dir).map_err(|e| {
        Fatal(format!(
            "--stdin-filename: cannot read the folder {}: {}",
            dir.display(),
            crate::write::reason(&e)
        ))
    })?;
    let mut record = file_record(&dir.join(file_name), choice)?;
    record.replaced = record
        .only
        .as_ref()
        .and_then(|o| o.first())
        .map(|rel| (rel.clone(), bytes));
    Ok(record)
}

/// The records of `path`, or exit 2 when it holds no `.ropa` file (for commands that need one).
pub fn records_with_files(path: &Path, choice: &ConfigChoice) -> Result<Vec<Record>, Fatal> {
    let found = records(path, choice)?;
    if found.is_empty() {
        // Files that are there but skipped are a different problem from no files at all.
        let hidden = if path.is_dir() {
            ropa_load::count_unfiltered(path)
        } else {
            0
        };
        if hidden > 0 {
            let files = if hidden == 1 { "file" } else { "files" };
            return Err(Fatal(format!(
                "no .ropa files to check in {}: its {hidden} .ropa {files} are ignored by a \
                 .gitignore or .ignore file, or excluded in ropa.toml (`[files] exclude`); check \
                 them from a folder where they are not ignored",
                ropa_load::path_text(path)
            )));
        }
        return Err(Fatal(format!(
            "no .ropa files in {} (`ropa init` creates a small record to start from)",
            ropa_load::path_text(path)
        )));
    }
    Ok(found)
}

/// The configuration of a workspace (`None`: a folder or file without `ropa.toml` above it).
fn config_of(workspace: Option<&Path>, choice: &ConfigChoice) -> Result<Config, Fatal> {
    if choice.none {
        Ok(Config::default())
    } else if let Some(file) = choice.file {
        read_config(file, Links::Follow)
    } else if let Some(root) = workspace {
        read_config(&root.join("ropa.toml"), Links::Refuse)
    } else {
        Ok(Config::default())
    }
}

/// Loads the workspace of `record`.
///
/// The syntax trees are kept only when `keep_trees` says so for the workspace's configuration.
/// Without trees each file keeps only its model (a fraction of the memory): enough for the rules
/// and the generators; a file's tree is parsed again when something asks for it.
pub fn load_keeping_trees_if(
    record: Record,
    keep_trees: impl Fn(&Config) -> bool,
) -> Result<Loaded, Fatal> {
    let (loaded, ()) = load_with(record, |config, files| {
        let ws = if keep_trees(config) {
            Workspace::from_files(files)
        } else {
            Workspace::from_files_without_trees(files)
        };
        (ws, ())
    })?;
    Ok(loaded)
}

/// Like [`load_keeping_trees_if`], with the workspace built by `build` from the configuration
/// and the files (`(path, bytes)` in path order), which may hand back more (findings).
pub fn load_with<T>(
    record: Record,
    build: impl FnOnce(&Config, Vec<(String, Vec<u8>)>) -> (Workspace, T),
) -> Result<(Loaded, T), Fatal> {
    let Record {
        root,
        config,
        paths,
        only,
        mut replaced,
    } = record;
    let stdin = replaced.as_ref().map(|(rel, _)| rel.clone());
    // Read on all cores (a large workspace has thousands of files), in path order. Never through
    // a link (a file named on the command line was resolved first): see `ropa_load::read`.
    let mut files = paths
        .into_par_iter()
        .map(|rel| {
            if stdin.as_ref() == Some(&rel) {
                return Ok((rel, Vec::new()));
            }
            let full = ropa_load::file_path(&root, &rel);
            match ropa_load::read_file(&full, limits::SOURCE, Links::Refuse) {
                Ok(bytes) => Ok((rel, bytes)),
                Err(e) => Err(Fatal(format!("cannot read {}: {e}", display_path(&full)))),
            }
        })
        .collect::<Vec<Result<(String, Vec<u8>), Fatal>>>()
        .into_iter()
        // The first unreadable file in path order, whichever core saw it first.
        .collect::<Result<Vec<_>, Fatal>>()?;
    if let Some((rel, bytes)) = replaced.take()
        && let Some(file) = files.iter_mut().find(|(path, _)| *path == rel)
    {
        file.1 = bytes;
    }
    let (ws, more) = build(&config, files);
    Ok((
        Loaded {
            root,
            config,
            ws,
            only,
        },
        more,
    ))
}

/// Every `*.ropa` below `root` and the nested workspaces (see [`ropa_load::discover_all`]);
/// symbolic links that were not followed are named on stderr, so that nothing is skipped
/// silently.
pub fn discover(root: &Path, config: &Config) -> Result<ropa_load::Discovery, Fatal> {
    let mut found = ropa_load::discover_all(root, config).map_err(Fatal)?;
    for note in std::mem::take(&mut found.notes) {
        eprintln!("ropa: note: {note}");
    }
    Ok(found)
}
