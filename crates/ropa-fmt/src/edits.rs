//! The smallest set of line edits that turns one text into another, for the language server.

use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::TextEdit;

/// Byte-range edits (sorted, non-overlapping, relative to `old`) that turn `old` into `new`,
/// from a line diff: unchanged lines are not touched, so an editor keeps cursors, marks and folds
/// there. A diff that takes too long falls back to larger (still correct) edits.
pub fn minimal_edits(old: &str, new: &str) -> Vec<TextEdit> {
    if old == new {
        return Vec::new();
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut starts = Vec::with_capacity(old_lines.len() + 1);
    let mut at = 0;
    starts.push(0);
    for line in &old_lines {
        at += line.len();
        starts.push(at);
    }
    let deadline = Instant::now() + Duration::from_millis(500);
    let ops =
        capture_diff_slices_deadline(Algorithm::Myers, &old_lines, &new_lines, Some(deadline));
    let mut edits: Vec<TextEdit> = Vec::new();
    for op in ops {
        if let DiffOp::Equal { .. } = op {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        let range = starts.get(o.start).copied().unwrap_or(old.len())
            ..starts.get(o.end).copied().unwrap_or(old.len());
        let text: String = new_lines.get(n).unwrap_or_default().concat();
        match edits.last_mut() {
            Some(last) if last.range.end == range.start => {
                last.range.end = range.end;
                last.text.push_str(&text);
            }
            _ => edits.push(TextEdit { range, text }),
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply;

    #[test]
    fn edits_turn_old_into_new() {
        let cases = [
            ("", "a\n"),
            ("a\n", ""),
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc", "a\nc\nd\ne"),
            ("x\r\ny\r\n", "x\r\n  y\r\n"),
            ("one\ntwo\nthree\nfour\n", "zero\none\nthree\nfour\nfive\n"),
        ];
        for (old, new) in cases {
            let edits = minimal_edits(old, new);
            assert_eq!(apply(old, &edits), new, "{old:?} -> {new:?}: {edits:?}");
            assert!(edits.windows(2).all(|w| w[0].range.end < w[1].range.start));
        }
    }

    #[test]
    fn unchanged_lines_are_not_touched() {
        let edits = minimal_edits("a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(
            edits,
            vec![TextEdit {
                range: 2..4,
                text: "B\n".to_string()
            }]
        );
    }
}
