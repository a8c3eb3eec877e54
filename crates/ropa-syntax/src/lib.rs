//! Parsing and typed syntax views for the ropa language.
//!
//! Architecture invariant: this crate does no IO and knows nothing about LSP. [`parse`] never
//! fails and never panics: a broken file gives a tree with recovery nodes and a list of
//! [`SyntaxError`]s beside it. Everything speaks byte offsets; [`LineIndex`] is the one place that
//! turns them into lines and columns.

mod ast;
mod flat;
pub mod kinds;
mod line_index;
pub mod literal;
mod parse;
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;
mod text_range;

pub use ast::{
    Block, BooleanLit, Comment, DateLit, DurationLit, Field, Ident, IntegerLit, Item, ItemKind,
    ItemNode, ListLit, LiteralError, SourceFile, StringLit, TextBlockLit, TimeUnit, Value,
};
pub use flat::{FlatNode, FlatTree, MAX_NESTING, TokenTree, parse_flat, parse_flat_with_tokens};
pub use line_index::{ColumnUnit, LineCol, LineIndex};
pub use literal::Date;
pub use parse::{Parse, SyntaxError, parse, parse_incremental, syntax_errors};
pub use text_range::{TextRange, offset32};
pub use tree_sitter;

/// How far [`ancestors`] climbs.
pub const MAX_ANCESTORS: usize = 4 * MAX_NESTING;

/// `node` and its ancestors, innermost first — at most [`MAX_ANCESTORS`] of them. tree-sitter
/// finds a node's parent by walking down from the root, so a climb out of a deeply nested
/// (hostile) tree costs depth² steps; nothing ropa asks about lies that deep, so the climb stops.
pub fn ancestors(node: tree_sitter::Node<'_>) -> impl Iterator<Item = tree_sitter::Node<'_>> {
    std::iter::successors(Some(node), |n| n.parent()).take(MAX_ANCESTORS)
}

/// The ropa tree-sitter language.
pub fn language() -> tree_sitter::Language {
    tree_sitter_ropa::LANGUAGE.into()
}

/// Decodes file bytes as UTF-8. A file that is not UTF-8 gives an error at the first invalid
/// byte instead of a crash; the caller reports it as a finding.
pub fn decode(bytes: &[u8]) -> Result<&str, SyntaxError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let len = e.error_len().unwrap_or(1);
        let byte = bytes.get(at).copied().unwrap_or(0);
        SyntaxError {
            range: TextRange::new(at, at + len),
            message: format!(
                "this file is not valid UTF-8 (byte 0x{byte:02X} at offset {at}); save it as UTF-8"
            ),
        }
    })
}
