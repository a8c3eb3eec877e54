//! The layout: a walk over the concrete syntax tree that prints every token and comment in order.
//!
//! Every function appends the text of one construct to a buffer (one buffer for the whole file
//! rather than a string per construct). Its first line starts at the column the caller passes
//! (`col`, used only to decide whether something fits on one line); later lines carry their own
//! indentation. Line breaks are `\n` here; [`crate::Style`] converts them.
//!
//! Comments are tree-sitter extras: they can be children of any node with more than one token.
//! Between items and fields they are laid out as lines; anywhere else (between a key and its
//! value, inside a duration, …) a comment ends the line and the construct continues on the next
//! line, indented one step further.
//!
//! The printer reads the tree through [`Syntax`], implemented for tree-sitter's tree
//! ([`TreeSitter`]) and for the fast path's ([`Flat`], a [`TokenTree`] holding the same nodes):
//! one layout code for both, so that both give the same text.

use std::ops::Range;

use ropa_syntax::TokenTree;
use ropa_syntax::literal::text_block_lines;
use std::cell::RefCell;

use ropa_syntax::tree_sitter::{Node, TreeCursor};

use crate::MAX_WIDTH;
use ropa_syntax::kinds::{Kind, fields, kind};

/// What the printer reads of a syntax tree (all nodes, named and anonymous, comments included).
pub trait Syntax {
    type Node: Copy;
    fn kind(&self, node: Self::Node) -> Kind;
    fn is_named(&self, node: Self::Node) -> bool;
    fn range(&self, node: Self::Node) -> Range<usize>;
    /// All children of `node`, in order.
    fn kids(&self, node: Self::Node) -> Vec<Kid<Self::Node>>;
    /// Whether a comment lies anywhere inside `node`.
    fn has_comment(&self, node: Self::Node) -> bool;
}

/// A tree-sitter tree.
pub struct TreeSitter<'a> {
    /// One cursor for every walk (creating a cursor allocates).
    cursor: RefCell<Option<TreeCursor<'a>>>,
}

impl TreeSitter<'_> {
    pub fn new() -> Self {
        Self {
            cursor: RefCell::new(None),
        }
    }
}

impl<'a> Syntax for TreeSitter<'a> {
    type Node = Node<'a>;

    fn kind(&self, node: Node<'a>) -> Kind {
        kind(node)
    }

    fn is_named(&self, node: Node<'a>) -> bool {
        node.is_named()
    }

    fn range(&self, node: Node<'a>) -> Range<usize> {
        node.byte_range()
    }

    fn kids(&self, node: Node<'a>) -> Vec<Kid<Node<'a>>> {
        let mut out = Vec::with_capacity(node.child_count() as usize);
        let mut slot = self.cursor.borrow_mut();
        let cursor = match slot.as_mut() {
            Some(cursor) => {
                cursor.reset(node);
                cursor
            }
            None => slot.insert(node.walk()),
        };
        if cursor.goto_first_child() {
            loop {
                let node = cursor.node();
                out.push(Kid {
                    node,
                    kind: kind(node),
                    field: cursor.field_id().map_or(0, |id| id.get()),
                });
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        out
    }

    fn has_comment(&self, node: Node<'a>) -> bool {
        fn walk(node: Node) -> bool {
            let mut cursor = node.walk();
            node.children(&mut cursor)
                .any(|c| kind(c) == Kind::Comment || (c.child_count() > 0 && walk(c)))
        }
        walk(node)
    }
}

/// The fast path's tree; a node is its index (the file is 0).
pub struct Flat<'t> {
    tree: &'t TokenTree,
}

impl<'t> Flat<'t> {
    pub fn new(tree: &'t TokenTree) -> Self {
        Self { tree }
    }

    fn node(&self, index: u32) -> Option<&'t ropa_syntax::FlatNode> {
        self.tree.nodes().get(index as usize)
    }
}

impl Syntax for Flat<'_> {
    type Node = u32;

    fn kind(&self, node: u32) -> Kind {
        self.node(node).map_or(Kind::Other, |n| n.kind)
    }

    fn is_named(&self, node: u32) -> bool {
        self.tree.is_named(node as usize)
    }

    fn range(&self, node: u32) -> Range<usize> {
        self.node(node)
            .map_or(0..0, |n| n.start as usize..n.end as usize)
    }

