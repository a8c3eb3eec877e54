//! Node kinds and field ids by number, looked up once: `Node::kind` costs a `strlen` (and a
//! comparison of names) and `child_by_field_name` a search through the field names on every
//! call, and lowering and formatting ask millions of times.

use std::sync::OnceLock;

use tree_sitter::Node;

/// The node kinds the syntax views and the formatter tell apart. Punctuation counts only as an
/// anonymous node, the rest only as a named one.
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
    CloseBrace,
    Other,
}

/// The kind of a node, from a table by symbol id built once.
pub fn kind(node: Node) -> Kind {
    static KINDS: OnceLock<Vec<Kind>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let language = crate::language();
        (0..language.node_kind_count() as u16)
            .map(|id| {
                let named = language.node_kind_is_named(id);
                match (language.node_kind_for_id(id).unwrap_or(""), named) {
                    ("item", true) => Kind::Item,
                    ("block", true) => Kind::Block,
                    ("field", true) => Kind::Field,
                    ("list", true) => Kind::List,
                    ("duration", true) => Kind::Duration,
                    ("comment", true) => Kind::Comment,
                    ("string", true) => Kind::String,
                    ("text_block", true) => Kind::TextBlock,
                    ("identifier", true) => Kind::Identifier,
                    ("integer", true) => Kind::Integer,
                    ("date", true) => Kind::Date,
                    ("boolean", true) => Kind::Boolean,
                    (";", false) => Kind::Semicolon,
                    (",", false) => Kind::Comma,
                    ("[", false) => Kind::OpenBracket,
                    ("]", false) => Kind::CloseBracket,
                    ("}", false) => Kind::CloseBrace,
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
    pub kind: u16,
    pub name: u16,
    pub body: u16,
    pub key: u16,
    pub value: u16,
    pub element: u16,
    pub amount: u16,
    pub unit: u16,
}

pub fn fields() -> &'static Fields {
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let language = crate::language();
        let id = |name| language.field_id_for_name(name).map_or(0, |id| id.get());
        Fields {
            kind: id("kind"),
            name: id("name"),
            body: id("body"),
            key: id("key"),
            value: id("value"),
            element: id("element"),
            amount: id("amount"),
            unit: id("unit"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind told apart exists in the grammar (a renamed node kind would otherwise silently
    /// become `Other`), and so does every field.
    #[test]
    fn every_kind_and_field_is_found_in_the_grammar() {
        let parse = crate::parse(
            "activity a { s \"x\"; t \"\"\"\n  y\n  \"\"\" i b n 1 d 2024-01-01 r 2 years f true l [a, b] } // c\n",
        );
        let mut found = Vec::new();
        let mut stack = vec![parse.tree.root_node()];
        while let Some(n) = stack.pop() {
            found.push(kind(n));
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        for k in [
            Kind::Item,
            Kind::Block,
            Kind::Field,
            Kind::List,
            Kind::Duration,
            Kind::Comment,
            Kind::String,
            Kind::TextBlock,
            Kind::Identifier,
            Kind::Integer,
            Kind::Date,
            Kind::Boolean,
            Kind::Semicolon,
            Kind::Comma,
            Kind::OpenBracket,
            Kind::CloseBracket,
            Kind::CloseBrace,
        ] {
            assert!(found.contains(&k), "{k:?} not found");
        }
        let f = fields();
        for id in [
            f.kind, f.name, f.body, f.key, f.value, f.element, f.amount, f.unit,
        ] {
            assert_ne!(id, 0);
        }
    }
}
