//! Typed views over the concrete syntax tree: file → items → fields → values.
//!
//! The views borrow the tree and the text and are `Copy`; they never allocate unless a value is
//! decoded (string unescaping, text-block indentation). Anything the parser could not make sense
//! of (ERROR nodes) is skipped here; it was already reported as a syntax error.

use std::borrow::Cow;

use tree_sitter::{Node, Tree, TreeCursor};

use crate::flat::{FlatRef, FlatTree};
use crate::{Date, TextRange};

/// The kinds of item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Controller,
    Processor,
    Activity,
    Category,
    Subject,
    /// Policy-wide text that belongs to no activity (CHANGES-2026-12 §1.10).
    Section,
    /// A controller the workspace's own organisation processes for (processor's record,
    /// Art. 30(2) GDPR).
    Client,
}

impl ItemKind {
    pub const ALL: [ItemKind; 7] = [
        Self::Controller,
        Self::Processor,
        Self::Activity,
        Self::Category,
        Self::Subject,
        Self::Section,
        Self::Client,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Self::Controller => "controller",
            Self::Processor => "processor",
            Self::Activity => "activity",
            Self::Category => "category",
            Self::Subject => "subject",
            Self::Section => "section",
            Self::Client => "client",
        }
    }

    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.keyword() == s)
    }
}

/// A decoding problem in a literal (bad escape, impossible date, …), with the exact range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralError {
    pub range: TextRange,
    pub message: String,
}

use crate::kinds::{Kind, fields as ids, kind};

/// A node of either tree: tree-sitter's, or the fast path's [`FlatTree`] for an error-free file
/// (see [`crate::parse_flat`]). The views below read both alike.
#[derive(Clone, Copy, Debug)]
enum Syn<'a> {
    Tree(Node<'a>),
    Flat(FlatRef<'a>),
}

impl<'a> Syn<'a> {
    fn start_byte(&self) -> usize {
        match self {
            Self::Tree(n) => n.start_byte(),
            Self::Flat(f) => f.node().start as usize,
        }
    }

    fn end_byte(&self) -> usize {
        match self {
            Self::Tree(n) => n.end_byte(),
            Self::Flat(f) => f.node().end as usize,
        }
    }

    fn kind(&self) -> Kind {
        match self {
            Self::Tree(n) => kind(*n),
            Self::Flat(f) => f.node().kind,
        }
    }

    /// A node the parser inserted to recover (never in a flat tree, which has no errors).
    fn is_missing(&self) -> bool {
        match self {
            Self::Tree(n) => n.is_missing(),
            Self::Flat(_) => false,
        }
    }

    fn named_child_count(&self) -> usize {
        match self {
            Self::Tree(n) => n.named_child_count(),
            Self::Flat(f) => f.child_count(),
        }
    }
}

fn range_of(node: Syn) -> TextRange {
    TextRange::new(node.start_byte(), node.end_byte())
}

fn text_of<'a>(node: Syn, text: &'a str) -> &'a str {
    text.get(node.start_byte()..node.end_byte()).unwrap_or("")
}

/// Calls `f` for each named child that is not an ERROR, with the child's field id (0 for none).
fn for_each_child<'a>(node: Syn<'a>, mut f: impl FnMut(u16, Syn<'a>)) {
    match node {
        Syn::Tree(node) => children_at(&mut node.walk(), |id, child| f(id, Syn::Tree(child))),
        Syn::Flat(node) => node.for_each_child(|id, child| f(id, Syn::Flat(child))),
    }
}

/// Like [`for_each_child`] for the node `cursor` is on, leaving the cursor there: one cursor can
/// walk a block and its fields (creating a cursor allocates).
fn children_at<'a>(cursor: &mut TreeCursor<'a>, mut f: impl FnMut(u16, Node<'a>)) {
    if !cursor.goto_first_child() {
        return;
    }
    loop {
        let child = cursor.node();
        if child.is_named() && !child.is_error() {
            f(cursor.field_id().map_or(0, |id| id.get()), child);
        }
        if !cursor.goto_next_sibling() {
            break;
        }
    }
    cursor.goto_parent();
}

