//! Any text: whenever the fast path accepts it, tree-sitter must parse it without an error into
//! the same named nodes, and lowering must give the same model and findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ropa_analysis::{File, FileId};
use ropa_syntax::FlatTree;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(flat) = ropa_syntax::parse_flat(text) else { return };
    let parse = ropa_syntax::parse(text);
    assert!(parse.errors.is_empty() && !parse.tree.root_node().has_error());
    assert_eq!(flat, FlatTree::of_tree(&parse.tree, text.len()));
    let slow = File::from_text(FileId(0), "a.ropa".into(), text.to_string());
    let fast = File::without_tree(FileId(0), "a.ropa".into(), data.to_vec());
    assert_eq!(fast.model, slow.model);
    assert_eq!(fast.diagnostics, slow.diagnostics);
});
