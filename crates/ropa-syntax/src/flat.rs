//! The fast path for files without syntax errors: a hand-written parser that builds the named
//! nodes of the tree-sitter tree (kind, field, byte range) in one flat vector.
//!
//! Why: a one-shot `ropa check` or `ropa policy` needs no tree — nothing is edited, formatted or
//! navigated — only the model, and a tree-sitter parse plus a cursor walk costs several times
//! more than the lowering itself. The typed views ([`crate::SourceFile`] and below) read either
//! tree, so the lowering is the same code for both.
//!
//! The contract: [`parse_flat`] returns `Some` only when tree-sitter parses the same text
//! **without any error** into the same named nodes (comments aside). Whatever it is not sure of —
//! a syntax error, a keyword where an identifier is expected, unusual whitespace, a NUL byte, a
//! `ropa-ignore` comment (suppressions are read from comment nodes, which are not kept here) —
//! makes it decline, and the caller parses with tree-sitter: declining costs time, never
//! correctness. Tested against tree-sitter node by node on every fixture and example, on random
//! token sequences (`ropa-analysis/tests/fast_path.rs`), and by the `flat` fuzz target.
//!
//! The token mode ([`parse_flat_with_tokens`], for the formatter) records *every* node of the
//! tree-sitter tree: the named ones, the anonymous tokens (`{`, `}`, `[`, `]`, `,`, `;`, and the
//! keyword inside `item_kind`, `boolean` and `time_unit`) and the comments, each where
//! tree-sitter puts it. An extra (comment) goes to the deepest node that has a token before and
//! after it: tree-sitter shifts extras as they come and, when it reduces a node, moves the
//! trailing ones out to the parent. Here a comment is held back until the next node that starts
//! after it is pushed, which puts it at that same place. Comments being kept, this mode does not
//! decline on `ropa-ignore`. Its contract is [`TokenTree::of_tree`]: all nodes, node for node.

use tree_sitter::{Tree, TreeCursor};

use crate::kinds::{Kind, fields, kind};

/// The named nodes of an error-free file in preorder; node 0 is the file itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatTree {
    nodes: Vec<FlatNode>,
}

/// One named node. 16 bytes: an activity has about 60 of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlatNode {
    pub kind: Kind,
    /// The tree-sitter field id of the node in its parent (0 for none).
    pub field: u16,
    pub start: u32,
    pub end: u32,
    /// The index just past this node's subtree: its next sibling, if it has one.
    pub next: u32,
}

impl FlatTree {
    /// All nodes in preorder, the file first.
    pub fn nodes(&self) -> &[FlatNode] {
        &self.nodes
    }

    /// The named nodes of a tree-sitter tree of a text of `len` bytes, comments left out, as the
    /// fast path records them: what [`parse_flat`] must equal whenever it accepts (the test
    /// oracle; it walks the whole tree).
    pub fn of_tree(tree: &Tree, len: usize) -> FlatTree {
        fn walk(cursor: &mut TreeCursor, field: u16, nodes: &mut Vec<FlatNode>) {
            let node = cursor.node();
            let index = nodes.len();
            nodes.push(FlatNode {
                kind: kind(node),
                field,
                start: offset(node.start_byte()),
                end: offset(node.end_byte()),
                next: 0,
            });
            if cursor.goto_first_child() {
                loop {
                    let child = cursor.node();
                    if child.is_named() && kind(child) != Kind::Comment {
                        let field = cursor.field_id().map_or(0, |f| f.get());
                        walk(cursor, field, nodes);
                    }
                    if !cursor.goto_next_sibling() {
                        break;
                    }
                }
                cursor.goto_parent();
            }
            nodes[index].next = offset(nodes.len());
        }
        let mut nodes = Vec::new();
        walk(&mut tree.walk(), 0, &mut nodes);
        // The file node spans the text, wherever tree-sitter lets it start.
        if let Some(file) = nodes.first_mut() {
            (file.start, file.end) = (0, offset(len));
        }
        FlatTree { nodes }
    }
}

