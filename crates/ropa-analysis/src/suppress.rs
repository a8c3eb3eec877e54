//! Finding `// ropa-ignore RULE[, RULE…]: reason` comments and what they apply to.

use ropa_syntax::tree_sitter::Node;
use ropa_syntax::{SourceFile, TextRange};

use crate::FileId;
use crate::model::{Spanned, Suppression};

const MARKER: &str = "ropa-ignore";

pub(crate) fn collect(file: FileId, source: SourceFile) -> Vec<Suppression> {
    let mut out = Vec::new();
    let text = source.text();
    // Suppressions are rare: skip the walk entirely for files without one.
    if !text.contains(MARKER) {
        return out;
    }
    // The fast path declines files with a marker (it keeps no comments), so a file with one
    // always has a tree.
    let Some(root) = source.syntax() else {
        return out;
    };
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let mut cursor = node.walk();
        let children: Vec<Node> = node.children(&mut cursor).collect();
        let targets = targets(&children);
        for (child, target) in children.iter().zip(targets) {
            match child.kind() {
                "comment" => {
                    if let Some(s) = parse_comment(file, *child, target, text) {
                        out.push(s);
                    }
                }
                "item" | "field" | "block" => stack.push(*child),
                _ => {}
            }
        }
    }
    out.sort_by_key(|s| s.range.start());
    out
}

fn parse_comment(
    file: FileId,
    comment: Node,
    target: Option<TextRange>,
    text: &str,
) -> Option<Suppression> {
    let start = comment.start_byte();
    let raw = text.get(start..comment.end_byte())?;
    let body = raw.strip_prefix("//")?.trim_start();
    let rest = body.strip_prefix(MARKER)?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', ':'])) {
        return None;
    }
    let rules_start = start + (raw.len() - rest.len());
    let (rule_part, reason) = match rest.split_once(':') {
        Some((rules, reason)) => (
            rules,
            Some(reason.trim())
                .filter(|r| !r.is_empty())
                .map(str::to_string),
        ),
        None => (rest, None),
    };
    let mut rules = Vec::new();
    let mut offset = rules_start;
    for piece in rule_part.split(',') {
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            let s = offset + lead;
            rules.push(Spanned {
                value: trimmed.to_string(),
                range: TextRange::new(s, s + trimmed.len()),
            });
        }
        offset += piece.len() + 1;
    }
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let own_line = text
        .get(line_start..start)
        .is_some_and(|t| t.trim().is_empty());
    Some(Suppression {
        file,
        range: TextRange::new(start, comment.end_byte()),
        rules,
        reason,
        target: if own_line { target } else { None },
        own_line,
    })
}

/// For each of `siblings`, if it is a comment, the item or field starting on the line after it
/// (further comments in between are skipped, so that several suppressions can stack). One pass
/// from the last sibling back: a stack of thousands of comments costs no more than their number.
fn targets(siblings: &[Node]) -> Vec<Option<TextRange>> {
    let mut out = vec![None; siblings.len()];
    for i in (0..siblings.len()).rev() {
        let node = siblings[i];
        if node.kind() != "comment" {
            continue;
        }
        let Some(next) = siblings.get(i + 1) else {
            continue;
        };
        if next.start_position().row != node.end_position().row + 1 {
            continue;
        }
        out[i] = match next.kind() {
            "comment" => out[i + 1],
            "item" | "field" => Some(TextRange::new(next.start_byte(), next.end_byte())),
            _ => None,
        };
    }
    out
}
