//! Byte offsets ⇄ (line, column), for every column unit a client may want.
//!
//! The whole project speaks byte offsets; this is the one place that converts them. The CLI uses
//! characters (Unicode scalar values), the language server UTF-8 or UTF-16 code units as
//! negotiated. Line breaks are `\n`, `\r\n` and a lone `\r`, as in LSP.

use crate::offset32;

/// What a column counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units (an emoji counts two).
    Utf16,
    /// Unicode scalar values (what a person calls characters; `ropa check` output).
    Char,
}

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; always starts with 0. (`u32`: half the memory; the
    /// model's offsets are `u32` too, see `TextRange`.)
    line_starts: Vec<u32>,
    len: usize,
    /// Whether the text is pure ASCII, so that every unit is a byte.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // Jumping from line break to line break (SIMD) is much faster than a byte loop.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(offset32(i + 1));
            }
        }
        Self {
            line_starts,
            len: text.len(),
            ascii: text.is_ascii(),
        }
    }

    /// The index of `text` after an edit of the text this indexes: the first `prefix` bytes and
    /// the bytes from `tail` on (in `text`) are unchanged, the tail having moved by `delta`. Only
    /// the edited lines are scanned again (the language server re-indexes on every keystroke).
    pub fn edited(&self, text: &str, prefix: usize, tail: usize, delta: isize) -> Self {
        let bytes = text.as_bytes();
        let tail = tail.clamp(prefix, bytes.len());
        // A line start depends on the break before it and, for `\r`, on the byte at it: keep
        // the starts whose two bytes lie in the unchanged prefix or tail; scan the rest.
        // (The first line starts at 0 whatever the text.)
        let kept = self
            .line_starts
            .partition_point(|&s| (s as usize) < prefix)
            .max(1);
        let old_tail = tail.saturating_add_signed(-delta);
        let moved = self
            .line_starts
            .partition_point(|&s| (s as usize) < old_tail.saturating_add(2));
        let mut line_starts = Vec::with_capacity(self.line_starts.len() + 8);
        line_starts.extend_from_slice(&self.line_starts[..kept]);
        let scan_from = prefix.saturating_sub(1);
        let scan_to = tail.saturating_add(1).min(bytes.len());
        if scan_from < scan_to {
            for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[scan_from..scan_to]) {
                let i = scan_from + i;
                if (bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n')) && i + 1 >= prefix {
                    line_starts.push(offset32(i + 1));
                }
            }
        }
        let shift = |s: u32| offset32((s as usize).saturating_add_signed(delta));
        line_starts.extend(
            self.line_starts[moved.max(kept)..]
                .iter()
                .map(|&s| shift(s)),
        );
        let ascii = if self.ascii {
            text.get(prefix..tail).is_none_or(str::is_ascii)
        } else {
            text.is_ascii()
        };
        Self {
            line_starts,
            len: text.len(),
            ascii,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where `line` starts (clamped to the last line).
    pub fn line_start(&self, line: u32) -> usize {
        let last = self.line_starts.len() - 1;
        self.line_starts[(line as usize).min(last)] as usize
    }

    /// The byte range of `line` without its line break.
    pub fn line_range(&self, text: &str, line: u32) -> (usize, usize) {
        let start = self.line_start(line);
        let next = self
            .line_starts
            .get(line as usize + 1)
            .map_or(self.len, |&s| s as usize);
        let mut end = next;
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end.max(start))
    }

    /// The line and column of a byte `offset` (clamped to the text, and moved back to a
    /// character boundary if it falls inside one).
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let mut offset = offset.min(self.len);
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.line_starts.binary_search(&offset32(offset)) {
            Ok(line) => line,
            Err(next) => next - 1,
        };
        let start = self.line_starts[line] as usize;
        let prefix = text.get(start..offset).unwrap_or("");
        let col = if self.ascii {
            prefix.len()
        } else {
            measure(prefix, unit)
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// The byte offset of a (line, column). Positions past the end of a line clamp to its end,
    /// lines past the end of the text clamp to the text's end, and a column inside a character
    /// (the middle of a surrogate pair) moves to the character's start.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        if pos.line as usize >= self.line_starts.len() {
            return self.len;
        }
        let (start, end) = self.line_range(text, pos.line);
        let line = text.get(start..end).unwrap_or("");
        let want = pos.col as usize;
        if self.ascii || unit == ColumnUnit::Utf8 {
            let mut at = want.min(line.len());
            while at > 0 && !line.is_char_boundary(at) {
                at -= 1;
            }
            return start + at;
        }
        let mut units = 0;
        for (i, c) in line.char_indices() {
            let w = match unit {
                ColumnUnit::Utf16 => c.len_utf16(),
                _ => 1,
            };
            if units + w > want {
                return start + i;
            }
            units += w;
        }
        end
    }
}

