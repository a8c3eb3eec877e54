//! The formatter's safety net: the tokens and comments of the result must be those of the input.

use std::borrow::Cow;

use ropa_syntax::literal::text_block_value;
use ropa_syntax::tree_sitter::Tree;
use ropa_syntax::{Parse, parse};

use crate::FormatError;

/// The tokens and comments of a file, in order, as they matter for its meaning: `;` and `,` are
/// left out (they are separators the formatter may drop or add), comments lose trailing
/// whitespace, and text blocks stand for their value.
pub fn significant_tokens<'t>(tree: &Tree, text: &'t str) -> Vec<Cow<'t, str>> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        let leaf = node.child_count() == 0 || matches!(node.kind(), "text_block" | "string");
        if leaf {
            let src = text.get(node.byte_range()).unwrap_or("");
            match node.kind() {
                ";" | "," if !node.is_named() => {}
                "text_block" => out.push(match text_block_value(src, 0) {
                    Ok(value) => Cow::Owned(format!("\"\"\"{value}\"\"\"")),
                    Err(_) => Cow::Borrowed(src),
                }),
                "comment" => out.push(Cow::Borrowed(src.trim_end())),
                _ => out.push(Cow::Borrowed(src)),
            }
        } else if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    out
}

/// Checks that `output` parses without errors and has the tokens of `input`.
pub fn verify(input: &str, parsed: &Parse, output: &str) -> Result<(), FormatError> {
    let reparsed = parse(output);
    if let Some(e) = reparsed.errors.first() {
        return Err(FormatError::Internal {
            message: format!("its result has a syntax error: {}", e.message),
        });
    }
    let before = significant_tokens(&parsed.tree, input);
    let after = significant_tokens(&reparsed.tree, output);
    if before != after {
        let at = before.iter().zip(&after).position(|(a, b)| a != b);
        let message = match at {
            Some(i) => format!("token {} `{}` became `{}`", i + 1, before[i], after[i]),
            None => format!("{} tokens became {}", before.len(), after.len()),
        };
        return Err(FormatError::Internal { message });
    }
    Ok(())
}