/// The children for three field ids of the node `cursor` is on, found in one pass.
fn parts_at<'a>(cursor: &mut TreeCursor<'a>, a: u16, b: u16, c: u16) -> [Option<Node<'a>>; 3] {
    let mut out = [None; 3];
    children_at(cursor, |id, child| {
        let slot = if id == a {
            0
        } else if id == b {
            1
        } else if id == c {
            2
        } else {
            return;
        };
        if out[slot].is_none() {
            out[slot] = Some(child);
        }
    });
    out
}

/// A field id no child has, for [`parts`] when fewer than three are asked for.
const NO_FIELD: u16 = u16::MAX;

/// The children of `node` for three field ids, found in one pass.
fn parts<'a>(node: Syn<'a>, a: u16, b: u16, c: u16) -> [Option<Syn<'a>>; 3] {
    match node {
        Syn::Tree(node) => parts_at(&mut node.walk(), a, b, c).map(|n| n.map(Syn::Tree)),
        Syn::Flat(node) => {
            let mut out = [None; 3];
            node.for_each_child(|id, child| {
                let slot = [a, b, c].iter().position(|&f| f == id);
                if let Some(slot) = slot
                    && out[slot].is_none()
                {
                    out[slot] = Some(Syn::Flat(child));
                }
            });
            out
        }
    }
}

/// The root of a file.
#[derive(Clone, Copy, Debug)]
pub struct SourceFile<'a> {
    node: Syn<'a>,
    text: &'a str,
}

/// An `item` node, not yet read (see [`SourceFile::item_nodes`]).
#[derive(Clone, Copy, Debug)]
pub struct ItemNode<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> ItemNode<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    /// The tree-sitter node, unless the file was read by the fast path.
    pub fn tree_node(&self) -> Option<Node<'a>> {
        match self.node {
            Syn::Tree(node) => Some(node),
            Syn::Flat(_) => None,
        }
    }

    /// Reads the item's parts.
    pub fn item(&self) -> Option<Item<'a>> {
        Item::of(self.node, self.text)
    }
}

impl<'a> SourceFile<'a> {
    pub fn new(tree: &'a Tree, text: &'a str) -> Self {
        Self {
            node: Syn::Tree(tree.root_node()),
            text,
        }
    }

    /// The views over a file read by the fast path (see [`crate::parse_flat`]).
    pub fn flat(tree: &'a FlatTree, text: &'a str) -> Self {
        Self {
            node: Syn::Flat(FlatRef::root(tree)),
            text,
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The tree-sitter root, unless the file was read by the fast path.
    pub fn syntax(&self) -> Option<Node<'a>> {
        match self.node {
            Syn::Tree(node) => Some(node),
            Syn::Flat(_) => None,
        }
    }

    /// The `item` nodes, without reading their parts: cheaper than [`Self::items`] when most
    /// items are not looked into (the language server takes over untouched items after an
    /// edit); [`ItemNode::item`] reads one.
    pub fn item_nodes(&self) -> Vec<ItemNode<'a>> {
        let mut items = Vec::with_capacity(self.node.named_child_count());
        for_each_child(self.node, |_, child| {
            if child.kind() == Kind::Item {
                items.push(ItemNode {
                    node: child,
                    text: self.text,
                });
            }
        });
        items
    }

    pub fn items(&self) -> Vec<Item<'a>> {
        (self.item_nodes().into_iter())
            .filter_map(|node| node.item())
            .collect()
    }

    /// Comments directly at the top level (between items), in order; none in a file read by the
    /// fast path, which keeps no comments.
    pub fn comments(&self) -> Vec<Comment<'a>> {
        comments_in(self.node, self.text)
    }
}