    fn kids(&self, node: u32) -> Vec<Kid<u32>> {
        let end = self.node(node).map_or(0, |n| n.next);
        // The subtree's size bounds the number of children: one allocation.
        let mut out = Vec::with_capacity(end.saturating_sub(node + 1) as usize);
        let mut i = node + 1;
        while let Some(child) = self.node(i).filter(|_| i < end) {
            out.push(Kid {
                node: i,
                kind: child.kind,
                field: child.field,
            });
            // `next` is past the child's subtree (always further on; guarded all the same).
            i = child.next.max(i + 1);
        }
        out
    }

    fn has_comment(&self, node: u32) -> bool {
        // The subtree is the nodes up to `next`.
        let end = self.node(node).map_or(0, |n| n.next as usize);
        self.tree
            .nodes()
            .get(node as usize + 1..end)
            .is_some_and(|inner| inner.iter().any(|n| n.kind == Kind::Comment))
    }
}

const INDENT: usize = 2;
/// The most fields a block may have to stay on one line.
const MAX_ONE_LINE_FIELDS: usize = 4;

pub struct Printer<'a, S> {
    text: &'a str,
    syntax: S,
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
    /// A rendered field (its place in the block's buffer), the length of its key (keys are ASCII
    /// identifiers), whether it spans several lines and whether the key has a value (`avv { … }`
    /// has none, only a block; a language block is a value).
    Field {
        text: Range<usize>,
        key_len: usize,
        multiline: bool,
        has_value: bool,
    },
}

