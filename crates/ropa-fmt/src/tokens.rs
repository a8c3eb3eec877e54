//! The formatter's safety net: the tokens and comments of the result must be those of the input.
//!
//! The result is re-parsed and its tokens compared with the input's. To keep that cheap, the
//! re-parse is incremental: the formatter mostly changes whitespace (and drops `;`, moves `,`),
//! so the differences between input and output are found as edits in those gaps, the input's
//! tree is edited accordingly and the output parsed reusing every untouched subtree. The tokens
//! are then compared skipping the subtrees both trees share (the same subtree over the same text
//! holds the same tokens). Whenever that fast path does not confirm the result, the check is
//! done again from scratch, which also gives the message.

use ropa_syntax::literal::text_block_value;
use ropa_syntax::tree_sitter::{InputEdit, Node, Point, Tree, TreeCursor};
use ropa_syntax::{Parse, TokenTree, parse, parse_flat_with_tokens, parse_incremental};
use std::borrow::Cow;

use crate::FormatError;
use ropa_syntax::kinds::{Kind, kind};

/// The tokens and comments of a file, in order, as they matter for its meaning: `;` and `,` are
/// left out (they are separators the formatter may drop or add), comments lose trailing
/// whitespace, and text blocks stand for their value.
pub fn significant_tokens<'t>(tree: &Tree, text: &'t str) -> Vec<Cow<'t, str>> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        if is_token(node) {
            if !is_separator(node) {
                out.push(token(node, text));
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

/// Checks that `output` parses without errors and has the tokens of `input` (which `parsed` is
/// the error-free parse of).
pub fn verify(input: &str, parsed: &Parse, output: &str) -> Result<(), FormatError> {
    // Nothing changed, nothing to check (the usual case for formatted files).
    if input == output {
        return Ok(());
    }
    if quick_check(input, &parsed.tree, output) {
        return Ok(());
    }
    verify_from_scratch(input, parsed, output)
}

/// The check on the formatter's fast path: `output` read by the fast parser too, and its
/// significant tokens (as [`significant_tokens`] defines them) equal to those of `input`, which
/// `tree` is the fast parser's tree of. `false` means only that this could not be shown here
/// (the fast parser declined the output, or something differs): the tree-sitter check decides.
pub fn same_tokens_flat(tree: &TokenTree, input: &str, output: &str) -> bool {
    let Some(out_tree) = parse_flat_with_tokens(output) else {
        return false;
    };
    // A file without nodes is a token itself in `significant_tokens`: leave it to tree-sitter.
    let (Some(a), Some(b)) = (
        FlatTokens::new(tree, input),
        FlatTokens::new(&out_tree, output),
    ) else {
        return false;
    };
    a.eq(b)
}

/// The significant tokens of a [`TokenTree`], in order: its leaves (strings and text blocks are
/// leaves too), separators left out.
struct FlatTokens<'t> {
    tree: &'t TokenTree,
    text: &'t str,
    at: usize,
}

impl<'t> FlatTokens<'t> {
    /// `None` for a file without nodes.
    fn new(tree: &'t TokenTree, text: &'t str) -> Option<Self> {
        let file = tree.nodes().first()?;
        (file.next > 1).then_some(Self { tree, text, at: 1 })
    }
}

impl<'t> Iterator for FlatTokens<'t> {
    type Item = Cow<'t, str>;

    fn next(&mut self) -> Option<Cow<'t, str>> {
        loop {
            let node = *self.tree.nodes().get(self.at)?;
            let leaf = node.next as usize == self.at + 1
                || matches!(node.kind, Kind::String | Kind::TextBlock);
            if !leaf {
                self.at += 1;
                continue;
            }
            self.at = (node.next as usize).max(self.at + 1);
            if matches!(node.kind, Kind::Semicolon | Kind::Comma) {
                continue;
            }
            let src = self
                .text
                .get(node.start as usize..node.end as usize)
                .unwrap_or("");
            return Some(token_of(node.kind, src));
        }
    }
}

/// The fast path: an incremental re-parse and a token comparison that skips shared subtrees.
/// `true` means the output is verified; `false` only that this path could not show it.
fn quick_check(input: &str, tree: &Tree, output: &str) -> bool {
    let Some(edits) = gap_edits(input, output) else {
        return false;
    };
    // Edit a copy: `tree` keeps the input's offsets for reading the input's tokens, and the
    // subtrees both copies share keep their identity.
    let mut edited = tree.clone();
    for edit in &edits {
        edited.edit(edit);
    }
    let reparsed = parse_incremental(output, Some(&edited));
    reparsed.errors.is_empty() && same_tokens(tree, input, &reparsed.tree, output)
}

/// Re-parses `output` from scratch and compares all tokens; says what differs.
fn verify_from_scratch(input: &str, parsed: &Parse, output: &str) -> Result<(), FormatError> {
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

/// Bytes the formatter may add, remove or change between tokens.
fn is_gap(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b';' | b',')
}

