//! Helpers shared by the formatter's tests: the lossless check and the test inputs.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use ropa_syntax::literal::text_block_value;

/// The file's tokens and comments in order, as they matter for its meaning: whitespace outside
/// text blocks is ignored, `;` and `,` are left out, text blocks compare by value.
pub fn tokens(text: &str) -> Vec<String> {
    fn walk(node: ropa_syntax::tree_sitter::Node, text: &str, out: &mut Vec<String>) {
        let src = &text[node.byte_range()];
        match node.kind() {
            "text_block" => out.push(match text_block_value(src, 0) {
                Ok(v) => format!("text_block:{v}"),
                Err(_) => format!("raw_text_block:{src}"),
            }),
            "comment" => out.push(format!("comment:{}", src.trim_end())),
            "string" => out.push(format!("string:{src}")),
            ";" | "," if !node.is_named() => {}
            _ if node.child_count() == 0 => out.push(format!("{}:{src}", node.kind())),
            _ => {
                let mut cursor = node.walk();
                for child in node.children(&mut cursor) {
                    walk(child, text, out);
                }
            }
        }
    }
    let parse = ropa_syntax::parse(text);
    let mut out = Vec::new();
    walk(parse.tree.root_node(), text, &mut out);
    out
}

/// Whether `text` parses without syntax errors.
pub fn parses(text: &str) -> bool {
    ropa_syntax::parse(text).errors.is_empty()
}

/// Formats `text` and checks the guarantees: the result parses, keeps every token and comment,
/// and formatting it again changes nothing. Returns `false` (nothing checked) when `text` has
/// syntax errors — such a file must be refused.
pub fn check_roundtrip(name: &str, text: &str) -> bool {
    if !parses(text) {
        assert!(
            ropa_fmt::format(text).is_err(),
            "{name}: a file with syntax errors was formatted"
        );
        return false;
    }
    let once = match ropa_fmt::format(text) {
        Ok(s) => s,
        Err(e) => panic!("{name}: {e}\n--- input ---\n{text}"),
    };
    assert!(
        parses(&once),
        "{name}: the result has syntax errors:\n{once}"
    );
    assert_eq!(
        tokens(text),
        tokens(&once),
        "{name}: tokens changed\n--- input ---\n{text}\n--- output ---\n{once}"
    );
    let twice = ropa_fmt::format(&once).unwrap();
    assert_eq!(
        once, twice,
        "{name}: not idempotent\n--- input ---\n{text}\n--- once ---\n{once}"
    );
    let content = once.trim_start_matches('\u{feff}');
    assert!(
        content.is_empty() || content.ends_with('\n'),
        "{name}: no final newline"
    );
    true
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `*.ropa` below `dir`, sorted.
pub fn ropa_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ropa") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The fast path's oracles; returns whether the fast path took `text`.
/// - Token mode: whenever [`ropa_syntax::parse_flat_with_tokens`] accepts a text, tree-sitter
///   parses it without an error into the very same nodes — named and anonymous, comments
///   included (kind, named, field, range, nesting) — and it accepts whatever the default mode
///   ([`ropa_syntax::parse_flat`]) accepts.
/// - Formatting: [`ropa_fmt::format_fast`] gives the same result as
///   [`ropa_fmt::format_with_tree_sitter`] (same text, or the same error).
pub fn fast_path_agrees(text: &str) -> bool {
    let tokens = ropa_syntax::parse_flat_with_tokens(text);
    if ropa_syntax::parse_flat(text).is_some() {
        assert!(tokens.is_some(), "the token mode declined {text:?}");
    }
    let fast = ropa_fmt::format_fast(text);
    assert_eq!(
        fast.is_some(),
        tokens.is_some(),
        "format_fast and the token mode disagree on {text:?}"
    );
    let Some(tokens) = tokens else {
        return false;
    };
    let parse = ropa_syntax::parse(text);
    assert!(
        parse.errors.is_empty() && !parse.tree.root_node().has_error(),
        "the token mode accepted a text with syntax errors: {text:?}"
    );
    assert_eq!(
        tokens,
        ropa_syntax::TokenTree::of_tree(&parse.tree, text.len()),
        "different nodes for {text:?}"
    );
    assert_eq!(
        fast,
        Some(ropa_fmt::format_with_tree_sitter(text)),
        "the fast path formats {text:?} differently"
    );
    true
}
