//! The layout: a walk over the concrete syntax tree that prints every token and comment in order.
//!
//! Every function returns the text of one construct. Its first line starts at the column the
//! caller passes (`col`, used only to decide whether something fits on one line); later lines
//! carry their own indentation. Line breaks are `\n` here; [`crate::Style`] converts them.
//!
//! Comments are tree-sitter extras: they can be children of any node with more than one token.
//! Between items and fields they are laid out as lines; anywhere else (between a key and its
//! value, inside a duration, …) a comment ends the line and the construct continues on the next
//! line, indented one step further.

use ropa_syntax::literal::text_block_value;
use ropa_syntax::tree_sitter::Node;

use crate::MAX_WIDTH;

const INDENT: usize = 2;
/// The most fields a block may have to stay on one line.
const MAX_ONE_LINE_FIELDS: usize = 4;

pub struct Printer<'a> {
    text: &'a str,
}

/// One line (or multi-line field) of a block body.
struct Entry<'a> {
    line: Line<'a>,
    blank_before: bool,
    trailing: Option<&'a str>,
    pad: usize,
}

enum Line<'a> {
    Comment(&'a str),
    /// A rendered field, the length of its key (keys are ASCII identifiers), and whether the
    /// key has a value (`avv { … }` has none, only a block; a language block is a value).
    Field {
        text: String,
        key_len: usize,
        has_value: bool,
    },
}

impl Entry<'_> {
    /// Whether the entry takes part in alignment: a field on one line with a value.
    fn aligns(&self) -> bool {
        matches!(&self.line, Line::Field { text, has_value: true, .. } if !text.contains('\n'))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    AfterToken,
    AfterComment,
}

impl<'a> Printer<'a> {
    pub fn new(text: &'a str) -> Self {
        Self { text }
    }

    fn src(&self, node: Node) -> &'a str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    fn comment(&self, node: Node) -> &'a str {
        self.src(node).trim_end()
    }