fn comments_in<'a>(node: Syn<'a>, text: &'a str) -> Vec<Comment<'a>> {
    let mut out = Vec::new();
    if let Syn::Tree(node) = node {
        children_at(&mut node.walk(), |_, child| {
            if kind(child) == Kind::Comment {
                out.push(Comment {
                    node: Syn::Tree(child),
                    text,
                });
            }
        });
    }
    out
}

/// `activity support_chatbot { … }`
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    node: Syn<'a>,
    text: &'a str,
    kind: Option<Syn<'a>>,
    name: Option<Syn<'a>>,
    body: Option<Syn<'a>>,
}

impl<'a> Item<'a> {
    /// The item view of an `item` node.
    pub fn cast(node: Node<'a>, text: &'a str) -> Option<Self> {
        Self::of(Syn::Tree(node), text)
    }

    fn of(node: Syn<'a>, text: &'a str) -> Option<Self> {
        if node.kind() != Kind::Item {
            return None;
        }
        let ids = ids();
        let [kind, name, body] = parts(node, ids.kind, ids.name, ids.body);
        Some(Self {
            node,
            text,
            kind,
            name,
            body,
        })
    }

    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn kind(&self) -> Option<ItemKind> {
        self.kind
            .and_then(|k| ItemKind::from_keyword(text_of(k, self.text)))
    }

    /// The range of the item keyword (`activity`).
    pub fn keyword_range(&self) -> TextRange {
        self.kind
            .map(range_of)
            .unwrap_or(TextRange::empty(self.range().start()))
    }

    pub fn name(&self) -> Option<Ident<'a>> {
        self.name.filter(|n| !n.is_missing()).map(|node| Ident {
            node,
            text: self.text,
        })
    }

    pub fn body(&self) -> Option<Block<'a>> {
        self.body.map(|node| Block {
            node,
            text: self.text,
        })
    }
}

/// `{ field* }`
#[derive(Clone, Copy, Debug)]
pub struct Block<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> Block<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn fields(&self) -> Vec<Field<'a>> {
        let mut fields = Vec::with_capacity(self.node.named_child_count());
        let ids = ids();
        let node = match self.node {
            Syn::Tree(node) => node,
            Syn::Flat(_) => {
                for_each_child(self.node, |_, node| {
                    if node.kind() == Kind::Field {
                        let [key, value, body] = parts(node, ids.key, ids.value, ids.body);
                        fields.push(Field {
                            node,
                            text: self.text,
                            key,
                            value,
                            body,
                        });
                    }
                });
                return fields;
            }
        };
        // One cursor for the block and its fields.
        let mut cursor = node.walk();
        if !cursor.goto_first_child() {
            return fields;
        }
        loop {
            let node = cursor.node();
            if kind(node) == Kind::Field {
                let [key, value, body] = parts_at(&mut cursor, ids.key, ids.value, ids.body);
                fields.push(Field {
                    node: Syn::Tree(node),
                    text: self.text,
                    key: key.map(Syn::Tree),
                    value: value.map(Syn::Tree),
                    body: body.map(Syn::Tree),
                });
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
        fields
    }

    /// The first field with this key.
    pub fn field(&self, key: &str) -> Option<Field<'a>> {
        self.fields()
            .into_iter()
            .find(|f| f.key().is_some_and(|k| k.text() == key))
    }

    pub fn comments(&self) -> Vec<Comment<'a>> {
        comments_in(self.node, self.text)
    }

    /// Byte offset just after `{`.
    pub fn inner_start(&self) -> usize {
        self.node.start_byte() + 1
    }

    /// Byte offset of the closing `}` (or the block's end when it is missing).
    pub fn close_brace_start(&self) -> usize {
        let node = match self.node {
            Syn::Tree(node) => node,
            // An error-free block ends with its `}`.
            Syn::Flat(_) => return self.node.end_byte().saturating_sub(1),
        };
        let last = node
            .child_count()
            .checked_sub(1)
            .and_then(|i| node.child(i));
        match last {
            Some(n) if kind(n) == Kind::CloseBrace && !n.is_missing() => n.start_byte(),
            _ => node.end_byte(),
        }
    }

    /// Whether the block spans more than one line.
    pub fn is_multiline(&self) -> bool {
        text_of(self.node, self.text).contains('\n')
    }
}

