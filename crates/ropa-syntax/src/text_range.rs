use serde::Serialize;

/// A half-open range of byte offsets into a file's text. The core speaks bytes; conversion to
/// lines and columns happens only in [`crate::LineIndex`].
///
/// Stored as `u32` (8 bytes instead of 16: the model keeps dozens per item for as long as the
/// workspace lives); offsets beyond 4 GiB saturate — no `.ropa` file comes near that.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TextRange {
    start: u32,
    end: u32,
}

/// A byte offset as stored (`u32`; offsets beyond 4 GiB saturate).
pub const fn offset32(offset: usize) -> u32 {
    if offset > u32::MAX as usize {
        u32::MAX
    } else {
        offset as u32
    }
}

impl TextRange {
    pub const fn new(start: usize, end: usize) -> Self {
        Self {
            start: offset32(start),
            end: offset32(end),
        }
    }

    pub const fn empty(at: usize) -> Self {
        Self::new(at, at)
    }

    pub const fn start(self) -> usize {
        self.start as usize
    }

    pub const fn end(self) -> usize {
        self.end as usize
    }

    pub const fn len(self) -> usize {
        self.end() - self.start()
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn contains(self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    /// Like [`Self::contains`], but also true at the end (where a cursor after a word is).
    pub const fn touches(self, offset: usize) -> bool {
        self.start() <= offset && offset <= self.end()
    }

    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start().min(other.start()), self.end().max(other.end()))
    }

    /// The text in this range, or `""` when the range does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start()..self.end()).unwrap_or("")
    }

    /// As a `Range` of byte offsets, for slicing.
    pub const fn as_range(self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }
}

impl From<tree_sitter::Range> for TextRange {
    fn from(r: tree_sitter::Range) -> Self {
        Self::new(r.start_byte, r.end_byte)
    }
}
