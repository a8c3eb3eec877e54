//! Node kinds and field ids by number: `Node::kind` costs a `strlen` and a UTF-8 check, and
//! `child_by_field_name` a search through the field names, on every call.

use std::sync::OnceLock;

use ropa_syntax::tree_sitter::Node;

/// The node kinds the formatter tells apart. Punctuation counts only as an anonymous node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Item,
    Block,
    Field,
    List,
    Duration,
    Comment,
    String,
    TextBlock,
    Identifier,
    Integer,
    Date,
    Boolean,
    Semicolon,
    Comma,
    OpenBracket,
    CloseBracket,
    Other,
}

/// The kind of a node, from a table by symbol id built once.
pub fn kind(node: Node) -> Kind {
    static KINDS: OnceLock<Vec<Kind>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let language = ropa_syntax::language();
        (0..language.node_kind_count() as u16)
            .map(|id| {
                let named = language.node_kind_is_named(id);
                match (language.node_kind_for_id(id).unwrap_or(""), named) {
                    ("item", _) => Kind::Item,
                    ("block", _) => Kind::Block,
                    ("field", _) => Kind::Field,
                    ("list", _) => Kind::List,
                    ("duration", _) => Kind::Duration,
                    ("comment", _) => Kind::Comment,
                    ("string", _) => Kind::String,
                    ("text_block", _) => Kind::TextBlock,
                    ("identifier", _) => Kind::Identifier,
                    ("integer", _) => Kind::Integer,
                    ("date", _) => Kind::Date,
                    ("boolean", _) => Kind::Boolean,
                    (";", false) => Kind::Semicolon,
                    (",", false) => Kind::Comma,
                    ("[", false) => Kind::OpenBracket,
                    ("]", false) => Kind::CloseBracket,
                    _ => Kind::Other,
                }
            })
            .collect()
    });
    kinds
        .get(node.kind_id() as usize)
        .copied()
        .unwrap_or(Kind::Other)
}

/// The grammar's field ids (0, which no child has, for a name the grammar lacks).
pub struct Fields {
    pub key: u16,
    pub value: u16,
    pub body: u16,
    pub amount: u16,
    pub unit: u16,
}

pub fn fields() -> &'static Fields {
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let language = ropa_syntax::language();
        let id = |name| language.field_id_for_name(name).map_or(0, |id| id.get());
        Fields {
            key: id("key"),
            value: id("value"),
            body: id("body"),
            amount: id("amount"),
            unit: id("unit"),
        }
    })
}