/// Edits that turn `old` into `new`, each replacing a run of gap bytes (whitespace, `;`, `,`) by
/// another, in order (each in the coordinates left by the ones before). `None` when the texts
/// differ elsewhere. The edits are exact whatever the texts: everything between them is equal.
fn gap_edits(old: &str, new: &str) -> Option<Vec<InputEdit>> {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let (mut i, mut j) = (0, 0);
    // Row and start of the current line in the new text at `j` (which is also where the next
    // edit starts in the partly edited text).
    let (mut row, mut line_start) = (0, 0);
    let mut edits = Vec::new();
    loop {
        let same = a[i..]
            .iter()
            .zip(&b[j..])
            .position(|(x, y)| x != y)
            .unwrap_or_else(|| (a.len() - i).min(b.len() - j));
        advance(&b[j..j + same], j, &mut row, &mut line_start);
        i += same;
        j += same;
        if i == a.len() && j == b.len() {
            return Some(edits);
        }
        let gap_a = a[i..].iter().take_while(|&&c| is_gap(c)).count();
        let gap_b = b[j..].iter().take_while(|&&c| is_gap(c)).count();
        if gap_a == 0 && gap_b == 0 {
            return None;
        }
        let start = Point::new(row, j - line_start);
        // Where the removed gap ends, in the partly edited text (which has the new text up to
        // `j` and the old from `i`).
        let (mut old_row, mut old_line_start) = (row, line_start);
        advance(&a[i..i + gap_a], j, &mut old_row, &mut old_line_start);
        let old_end = Point::new(old_row, j + gap_a - old_line_start);
        advance(&b[j..j + gap_b], j, &mut row, &mut line_start);
        edits.push(InputEdit {
            start_byte: j,
            old_end_byte: j + gap_a,
            new_end_byte: j + gap_b,
            start_position: start,
            old_end_position: old_end,
            new_end_position: Point::new(row, j + gap_b - line_start),
        });
        i += gap_a;
        j += gap_b;
    }
}

/// Moves a (row, line start) position over `bytes`, which start at offset `at`.
fn advance(bytes: &[u8], at: usize, row: &mut usize, line_start: &mut usize) {
    if let Some(last) = bytes.iter().rposition(|&c| c == b'\n') {
        *row += bytes.iter().filter(|&&c| c == b'\n').count();
        *line_start = at + last + 1;
    }
}

/// Whether both trees have the same significant tokens, walking them side by side and skipping
/// the subtrees they share. Node ids are the subtree's place in its parent, so an equal id means
/// the very same (immutable) subtree, reused by the incremental parse over unchanged text.
fn same_tokens(old: &Tree, old_text: &str, new: &Tree, new_text: &str) -> bool {
    let mut a = Walk::new(old.walk());
    let mut b = Walk::new(new.walk());
    loop {
        if let (Some(x), Some(y)) = (a.node(), b.node())
            && x.id() == y.id()
        {
            a.skip();
            b.skip();
            continue;
        }
        // Open the larger node first, so that a subtree of it that the other side stands on
        // can still be met whole.
        let a_inner = a.node().filter(|n| !is_token(*n));
        let b_inner = b.node().filter(|n| !is_token(*n));
        match (a_inner, b_inner) {
            (Some(x), Some(y)) if y.byte_range().len() > x.byte_range().len() => b.open(),
            (Some(_), _) => a.open(),
            (None, Some(_)) => b.open(),
            (None, None) => match (a.node(), b.node()) {
                (None, None) => return true,
                (Some(x), _) if is_separator(x) => a.skip(),
                (_, Some(y)) if is_separator(y) => b.skip(),
                (Some(x), Some(y)) => {
                    if token(x, old_text) != token(y, new_text) {
                        return false;
                    }
                    a.skip();
                    b.skip();
                }
                _ => return false,
            },
        }
    }
}

/// A preorder walk that can step over a whole subtree.
struct Walk<'t> {
    cursor: TreeCursor<'t>,
    done: bool,
}

impl<'t> Walk<'t> {
    fn new(cursor: TreeCursor<'t>) -> Self {
        Self {
            cursor,
            done: false,
        }
    }

    fn node(&self) -> Option<Node<'t>> {
        (!self.done).then(|| self.cursor.node())
    }

    /// Goes to the first child (or past the node if it has none).
    fn open(&mut self) {
        if !self.cursor.goto_first_child() {
            self.skip();
        }
    }

    /// Goes past the current node and its subtree.
    fn skip(&mut self) {
        while !self.cursor.goto_next_sibling() {
            if !self.cursor.goto_parent() {
                self.done = true;
                return;
            }
        }
    }
}

/// A leaf of the comparison: a token (strings and text blocks are single tokens).
fn is_token(node: Node) -> bool {
    node.child_count() == 0 || matches!(kind(node), Kind::String | Kind::TextBlock)
}

fn is_separator(node: Node) -> bool {
    matches!(kind(node), Kind::Semicolon | Kind::Comma)
}

/// A token as it is compared: comments without trailing whitespace, text blocks by value.
fn token<'t>(node: Node, text: &'t str) -> Cow<'t, str> {
    token_of(kind(node), text.get(node.byte_range()).unwrap_or(""))
}

