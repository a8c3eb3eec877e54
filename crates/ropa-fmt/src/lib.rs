//! The ropa formatter: one canonical layout for `.ropa` files (see `docs/style.md`).
//!
//! Architecture invariant: this crate does no IO and knows nothing about LSP. It takes text and
//! returns text (or byte-range edits); the CLI (`ropa fmt`) and the language server are thin
//! shells around [`format`], [`format_range`] and [`minimal_edits`].
//!
//! Guarantees:
//! - **A file with syntax errors is never reformatted**: [`format`] returns
//!   [`FormatError::Syntax`] instead, so half-typed text is never rearranged.
//! - **Lossless**: the sequence of tokens and comments is the same before and after (ignoring
//!   whitespace, `;` and `,`; text blocks compare by value). Every result is re-parsed and checked
//!   before it is returned; should the formatter ever get it wrong, the caller gets
//!   [`FormatError::Internal`] and the file stays as it was.
//! - **Idempotent**: formatting formatted text changes nothing.
//!
//! [`format`] takes the fast path when it can: the text is read by
//! [`ropa_syntax::parse_flat_with_tokens`] (every node of the tree-sitter tree, without
//! tree-sitter), printed by the same printer, and the result read the same way to compare
//! tokens. Whatever the fast path declines or cannot confirm goes through tree-sitter, which also
//! gives the messages; the output is the same either way.

mod edits;
mod printer;
mod tokens;

use std::fmt;
use std::ops::Range;

use ropa_syntax::tree_sitter::Node;
use ropa_syntax::{ColumnUnit, LineIndex, Parse};

pub use edits::minimal_edits;

/// The column limit for putting a list or a block on one line.
pub const MAX_WIDTH: usize = 100;

/// Replace the bytes `range` of the old text with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub text: String,
}

/// Why a text was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The file has syntax errors; the first one is given (`line` is 1-based).
    Syntax {
        line: usize,
        range: Range<usize>,
        message: String,
    },
    /// The formatter's own check found that its result would not mean the same as the input.
    /// This is a bug in the formatter; the text must be left as it is.
    Internal { message: String },
    /// Lists or blocks nest deeper than [`MAX_NESTING`] (at `range`, on 1-based `line`): no
    /// record needs that, and the layout recurses once per level.
    TooDeep { line: usize, range: Range<usize> },
}

/// How deep lists and blocks may nest for the formatter (the schema needs three levels).
pub const MAX_NESTING: usize = ropa_syntax::MAX_NESTING;

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { line, message, .. } => write!(
                f,
                "this file has syntax errors; fix them first (line {line}: {message})"
            ),
            Self::Internal { message } => write!(
                f,
                "the formatter would change this file's meaning ({message}); it was left as it \
                 is — please report this bug"
            ),
            Self::TooDeep { line, .. } => write!(
                f,
                "lists or blocks nest more than {MAX_NESTING} levels deep (line {line}); ropa \
                 formats at most {MAX_NESTING}"
            ),
        }
    }
}

impl std::error::Error for FormatError {}

/// Formats a whole file.
pub fn format(text: &str) -> Result<String, FormatError> {
    not_too_deep(text)?;
    match format_fast(text) {
        Some(result) => result,
        None => format_with_tree_sitter(text),
    }
}

/// [`format`] on the fast path: `None` when the fast parser declines `text`, else the same
/// result as [`format_with_tree_sitter`]. Public for the tests and the fuzz target that hold
/// the two paths to the same output.
pub fn format_fast(text: &str) -> Option<Result<String, FormatError>> {
    let tree = ropa_syntax::parse_flat_with_tokens(text)?;
    let body = printer::Printer::new(text, printer::Flat::new(&tree)).file(0);
    let out = Style::of(text).finish(text, &body);
    if out == text || tokens::same_tokens_flat(&tree, text, &out) {
        return Some(Ok(out));
    }
    // Not confirmed here: the tree-sitter check decides, and gives the message.
    Some(parse_clean(text).and_then(|parse| tokens::verify(text, &parse, &out).map(|()| out)))
}

/// [`format`] through tree-sitter only (the path for any text the fast parser declines).
pub fn format_with_tree_sitter(text: &str) -> Result<String, FormatError> {
    let parse = parse_clean(text)?;
    let style = Style::of(text);
    let body = printer::Printer::new(text, printer::TreeSitter::new()).file(parse.tree.root_node());
    let out = style.finish(text, &body);
    tokens::verify(text, &parse, &out)?;
    Ok(out)
}