/// Every node of an error-free file in preorder, named and anonymous, comments included (the
/// token mode, see the module documentation); node 0 is the file itself. A separate type from
/// [`FlatTree`], whose readers (the typed views) expect named nodes only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenTree {
    nodes: Vec<FlatNode>,
    /// Whether each node is named (tree-sitter's `is_named`): `{` and `item_kind` both are
    /// [`Kind::Other`].
    named: Vec<bool>,
}

impl TokenTree {
    /// All nodes in preorder, the file first.
    pub fn nodes(&self) -> &[FlatNode] {
        &self.nodes
    }

    /// Whether node `index` is named (`false` for an index out of range).
    pub fn is_named(&self, index: usize) -> bool {
        self.named.get(index).copied().unwrap_or(false)
    }

    /// Every node of a tree-sitter tree of a text of `len` bytes, as the token mode records
    /// them: what [`parse_flat_with_tokens`] must equal whenever it accepts (the test oracle).
    pub fn of_tree(tree: &Tree, len: usize) -> TokenTree {
        let mut out = TokenTree::default();
        let mut cursor = tree.walk();
        // The nodes whose subtree is being walked: their `next` is set on the way up.
        let mut open: Vec<usize> = Vec::new();
        'walk: loop {
            let node = cursor.node();
            open.push(out.nodes.len());
            out.nodes.push(FlatNode {
                kind: kind(node),
                field: cursor.field_id().map_or(0, |f| f.get()),
                start: offset(node.start_byte()),
                end: offset(node.end_byte()),
                next: 0,
            });
            out.named.push(node.is_named());
            if cursor.goto_first_child() {
                continue;
            }
            loop {
                let next = offset(out.nodes.len());
                if let Some(done) = open.pop().and_then(|i| out.nodes.get_mut(i)) {
                    done.next = next;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        // The file node spans the text, wherever tree-sitter lets it start.
        if let Some(file) = out.nodes.first_mut() {
            (file.start, file.end) = (0, offset(len));
        }
        out
    }
}

/// A node of a [`FlatTree`], as the typed views hold it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FlatRef<'a> {
    nodes: &'a [FlatNode],
    index: u32,
}

impl<'a> FlatRef<'a> {
    pub(crate) fn root(tree: &'a FlatTree) -> Self {
        Self {
            nodes: &tree.nodes,
            index: 0,
        }
    }

    pub(crate) fn node(&self) -> FlatNode {
        // Indexes come from the tree itself; the fallback (an empty file node) is unreachable.
        self.nodes
            .get(self.index as usize)
            .copied()
            .unwrap_or(FlatNode {
                kind: Kind::Other,
                field: 0,
                start: 0,
                end: 0,
                next: self.index + 1,
            })
    }

