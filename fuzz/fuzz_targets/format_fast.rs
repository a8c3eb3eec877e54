//! Any text: whenever the fast path's token mode accepts it, tree-sitter must parse it without an
//! error into the very same nodes (anonymous tokens and comments included), and formatting on the
//! fast path must give the same result as through tree-sitter — also for the formatted text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ropa_syntax::TokenTree;

fn agrees(text: &str) {
    let tokens = ropa_syntax::parse_flat_with_tokens(text);
    if ropa_syntax::parse_flat(text).is_some() {
        assert!(tokens.is_some());
    }
    let fast = ropa_fmt::format_fast(text);
    assert_eq!(fast.is_some(), tokens.is_some());
    let Some(tokens) = tokens else { return };
    let parse = ropa_syntax::parse(text);
    assert!(parse.errors.is_empty() && !parse.tree.root_node().has_error());
    assert_eq!(tokens, TokenTree::of_tree(&parse.tree, text.len()));
    assert_eq!(fast, Some(ropa_fmt::format_with_tree_sitter(text)));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    agrees(text);
    if let Ok(formatted) = ropa_fmt::format(text) {
        agrees(&formatted);
    }
});
