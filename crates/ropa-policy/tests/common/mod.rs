//! Loading fixture workspaces from disk (tests may do IO; the crate itself does not).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use ropa_analysis::Workspace;
use ropa_syntax::Date;

pub const DATE: Date = Date {
    year: 2026,
    month: 11,
    day: 22,
};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn example() -> PathBuf {
    repo_root().join("examples/muster-marketing")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(root, &p, out);
        } else if p.extension().is_some_and(|e| e == "ropa") {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read(&p).unwrap()));
        }
    }
}

/// The workspace below `dir` and the languages of its `ropa.toml`.
pub fn load(dir: &Path) -> (Workspace, Vec<String>) {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let config = match std::fs::read_to_string(dir.join("ropa.toml")) {
        Ok(text) => ropa_lint::Config::parse(&text).unwrap(),
        Err(_) => ropa_lint::Config::default(),
    };
    (Workspace::from_files(files), config.languages)
}

/// A workspace of in-memory files.
pub fn workspace(files: &[(&str, &str)]) -> Workspace {
    Workspace::from_files(
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect(),
    )
}

/// Visible text of HTML: tags removed, the entities the generator writes decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapses whitespace so that text can be searched regardless of line breaks.
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The built-in templates named here given again as the user's own, with their built-in
/// sources: the same text, but the format they belong to is then written by the template engine
/// (the one decision in `request::writer`), which is how the tests hold the native writer equal
/// to the templates.
pub fn builtins_as_user(names: &[&str]) -> ropa_policy::Templates {
    let builtin = ropa_policy::Templates::builtin();
    ropa_policy::Templates::with_overrides(names.iter().map(|n| {
        let source = builtin.source(n).expect("a built-in template");
        (n.to_string(), source.to_string())
    }))
}
