//! What is at a position: the block and its schema, the key or value under the cursor, the id
//! or reference. Everything here works in byte offsets on the synced workspace.

use ropa_analysis::model::{ItemHeader, Reference};
use ropa_analysis::schema::{self, BlockSchema, KeySpec, Shape};
use ropa_analysis::{File, FileId, Location, Workspace};
use ropa_syntax::tree_sitter::Node;
use ropa_syntax::{ItemKind, TextRange};

/// What kind of block the cursor is in.
#[derive(Clone, Copy, Debug)]
pub enum BlockKind {
    /// A block with a schema (an item body, `avv { … }`, `ai { … }`, `consent { … }` …).
    Schema(&'static BlockSchema),
    /// A language block of a text: `{ de "…" en "…" }`.
    Languages,
    /// Outside any item, or somewhere the schema does not describe.
    Unknown,
}

pub fn node_text<'a>(node: Node, text: &'a str) -> &'a str {
    text.get(node.start_byte()..node.end_byte()).unwrap_or("")
}

/// The smallest node at `offset`, preferring an identifier that ends at the cursor (the user
/// just typed it).
pub fn node_at(file: &File, offset: usize) -> Option<Node<'_>> {
    let root = file.tree().root_node();
    let at = root.descendant_for_byte_range(offset, offset)?;
    if at.kind() != "identifier"
        && offset > 0
        && let Some(before) = root.descendant_for_byte_range(offset - 1, offset - 1)
        && before.kind() == "identifier"
        && before.end_byte() == offset
    {
        return Some(before);
    }
    Some(at)
}

/// The schema of a `block` node.
pub fn block_kind(block: Node, text: &str) -> BlockKind {
    // The schema is at most a few levels deep; deeper nesting (a hostile file with thousands of
    // `{`) is outside it. Collect the fields between the item and this block, outermost first.
    const MAX_DEPTH: usize = 8;
    let mut fields = Vec::new();
    let mut node = block;
    let item = loop {
        let Some(parent) = node.parent() else {
            return BlockKind::Unknown;
        };
        match parent.kind() {
            "item" => break parent,
            "field" => {
                if fields.len() == MAX_DEPTH {
                    return BlockKind::Unknown;
                }
                fields.push(parent);
                match parent.parent().filter(|p| p.kind() == "block") {
                    Some(outer) => node = outer,
                    None => return BlockKind::Unknown,
                }
            }
            _ => return BlockKind::Unknown,
        }
    };
    let Some(kind) = item
        .child_by_field_name("kind")
        .and_then(|k| ItemKind::from_keyword(node_text(k, text)))
    else {
        return BlockKind::Unknown;
    };
    let mut current = BlockKind::Schema(schema::item_schema(kind));
    for field in fields.into_iter().rev() {
        let BlockKind::Schema(outer) = current else {
            return BlockKind::Unknown;
        };
        let Some(spec) = field
            .child_by_field_name("key")
            .and_then(|k| outer.key(node_text(k, text)))
        else {
            return BlockKind::Unknown;
        };
        current = match spec.shape {
            Shape::Block(s) | Shape::NamedBlock(s) => BlockKind::Schema(s),
            Shape::Text | Shape::DurationKeywordOrText(_) => BlockKind::Languages,
            // `retention 10 years { … }` holds parts; `retention { … }` alone its languages too.
            Shape::DurationOrText(parts) if field.child_by_field_name("value").is_some() => {
                BlockKind::Schema(parts)
            }
            Shape::DurationOrText(_) => BlockKind::Languages,
            Shape::KeywordBlock(options) => {
                let word = field
                    .child_by_field_name("value")
                    .map(|v| node_text(v, text))
                    .unwrap_or("");
                match options
                    .iter()
                    .find(|(k, _)| *k == word)
                    .and_then(|(_, s)| *s)
                {
                    Some(s) => BlockKind::Schema(s),
                    None => BlockKind::Unknown,
                }
            }
            _ => BlockKind::Unknown,
        };
    }
    current
}

/// The innermost `block` node whose braces enclose `offset`.
pub fn enclosing_block(file: &File, offset: usize) -> Option<Node<'_>> {
    let node = file
        .tree()
        .root_node()
        .descendant_for_byte_range(offset, offset)?;
    ropa_syntax::ancestors(node).find(|node| {
        node.kind() == "block"
            && node.start_byte() < offset
            && (offset < node.end_byte()
                || node
                    .child(node.child_count().saturating_sub(1))
                    .is_some_and(|c| c.is_missing()))
    })
}

/// The key spec of a `field` node, given its block.
pub fn field_spec(field: Node, text: &str) -> Option<&'static KeySpec> {
    let block = field.parent()?;
    let BlockKind::Schema(s) = block_kind(block, text) else {
        return None;
    };
    s.key(node_text(field.child_by_field_name("key")?, text))
}

/// An id under the cursor: an item's own id or a reference to one.
#[derive(Clone, Debug)]
pub struct Symbol {
    pub kind: ItemKind,
    pub name: String,
    pub range: TextRange,
}

/// The headers of a file's items that ids name (the controller has none to name).
fn headers(file: &File) -> impl Iterator<Item = &ItemHeader> {
    (file.model.headers()).filter(|h| h.kind != ItemKind::Controller)
}

/// Every reference in a file.
pub fn references(file: &File) -> impl Iterator<Item = &Reference> {
    file.model.references()
}

pub fn symbol_at(file: &File, offset: usize) -> Option<Symbol> {
    for h in headers(file) {
        if let Some(id) = &h.id
            && id.range.touches(offset)
        {
            return Some(Symbol {
                kind: h.kind,
                name: id.value.to_string(),
                range: id.range,
            });
        }
    }
    references(file)
        .find(|r| r.range.touches(offset))
        .map(|r| Symbol {
            kind: r.kind,
            name: r.name.to_string(),
            range: r.range,
        })
}

/// The declaration of `kind name` (the first one, as resolution uses).
pub fn definition(ws: &Workspace, kind: ItemKind, name: &str) -> Option<Location> {
    definition_header(ws, kind, name).map(ItemHeader::anchor)
}

/// The header of the declaration of `kind name` (the first one).
pub fn definition_header<'a>(
    ws: &'a Workspace,
    kind: ItemKind,
    name: &str,
) -> Option<&'a ItemHeader> {
    ws.files
        .iter()
        .flat_map(headers)
        .find(|h| h.kind == kind && h.id() == name)
}

/// Every occurrence of `kind name`: the declaration(s) and all references, in path order.
pub fn occurrences(ws: &Workspace, kind: ItemKind, name: &str) -> Vec<(Location, bool)> {
    let mut out = Vec::new();
    for (i, file) in ws.files.iter().enumerate() {
        let fid = FileId(i as u32);
        for h in headers(file) {
            if h.kind == kind && h.id() == name {
                out.push((h.anchor(), true));
            }
        }
        // Also the references of activities the server let go of (their names are in the text).
        for r in file.model.reference_views(&file.text) {
            if r.kind == kind && r.name == name {
                out.push((
                    Location {
                        file: fid,
                        range: r.range,
                    },
                    false,
                ));
            }
        }
    }
    out.sort_by_key(|(l, _)| (l.file, l.range));
    out
}
