//! Semantic tokens (full and delta): keys, ids by kind, legal-basis and other keywords, dates,
//! durations.

use std::collections::HashMap;

use ropa_syntax::tree_sitter::Node;
use ropa_syntax::{ItemKind, TextRange};
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::world::World;
use ropa_ide::cursor::{self as ide, node_text};

const TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::KEYWORD,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::NUMBER,
];
const KEYWORD: u32 = 0;
const PROPERTY: u32 = 1;
const VARIABLE: u32 = 2;
const ENUM_MEMBER: u32 = 3;
const NUMBER: u32 = 4;

const DECLARATION: u32 = 1;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![
            SemanticTokenModifier::DECLARATION,
            SemanticTokenModifier::new("processor"),
            SemanticTokenModifier::new("activity"),
            SemanticTokenModifier::new("category"),
            SemanticTokenModifier::new("subject"),
            SemanticTokenModifier::new("section"),
            SemanticTokenModifier::new("client"),
        ],
    }
}

fn kind_modifier(kind: ItemKind) -> u32 {
    match kind {
        ItemKind::Processor => 1 << 1,
        ItemKind::Activity => 1 << 2,
        ItemKind::Category => 1 << 3,
        ItemKind::Subject => 1 << 4,
        ItemKind::Section => 1 << 5,
        ItemKind::Client => 1 << 6,
        ItemKind::Controller => 0,
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

fn tokens(w: &World, path: &str) -> Option<Vec<SemanticToken>> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let references: HashMap<(usize, usize), ItemKind> = ide::references(file)
        .into_iter()
        .map(|r| ((r.range.start(), r.range.end()), r.kind))
        .collect();
    let mut raw: Vec<(TextRange, u32, u32)> = Vec::new();
    let mut cursor = file.tree().walk();
    // The ancestors of the cursor's node: `Node::parent` walks down from the root, which costs
    // depth² over a deeply nested file.
    let mut parents: Vec<Node> = Vec::new();
    'walk: loop {
        let node = cursor.node();
        let range = TextRange::new(node.start_byte(), node.end_byte());
        let mut descend = true;
        match node.kind() {
            "item_kind" => raw.push((range, KEYWORD, 0)),
            "identifier" => {
                let parent = parents.last().copied();
                let field_name = cursor.field_name();
                match (parent.map(|p| p.kind()), field_name) {
                    (Some("item"), Some("name")) => {
                        let kind = parent
                            .and_then(|p| p.child_by_field_name("kind"))
                            .and_then(|k| ItemKind::from_keyword(node_text(k, &file.text)));
                        raw.push((range, VARIABLE, DECLARATION | kind.map_or(0, kind_modifier)));
                    }
                    (Some("field"), Some("key")) => raw.push((range, PROPERTY, 0)),
                    _ => {
                        if let Some(kind) = references.get(&(range.start(), range.end())) {
                            raw.push((range, VARIABLE, kind_modifier(*kind)));
                        } else if let Some(field) = parent.filter(|p| p.kind() == "field") {
                            let key = field
                                .child_by_field_name("key")
                                .map(|k| node_text(k, &file.text))
                                .unwrap_or("");
                            if KEYWORD_VALUES.contains(&key) {
                                raw.push((range, ENUM_MEMBER, 0));
                            }
                        }
                    }
                }
            }
            "date" | "duration" => {
                raw.push((range, NUMBER, 0));
                descend = false;
            }
            "boolean" => {
                raw.push((range, ENUM_MEMBER, 0));
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
    let mut out = Vec::with_capacity(raw.len());
    let (mut last_line, mut last_col) = (0u32, 0u32);
    for (range, ty, modifiers) in raw {
        let start = convert::position(file, range.start(), w.unit);
        let end = convert::position(file, range.end(), w.unit);
        if start.line != end.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - last_line;
        let delta_start = if delta_line == 0 {
            start.character - last_col
        } else {
            start.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: ty,
            token_modifiers_bitset: modifiers,
        });
        last_line = start.line;
        last_col = start.character;
    }
    Some(out)
}

fn result_id(w: &mut World) -> String {
    w.next_result_id += 1;
    w.next_result_id.to_string()
}

pub fn full(w: &mut World, path: &str) -> Option<SemanticTokens> {
    let data = tokens(w, path)?;
    let id = result_id(w);
    w.semantic_cache
        .insert(path.to_string(), (id.clone(), data.clone()));
    Some(SemanticTokens {
        result_id: Some(id),
        data,
    })
}

pub fn delta(w: &mut World, path: &str, previous: &str) -> Option<SemanticTokensFullDeltaResult> {
    let data = tokens(w, path)?;
    let id = result_id(w);
    let old = w
        .semantic_cache
        .insert(path.to_string(), (id.clone(), data.clone()));
    match old {
        Some((old_id, old_data)) if old_id == previous => {
            // One edit replacing the differing middle; positions count u32s (5 per token).
            let prefix = old_data
                .iter()
                .zip(&data)
                .take_while(|(a, b)| a == b)
                .count();
            let max_suffix = old_data.len().min(data.len()) - prefix;
            let suffix = old_data
                .iter()
                .rev()
                .zip(data.iter().rev())
                .take(max_suffix)
                .take_while(|(a, b)| a == b)
                .count();
            let edits = if prefix == old_data.len() && prefix == data.len() {
                Vec::new()
            } else {
                vec![SemanticTokensEdit {
                    start: (prefix * 5) as u32,
                    delete_count: ((old_data.len() - prefix - suffix) * 5) as u32,
                    data: Some(data[prefix..data.len() - suffix].to_vec()),
                }]
            };
            Some(SemanticTokensFullDeltaResult::TokensDelta(
                SemanticTokensDelta {
                    result_id: Some(id),
                    edits,
                },
            ))
        }
        _ => Some(SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
            result_id: Some(id),
            data,
        })),
    }
}