    /// Calls `f` with each child's field id and the child.
    pub(crate) fn for_each_child(&self, mut f: impl FnMut(u16, FlatRef<'a>)) {
        let end = self.node().next;
        let mut i = self.index + 1;
        while i < end {
            let child = FlatRef {
                nodes: self.nodes,
                index: i,
            };
            let node = child.node();
            f(node.field, child);
            i = node.next.max(i + 1);
        }
    }

    pub(crate) fn child_count(&self) -> usize {
        let mut n = 0;
        self.for_each_child(|_, _| n += 1);
        n
    }
}

/// Parses `text` if it is an error-free ropa file of the shapes this parser knows, else `None`
/// (see the module documentation).
pub fn parse_flat(text: &str) -> Option<FlatTree> {
    let bytes = text.as_bytes();
    if memchr::memchr(0, bytes).is_some() || memchr::memmem::find(bytes, b"ropa-ignore").is_some() {
        return None;
    }
    let p = Parser::<NamedOnly>::new(bytes, bytes.len() / 12).run()?;
    Some(FlatTree { nodes: p.nodes })
}

/// [`parse_flat`] in token mode: every node, anonymous tokens and comments included (see the
/// module documentation), for the formatter. `None` whenever [`parse_flat`] would decline,
/// except for `ropa-ignore` comments, which this mode keeps.
pub fn parse_flat_with_tokens(text: &str) -> Option<TokenTree> {
    let bytes = text.as_bytes();
    // Offsets are `u32`: a larger file (saturated offsets) is left to tree-sitter.
    if memchr::memchr(0, bytes).is_some() || u32::try_from(bytes.len()).is_err() {
        return None;
    }
    let p = Parser::<Tokens>::new(bytes, bytes.len() / 4).run()?;
    Some(TokenTree {
        nodes: p.nodes,
        named: p.mode.named,
    })
}

/// The field ids, copied out once per parse.
#[derive(Clone, Copy)]
struct FieldIds {
    kind: u16,
    name: u16,
    body: u16,
    key: u16,
    value: u16,
    element: u16,
    amount: u16,
    unit: u16,
}

impl FieldIds {
    fn get() -> Self {
        let f = fields();
        Self {
            kind: f.kind,
            name: f.name,
            body: f.body,
            key: f.key,
            value: f.value,
            element: f.element,
            amount: f.amount,
            unit: f.unit,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Semicolon,
    String,
    TextBlock,
    Integer,
    Date,
    Word(Word),
    Eof,
}

/// What an identifier-shaped token is to the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    Plain,
    /// `controller`, `processor`, …: reserved everywhere but in values.
    ItemKind,
    True,
    False,
    /// `day(s)`, `week(s)`, `month(s)`, `year(s)`.
    TimeUnit,
}

// Inlined into the lexer as before the token mode (`ropa check` must not get slower).
#[inline(always)]
fn word_of(w: &[u8]) -> Word {
    match w {
        b"controller" | b"processor" | b"activity" | b"category" | b"subject" | b"section"
        | b"client" => Word::ItemKind,
        b"true" => Word::True,
        b"false" => Word::False,
        b"day" | b"days" | b"week" | b"weeks" | b"month" | b"months" | b"year" | b"years" => {
            Word::TimeUnit
        }
        _ => Word::Plain,
    }
}

fn offset(at: usize) -> u32 {
    crate::offset32(at)
}

/// `[A-Za-z0-9_]`, by table: identifiers are most of the tokens.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

fn is_word_byte(b: u8) -> bool {
    WORD_BYTE[b as usize]
}

/// What the parser records besides the named nodes: nothing ([`NamedOnly`], the default mode,
/// a zero-sized type whose no-op methods compile away) or anonymous nodes and comments
/// ([`Tokens`]).
trait Mode {
    const TOKENS: bool;
    fn new(capacity: usize) -> Self;
    /// Records whether the node just pushed is named.
    fn push_named(&mut self, _named: bool) {}
    /// Holds back a comment read by the lexer.
    fn comment(&mut self, _start: usize, _end: usize) {}
    /// Takes the next comment held back if it starts before `before`.
    fn comment_before(&mut self, _before: usize) -> Option<(usize, usize)> {
        None
    }
}

struct NamedOnly;

impl Mode for NamedOnly {
    const TOKENS: bool = false;
    fn new(_capacity: usize) -> Self {
        NamedOnly
    }
}

struct Tokens {
    /// Whether each node is named.
    named: Vec<bool>,
    /// The comments read but not yet placed (`comments[placed..]`), in order.
    comments: Vec<(usize, usize)>,
    placed: usize,
}

impl Mode for Tokens {
    const TOKENS: bool = true;
    fn new(capacity: usize) -> Self {
        Tokens {
            named: Vec::with_capacity(capacity),
            comments: Vec::new(),
            placed: 0,
        }
    }
    fn push_named(&mut self, named: bool) {
        self.named.push(named);
    }
    fn comment(&mut self, start: usize, end: usize) {
        self.comments.push((start, end));
    }
    fn comment_before(&mut self, before: usize) -> Option<(usize, usize)> {
        let next = self.comments.get(self.placed).filter(|c| c.0 < before)?;
        self.placed += 1;
        Some(*next)
    }
}

/// How deep lists and blocks may nest before the fast path declines (the schema needs three
/// levels). It recurses once per level; tree-sitter, which parses iteratively, takes over deeper
/// (hostile) nesting instead of the stack overflowing.
pub const MAX_NESTING: usize = 64;

struct Parser<'t, M: Mode> {
    bytes: &'t [u8],
    /// How many lists and blocks are open.
    depth: usize,
    /// Just past the current token.
    pos: usize,
    /// The current (lookahead) token and where it starts.
    token: Token,
    start: usize,
    nodes: Vec<FlatNode>,
    ids: FieldIds,
    mode: M,
}

impl<'t, M: Mode> Parser<'t, M> {
    fn new(bytes: &'t [u8], capacity: usize) -> Self {
        Self {
            bytes,
            depth: 0,
            pos: 0,
            token: Token::Eof,
            start: 0,
            nodes: Vec::with_capacity(capacity),
            ids: FieldIds::get(),
            mode: M::new(capacity),
        }
    }

