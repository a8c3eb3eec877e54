//! Lowering after an edit: items the edit did not touch are taken over from the previous
//! lowering of the same file (moved, when they follow the edit) instead of being lowered again.
//!
//! An item is taken over only when its text is byte-for-byte unchanged, it parsed without error
//! before and after, and nothing in it depends on text outside it that changed. The result is
//! the same as lowering from scratch; `tests/incremental.rs` and the `edits` fuzz target check it.

use ropa_syntax::tree_sitter::Node;
use ropa_syntax::{ItemKind, TextRange};

use crate::model::{
    Activity, CategoryDef, Client, Controller, FileModel, Processor, Section, SubjectDef,
};
use crate::shift::Shift;
use crate::{Diagnostic, File, FileId};

/// The previous lowering of a file, taken apart: its items and findings are moved out one by one
/// as the new lowering takes them over.
pub(crate) struct Reuse {
    controllers: Taker<Controller>,
    processors: Taker<Processor>,
    activities: Taker<Activity>,
    categories: Taker<CategoryDef>,
    subjects: Taker<SubjectDef>,
    sections: Taker<Section>,
    clients: Taker<Client>,
    /// The previous items: range, kind and index among the items of that kind, by start.
    items: Vec<(TextRange, ItemKind, u32)>,
    /// The previous schema findings (no syntax errors), which come in item order.
    diags: Vec<Option<Diagnostic>>,
    /// Where the previous text had syntax errors.
    errors: Vec<TextRange>,
    /// Bytes at the start that are the same in both texts.
    prefix: usize,
    /// Where the unchanged tail starts in the new text.
    tail: usize,
    /// How far the tail moved.
    delta: isize,
    /// The previous text's line index, if it was built.
    line_index: Option<ropa_syntax::LineIndex>,
}

/// The previous items of one kind, handed out by index. Items are taken over in the order of the
/// file, so indexes only grow: the items in between (edited ones) are dropped on the way, and
/// nothing is copied.
struct Taker<T> {
    items: std::vec::IntoIter<T>,
    /// The index of the next item `items` yields.
    next: usize,
}

impl<T> Taker<T> {
    fn new(items: Vec<T>) -> Self {
        Taker {
            items: items.into_iter(),
            next: 0,
        }
    }

    fn take(&mut self, index: usize) -> Option<T> {
        let skip = index.checked_sub(self.next)?;
        self.next = index + 1;
        self.items.nth(skip)
    }
}

