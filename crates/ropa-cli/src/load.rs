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

/// Loads the workspace that `path` names (a directory, or a file).
///
/// The workspace is the nearest folder at or above `path` that holds a `ropa.toml`; without one,
/// a directory is a workspace of its own and so is a file. A file or folder inside a workspace is
/// checked together with the whole workspace, so that references resolve, and only its own
/// findings are reported (`only`). `--config` and `--no-config` change the configuration, not
/// which workspace a path belongs to. A file named explicitly is checked even when `.gitignore`
/// or `[files] exclude` would skip it.
///
/// The syntax trees are kept only when `keep_trees` says so for the workspace's configuration.
/// Without trees each file keeps only its model (a fraction of the memory): enough for the rules
/// and the generators; a file's tree is parsed again when something asks for it.
pub fn load_keeping_trees_if(
    path: &Path,
    choice: &ConfigChoice,
    keep_trees: impl Fn(&Config) -> bool,
) -> Result<Loaded, Fatal> {
    let (loaded, ()) = load_with(path, choice, |config, files| {
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
    path: &Path,
    choice: &ConfigChoice,
    build: impl FnOnce(&Config, Vec<(String, Vec<u8>)>) -> (Workspace, T),
) -> Result<(Loaded, T), Fatal> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Fatal(format!(
            "cannot read {}: {}",
            ropa_load::path_text(path),
            crate::write::reason(&e)
        ))
    })?;
    let abs = std::fs::canonicalize(path).map_err(|e| {
        Fatal(format!(
            "cannot read {}: {}",
            ropa_load::path_text(path),
            crate::write::reason(&e)
        ))
    })?;
    let start = if meta.is_dir() {
        abs.clone()
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let workspace = start
        .ancestors()
        .find(|d| d.join("ropa.toml").is_file())
        .map(Path::to_path_buf);
    let config = if choice.none {
        Config::default()
    } else if let Some(file) = choice.file {
        read_config(file, Links::Follow)?
    } else if let Some(root) = &workspace {
        read_config(&root.join("ropa.toml"), Links::Refuse)?
    } else {
        Config::default()
    };
    let (root, paths, only) = match workspace {
        Some(root) => {
            let mut paths = discover(&root, &config)?;
            let only = if abs == root {
                None
            } else if meta.is_dir() {
                let prefix = format!("{}/", ropa_load::relative(&root, &abs));
                Some(
                    paths
                        .iter()
                        .filter(|p| p.starts_with(&prefix))
                        .cloned()
                        .collect(),
                )
            } else {
                let rel = ropa_load::relative(&root, &abs);
                if !paths.contains(&rel) {
                    paths.push(rel.clone());
                    paths.sort();
                }
                Some(vec![rel])
            };
            (root, paths, only)
        }
        None if meta.is_dir() => {
            let paths = discover(&abs, &config)?;
            (abs, paths, None)
        }
        None => {
            let name = abs
                .file_name()
                .map(ropa_load::name_text)
                .unwrap_or_default();
            (start, vec![name.clone()], Some(vec![name]))
        }
    };
    // Read on all cores (a large workspace has thousands of files), in path order. Never through
    // a link (a file named on the command line was resolved above): see `ropa_load::read`.
    let files = paths
        .into_par_iter()
        .map(|rel| {
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

/// Every `*.ropa` below `root` (see [`ropa_load::discover`]); symbolic links that were not
/// followed are named on stderr, so that nothing is skipped silently.
pub fn discover(root: &Path, config: &Config) -> Result<Vec<String>, Fatal> {
    let (files, notes) = ropa_load::discover_with_notes(root, config).map_err(Fatal)?;
    for note in notes {
        eprintln!("ropa: note: {note}");
    }
    Ok(files)
}