    /// The whole file.
    fn run(mut self) -> Option<Self> {
        self.nodes.push(FlatNode {
            kind: Kind::Other,
            field: 0,
            start: 0,
            end: offset(self.bytes.len()),
            next: 0,
        });
        self.mode.push_named(true);
        self.advance()?;
        while self.token != Token::Eof {
            self.item()?;
        }
        // Comments after the last item are the file's.
        self.place_comments(usize::MAX);
        self.close(0);
        Some(self)
    }

    /// Token mode: pushes the comments held back that start before `before` (a node starting
    /// there is about to be pushed, so they precede it in its parent).
    fn place_comments(&mut self, before: usize) {
        while let Some((start, end)) = self.mode.comment_before(before) {
            self.push(Kind::Comment, true, 0, start, end);
            let next = offset(self.nodes.len());
            if let Some(node) = self.nodes.last_mut() {
                node.next = next;
            }
        }
    }

    fn push(&mut self, kind: Kind, named: bool, field: u16, start: usize, end: usize) {
        self.nodes.push(FlatNode {
            kind,
            field,
            start: offset(start),
            end: offset(end),
            next: 0,
        });
        self.mode.push_named(named);
    }

    /// Token mode: an anonymous node for the current token.
    fn anonymous(&mut self, kind: Kind) {
        if M::TOKENS {
            let (start, end) = (self.start, self.pos);
            self.place_comments(start);
            self.push(kind, false, 0, start, end);
            let next = offset(self.nodes.len());
            if let Some(node) = self.nodes.last_mut() {
                node.next = next;
            }
        }
    }

    /// A named node for the current keyword (`item_kind`, `boolean`, `time_unit`), which
    /// tree-sitter gives the keyword as an anonymous child.
    fn keyword(&mut self, kind: Kind, field: u16) {
        let (start, end) = (self.start, self.pos);
        let i = self.open(kind, field, start);
        self.anonymous(Kind::Other);
        self.close_at(i, end);
    }
    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(0)
    }

    /// Skips whitespace, byte-order marks and comments; reads the next token. `None` for
    /// anything that is not a token of an error-free file.
    fn advance(&mut self) -> Option<()> {
        let mut at = self.pos;
        loop {
            match self.byte(at) {
                b' ' | b'\t' | b'\n' | b'\r' => at += 1,
                0xEF if self.bytes.get(at..at + 3) == Some(&[0xEF, 0xBB, 0xBF]) => at += 3,
                b'/' if self.byte(at + 1) == b'/' => {
                    let end = memchr::memchr2(b'\n', b'\r', &self.bytes[at..])
                        .map_or(self.bytes.len(), |i| at + i);
                    self.mode.comment(at, end);
                    at = end;
                }
                _ => break,
            }
        }
        self.start = at;
        let (token, end) = match self.byte(at) {
            _ if at >= self.bytes.len() => (Token::Eof, at),
            b'{' => (Token::OpenBrace, at + 1),
            b'}' => (Token::CloseBrace, at + 1),
            b'[' => (Token::OpenBracket, at + 1),
            b']' => (Token::CloseBracket, at + 1),
            b',' => (Token::Comma, at + 1),
            b';' => (Token::Semicolon, at + 1),
            b'"' => self.quoted(at)?,
            b'0'..=b'9' => self.number(at)?,
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let mut len = 1;
                while is_word_byte(self.byte(at + len)) {
                    len += 1;
                }
                // `straße`: tree-sitter would stop at `ß` and report an error.
                if self.byte(at + len) >= 0x80 {
                    return None;
                }
                (Token::Word(word_of(&self.bytes[at..at + len])), at + len)
            }
            _ => return None,
        };
        self.token = token;
        self.pos = end;
        Some(())
    }

