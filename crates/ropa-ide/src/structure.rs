//! Folding ranges (blocks, lists, text blocks, comment runs) and selection ranges.

use ropa_analysis::FileId;
use ropa_syntax::{ColumnUnit, TextRange};

use crate::Analysis;

/// What a fold hides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    /// A block, a list or a text block.
    Region,
    /// A run of comment lines.
    Comment,
}

/// A foldable run of lines (0-based; lines do not depend on how columns are counted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub start_line: u32,
    pub end_line: u32,
    pub kind: FoldKind,
}

impl Analysis<'_> {
    /// The folds of `file`: blocks, lists and text blocks over several lines, comment runs.
    pub fn folding_ranges(&self, file: FileId) -> Option<Vec<Fold>> {
        folding_ranges(self, file)
    }

    /// For each offset, the ranges that select ever more around it: innermost first, the whole
    /// file last.
    pub fn selection_ranges(&self, file: FileId, offsets: &[usize]) -> Option<Vec<Vec<TextRange>>> {
        selection_ranges(self, file, offsets)
    }
}

fn folding_ranges(w: &Analysis, id: FileId) -> Option<Vec<Fold>> {
    let file = w.file(id)?;
    // Only the line of an offset is used: any unit gives the same.
    let line = |offset: usize| {
        file.line_index()
            .line_col(&file.text, offset, ColumnUnit::Utf8)
            .line
    };
    let mut out = Vec::new();
    let mut cursor = file.tree().walk();
    let mut comment_run: Option<(u32, u32)> = None;
    let flush = |run: &mut Option<(u32, u32)>, out: &mut Vec<Fold>| {
        if let Some((start, end)) = run.take()
            && end > start
        {
            out.push(Fold {
                start_line: start,
                end_line: end,
                kind: FoldKind::Comment,
            });
        }
    };
    // Pre-order walk over the whole tree.
    'walk: loop {
        let node = cursor.node();
        let start = line(node.start_byte());
        let end = line(node.end_byte());
        match node.kind() {
            "block" | "list" | "text_block" if end > start => {
                out.push(Fold {
                    start_line: start,
                    end_line: end.saturating_sub(u32::from(node.kind() != "text_block")),
                    kind: FoldKind::Region,
                });
            }
            "comment" => match &mut comment_run {
                Some((_, last)) if *last + 1 == start => *last = start,
                _ => {
                    flush(&mut comment_run, &mut out);
                    comment_run = Some((start, start));
                }
            },
            _ => {}
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    flush(&mut comment_run, &mut out);
    out.retain(|f| f.end_line > f.start_line);
    Some(out)
}

/// The most ranges a selection range answer nests.
const MAX_SELECTION_DEPTH: usize = 32;

fn selection_ranges(w: &Analysis, id: FileId, offsets: &[usize]) -> Option<Vec<Vec<TextRange>>> {
    let file = w.file(id)?;
    let root = file.tree().root_node();
    let mut out = Vec::new();
    for &offset in offsets {
        let mut chain: Vec<TextRange> = Vec::new();
        let node = root.descendant_for_byte_range(offset, offset);
        // Innermost first; in a (hostile) deep tree the climb stops, and the file comes last.
        // (Each range nests in the JSON answer: clients' parsers limit nesting, often to 128.)
        let climb = node
            .into_iter()
            .flat_map(ropa_syntax::ancestors)
            .take(MAX_SELECTION_DEPTH);
        for n in climb.chain([root]) {
            let r = TextRange::new(n.start_byte(), n.end_byte());
            if chain.last() != Some(&r) {
                chain.push(r);
            }
        }
        out.push(chain);
    }
    Some(out)
}