/// `key value? block? ;?`
#[derive(Clone, Copy, Debug)]
pub struct Field<'a> {
    node: Syn<'a>,
    text: &'a str,
    key: Option<Syn<'a>>,
    value: Option<Syn<'a>>,
    body: Option<Syn<'a>>,
}

impl<'a> Field<'a> {
    /// The field view of a `field` node.
    pub fn cast(node: Node<'a>, text: &'a str) -> Option<Self> {
        let node = Syn::Tree(node);
        if node.kind() != Kind::Field {
            return None;
        }
        let ids = ids();
        let [key, value, body] = parts(node, ids.key, ids.value, ids.body);
        Some(Self {
            node,
            text,
            key,
            value,
            body,
        })
    }

    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn key(&self) -> Option<Ident<'a>> {
        self.key.filter(|n| !n.is_missing()).map(|node| Ident {
            node,
            text: self.text,
        })
    }

    pub fn value(&self) -> Option<Value<'a>> {
        self.value.and_then(|n| Value::from_node(n, self.text))
    }

    pub fn body(&self) -> Option<Block<'a>> {
        self.body.map(|node| Block {
            node,
            text: self.text,
        })
    }
}

/// A `// …` comment.
#[derive(Clone, Copy, Debug)]
pub struct Comment<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> Comment<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    /// The comment's text after `//`.
    pub fn body(&self) -> &'a str {
        text_of(self.node, self.text).get(2..).unwrap_or("")
    }

    /// Whether only whitespace precedes the comment on its line.
    pub fn is_own_line(&self) -> bool {
        let start = self.node.start_byte();
        let line_start = self.text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        self.text[line_start..start].trim().is_empty()
    }
}

/// An identifier: an id, a key, or a keyword value such as `consent`.
#[derive(Clone, Copy, Debug)]
pub struct Ident<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> Ident<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn text(&self) -> &'a str {
        text_of(self.node, self.text)
    }
}