    /// A string or a text block starting at `at`.
    fn quoted(&self, at: usize) -> Option<(Token, usize)> {
        if self.bytes.get(at..at + 3) == Some(b"\"\"\"") {
            // The first `"""` after the opening one closes the block (the lexer's content is
            // `[^"] | "[^"] | ""[^"]`); a fourth quote after it is too unusual to mirror.
            let close = at + 3 + memchr::memmem::find(&self.bytes[at + 3..], b"\"\"\"")?;
            if self.byte(close + 3) == b'"' {
                return None;
            }
            return Some((Token::TextBlock, close + 3));
        }
        let mut i = at + 1;
        loop {
            // Strings are most of the bytes: jump to the next quote, escape or line end.
            let rest = self.bytes.get(i..)?;
            let stop = i + memchr::memchr3(b'"', b'\\', b'\n', rest)?;
            if memchr::memchr(b'\r', &self.bytes[i..stop]).is_some() {
                return None;
            }
            match self.byte(stop) {
                b'"' => return Some((Token::String, stop + 1)),
                b'\\' => match self.bytes.get(stop + 1)? {
                    b'\r' | b'\n' => return None,
                    _ => i = stop + 2,
                },
                _ => return None,
            }
        }
    }

    /// An integer or a date starting at `at`.
    fn number(&self, at: usize) -> Option<(Token, usize)> {
        let digits = |from: usize| {
            self.bytes[from.min(self.bytes.len())..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let len = digits(at);
        let (token, end) = if len == 4
            && self.byte(at + 4) == b'-'
            && digits(at + 5) == 2
            && self.byte(at + 7) == b'-'
            && digits(at + 8) >= 2
        {
            (Token::Date, at + 10)
        } else {
            (Token::Integer, at + len)
        };
        // `90days`, `2024-01`, `2024-01-011`: leave those to tree-sitter.
        let after = self.byte(end);
        if is_word_byte(after) || after == b'-' || after == b'"' || after >= 0x80 {
            return None;
        }
        Some((token, end))
    }

    /// Starts a node; [`Self::close`] sets its end and extent.
    fn open(&mut self, kind: Kind, field: u16, start: usize) -> usize {
        if M::TOKENS {
            self.place_comments(start);
        }
        self.push(kind, true, field, start, start);
        self.nodes.len() - 1
    }

    fn close(&mut self, index: usize) {
        let next = offset(self.nodes.len());
        if let Some(node) = self.nodes.get_mut(index) {
            node.next = next;
        }
    }

    fn close_at(&mut self, index: usize, end: usize) {
        if let Some(node) = self.nodes.get_mut(index) {
            node.end = offset(end);
        }
        self.close(index);
    }

    /// A node without children for the current token.
    fn leaf(&mut self, kind: Kind, field: u16) {
        let (start, end) = (self.start, self.pos);
        let i = self.open(kind, field, start);
        self.close_at(i, end);
    }

    /// `kind name? { … }`
    fn item(&mut self) -> Option<()> {
        if self.token != Token::Word(Word::ItemKind) {
            return None;
        }
        let item = self.open(Kind::Item, 0, self.start);
        self.keyword(Kind::Other, self.ids.kind);
        self.advance()?;
        if self.token == Token::Word(Word::Plain) {
            self.leaf(Kind::Identifier, self.ids.name);
            self.advance()?;
        }
        let end = self.block(self.ids.body)?;
        self.close_at(item, end);
        Some(())
    }

    /// Enters a list or block; `None` (the fast path declines) beyond [`MAX_NESTING`]. A
    /// declined parse ends, so only a completed list or block leaves again.
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_NESTING).then_some(())
    }

