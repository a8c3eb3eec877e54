//! An open document: version, rope, text and tree-sitter tree (updated incrementally). Lines and
//! columns of the analysed text come from the workspace file's `LineIndex`.

use ropa_syntax::tree_sitter::{InputEdit, Point, Tree};
use ropa_syntax::{ColumnUnit, LineCol, Parse, SyntaxError};
use ropey::Rope;

/// Up to this size a document with syntax errors is re-parsed from scratch after an edit.
const FRESH_PARSE_LIMIT: usize = 1 << 20;

/// A range edit in client coordinates; `None` replaces the whole text.
#[derive(Clone, Debug)]
pub struct Change {
    pub range: Option<(LineCol, LineCol)>,
    pub text: String,
}

#[derive(Debug)]
pub struct Document {
    pub version: i32,
    /// Line lookups in O(log n) while applying a batch of edits (lines: `\n`, `\r\n`, `\r`, as
    /// in LSP).
    rope: Rope,
    pub text: String,
    pub tree: Tree,
    pub errors: Vec<SyntaxError>,
}

impl Document {
    /// The current tree and syntax errors (the tree is shared, not copied).
    pub fn parse(&self) -> Parse {
        Parse {
            tree: self.tree.clone(),
            errors: self.errors.clone(),
        }
    }

    pub fn new(version: i32, text: String) -> Document {
        let Parse { tree, errors } = ropa_syntax::parse(&text);
        Document {
            version,
            rope: Rope::from_str(&text),
            text,
            tree,
            errors,
        }
    }

    /// Applies the client's changes in order (each range refers to the text after the previous
    /// change), editing the tree for each, then re-parses once, reusing the old tree when that
    /// gives the same tree as a fresh parse.
    pub fn apply(&mut self, version: i32, changes: Vec<Change>, unit: ColumnUnit) {
        let mut full = false;
        for change in changes {
            match change.range {
                None => {
                    self.text = change.text;
                    self.rope = Rope::from_str(&self.text);
                    full = true;
                }
                Some((start, end)) => {
                    let start = self.offset(start, unit);
                    let end = self.offset(end, unit).max(start);
                    let start_position = point_at(&self.text, start);
                    let old_end_position = point_at(&self.text, end);
                    self.text.replace_range(start..end, &change.text);
                    let new_end = start + change.text.len();
                    let new_end_position = advance(start_position, &change.text);
                    let char_start = self.rope.byte_to_char(start);
                    let char_end = self.rope.byte_to_char(end);
                    self.rope.remove(char_start..char_end);
                    self.rope.insert(char_start, &change.text);
                    if !full {
                        self.tree.edit(&InputEdit {
                            start_byte: start,
                            old_end_byte: end,
                            new_end_byte: new_end,
                            start_position,
                            old_end_position,
                            new_end_position,
                        });
                    }
                }
            }
        }
        // Tree-sitter's error recovery can take other paths when it reuses subtrees, so a
        // document that is broken after the edit is parsed from scratch: its syntax errors are
        // then exactly those of `ropa check` (huge documents excepted, where a keystroke must
        // stay cheap). An error-free tree is the one parse of its text, however it was reached:
        // one from the incremental parse is kept, also after a broken version (the keystroke
        // that mends the syntax).
        let small = self.text.len() <= FRESH_PARSE_LIMIT;
        let old = (!full).then_some(&self.tree);
        let mut parse = ropa_syntax::parse_incremental(&self.text, old);
        if old.is_some() && small && parse.tree.root_node().has_error() {
            parse = ropa_syntax::parse(&self.text);
        }
        let Parse { tree, errors } = parse;
        self.tree = tree;
        self.errors = errors;
        self.version = version;
    }

    /// The byte offset of a client position (clamped to the line and the text).
    pub fn offset(&self, pos: LineCol, unit: ColumnUnit) -> usize {
        let lines = self.rope.len_lines();
        let line = pos.line as usize;
        if line >= lines {
            return self.text.len();
        }
        let line_start = self.rope.line_to_byte(line);
        let slice = self.rope.line(line);
        let mut at = line_start;
        let mut units = 0usize;
        for c in slice.chars() {
            if c == '\n' || c == '\r' {
                break;
            }
            let w = match unit {
                ColumnUnit::Utf8 => c.len_utf8(),
                ColumnUnit::Utf16 => c.len_utf16(),
                ColumnUnit::Char => 1,
            };
            if units + w > pos.col as usize {
                break;
            }
            units += w;
            at += c.len_utf8();
        }
        at
    }
}

/// The tree-sitter point (row = `\n` count, column = bytes) of a byte offset.
pub fn point_at(text: &str, offset: usize) -> Point {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let row = before.iter().filter(|b| **b == b'\n').count();
    let col = before.iter().rev().take_while(|b| **b != b'\n').count();
    Point { row, column: col }
}

/// The point after inserting `text` at `start`.
fn advance(start: Point, text: &str) -> Point {
    match text.rfind('\n') {
        None => Point {
            row: start.row,
            column: start.column + text.len(),
        },
        Some(last) => Point {
            row: start.row + text.matches('\n').count(),
            column: text.len() - last - 1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn incremental_edits_give_the_same_tree_as_a_fresh_parse() {
        let text = "activity a {\n  title \"Grüße 👋\"\n  retention 90 days\n}\n";
        let mut doc = Document::new(1, text.to_string());
        // Replace `90` with `120` (UTF-16 columns: the emoji counts two).
        doc.apply(
            2,
            vec![Change {
                range: Some((lc(2, 12), lc(2, 14))),
                text: "120".into(),
            }],
            ColumnUnit::Utf16,
        );
        // Insert after the emoji on line 1: `  title "Grüße ` is 15 UTF-16 units, `👋` two more.
        doc.apply(
            3,
            vec![Change {
                range: Some((lc(1, 17), lc(1, 17))),
                text: "!".into(),
            }],
            ColumnUnit::Utf16,
        );
        assert_eq!(
            doc.text,
            "activity a {\n  title \"Grüße 👋!\"\n  retention 120 days\n}\n"
        );
        let fresh = ropa_syntax::parse(&doc.text);
        assert_eq!(
            doc.tree.root_node().to_sexp(),
            fresh.tree.root_node().to_sexp()
        );
        assert!(doc.errors.is_empty());
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let mut doc = Document::new(1, "a\nb".to_string());
        doc.apply(
            2,
            vec![Change {
                range: Some((lc(0, 99), lc(9, 9))),
                text: "X".into(),
            }],
            ColumnUnit::Utf16,
        );
        assert_eq!(doc.text, "aX");
    }
}