    /// How many line breaks (`\n`, `\r\n` or a lone `\r`) lie between two offsets.
    fn breaks(&self, from: usize, to: usize) -> usize {
        let gap = self.text.get(from..to).unwrap_or("").as_bytes();
        gap.iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && gap.get(i + 1) != Some(&b'\n')))
            .count()
    }

    /// Whether an empty line (only whitespace between two line breaks) lies between two offsets.
    /// A line holding only a dropped `;` does not count.
    fn blank_line_between(&self, from: usize, to: usize) -> bool {
        let gap = self.text.get(from..to).unwrap_or("");
        if !gap.contains(['\n', '\r']) {
            return false;
        }
        let gap = gap.replace("\r\n", "\n").replace('\r', "\n");
        let mut segments = gap.split('\n');
        segments.next();
        let mut interior: Vec<&str> = segments.collect();
        interior.pop();
        interior.iter().any(|s| s.trim().is_empty())
    }

    /// The whole file (without the final line break).
    pub fn file(&self, root: Node) -> String {
        let mut out = String::new();
        let mut last: Option<(usize, bool)> = None; // (end, whether it belongs to an item)
        let mut cursor = root.walk();
        for child in root.named_children(&mut cursor) {
            let is_item = child.kind() == "item";
            if let Some((end, after_item)) = last {
                let nl = self.breaks(end, child.start_byte());
                if !is_item && nl == 0 {
                    out.push_str("  ");
                    out.push_str(self.comment(child));
                    last = Some((child.end_byte(), after_item));
                    continue;
                }
                out.push('\n');
                // Exactly one blank line after an item; comments keep at most one.
                if after_item || self.blank_line_between(end, child.start_byte()) {
                    out.push('\n');
                }
            }
            if is_item {
                out.push_str(&self.item(child));
            } else if child.kind() == "comment" {
                out.push_str(self.comment(child));
            } else {
                out.push_str(self.src(child));
            }
            last = Some((child.end_byte(), is_item));
        }
        out
    }

    /// One item, at the top level.
    pub fn item(&self, node: Node) -> String {
        self.seq(node, 0, 0)
    }

    /// A construct printed as a sequence of parts separated by single spaces (item: keyword,
    /// name, block; field: key, value, block; duration: amount, unit). `;` is dropped.
    fn seq(&self, node: Node, indent: usize, col: usize) -> String {
        let mut out = String::new();
        let mut state = State::Start;
        let mut continued = false;
        let cont = indent + INDENT;
        let mut last_end = node.start_byte();
        let mut cursor = node.walk();
        let children: Vec<Node> = node.children(&mut cursor).collect();
        // What follows the last part (comments before a dropped `;`) is the caller's: it
        // becomes the block's once the `;` is gone.
        let last_part = children.iter().rposition(|c| is_part(*c)).unwrap_or(0);
        for child in children.into_iter().take(last_part + 1) {
            if child.kind() == "comment" {
                let own_line = self.breaks(last_end, child.start_byte()) > 0;
                // A comment after a comment gets its own line too.
                if own_line || state != State::AfterToken {
                    newline(&mut out, cont);
                } else {
                    out.push_str("  ");
                }
                out.push_str(self.comment(child));
                state = State::AfterComment;
                continued = true;
            } else if !is_part(child) {
                // `;` is dropped.
            } else {
                match state {
                    State::Start => {}
                    State::AfterToken => out.push(' '),
                    State::AfterComment => newline(&mut out, cont),
                }
                let base = if continued { cont } else { indent };
                let at = column(&out, col);
                out.push_str(&self.part(child, base, at));
                state = State::AfterToken;
            }
            last_end = child.end_byte();
        }
        out
    }

    fn part(&self, node: Node, indent: usize, col: usize) -> String {
        match node.kind() {
            "block" => self.block(node, indent, col),
            "list" => self.list(node, indent, col),
            "text_block" => self.text_block(node, indent),
            "duration" | "field" | "item" => self.seq(node, indent, col),
            _ => self.src(node).to_string(),
        }
    }

    /// `{ … }`: on one line when it was on one line, qualifies and fits; else one field a line.
    fn block(&self, node: Node, indent: usize, col: usize) -> String {
        let mut cursor = node.walk();
        let inner: Vec<Node> = node.named_children(&mut cursor).collect();
        if inner.is_empty() {
            return "{}".to_string();
        }
        if let Some(flat) = self.one_line_block(node, &inner)
            && col + width(&flat) <= MAX_WIDTH
        {
            return flat;
        }

        let inner_indent = indent + INDENT;
        // A comment after a field's last part (before its dropped `;`) is laid out as one of
        // the block's comments, which is what it becomes once the `;` is gone.
        let mut lines: Vec<(Node, usize)> = Vec::new(); // (field or comment, end of its text)
        for child in inner {
            if child.kind() != "field" {
                lines.push((child, child.end_byte()));
                continue;
            }
            let mut cursor = child.walk();
            let parts: Vec<Node> = child.children(&mut cursor).collect();
            let last = parts.iter().rposition(|c| is_part(*c)).unwrap_or(0);
            let end = parts.get(last).map_or(child.end_byte(), Node::end_byte);
            lines.push((child, end));
            for c in parts.iter().skip(last + 1) {
                if c.kind() == "comment" {
                    lines.push((*c, c.end_byte()));
                }
            }
        }

        let mut head_comment = None;
        let mut entries: Vec<Entry> = Vec::new();
        let mut last_end = node.start_byte() + 1; // after `{`
        for (child, end) in lines {
            let nl = self.breaks(last_end, child.start_byte());
            let blank_before =
                !entries.is_empty() && self.blank_line_between(last_end, child.start_byte());
            last_end = end;
            if child.kind() == "comment" {
                let text = self.comment(child);
                // A comment on the line of the previous field trails it.
                if nl == 0 {
                    match entries.last_mut() {
                        Some(e) if e.trailing.is_none() && matches!(e.line, Line::Field { .. }) => {
                            e.trailing = Some(text);
                            continue;
                        }
                        None => {
                            head_comment = Some(text);
                            continue;
                        }
                        Some(_) => {}
                    }
                }
                entries.push(Entry {
                    line: Line::Comment(text),
                    blank_before,
                    trailing: None,
                    pad: 0,
                });
            } else {
                let text = self.seq(child, inner_indent, inner_indent);
                let key_len = child
                    .child_by_field_name("key")
                    .map_or(0, |k| self.src(k).len());
                entries.push(Entry {
                    line: Line::Field {
                        text,
                        key_len,
                        has_value: child.child_by_field_name("value").is_some()
                            || child
                                .child_by_field_name("body")
                                .is_some_and(|b| self.is_language_block(b)),
                    },
                    blank_before,
                    trailing: None,
                    pad: 0,
                });
            }
        }
        align(&mut entries);

        let mut out = String::from("{");
        if let Some(c) = head_comment {
            out.push_str("  ");
            out.push_str(c);
        }
        for e in &entries {
            out.push('\n');
            if e.blank_before {
                out.push('\n');
            }
            spaces(&mut out, inner_indent);
            match &e.line {
                Line::Comment(c) => out.push_str(c),
                Line::Field { text, key_len, .. } => {
                    // Keys are ASCII identifiers, so `key_len` is a character boundary.
                    let (key, rest) = text.split_at_checked(*key_len).unwrap_or((text, ""));
                    out.push_str(key);
                    spaces(&mut out, e.pad);
                    out.push_str(rest);
                }
            }
            if let Some(c) = e.trailing {
                out.push_str("  ");
                out.push_str(c);
            }
        }
        newline(&mut out, indent);
        out.push('}');
        out
    }

    /// Whether a block is a text in several languages, `{ de "…"  en "…" }`: every field a
    /// two-letter lowercase key with a string or a text block. Such a block is a value (LANGUAGE.md
    /// type `T`) and is aligned like one.
    fn is_language_block(&self, node: Node) -> bool {
        let mut cursor = node.walk();
        let mut fields = 0;
        for child in node.named_children(&mut cursor) {
            let key = child.child_by_field_name("key").map(|k| self.src(k));
            let value = child.child_by_field_name("value").map(|v| v.kind());
            let ok = child.kind() == "field"
                && key.is_some_and(|k| k.len() == 2 && k.bytes().all(|b| b.is_ascii_lowercase()))
                && matches!(value, Some("string" | "text_block"))
                && child.child_by_field_name("body").is_none();
            if !ok {
                return false;
            }
            fields += 1;
        }
        fields > 0
    }

    /// The one-line form of a block, if it may have one: it was on one line in the input and
    /// holds at most four fields, each a key and a scalar value (no list, no text block, no
    /// nested block; a one-line block cannot hold a comment, which would run to the line's end).
    fn one_line_block(&self, node: Node, inner: &[Node]) -> Option<String> {
        if self.src(node).contains(['\n', '\r']) || inner.len() > MAX_ONE_LINE_FIELDS {
            return None;
        }
        let mut parts = Vec::with_capacity(inner.len());
        for field in inner {
            if field.kind() != "field" || field.child_by_field_name("body").is_some() {
                return None;
            }
            let key = field.child_by_field_name("key")?;
            let value = field.child_by_field_name("value")?;
            if value.kind() == "list" || has_comment(*field) {
                return None;
            }
            parts.push(format!("{} {}", self.src(key), self.flat(value)?));
        }
        Some(format!("{{ {} }}", parts.join("  ")))
    }

    /// A value on one line, if it can be: no comments and no text blocks inside.
    fn flat(&self, node: Node) -> Option<String> {
        match node.kind() {
            "string" | "identifier" | "integer" | "date" | "boolean" => {
                Some(self.src(node).to_string())
            }
            "duration" => {
                let amount = node.child_by_field_name("amount")?;
                let unit = node.child_by_field_name("unit")?;
                (!has_comment(node)).then(|| format!("{} {}", self.src(amount), self.src(unit)))
            }
            "list" => {
                let mut cursor = node.walk();
                let mut elements = Vec::new();
                for child in node.children(&mut cursor) {
                    match child.kind() {
                        "comment" => return None,
                        "[" | "]" | "," if !child.is_named() => {}
                        _ => elements.push(self.flat(child)?),
                    }
                }
                Some(format!("[{}]", elements.join(", ")))
            }
            _ => None,
        }
    }

    /// `[a, b]` when it has no comments and fits; else one element a line, each with a comma.
    fn list(&self, node: Node, indent: usize, col: usize) -> String {
        if let Some(flat) = self.flat(node)
            && (col + width(&flat) <= MAX_WIDTH || flat == "[]")
        {
            return flat;
        }
        let inner = indent + INDENT;
        let mut out = String::from("[");
        let mut last_end = node.start_byte() + 1;
        let mut first = true;
        // Whether the current line ends with a comment (a comma moved before it can bring the
        // next comment onto the same line in the input).
        let mut line_has_comment = false;
        let mut cursor = node.walk();
        for child in node.children(&mut cursor).skip(1) {
            let nl = self.breaks(last_end, child.start_byte());
            let blank = !first && self.blank_line_between(last_end, child.start_byte());
            last_end = child.end_byte();
            match child.kind() {
                "]" if !child.is_named() => break,
                "," if !child.is_named() => {}
                "comment" if nl == 0 && !line_has_comment => {
                    out.push_str("  ");
                    out.push_str(self.comment(child));
                    line_has_comment = true;
                }
                kind => {
                    line_has_comment = kind == "comment";
                    out.push('\n');
                    if blank {
                        out.push('\n');
                    }
                    spaces(&mut out, inner);
                    if kind == "comment" {
                        out.push_str(self.comment(child));
                    } else {
                        out.push_str(&self.part(child, inner, inner));
                        out.push(',');
                    }
                    first = false;
                }
            }
        }
        newline(&mut out, indent);
        out.push(']');
        out
    }

    /// A text block, its lines re-indented to `indent` + 2 (keeping their relative indentation)
    /// and the closing `"""` on its own line. A text block whose value cannot be computed (no
    /// line break after the opening quotes) or that holds a lone `\r` is kept byte for byte.
    fn text_block(&self, node: Node, indent: usize) -> String {
        let raw = self.src(node);
        let verbatim = raw.to_string();
        if text_block_value(raw, 0).is_err() || has_lone_cr(raw) {
            return verbatim;
        }
        let Some(inner) = raw.get(3..raw.len().saturating_sub(3)) else {
            return verbatim;
        };
        let Some(first_break) = inner.find(['\n', '\r']) else {
            return verbatim;
        };
        let body = &inner[first_break..];
        let body = body
            .strip_prefix("\r\n")
            .or_else(|| body.strip_prefix('\n'))
            .unwrap_or(body);
        let mut lines: Vec<&str> = body
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        // The line holding the closing quotes, when it holds nothing else.
        if lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        let common = lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
            .min()
            .unwrap_or(0);
        let pad = indent + INDENT;
        let mut out = String::from("\"\"\"");
        for line in lines {
            out.push('\n');
            if !line.trim().is_empty() {
                spaces(&mut out, pad);
                out.push_str(line.get(common..).unwrap_or(line).trim_end());
            }
        }
        newline(&mut out, pad);
        out.push_str("\"\"\"");
        out
    }
}

