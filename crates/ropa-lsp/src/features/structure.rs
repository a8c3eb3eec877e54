//! Folding ranges (blocks, lists, text blocks, comment runs) and selection ranges.

use ropa_syntax::TextRange;
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::world::World;

pub fn folding_ranges(w: &mut World, path: &str) -> Option<Vec<FoldingRange>> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let mut out = Vec::new();
    let mut cursor = file.tree().walk();
    let mut comment_run: Option<(u32, u32)> = None;
    let flush = |run: &mut Option<(u32, u32)>, out: &mut Vec<FoldingRange>| {
        if let Some((start, end)) = run.take()
            && end > start
        {
            out.push(FoldingRange {
                start_line: start,
                end_line: end,
                kind: Some(FoldingRangeKind::Comment),
                ..Default::default()
            });
        }
    };
    // Pre-order walk over the whole tree.
    'walk: loop {
        let node = cursor.node();
        let start = convert::position(file, node.start_byte(), w.unit).line;
        let end = convert::position(file, node.end_byte(), w.unit).line;
        match node.kind() {
            "block" | "list" | "text_block" if end > start => {
                out.push(FoldingRange {
                    start_line: start,
                    end_line: end.saturating_sub(u32::from(node.kind() != "text_block")),
                    kind: Some(FoldingRangeKind::Region),
                    ..Default::default()
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

pub fn selection_ranges(
    w: &mut World,
    path: &str,
    positions: &[Position],
) -> Option<Vec<SelectionRange>> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let root = file.tree().root_node();
    let mut out = Vec::new();
    for &p in positions {
        let offset = convert::offset(file, p, w.unit);
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
        let mut current: Option<SelectionRange> = None;
        for r in chain.into_iter().rev() {
            current = Some(SelectionRange {
                range: convert::range(file, r, w.unit),
                parent: current.map(Box::new),
            });
        }
        out.push(current.unwrap_or(SelectionRange {
            range: Range { start: p, end: p },
            parent: None,
        }));
    }
    Some(out)
}
