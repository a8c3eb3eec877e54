//! Semantic tokens: keys, ids by kind, legal-basis and other keywords, dates, durations (in byte
//! ranges; the protocol's relative encoding and its deltas are the server's).

use std::collections::HashMap;

use ropa_analysis::FileId;
use ropa_syntax::tree_sitter::Node;
use ropa_syntax::{ItemKind, TextRange};

use crate::Analysis;
use crate::cursor::{self, node_text};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An item keyword (`activity`).
    Keyword,
    /// A key (`legal_basis`).
    Property,
    /// An id: an item's own (a declaration) or a reference.
    Variable,
    /// A keyword value (`consent`, `DE`) or a boolean.
    EnumMember,
    /// A date or a duration.
    Number,
}

/// A token to colour: a byte range of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: TextRange,
    pub kind: TokenKind,
    /// An item's own id.
    pub declaration: bool,
    /// The kind of item an id names.
    pub item: Option<ItemKind>,
}

impl Analysis<'_> {
    /// The tokens of `file` in order: keys, ids by kind, keyword values, dates, durations.
    pub fn semantic_tokens(&self, file: FileId) -> Option<Vec<SemanticToken>> {
        tokens(self, file)
    }
}

fn token(range: TextRange, kind: TokenKind) -> SemanticToken {
    SemanticToken {
        range,
        kind,
        declaration: false,
        item: None,
    }
}

/// Keys whose identifier values are keywords rather than references.
const KEYWORD_VALUES: &[&str] = &[
    "legal_basis",
    "special_basis",
    "role",
    "transfer",
    "collection",
    "scale",
    "country",
    "place",
];

fn tokens(w: &Analysis, id: FileId) -> Option<Vec<SemanticToken>> {
    let file = w.file(id)?;
    let references: HashMap<(usize, usize), ItemKind> = cursor::references(file)
        .map(|r| ((r.range.start(), r.range.end()), r.kind))
        .collect();
    let mut raw: Vec<SemanticToken> = Vec::new();
    let mut cursor = file.tree().walk();
    // The ancestors of the cursor's node: `Node::parent` walks down from the root, which costs
    // depth² over a deeply nested file.
    let mut parents: Vec<Node> = Vec::new();
    'walk: loop {
        let node = cursor.node();
        let range = TextRange::new(node.start_byte(), node.end_byte());
        let mut descend = true;
        match node.kind() {
            "item_kind" => raw.push(token(range, TokenKind::Keyword)),
            "identifier" => {
                let parent = parents.last().copied();
                let field_name = cursor.field_name();
                match (parent.map(|p| p.kind()), field_name) {
                    (Some("item"), Some("name")) => {
                        let kind = parent
                            .and_then(|p| p.child_by_field_name("kind"))
                            .and_then(|k| ItemKind::from_keyword(node_text(k, &file.text)));
                        raw.push(SemanticToken {
                            declaration: true,
                            item: kind,
                            ..token(range, TokenKind::Variable)
                        });
                    }
                    (Some("field"), Some("key")) => raw.push(token(range, TokenKind::Property)),
                    _ => {
                        if let Some(kind) = references.get(&(range.start(), range.end())) {
                            raw.push(SemanticToken {
                                item: Some(*kind),
                                ..token(range, TokenKind::Variable)
                            });
                        } else if let Some(field) = parent.filter(|p| p.kind() == "field") {
                            let key = field
                                .child_by_field_name("key")
                                .map(|k| node_text(k, &file.text))
                                .unwrap_or("");
                            if KEYWORD_VALUES.contains(&key) {
                                raw.push(token(range, TokenKind::EnumMember));
                            }
                        }
                    }
                }
            }
            "date" | "duration" => {
                raw.push(token(range, TokenKind::Number));
                descend = false;
            }
            "boolean" => {
                raw.push(token(range, TokenKind::EnumMember));
                descend = false;
            }
            "string" | "text_block" | "comment" => descend = false,
            _ => {}
        }
        if descend && cursor.goto_first_child() {
            parents.push(node);
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
            parents.pop();
        }
    }
    Some(raw)
}