impl Entry<'_> {
    /// Whether the entry takes part in alignment: a field on one line with a value.
    fn aligns(&self) -> bool {
        matches!(
            &self.line,
            Line::Field {
                multiline: false,
                has_value: true,
                ..
            }
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    AfterToken,
    AfterComment,
}

/// A child of a node, with what the printer asks of it: read in one walk of the parent (each
/// cursor step and each field lookup walks tree-sitter's hidden nodes, so asking again is costly).
#[derive(Clone, Copy)]
pub struct Kid<N> {
    node: N,
    kind: Kind,
    /// The field id (0 for none).
    field: u16,
}

/// A line of a block being laid out: a field or a comment, the end of its text, the field's
/// children.
type BlockLine<N> = (Kid<N>, usize, Vec<Kid<N>>);

/// The first child with field id `field`.
fn field_of<N: Copy>(kids: &[Kid<N>], field: u16) -> Option<N> {
    kids.iter().find(|k| k.field == field).map(|k| k.node)
}

/// The index of the last part (see [`is_part_kind`]); 0 when there is none.
fn last_part<N>(kids: &[Kid<N>]) -> usize {
    kids.iter().rposition(|k| is_part_kind(k.kind)).unwrap_or(0)
}

// The functions below append the text of a construct to `out`; `col` is the column `out` is at.
impl<'a, S: Syntax> Printer<'a, S> {
    pub fn new(text: &'a str, syntax: S) -> Self {
        Self { text, syntax }
    }

    /// All children of `node`, in order.
    fn kids(&self, node: S::Node) -> Vec<Kid<S::Node>> {
        self.syntax.kids(node)
    }

    fn kind(&self, node: S::Node) -> Kind {
        self.syntax.kind(node)
    }

    fn start(&self, node: S::Node) -> usize {
        self.syntax.range(node).start
    }

    fn end(&self, node: S::Node) -> usize {
        self.syntax.range(node).end
    }

    fn src(&self, node: S::Node) -> &'a str {
        self.text.get(self.syntax.range(node)).unwrap_or("")
    }

    fn comment(&self, node: S::Node) -> &'a str {
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
        let bytes = gap.as_bytes();
        // Where the line after the latest line break starts (none before the first break).
        let mut line = None;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b != b'\n' && b != b'\r' {
                i += 1;
                continue;
            }
            if let Some(start) = line
                && gap.get(start..i).is_some_and(|l| l.trim().is_empty())
            {
                return true;
            }
            i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            line = Some(i);
        }
        false
    }

    fn has_comment(&self, node: S::Node) -> bool {
        // Every comment starts with `//`: most nodes are ruled out without a walk.
        self.src(node).contains("//") && self.syntax.has_comment(node)
    }

    /// The whole file (without the final line break).
    pub fn file(&self, root: S::Node) -> String {
        let mut out = String::with_capacity(self.text.len() + self.text.len() / 8);
        let mut last: Option<(usize, bool)> = None; // (end, whether it belongs to an item)
        for kid in self.kids(root) {
            let child = kid.node;
            if !self.syntax.is_named(child) {
                continue;
            }
            let is_item = kid.kind == Kind::Item;
            if let Some((end, after_item)) = last {
                let nl = self.breaks(end, self.start(child));
                if !is_item && nl == 0 {
                    out.push_str("  ");
                    out.push_str(self.comment(child));
                    last = Some((self.end(child), after_item));
                    continue;
                }
                out.push('\n');
                // Exactly one blank line after an item; comments keep at most one.
                if after_item || self.blank_line_between(end, self.start(child)) {
                    out.push('\n');
                }
            }
            if is_item {
                self.seq(&mut out, child, 0, 0);
            } else if kid.kind == Kind::Comment {
                out.push_str(self.comment(child));
            } else {
                out.push_str(self.src(child));
            }
            last = Some((self.end(child), is_item));
        }
        out
    }

    /// One item, at the top level.
    pub fn item(&self, node: S::Node) -> String {
        let mut out = String::new();
        self.seq(&mut out, node, 0, 0);
        out
    }

    /// A construct printed as a sequence of parts separated by single spaces (item: keyword,
    /// name, block; field: key, value, block; duration: amount, unit). `;` is dropped.
    fn seq(&self, out: &mut String, node: S::Node, indent: usize, col: usize) {
        self.seq_of(out, node, &self.kids(node), indent, col);
    }

    /// [`Self::seq`] with the node's children already read.
    fn seq_of(
        &self,
        out: &mut String,
        node: S::Node,
        kids: &[Kid<S::Node>],
        indent: usize,
        col: usize,
    ) {
        let start = out.len();
        let mut state = State::Start;
        let mut continued = false;
        let cont = indent + INDENT;
        let mut last_end = self.start(node);
        // What follows the last part (comments before a dropped `;`) is the caller's: it
        // becomes the block's once the `;` is gone.
        let last_part = last_part(kids);
        for kid in kids.iter().take(last_part + 1) {
            let child = kid.node;
            if kid.kind == Kind::Comment {
                let own_line = self.breaks(last_end, self.start(child)) > 0;
                // A comment after a comment gets its own line too.
                if own_line || state != State::AfterToken {
                    newline(out, cont);
                } else {
                    out.push_str("  ");
                }
                out.push_str(self.comment(child));
                state = State::AfterComment;
                continued = true;
            } else if !is_part_kind(kid.kind) {
                // `;` is dropped.
            } else {
                match state {
                    State::Start => {}
                    State::AfterToken => out.push(' '),
                    State::AfterComment => newline(out, cont),
                }
                let base = if continued { cont } else { indent };
                let at = column(out.get(start..).unwrap_or(""), col);
                self.part(out, child, base, at);
                state = State::AfterToken;
            }
            last_end = self.end(child);
        }
    }

    fn part(&self, out: &mut String, node: S::Node, indent: usize, col: usize) {
        match self.kind(node) {
            Kind::Block => self.block(out, node, indent, col),
            Kind::List => self.list(out, node, indent, col),
            Kind::TextBlock => self.text_block(out, node, indent),
            Kind::Duration | Kind::Field | Kind::Item => self.seq(out, node, indent, col),
            _ => out.push_str(self.src(node)),
        }
    }

    /// `{ … }`: on one line when it was on one line, qualifies and fits; else one field a line.
    fn block(&self, out: &mut String, node: S::Node, indent: usize, col: usize) {
        let inner: Vec<Kid<S::Node>> = self
            .kids(node)
            .into_iter()
            .filter(|k| self.syntax.is_named(k.node))
            .collect();
        if inner.is_empty() {
            out.push_str("{}");
            return;
        }
        if let Some(flat) = self.one_line_block(node, &inner)
            && col + width(&flat) <= MAX_WIDTH
        {
            out.push_str(&flat);
            return;
        }

        let fields = fields();
        let inner_indent = indent + INDENT;
        // A comment after a field's last part (before its dropped `;`) is laid out as one of
        // the block's comments, which is what it becomes once the `;` is gone.
        // (field or comment, end of its text, the field's children)
        let mut lines: Vec<BlockLine<S::Node>> = Vec::new();
        for child in inner {
            if child.kind != Kind::Field {
                lines.push((child, self.end(child.node), Vec::new()));
                continue;
            }
            let field_kids = self.kids(child.node);
            let last = last_part(&field_kids);
            let end = self.end(field_kids.get(last).map_or(child.node, |c| c.node));
            let trailing: Vec<Kid<S::Node>> = field_kids
                .iter()
                .skip(last + 1)
                .filter(|c| c.kind == Kind::Comment)
                .copied()
                .collect();
            lines.push((child, end, field_kids));
            for c in trailing {
                lines.push((c, self.end(c.node), Vec::new()));
            }
        }

        // The fields are rendered one after the other into `texts`, then laid out.
        let mut texts = String::new();
        let mut head_comment = None;
        let mut entries: Vec<Entry> = Vec::with_capacity(lines.len());
        let mut last_end = self.start(node) + 1; // after `{`
        for (kid, end, field_kids) in lines {
            let child = kid.node;
            let nl = self.breaks(last_end, self.start(child));
            let blank_before =
                !entries.is_empty() && self.blank_line_between(last_end, self.start(child));
            last_end = end;
            if kid.kind == Kind::Comment {
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
                let start = texts.len();
                self.seq_of(&mut texts, child, &field_kids, inner_indent, inner_indent);
                let multiline = texts.get(start..).is_some_and(|t| t.contains('\n'));
                let key_len = field_of(&field_kids, fields.key).map_or(0, |k| self.src(k).len());
                entries.push(Entry {
                    line: Line::Field {
                        text: start..texts.len(),
                        key_len,
                        multiline,
                        has_value: field_of(&field_kids, fields.value).is_some()
                            || field_of(&field_kids, fields.body)
                                .is_some_and(|b| self.is_language_block(b)),
                    },
                    blank_before,
                    trailing: None,
                    pad: 0,
                });
            }
        }
        align(&mut entries);

        out.push('{');
        if let Some(c) = head_comment {
            out.push_str("  ");
            out.push_str(c);
        }
        for e in &entries {
            out.push('\n');
            if e.blank_before {
                out.push('\n');
            }
            spaces(out, inner_indent);
            match &e.line {
                Line::Comment(c) => out.push_str(c),
                Line::Field { text, key_len, .. } => {
                    let text = texts.get(text.clone()).unwrap_or("");
                    // Keys are ASCII identifiers, so `key_len` is a character boundary.
                    let (key, rest) = text.split_at_checked(*key_len).unwrap_or((text, ""));
                    out.push_str(key);
                    spaces(out, e.pad);
                    out.push_str(rest);
                }
            }
            if let Some(c) = e.trailing {
                out.push_str("  ");
                out.push_str(c);
            }
        }
        newline(out, indent);
        out.push('}');
    }

    /// Whether a block is a text in several languages, `{ de "…"  en "…" }`: every field a
    /// two-letter lowercase key with a string or a text block. Such a block is a value (LANGUAGE.md
    /// type `T`) and is aligned like one.
    fn is_language_block(&self, node: S::Node) -> bool {
        let fields = fields();
        let mut count = 0;
        for child in self
            .kids(node)
            .into_iter()
            .filter(|k| self.syntax.is_named(k.node))
        {
            let field_kids = self.kids(child.node);
            let key = field_of(&field_kids, fields.key).map(|k| self.src(k));
            let value = field_of(&field_kids, fields.value).map(|v| self.kind(v));
            let ok = child.kind == Kind::Field
                && key.is_some_and(|k| k.len() == 2 && k.bytes().all(|b| b.is_ascii_lowercase()))
                && matches!(value, Some(Kind::String | Kind::TextBlock))
                && field_of(&field_kids, fields.body).is_none();
            if !ok {
                return false;
            }
            count += 1;
        }
        count > 0
    }

    /// The one-line form of a block, if it may have one: it was on one line in the input and
    /// holds at most four fields, each a key and a scalar value (no list, no text block, no
    /// nested block; a one-line block cannot hold a comment, which would run to the line's end).
    fn one_line_block(&self, node: S::Node, inner: &[Kid<S::Node>]) -> Option<String> {
        if self.src(node).contains(['\n', '\r']) || inner.len() > MAX_ONE_LINE_FIELDS {
            return None;
        }
        let fields = fields();
        let mut out = String::from("{ ");
        for (i, field) in inner.iter().enumerate() {
            if field.kind != Kind::Field {
                return None;
            }
            let field_kids = self.kids(field.node);
            if field_of(&field_kids, fields.body).is_some() {
                return None;
            }
            let key = field_of(&field_kids, fields.key)?;
            let value = field_of(&field_kids, fields.value)?;
            if self.kind(value) == Kind::List || self.has_comment(field.node) {
                return None;
            }
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(self.src(key));
            out.push(' ');
            if !self.flat(&mut out, value) {
                return None;
            }
        }
        out.push_str(" }");
        Some(out)
    }

    /// Appends a value on one line, if it can be: no comments and no text blocks inside.
    /// Returns `false` (having appended part of it) if it cannot.
    fn flat(&self, out: &mut String, node: S::Node) -> bool {
        match self.kind(node) {
            Kind::String | Kind::Identifier | Kind::Integer | Kind::Date | Kind::Boolean => {
                out.push_str(self.src(node));
                true
            }
            Kind::Duration => {
                let fields = fields();
                let duration = self.kids(node);
                let (Some(amount), Some(unit)) = (
                    field_of(&duration, fields.amount),
                    field_of(&duration, fields.unit),
                ) else {
                    return false;
                };
                if self.has_comment(node) {
                    return false;
                }
                out.push_str(self.src(amount));
                out.push(' ');
                out.push_str(self.src(unit));
                true
            }
            Kind::List => {
                let mut first = true;
                out.push('[');
                for child in self.kids(node) {
                    match child.kind {
                        Kind::Comment => return false,
                        Kind::OpenBracket | Kind::CloseBracket | Kind::Comma => {}
                        _ => {
                            if !first {
                                out.push_str(", ");
                            }
                            first = false;
                            if !self.flat(out, child.node) {
                                return false;
                            }
                        }
                    }
                }
                out.push(']');
                true
            }
            _ => false,
        }
    }

    /// `[a, b]` when it has no comments and fits; else one element a line, each with a comma.
    fn list(&self, out: &mut String, node: S::Node, indent: usize, col: usize) {
        let start = out.len();
        if self.flat(out, node) {
            let flat = out.get(start..).unwrap_or("");
            if col + width(flat) <= MAX_WIDTH || flat == "[]" {
                return;
            }
        }
        out.truncate(start);
        let inner = indent + INDENT;
        out.push('[');
        let mut last_end = self.start(node) + 1;
        let mut first = true;
        // Whether the current line ends with a comment (a comma moved before it can bring the
        // next comment onto the same line in the input).
        let mut line_has_comment = false;
        for kid in self.kids(node).into_iter().skip(1) {
            let child = kid.node;
            let nl = self.breaks(last_end, self.start(child));
            let blank = !first && self.blank_line_between(last_end, self.start(child));
            last_end = self.end(child);
            match kid.kind {
                Kind::CloseBracket => break,
                Kind::Comma => {}
                Kind::Comment if nl == 0 && !line_has_comment => {
                    out.push_str("  ");
                    out.push_str(self.comment(child));
                    line_has_comment = true;
                }
                k => {
                    line_has_comment = k == Kind::Comment;
                    out.push('\n');
                    if blank {
                        out.push('\n');
                    }
                    spaces(out, inner);
                    if k == Kind::Comment {
                        out.push_str(self.comment(child));
                    } else {
                        self.part(out, child, inner, inner);
                        out.push(',');
                    }
                    first = false;
                }
            }
        }
        newline(out, indent);
        out.push(']');
    }

    /// A text block, its lines re-indented to `indent` + 2 (keeping their relative indentation)
    /// and the closing `"""` on its own line. A text block whose value cannot be computed (no
    /// line break after the opening quotes) or that holds a lone `\r` is kept byte for byte.
    fn text_block(&self, out: &mut String, node: S::Node, indent: usize) {
        let raw = self.src(node);
        let (lines, common) = match text_block_lines(raw, 0) {
            Ok(lines) if !has_lone_cr(raw) => lines,
            _ => {
                out.push_str(raw);
                return;
            }
        };
        let pad = indent + INDENT;
        out.push_str("\"\"\"");
        for line in lines {
            out.push('\n');
            if !line.trim().is_empty() {
                spaces(out, pad);
                out.push_str(line.get(common..).unwrap_or(line).trim_end());
            }
        }
        newline(out, pad);
        out.push_str("\"\"\"");
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

/// Whether a node of this kind is printed as part of a sequence (not a comment, not a dropped
/// `;` or `,`).
fn is_part_kind(kind: Kind) -> bool {
    !matches!(kind, Kind::Comment | Kind::Semicolon | Kind::Comma)
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