/// Pads the keys of each run of consecutive single-line fields with a value to the run's longest
/// key. A blank line, a comment on its own line, a multi-line field or a field without a value
/// (`avv { … }`; a language block `{ de "…"  en "…" }` counts as a value) ends a run.
fn align(entries: &mut [Entry]) {
    let mut i = 0;
    while i < entries.len() {
        if !entries[i].aligns() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < entries.len() && entries[j].aligns() && !entries[j].blank_before {
            j += 1;
        }
        let run = &mut entries[i..j];
        let key_len = |e: &Entry| match e.line {
            Line::Field { key_len, .. } => key_len,
            Line::Comment(_) => 0,
        };
        let longest = run.iter().map(key_len).max().unwrap_or(0);
        for e in run {
            e.pad = longest - key_len(e);
        }
        i = j;
    }
}

fn has_comment(node: Node) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .any(|c| c.kind() == "comment" || (c.child_count() > 0 && has_comment(c)))
}

/// Whether `node` is printed as part of a sequence (not a comment, not a dropped `;` or `,`).
fn is_part(node: Node) -> bool {
    let separator = !node.is_named() && matches!(node.kind(), ";" | ",");
    node.kind() != "comment" && !separator
}

fn has_lone_cr(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'))
}

/// The column after `out`, which starts at column `col`.
fn column(out: &str, col: usize) -> usize {
    match out.rfind('\n') {
        Some(i) => width(&out[i + 1..]),
        None => col + width(out),
    }
}

/// Width in characters (Unicode scalar values), like the columns of `ropa check`.
fn width(s: &str) -> usize {
    s.chars().count()
}

fn spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    spaces(out, indent);
}