    /// `{ field* }`, returning its end.
    fn block(&mut self, field: u16) -> Option<usize> {
        if self.token != Token::OpenBrace {
            return None;
        }
        self.enter()?;
        let block = self.open(Kind::Block, field, self.start);
        self.anonymous(Kind::Other);
        self.advance()?;
        loop {
            match self.token {
                Token::CloseBrace => break,
                Token::Word(Word::Plain) => self.field()?,
                _ => return None,
            }
        }
        let end = self.pos;
        self.anonymous(Kind::CloseBrace);
        self.close_at(block, end);
        self.depth -= 1;
        self.advance()?;
        Some(end)
    }

    /// `key value? block? ;?`
    fn field(&mut self) -> Option<()> {
        let field = self.open(Kind::Field, 0, self.start);
        self.leaf(Kind::Identifier, self.ids.key);
        self.advance()?;
        let mut end = if self.token == Token::OpenBrace {
            self.block(self.ids.body)?
        } else {
            let end = self.value(self.ids.value)?;
            if self.token == Token::OpenBrace {
                self.block(self.ids.body)?
            } else {
                end
            }
        };
        if self.token == Token::Semicolon {
            end = self.pos;
            self.anonymous(Kind::Semicolon);
            self.advance()?;
        }
        self.close_at(field, end);
        Some(())
    }

    /// Any value, returning its end; the next token is read.
    fn value(&mut self, field: u16) -> Option<usize> {
        let end = self.pos;
        let kind = match self.token {
            Token::String => Kind::String,
            Token::TextBlock => Kind::TextBlock,
            Token::Date => Kind::Date,
            Token::Word(Word::True | Word::False) => {
                self.keyword(Kind::Boolean, field);
                self.advance()?;
                return Some(end);
            }
            // Item keywords are not reserved in values (`role processor`).
            Token::Word(Word::Plain | Word::ItemKind) => Kind::Identifier,
            Token::Integer => return self.integer_or_duration(field),
            Token::OpenBracket => return self.list(field),
            _ => return None,
        };
        self.leaf(kind, field);
        self.advance()?;
        Some(end)
    }

    /// `90` or `90 days`.
    fn integer_or_duration(&mut self, field: u16) -> Option<usize> {
        let (start, end) = (self.start, self.pos);
        self.advance()?;
        if self.token != Token::Word(Word::TimeUnit) {
            let i = self.open(Kind::Integer, field, start);
            self.close_at(i, end);
            return Some(end);
        }
        let duration = self.open(Kind::Duration, field, start);
        let amount = self.open(Kind::Integer, self.ids.amount, start);
        self.close_at(amount, end);
        self.keyword(Kind::Other, self.ids.unit);
        let end = self.pos;
        self.close_at(duration, end);
        self.advance()?;
        Some(end)
    }

    /// `[ v, v, … ]`
    fn list(&mut self, field: u16) -> Option<usize> {
        self.enter()?;
        let list = self.open(Kind::List, field, self.start);
        self.anonymous(Kind::OpenBracket);
        self.advance()?;
        while self.token != Token::CloseBracket {
            self.value(self.ids.element)?;
            match self.token {
                Token::Comma => {
                    self.anonymous(Kind::Comma);
                    self.advance()?;
                }
                Token::CloseBracket => {}
                _ => return None,
            }
        }
        let end = self.pos;
        self.anonymous(Kind::CloseBracket);
        self.close_at(list, end);
        self.depth -= 1;
        self.advance()?;
        Some(end)
    }
}