/// Any value.
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    String(StringLit<'a>),
    TextBlock(TextBlockLit<'a>),
    Ident(Ident<'a>),
    Integer(IntegerLit<'a>),
    Date(DateLit<'a>),
    Duration(DurationLit<'a>),
    Boolean(BooleanLit<'a>),
    List(ListLit<'a>),
}

impl<'a> Value<'a> {
    fn from_node(node: Syn<'a>, text: &'a str) -> Option<Self> {
        if node.is_missing() {
            return None;
        }
        Some(match node.kind() {
            Kind::String => Self::String(StringLit { node, text }),
            Kind::TextBlock => Self::TextBlock(TextBlockLit { node, text }),
            Kind::Identifier => Self::Ident(Ident { node, text }),
            Kind::Integer => Self::Integer(IntegerLit { node, text }),
            Kind::Date => Self::Date(DateLit { node, text }),
            Kind::Duration => Self::Duration(DurationLit { node, text }),
            Kind::Boolean => Self::Boolean(BooleanLit { node, text }),
            Kind::List => Self::List(ListLit { node, text }),
            _ => return None,
        })
    }

    fn syntax(&self) -> Syn<'a> {
        match self {
            Self::String(v) => v.node,
            Self::TextBlock(v) => v.node,
            Self::Ident(v) => v.node,
            Self::Integer(v) => v.node,
            Self::Date(v) => v.node,
            Self::Duration(v) => v.node,
            Self::Boolean(v) => v.node,
            Self::List(v) => v.node,
        }
    }

    pub fn range(&self) -> TextRange {
        range_of(self.syntax())
    }

    /// The source text of the value.
    pub fn source(&self) -> &'a str {
        let node = self.syntax();
        let text = match self {
            Self::String(v) => v.text,
            Self::TextBlock(v) => v.text,
            Self::Ident(v) => v.text,
            Self::Integer(v) => v.text,
            Self::Date(v) => v.text,
            Self::Duration(v) => v.text,
            Self::Boolean(v) => v.text,
            Self::List(v) => v.text,
        };
        text_of(node, text)
    }

    /// What kind of value this is, for messages ("expected a date, found a string").
    pub fn describe(&self) -> &'static str {
        match self {
            Self::String(_) => "a string",
            Self::TextBlock(_) => "a text block",
            Self::Ident(_) => "an identifier",
            Self::Integer(_) => "an integer",
            Self::Date(_) => "a date",
            Self::Duration(_) => "a duration",
            Self::Boolean(_) => "a boolean",
            Self::List(_) => "a list",
        }
    }
}

/// `"…"` with escapes `\"` `\\` `\n` `\t` `\u{…}`.
#[derive(Clone, Copy, Debug)]
pub struct StringLit<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> StringLit<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    /// The decoded string.
    pub fn value(&self) -> Result<Cow<'a, str>, LiteralError> {
        let raw = text_of(self.node, self.text);
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        crate::literal::unescape(inner, self.node.start_byte() + 1)
    }
}

/// `"""` newline … `"""`.
#[derive(Clone, Copy, Debug)]
pub struct TextBlockLit<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> TextBlockLit<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    /// The text with the common indentation stripped (see [`crate::literal::text_block_value`]).
    pub fn value(&self) -> Result<String, LiteralError> {
        crate::literal::text_block_value(text_of(self.node, self.text), self.node.start_byte())
    }
}

#[derive(Clone, Copy, Debug)]
pub struct IntegerLit<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> IntegerLit<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn value(&self) -> Result<u64, LiteralError> {
        text_of(self.node, self.text)
            .parse()
            .map_err(|_| LiteralError {
                range: self.range(),
                message: "this number is too large".to_string(),
            })
    }
}

#[derive(Clone, Copy, Debug)]
pub struct DateLit<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> DateLit<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn value(&self) -> Result<Date, LiteralError> {
        let raw = text_of(self.node, self.text);
        Date::parse(raw).map_err(|message| LiteralError {
            range: self.range(),
            message,
        })
    }
}

/// The unit of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeUnit {
    Day,
    Week,
    Month,
    Year,
}

impl TimeUnit {
    pub fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "day" | "days" => Self::Day,
            "week" | "weeks" => Self::Week,
            "month" | "months" => Self::Month,
            "year" | "years" => Self::Year,
            _ => return None,
        })
    }
}

/// `90 days`
#[derive(Clone, Copy, Debug)]
pub struct DurationLit<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> DurationLit<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn amount(&self) -> Option<u64> {
        let ids = ids();
        let [n, ..] = parts(self.node, ids.amount, NO_FIELD, NO_FIELD);
        text_of(n?, self.text).parse().ok()
    }

    pub fn unit(&self) -> Option<TimeUnit> {
        let ids = ids();
        let [n, ..] = parts(self.node, ids.unit, NO_FIELD, NO_FIELD);
        TimeUnit::from_word(text_of(n?, self.text))
    }
}

#[derive(Clone, Copy, Debug)]
pub struct BooleanLit<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> BooleanLit<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn value(&self) -> bool {
        text_of(self.node, self.text) == "true"
    }
}

/// `[ v, v, … ]`
#[derive(Clone, Copy, Debug)]
pub struct ListLit<'a> {
    node: Syn<'a>,
    text: &'a str,
}

impl<'a> ListLit<'a> {
    pub fn range(&self) -> TextRange {
        range_of(self.node)
    }

    pub fn elements(&self) -> Vec<Value<'a>> {
        let mut out = Vec::with_capacity(self.node.named_child_count());
        let element = ids().element;
        for_each_child(self.node, |field, child| {
            if field == element
                && let Some(v) = Value::from_node(child, self.text)
            {
                out.push(v);
            }
        });
        out
    }
}
