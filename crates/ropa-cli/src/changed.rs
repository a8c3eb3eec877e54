//! `ropa check --changed-since REV`: only what a pull request touched.
//!
//! The workspace as it was at `REV` (read with `git show`) is checked too. A finding is reported
//! when its item changed since `REV`, or when it did not exist at `REV` — which catches findings
//! whose cause lies elsewhere: removing an `avv` from a processor flags the activities that use
//! it, even in files the change did not touch.

use std::collections::{BTreeMap, HashMap};
use std::process::Command;

use ropa_analysis::{Diagnostic, Workspace};
use ropa_lint::baseline::{Fingerprint, fingerprint};
use ropa_syntax::{Date, SourceFile};

use crate::Fatal;
use crate::load::Loaded;

fn git(dir: &std::path::Path, args: &[&str]) -> Result<Vec<u8>, Fatal> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Fatal(format!("--changed-since needs git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(Fatal(format!(
            "git {}: {}",
            args.join(" "),
            msg.lines().next().unwrap_or("failed")
        )));
    }
    Ok(out.stdout)
}

/// A path git printed, as the platform's path.
fn os_path(raw: &[u8]) -> std::path::PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::path::PathBuf::from(std::ffi::OsStr::from_bytes(raw))
    }
    #[cfg(not(unix))]
    {
        std::path::PathBuf::from(String::from_utf8_lossy(raw).into_owned())
    }
}

/// The contents of `path` (as git printed it) at `rev`.
fn git_show(top: &std::path::Path, rev: &str, path: &[u8]) -> Result<Vec<u8>, Fatal> {
    let mut spec = std::ffi::OsString::from(format!("{rev}:"));
    spec.push(os_path(path).as_os_str());
    let out = Command::new("git")
        .arg("-C")
        .arg(top)
        .arg("show")
        .arg(&spec)
        .output()
        .map_err(|e| Fatal(format!("--changed-since needs git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(Fatal(format!(
            "git show {}: {}",
            spec.to_string_lossy(),
            msg.lines().next().unwrap_or("failed")
        )));
    }
    Ok(out.stdout)
}

/// Every item of a workspace by (file, "kind id"), with its text.
fn items(ws: &Workspace) -> HashMap<(String, String), String> {
    let mut out = HashMap::new();
    for f in &ws.files {
        // `ropa check --changed-since` loads the workspace with its trees.
        for item in SourceFile::new(f.tree(), &f.text).items() {
            let kind = item.kind().map_or("", |k| k.keyword());
            let key = match item.name() {
                Some(n) => format!("{kind} {}", n.text()),
                None => kind.to_string(),
            };
            out.insert(
                (f.path.clone(), key),
                item.range().slice(&f.text).to_string(),
            );
        }
    }
    out
}

pub fn since(
    rev: &str,
    loaded: &Loaded,
    diagnostics: Vec<Diagnostic>,
    today: Date,
) -> Result<Vec<Diagnostic>, Fatal> {
    let top = String::from_utf8_lossy(&git(&loaded.root, &["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_string();
    let top = std::fs::canonicalize(&top).unwrap_or_else(|_| top.into());
    let prefix = ropa_load::relative(&top, &loaded.root);
    let prefix = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}/")
    };
    git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        Fatal(format!(
            "--changed-since: `{rev}` is not a commit of this repository"
        ))
    })?;
    // `-z`: paths as they are, NUL-separated. Without it git quotes every path with a byte
    // outside ASCII (`"Datenschutz-\303\234bersicht/a.ropa"`), which then matches no file of
    // today's workspace and makes every finding in it look new.
    let listing = git(
        &top,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            rev,
            "--",
            if prefix.is_empty() { "." } else { &prefix },
        ],
    )?;
    // Workspace paths as `ropa_load::relative` writes them (names that are not UTF-8 too),
    // each with the path as git printed it.
    let listed: Vec<(String, &[u8])> = (listing.split(|&b| b == 0))
        .filter(|p| !p.is_empty())
        .filter_map(|raw| {
            let path = ropa_load::path_text(&os_path(raw));
            let rel = path.strip_prefix(&prefix)?.to_string();
            Some((rel, raw))
        })
        .collect();
    // Folders that held their own `ropa.toml` at `rev` were workspaces of their own.
    let nested: Vec<&str> = (listed.iter())
        .filter_map(|(rel, _)| rel.strip_suffix("ropa.toml"))
        .filter(|dir| dir.ends_with('/'))
        .collect();
    let mut old_files = Vec::new();
    for (rel, raw) in &listed {
        if !rel.ends_with(".ropa")
            || loaded.config.excludes(rel)
            || nested.iter().any(|dir| rel.starts_with(dir))
        {
            continue;
        }
        let bytes = git_show(&top, rev, raw)?;
        old_files.push((rel.to_string(), bytes));
    }
    old_files.sort();
    let old = Workspace::from_files(old_files);
    let mut before: BTreeMap<Fingerprint, usize> = BTreeMap::new();
    for d in ropa_lint::check(&old, &loaded.config, today) {
        *before.entry(fingerprint(&old, &d)).or_default() += 1;
    }
    let old_items = items(&old);
    let new_items = items(&loaded.ws);
    let changed = |file: &str, item: &str| {
        let key = (file.to_string(), item.to_string());
        old_items.get(&key) != new_items.get(&key)
    };
    let mut kept = Vec::new();
    for d in diagnostics {
        let f = fingerprint(&loaded.ws, &d);
        let item = f.path.split(" / ").next().unwrap_or("");
        let existed = match before.get_mut(&f) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        };
        if !existed || changed(&f.file, item) {
            kept.push(d);
        }
    }
    Ok(kept)
}