/// The length of the common prefix of two sequences (compared in chunks: files are large,
/// edits small). Also the server's semantic-token deltas use it.
pub fn common_prefix<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the common suffix of two sequences, at most `max`.
pub fn common_suffix<T: PartialEq>(a: &[T], b: &[T], max: usize) -> usize {
    const CHUNK: usize = 64;
    let n = max.min(a.len()).min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut k = 0;
    while k + CHUNK <= n && a[n - k - CHUNK..n - k] == b[n - k - CHUNK..n - k] {
        k += CHUNK;
    }
    k + a[..n - k]
        .iter()
        .rev()
        .zip(b[..n - k].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Where two versions of a text differ: one region, between the longest common prefix and the
/// longest common suffix that does not overlap it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextChange {
    /// Bytes at the start that are the same in both texts.
    pub start: usize,
    /// Where the unchanged tail starts in the old text.
    pub old_tail: usize,
    /// Where it starts in the new text.
    pub new_tail: usize,
}

impl TextChange {
    pub fn between(old: &str, new: &str) -> TextChange {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let start = common_prefix(a, b);
        let suffix = common_suffix(a, b, a.len().min(b.len()) - start);
        TextChange {
            start,
            old_tail: a.len() - suffix,
            new_tail: b.len() - suffix,
        }
    }

    /// Where a range of the old text is in the new one: the same before the change, moved
    /// after it; `None` if the change is inside it.
    pub fn relocate(&self, range: TextRange) -> Option<TextRange> {
        if range.end() <= self.start {
            Some(range)
        } else if range.start() >= self.old_tail {
            let moved = |at: usize| at - self.old_tail + self.new_tail;
            Some(TextRange::new(moved(range.start()), moved(range.end())))
        } else {
            None
        }
    }
}

impl Reuse {
    /// Takes the model and findings out of `old` (the previous version of the file whose new
    /// text is `text`); `old` keeps its text and tree.
    pub(crate) fn new(old: &mut File, text: &str) -> Reuse {
        let change = TextChange::between(&old.text, text);
        let m = std::mem::take(&mut old.model);
        let line_index = old.line_index.take();
        let mut items: Vec<(TextRange, ItemKind, u32)> = Vec::new();
        let headers = m
            .controllers
            .iter()
            .map(|c| &c.header)
            .enumerate()
            .chain(m.processors.iter().map(|p| &p.header).enumerate())
            .chain(m.activities.iter().map(|a| &a.header).enumerate())
            .chain(m.categories.iter().map(|c| &c.header).enumerate())
            .chain(m.subjects.iter().map(|s| &s.header).enumerate())
            .chain(m.sections.iter().map(|s| &s.header).enumerate())
            .chain(m.clients.iter().map(|c| &c.header).enumerate());
        for (i, h) in headers {
            items.push((h.range, h.kind, i as u32));
        }
        items.sort_unstable_by_key(|(r, _, _)| r.start());
        Reuse {
            controllers: Taker::new(m.controllers),
            processors: Taker::new(m.processors),
            activities: Taker::new(m.activities),
            categories: Taker::new(m.categories),
            subjects: Taker::new(m.subjects),
            sections: Taker::new(m.sections),
            clients: Taker::new(m.clients),
            items,
            errors: old
                .diagnostics
                .iter()
                .filter(|d| d.rule == "syntax-error")
                .map(|d| d.location.range)
                .collect(),
            diags: std::mem::take(&mut old.diagnostics)
                .into_iter()
                .filter(|d| d.rule != "syntax-error")
                .map(Some)
                .collect(),
            line_index,
            prefix: change.start,
            tail: change.new_tail,
            delta: change.new_tail as isize - change.old_tail as isize,
        }
    }

    /// The line index of the new text `text`, from the previous one (only the edited lines are
    /// scanned), if the previous one was built.
    pub(crate) fn line_index(&mut self, text: &str) -> Option<ropa_syntax::LineIndex> {
        let old = self.line_index.take()?;
        Some(old.edited(text, self.prefix, self.tail, self.delta))
    }

    /// Takes over the previous lowering of `item` (of the new text `text`) into `model` and
    /// `diags`, if it is unchanged; `false` when it must be lowered.
    pub(crate) fn take(
        &mut self,
        file: FileId,
        item: Node,
        text: &str,
        model: &mut FileModel,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if item.has_error() {
            return false;
        }
        let range = TextRange::new(item.start_byte(), item.end_byte());
        let in_prefix = range.end() <= self.prefix;
        let delta = if in_prefix {
            0
        } else if crate::lower::line_start(text, range.start()) >= self.tail {
            self.delta
        } else {
            return false;
        };
        let Some(old_start) = range.start().checked_add_signed(-delta) else {
            return false;
        };
        let Ok(i) = self
            .items
            .binary_search_by_key(&old_start, |(r, _, _)| r.start())
        else {
            return false;
        };
        let (old_range, kind, index) = self.items[i];
        if old_range.len() != range.len()
            || self
                .errors
                .iter()
                .any(|e| e.start() < old_range.end() && old_range.start() < e.end())
        {
            return false;
        }
        // Findings already taken (`None`) all belong to earlier items, so counting them as at 0
        // keeps the order the search needs.
        let start = |d: &Option<Diagnostic>| d.as_ref().map_or(0, |d| d.location.range.start());
        let first = self.diags.partition_point(|d| start(d) < old_range.start());
        let count = self.diags[first..]
            .iter()
            .take_while(|d| start(d) < old_range.end())
            .count();
        let own = first..first + count;
        // "first on line N" would be stale after lines were added or removed above (even by an
        // edit that keeps the length, such as a line break replaced by a letter).
        if !in_prefix
            && self.diags[own.clone()]
                .iter()
                .flatten()
                .any(|d| d.rule == "duplicate-field")
        {
            return false;
        }
        let index = index as usize;
        macro_rules! take_over {
            ($list:ident) => {{
                let Some(mut it) = self.$list.take(index) else {
                    return false;
                };
                it.shift(file, delta);
                model.$list.push(it);
            }};
        }
        match kind {
            ItemKind::Controller => take_over!(controllers),
            ItemKind::Processor => take_over!(processors),
            ItemKind::Activity => take_over!(activities),
            ItemKind::Category => take_over!(categories),
            ItemKind::Subject => take_over!(subjects),
            ItemKind::Section => take_over!(sections),
            ItemKind::Client => take_over!(clients),
        }
        for d in &mut self.diags[own] {
            if let Some(mut d) = d.take() {
                d.shift(file, delta);
                diags.push(d);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which items of `new` are taken over from the lowering of `old`.
    fn taken(old: &str, new: &str) -> Vec<bool> {
        let mut before = File::from_text(FileId(0), "a.ropa".into(), old.to_string());
        let mut reuse = Reuse::new(&mut before, new);
        let parse = ropa_syntax::parse(new);
        let source = ropa_syntax::SourceFile::new(&parse.tree, new);
        let mut model = FileModel::default();
        let mut diags = Vec::new();
        source
            .item_nodes()
            .into_iter()
            .filter_map(|item| item.tree_node())
            .map(|item| reuse.take(FileId(0), item, new, &mut model, &mut diags))
            .collect()
    }

    #[test]
    fn common_prefix_and_suffix_agree_with_a_byte_loop() {
        let base: Vec<u8> = (0..300u32).map(|i| (i % 251) as u8).collect();
        for at in [0, 1, 63, 64, 65, 150, 299] {
            for len in [0, 1, 70] {
                let mut other = base.clone();
                let end = (at + len).min(other.len());
                other.splice(at..end, [7u8, 7, 7]);
                let naive_prefix = base.iter().zip(&other).take_while(|(x, y)| x == y).count();
                let p = common_prefix(&base, &other);
                assert_eq!(p, naive_prefix);
                let max = base.len().min(other.len()) - p;
                let naive_suffix = base
                    .iter()
                    .rev()
                    .zip(other.iter().rev())
                    .take(max)
                    .take_while(|(x, y)| x == y)
                    .count();
                assert_eq!(common_suffix(&base, &other, max), naive_suffix);
            }
        }
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
        // Found by fuzzing: an edit of the same length can remove a line break.
        let old = "activity a {\n\n}\n\nactivity b {\n  purpose \"B\"\n  purpose \"C\"\n}\n";
        let new = old.replacen("\n\n}", "\nx}", 1);
        assert_eq!(new.len(), old.len());
        assert_eq!(taken(old, &new), [false, false]);
    }
}

#[cfg(test)]
mod text_change_tests {
    use super::*;

    /// A range before the change stays, one after it moves, one the change is inside of has no
    /// place in the new text.
    #[test]
    fn ranges_stay_before_the_change_move_after_it_and_are_lost_inside_it() {
        let change = TextChange::between("aa Straße bb cc", "aa Strasse, bb cc");
        assert_eq!(
            (change.start, change.old_tail, change.new_tail),
            (7, 10, 11)
        );
        let r = |a, b| TextRange::new(a, b);
        assert_eq!(change.relocate(r(0, 2)), Some(r(0, 2)));
        assert_eq!(change.relocate(r(11, 13)), Some(r(12, 14)));
        assert_eq!(change.relocate(r(3, 9)), None);
        let insertion = TextChange::between("ab", "aXb");
        assert_eq!(insertion.relocate(r(1, 2)), Some(r(2, 3)));
        assert_eq!(insertion.relocate(r(0, 1)), Some(r(0, 1)));
    }
}