/// Formats the items that overlap `range` (byte offsets; an empty range formats the item around
/// it), for the language server's range formatting. The edits are minimal and sorted; text
/// outside those items is not touched.
pub fn format_range(text: &str, range: Range<usize>) -> Result<Vec<TextEdit>, FormatError> {
    not_too_deep(text)?;
    let parse = parse_clean(text)?;
    let style = Style::of(text);
    let printer = printer::Printer::new(text, printer::TreeSitter::new());
    let root = parse.tree.root_node();
    let mut cursor = root.walk();
    let mut edits = Vec::new();
    for item in root.named_children(&mut cursor) {
        if ropa_syntax::kinds::kind(item) != ropa_syntax::kinds::Kind::Item
            || !overlaps(item, &range)
        {
            continue;
        }
        let new = style.newlines(&printer.item(item));
        let start = item.start_byte();
        let old = text.get(item.byte_range()).unwrap_or("");
        edits.extend(minimal_edits(old, &new).into_iter().map(|e| TextEdit {
            range: e.range.start + start..e.range.end + start,
            text: e.text,
        }));
    }
    if !edits.is_empty() {
        tokens::verify(text, &parse, &apply(text, &edits))?;
    }
    Ok(edits)
}

/// Applies sorted, non-overlapping edits.
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(text.get(at..e.range.start).unwrap_or(""));
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

fn overlaps(item: Node, range: &Range<usize>) -> bool {
    let (start, end) = (item.start_byte(), item.end_byte());
    if range.is_empty() {
        start <= range.start && range.start <= end
    } else {
        range.start < end && start < range.end
    }
}

/// [`FormatError::TooDeep`] if lists or blocks nest deeper than [`MAX_NESTING`] — checked on
/// the text, before any tree is walked (the layout recurses once per level). For a file without
/// syntax errors the brackets outside strings, text blocks and comments are exactly its lists
/// and blocks; a file with errors is refused either way.
fn not_too_deep(text: &str) -> Result<(), FormatError> {
    let Some(at) = nesting_beyond(text, MAX_NESTING) else {
        return Ok(());
    };
    let line = LineIndex::new(text)
        .line_col(text, at, ColumnUnit::Char)
        .line as usize
        + 1;
    Err(FormatError::TooDeep {
        line,
        range: at..at + 1,
    })
}

/// The offset of the first `{` or `[` that opens level `max + 1` (outside strings, text blocks
/// and comments), if any. One pass over the bytes.
fn nesting_beyond(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let line_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |n| from + n)
    };
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(i),
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i = text
                    .get(i + 3..)
                    .and_then(|rest| rest.find("\"\"\""))
                    .map_or(bytes.len(), |n| i + 3 + n + 3);
            }
            b'"' => {
                let end = line_end(i + 1);
                let mut j = i + 1;
                while j < end && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = (j + 1).min(bytes.len());
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

fn parse_clean(text: &str) -> Result<Parse, FormatError> {
    let parse = ropa_syntax::parse(text);
    match parse.errors.first() {
        None => Ok(parse),
        Some(e) => {
            let line = LineIndex::new(text)
                .line_col(text, e.range.start(), ColumnUnit::Char)
                .line as usize
                + 1;
            Err(FormatError::Syntax {
                line,
                range: e.range.start()..e.range.end(),
                message: e.message.clone(),
            })
        }
    }
}

/// What the output keeps from the input's conventions: its line breaks and a byte-order mark.
struct Style {
    crlf: bool,
}

impl Style {
    /// A file uses CRLF when its first line break is `\r\n`.
    fn of(text: &str) -> Self {
        let crlf = text
            .find('\n')
            .is_some_and(|i| i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r'));
        Self { crlf }
    }

    /// Turns the printer's `\n` into the file's line break (a `\n` already preceded by `\r` —
    /// only possible inside a text block kept verbatim — is left alone).
    fn newlines(&self, s: &str) -> String {
        if !self.crlf {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len() + s.len() / 32);
        let mut prev = '\0';
        for c in s.chars() {
            if c == '\n' && prev != '\r' {
                out.push('\r');
            }
            out.push(c);
            prev = c;
        }
        out
    }

    fn finish(&self, input: &str, body: &str) -> String {
        let mut out = String::with_capacity(body.len() + 8);
        if input.starts_with('\u{feff}') {
            out.push('\u{feff}');
        }
        if !body.is_empty() {
            out.push_str(&self.newlines(body));
            out.push_str(if self.crlf { "\r\n" } else { "\n" });
        }
        out
    }
}