/// [`token`] for a node of kind `kind` with source `src`.
fn token_of(kind: Kind, src: &str) -> Cow<'_, str> {
    match kind {
        Kind::TextBlock => match text_block_value(src, 0) {
            Ok(value) => Cow::Owned(format!("\"\"\"{value}\"\"\"")),
            Err(_) => Cow::Borrowed(src),
        },
        Kind::Comment => Cow::Borrowed(src.trim_end()),
        _ => Cow::Borrowed(src),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn check(input: &str, output: &str) -> (Result<(), FormatError>, bool) {
        let parsed = parse(input);
        assert!(parsed.errors.is_empty(), "{input}");
        (
            verify_from_scratch(input, &parsed, output),
            quick_check(input, &parsed.tree, output),
        )
    }

    const INPUT: &str = "// head\nactivity a {\n  title \"T\";\n  data  [x, y,]\n  \
                         retention 3 months\n  notice \"\"\"\n      Hello\n        there\n      \
                         \"\"\"\n}\n\nsubject s { label \"S\" }\n";

    #[test]
    fn the_quick_check_agrees_with_the_full_one() {
        let outputs = [
            // Formatting changes.
            "// head\nactivity a {\n  title     \"T\"\n  data      [x, y]\n  retention 3 months\n  \
             notice \"\"\"\n    Hello\n      there\n    \"\"\"\n}\n\nsubject s { label \"S\" }\n",
            "// head\nactivity a { title \"T\" data [x,y] retention 3 months notice \"\"\"\nHello\n  \
             there\n\"\"\" }\nsubject s { label \"S\" }",
            // Broken: a token changed, joined, split, lost; a comma lost between elements; the
            // relative indentation of a text block changed; a comment moved into a string.
            &INPUT.replace("\"T\"", "\"U\""),
            &INPUT.replace("3 months", "3months"),
            &INPUT.replace("retention", "reten tion"),
            &INPUT.replace("\n\nsubject s { label \"S\" }", ""),
            &INPUT.replace("[x, y,]", "[x y]"),
            &INPUT.replace("        there", "      there"),
            &INPUT.replace("title \"T\";", "title \"T; // head\""),
            &INPUT.replace("data  [x, y,]", "data  [x, y,"),
        ];
        for output in outputs {
            let (full, quick) = check(INPUT, output);
            assert!(
                !quick || full.is_ok(),
                "quick check passed, full failed: {output}"
            );
            assert_eq!(verify(INPUT, &parse(INPUT), output), full, "{output}");
        }
        // The formatting changes pass the quick check itself (the fast path is used).
        assert!(check(INPUT, outputs[0]).1);
        assert!(check(INPUT, outputs[1]).1);
    }

    #[test]
    fn gap_edits_turn_old_into_new() {
        let cases = [
            ("a  b;\nc", "a b\n\n  c"),
            ("x\r\n  y", "x\n y\r\n"),
            ("", "\n"),
            ("[a,b,]", "[a, b]"),
        ];
        for (old, new) in cases {
            let edits = gap_edits(old, new).unwrap();
            // Applied one after the other, the edits give `new`.
            let mut text = old.to_string();
            for e in &edits {
                assert_eq!(point(&text, e.start_byte), e.start_position);
                assert_eq!(point(&text, e.old_end_byte), e.old_end_position);
                let inserted = &new[e.start_byte..e.new_end_byte];
                text.replace_range(e.start_byte..e.old_end_byte, inserted);
                assert_eq!(point(&text, e.new_end_byte), e.new_end_position);
            }
            assert_eq!(text, new);
        }
        assert!(gap_edits("a b", "a c").is_none());
    }

    /// Random changes in the gaps (and some elsewhere): the quick check never passes what the
    /// full one fails.
    #[test]
    fn the_quick_check_is_never_more_lenient() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut random = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut quick_passed, mut full_passed) = (0, 0);
        for _ in 0..2000 {
            let mut output = INPUT.to_string();
            for _ in 0..1 + random(3) {
                let at = random(output.len());
                if !output.is_char_boundary(at) {
                    continue;
                }
                let bytes = [" ", "\n", ",", ";", "", "x", "\"", "{"];
                match random(2) {
                    0 => output.insert_str(at, bytes[random(bytes.len())]),
                    _ if output.is_char_boundary(at + 1) => {
                        output.remove(at);
                    }
                    _ => {}
                }
            }
            let (full, quick) = check(INPUT, &output);
            assert!(
                !quick || full.is_ok(),
                "quick check passed, full failed: {output:?}"
            );
            quick_passed += usize::from(quick);
            full_passed += usize::from(full.is_ok());
        }
        // Both outcomes were exercised.
        assert!(
            quick_passed > 100 && full_passed < 2000,
            "{quick_passed} {full_passed}"
        );
    }

    fn point(text: &str, at: usize) -> Point {
        let before = &text[..at];
        let row = before.matches('\n').count();
        Point::new(row, at - before.rfind('\n').map_or(0, |i| i + 1))
    }
}