fn measure(s: &str, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => s.len(),
        ColumnUnit::Utf16 => s.chars().map(char::len_utf16).sum(),
        ColumnUnit::Char => s.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_index_equals_a_new_one() {
        let texts = [
            "",
            "a",
            "ab\ncd\r\nef\rgh\n",
            "\r\n\r\n\n\r\r",
            "ä\nß\r\n😀x\n",
        ];
        let inserts = ["", "x", "\n", "\r", "\r\n", "\n\r", "é\n"];
        for old in texts {
            let index = LineIndex::new(old);
            for start in (0..=old.len()).filter(|&i| old.is_char_boundary(i)) {
                for end in (start..=old.len()).filter(|&i| old.is_char_boundary(i)) {
                    for insert in inserts {
                        let new = format!("{}{insert}{}", &old[..start], &old[end..]);
                        // As the server computes them: the longest unchanged prefix and tail.
                        let (a, b) = (old.as_bytes(), new.as_bytes());
                        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
                        let room = a.len().min(b.len()) - prefix;
                        let suffix = a
                            .iter()
                            .rev()
                            .zip(b.iter().rev())
                            .take(room)
                            .take_while(|(x, y)| x == y)
                            .count();
                        let delta = b.len() as isize - a.len() as isize;
                        let edited = index.edited(&new, prefix, b.len() - suffix, delta);
                        let fresh = LineIndex::new(&new);
                        assert_eq!(
                            (&edited.line_starts, edited.len, edited.ascii),
                            (&fresh.line_starts, fresh.len, fresh.ascii),
                            "{old:?} → {new:?}"
                        );
                    }
                }
            }
        }
    }

    fn roundtrip(text: &str, offset: usize, unit: ColumnUnit, expect: (u32, u32)) {
        let index = LineIndex::new(text);
        let lc = index.line_col(text, offset, unit);
        assert_eq!(
            (lc.line, lc.col),
            expect,
            "offset {offset} in {text:?} as {unit:?}"
        );
        assert_eq!(index.offset(text, lc, unit), offset, "back from {lc:?}");
    }

    #[test]
    fn columns_after_umlauts_quotes_and_emoji() {
        let text = "x\n\"„Grüße“ 👋\" y";
        let y = text.find('y').unwrap_or_default();
        // `"„Grüße“ 👋" ` is 12 characters, 13 UTF-16 units (the emoji is a surrogate pair).
        roundtrip(text, y, ColumnUnit::Char, (1, 12));
        roundtrip(text, y, ColumnUnit::Utf16, (1, 13));
        roundtrip(text, y, ColumnUnit::Utf8, (1, (y - 2) as u32));
    }

    #[test]
    fn crlf_and_lone_cr_break_lines() {
        let text = "a\r\nb\rc\nd";
        roundtrip(text, 3, ColumnUnit::Char, (1, 0));
        roundtrip(text, 5, ColumnUnit::Char, (2, 0));
        roundtrip(text, 7, ColumnUnit::Char, (3, 0));
        let index = LineIndex::new(text);
        assert_eq!(index.line_range(text, 0), (0, 1));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\nßc";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 99 }, ColumnUnit::Utf16),
            2
        );
        assert_eq!(
            index.offset(text, LineCol { line: 9, col: 0 }, ColumnUnit::Utf16),
            text.len()
        );
        // Byte 4 is inside `ß`: it moves back to the character's start.
        assert_eq!(
            index.line_col(text, 4, ColumnUnit::Utf8),
            LineCol { line: 1, col: 0 }
        );
        assert_eq!(
            index.offset(text, LineCol { line: 1, col: 1 }, ColumnUnit::Utf8),
            3
        );
    }

    #[test]
    fn column_inside_a_surrogate_pair_moves_to_the_character_start() {
        let text = "👋x";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 1 }, ColumnUnit::Utf16),
            0
        );
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 2 }, ColumnUnit::Utf16),
            4
        );
    }
}
