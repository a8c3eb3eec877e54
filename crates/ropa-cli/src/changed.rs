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
    let listing = git(
        &top,
        &[
            "ls-tree",
            "-r",
            "--name-only",
            rev,
            "--",
            if prefix.is_empty() { "." } else { &prefix },
        ],
    )?;
    let listing = String::from_utf8_lossy(&listing);
    let rels: Vec<&str> = (listing.lines())
        .filter_map(|path| path.strip_prefix(&prefix))
        .collect();
    // Folders that held their own `ropa.toml` at `rev` were workspaces of their own.
    let nested: Vec<&str> = (rels.iter())
        .filter_map(|rel| rel.strip_suffix("ropa.toml"))
        .filter(|dir| dir.ends_with('/'))
        .collect();
    let mut old_files = Vec::new();
    for rel in rels {
        if !rel.ends_with(".ropa")
            || loaded.config.excludes(rel)
            || nested.iter().any(|dir| rel.starts_with(dir))
        {
            continue;
        }
        let path = format!("{prefix}{rel}");
        let bytes = git(&top, &["show", &format!("{rev}:{path}")])?;
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
