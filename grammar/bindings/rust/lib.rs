//! The tree-sitter grammar for ropa.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_ropa::LANGUAGE.into()).expect("load the ropa grammar");
//! let tree = parser.parse("processor openai { country IE }", None).expect("parse");
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter_language::LanguageFn;

#[allow(unsafe_code)]
unsafe extern "C" {
    fn tree_sitter_ropa() -> *const ();
}

/// The tree-sitter [`LanguageFn`] for ropa.
#[allow(unsafe_code)]
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_ropa) };

/// The content of the `node-types.json` file for this grammar.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// Syntax-highlighting query (tree-sitter capture names).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");
/// Folding query.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");
/// Indentation query.
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");
/// Locals query (definitions and references).
pub const LOCALS_QUERY: &str = include_str!("../../queries/locals.scm");
