//! Lowering after an edit: items the edit did not touch are taken over from the previous
//! lowering of the same file (moved, when they follow the edit) instead of being lowered again.
//!
//! An item is taken over only when its text is byte-for-byte unchanged, it parsed without error
//! before and after, and nothing in it depends on text outside it that changed. The result is
//! the same as lowering from scratch; `tests/incremental.rs` and the `edits` fuzz target check it.

use ropa_syntax::{Item, ItemKind, TextRange};

use crate::model::FileModel;
use crate::shift::Shift;
use crate::{Diagnostic, File, FileId};

pub(crate) struct Reuse<'o> {
    old: &'o File,
    /// The previous lowering's items: range, kind and index among the items of that kind, by
    /// start.
    items: Vec<(TextRange, ItemKind, u32)>,
    /// The previous lowering's schema findings (no syntax errors), which come in item order.
    diags: Vec<&'o Diagnostic>,
    /// Bytes at the start that are the same in both texts.
    prefix: usize,
    /// Where the unchanged tail starts in the new text.
    tail: usize,
    /// How far the tail moved.
    delta: isize,
}

impl<'o> Reuse<'o> {
    pub(crate) fn new(old: &'o File, text: &str) -> Reuse<'o> {
        let (a, b) = (old.text.as_bytes(), text.as_bytes());
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let max_suffix = a.len().min(b.len()) - prefix;
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(max_suffix)
            .take_while(|(x, y)| x == y)
            .count();
        let m = &old.model;
        let mut items: Vec<(TextRange, ItemKind, u32)> = Vec::new();
        let headers = m
            .controllers
            .iter()
            .map(|c| &c.header)
            .enumerate()
            .chain(m.processors.iter().map(|p| &p.header).enumerate())
            .chain(m.activities.iter().map(|a| &a.header).enumerate())
            .chain(m.categories.iter().map(|c| &c.header).enumerate())
            .chain(m.subjects.iter().map(|s| &s.header).enumerate());
        for (i, h) in headers {
            items.push((h.range, h.kind, i as u32));
        }
        items.sort_unstable_by_key(|(r, _, _)| r.start);
        Reuse {
            old,
            items,
            diags: old
                .diagnostics
                .iter()
                .filter(|d| d.rule != "syntax-error")
                .collect(),
            prefix,
            tail: b.len() - suffix,
            delta: b.len() as isize - a.len() as isize,
        }
    }

    /// Takes over the previous lowering of `item` (of the new text `text`) into `model` and
    /// `diags`, if it is unchanged; `false` when it must be lowered.
    pub(crate) fn take(
        &self,
        file: FileId,
        item: &Item,
        text: &str,
        model: &mut FileModel,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if item.syntax().has_error() {
            return false;
        }
        let range = item.range();
        let delta = if range.end <= self.prefix {
            0
        } else if crate::lower::line_start(text, range.start) >= self.tail {
            self.delta
        } else {
            return false;
        };
        let Some(old_start) = range.start.checked_add_signed(-delta) else {
            return false;
        };
        let Ok(i) = self
            .items
            .binary_search_by_key(&old_start, |(r, _, _)| r.start)
        else {
            return false;
        };
        let (old_range, kind, index) = self.items[i];
        if old_range.len() != range.len()
            || self
                .old
                .parse
                .errors
                .iter()
                .any(|e| e.range.start < old_range.end && old_range.start < e.range.end)
        {
            return false;
        }
        let first = self
            .diags
            .partition_point(|d| d.location.range.start < old_range.start);
        let own: Vec<&Diagnostic> = self.diags[first..]
            .iter()
            .take_while(|d| d.location.range.start < old_range.end)
            .copied()
            .collect();
        // "first on line N" would be stale after lines were added or removed above.
        if delta != 0 && own.iter().any(|d| d.rule == "duplicate-field") {
            return false;
        }
        let m = &self.old.model;
        let index = index as usize;
        let indent = crate::lower::indent_at(text, range.start);
        macro_rules! take_over {
            ($list:ident) => {{
                let mut it = m.$list[index].clone();
                it.shift(file, delta);
                it.header.indent = indent;
                model.$list.push(it);
            }};
        }
        match kind {
            ItemKind::Controller => take_over!(controllers),
            ItemKind::Processor => take_over!(processors),
            ItemKind::Activity => take_over!(activities),
            ItemKind::Category => take_over!(categories),
            ItemKind::Subject => take_over!(subjects),
        }
        for d in own {
            let mut d = d.clone();
            d.shift(file, delta);
            diags.push(d);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which items of `new` are taken over from the lowering of `old`.
    fn taken(old: &str, new: &str) -> Vec<bool> {
        let before = File::from_text(FileId(0), "a.ropa".into(), old.to_string());
        let reuse = Reuse::new(&before, new);
        let parse = ropa_syntax::parse(new);
        let source = ropa_syntax::SourceFile::new(&parse.tree, new);
        let mut model = FileModel::default();
        let mut diags = Vec::new();
        source
            .items()
            .iter()
            .map(|item| reuse.take(FileId(0), item, new, &mut model, &mut diags))
            .collect()
    }

    const THREE: &str = "activity a {\n  purpose \"A\"\n}\n\nactivity b {\n  purpose \"B\"\n}\n\nactivity c {\n  purpose \"C\"\n}\n";

    #[test]
    fn only_the_edited_item_is_lowered_again() {
        let edited = THREE.replace("\"B\"", "\"Bee\"");
        assert_eq!(taken(THREE, &edited), [true, false, true]);
        let lines_added = THREE.replace("\"B\"", "\"B\"\n\n");
        assert_eq!(taken(THREE, &lines_added), [true, false, true]);
    }

    #[test]
    fn an_item_sharing_its_line_with_the_edit_is_lowered_again() {
        let old = "activity a { purpose \"A\" } activity b { purpose \"B\" }\n";
        let new = old.replace("\"A\"", "\"AA\"");
        // `b` keeps its text but its line changed (the indentation for quick fixes may differ).
        assert_eq!(taken(old, &new), [false, false]);
    }

    #[test]
    fn a_duplicate_field_after_the_edit_is_lowered_again() {
        // Its message names the line of the first occurrence, which moved.
        let old = "activity a {\n}\n\nactivity b {\n  purpose \"B\"\n  purpose \"C\"\n}\n";
        let new = format!("\n{old}");
        assert_eq!(taken(old, &new), [true, false]);
    }
}
