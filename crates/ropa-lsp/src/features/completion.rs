//! Completion: keys valid in the block (missing ones first), values for the key, ids from the
//! whole workspace, and snippets for whole items.

use ropa_analysis::geo;
use ropa_analysis::schema::{BlockSchema, Shape};
use ropa_analysis::taxonomy::{CATEGORIES, SUBJECTS};
use ropa_syntax::ItemKind;
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::ide::{self, BlockKind, node_text};
use crate::world::World;

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    sort: &str,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        sort_text: Some(format!("{sort}{label}")),
        ..Default::default()
    }
}

fn snippet(label: &str, body: &str, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some(detail.to_string()),
        insert_text: Some(body.to_string()),
        insert_text_format: Some(InsertTextFormat::SNIPPET),
        ..Default::default()
    }
}

fn item_snippets() -> Vec<CompletionItem> {
    vec![
        snippet(
            "activity",
            "activity ${1:id} {\n  title       \"${2:Titel}\"\n  purpose     \"${3:Zweck}\"\n  subjects    [${4:customers}]\n  data        [${5:contact}]\n  legal_basis ${6|consent,contract,legal_obligation,legitimate_interest|}\n  retention   ${7:1 year}\n  notice      \"${8:Hinweis für die Datenschutzerklärung}\"\n}\n",
            "a processing activity (Art. 30 GDPR)",
        ),
        snippet(
            "processor",
            "processor ${1:id} {\n  name    \"${2:Name}\"\n  country ${3:DE}\n  avv { signed ${4:2025-01-01}  document \"${5}\" }\n  certifications [${6:iso27001}]\n}\n",
            "a processor with its AVV (Art. 28 GDPR)",
        ),
        snippet(
            "controller",
            "controller {\n  name    \"${1:Firma GmbH}\"\n  address \"${2:Straße 1, 10115 Berlin}\"\n  email   \"${3:datenschutz@example.de}\"\n}\n",
            "the controller (Art. 13(1)(a) GDPR)",
        ),
        snippet(
            "category",
            "category ${1:id} {\n  label \"${2:Bezeichnung}\"\n}\n",
            "a category of personal data",
        ),
        snippet(
            "subject",
            "subject ${1:id} {\n  label \"${2:Bezeichnung}\"\n}\n",
            "a category of data subjects",
        ),
    ]
}

fn keys(schema: &BlockSchema, present: &[String], german: bool) -> Vec<CompletionItem> {
    schema
        .keys
        .iter()
        .map(|k| {
            let taken = present.iter().any(|p| p == k.key);
            let mut c = item(
                k.key,
                CompletionItemKind::PROPERTY,
                Some(if german { k.de } else { k.en }.to_string()),
                if taken { "1" } else { "0" },
            );
            if matches!(k.shape, Shape::Block(_)) {
                c.insert_text = Some(format!("{} {{\n  $0\n}}", k.key));
                c.insert_text_format = Some(InsertTextFormat::SNIPPET);
            }
            c
        })
        .collect()
}

fn ids(w: &World, kind: ItemKind) -> Vec<CompletionItem> {
    let german = w.german;
    let mut out = Vec::new();
    match kind {
        ItemKind::Processor => {
            for (_, p) in w.ws.processors() {
                let detail = format!(
                    "{} ({})",
                    p.name.as_deref().unwrap_or(""),
                    p.country
                        .as_ref()
                        .and_then(|c| c.get())
                        .map_or("?", |c| c.as_str())
                );
                out.push(item(
                    p.header.id(),
                    CompletionItemKind::REFERENCE,
                    Some(detail),
                    "0",
                ));
            }
        }
        ItemKind::Category => {
            for (_, c) in w.ws.categories() {
                let label = c
                    .label
                    .as_ref()
                    .and_then(|t| t.best(if german { "de" } else { "en" }, "de"))
                    .unwrap_or("")
                    .to_string();
                out.push(item(
                    c.header.id(),
                    CompletionItemKind::REFERENCE,
                    Some(label),
                    "0",
                ));
            }
            for c in CATEGORIES {
                out.push(item(
                    c.id,
                    CompletionItemKind::ENUM_MEMBER,
                    Some((if german { c.de } else { c.en }).to_string()),
                    "1",
                ));
            }
        }
        ItemKind::Subject => {
            for (_, s) in w.ws.subjects() {
                let label = s
                    .label
                    .as_ref()
                    .and_then(|t| t.best(if german { "de" } else { "en" }, "de"))
                    .unwrap_or("")
                    .to_string();
                out.push(item(
                    s.header.id(),
                    CompletionItemKind::REFERENCE,
                    Some(label),
                    "0",
                ));
            }
            for s in SUBJECTS {
                out.push(item(
                    s.id,
                    CompletionItemKind::ENUM_MEMBER,
                    Some((if german { s.de } else { s.en }).to_string()),
                    "1",
                ));
            }
        }
        _ => {}
    }
    out
}

fn values(w: &World, shape: Shape) -> Vec<CompletionItem> {
    let words = |ws: &[&str]| {
        ws.iter()
            .map(|x| item(x, CompletionItemKind::ENUM_MEMBER, None, "0"))
            .collect::<Vec<_>>()
    };
    match shape {
        Shape::Keyword(list) => words(list),
        Shape::KeywordBlock(options) => options
            .iter()
            .map(|(x, _)| item(x, CompletionItemKind::ENUM_MEMBER, None, "0"))
            .collect(),
        Shape::Bool => words(&["true", "false"]),
        Shape::Country => geo::country_codes()
            .map(|c| {
                let (sort, detail) = if geo::is_eea(c) {
                    ("0", "EEA")
                } else if geo::adequacy(c).is_some() {
                    ("1", "adequacy decision")
                } else {
                    ("2", "third country")
                };
                item(
                    c,
                    CompletionItemKind::CONSTANT,
                    Some(detail.to_string()),
                    sort,
                )
            })
            .collect(),
        Shape::Ref(k) | Shape::RefList(k) => ids(w, k),
        Shape::IdentList => words(&["iso27001", "iso27701", "soc2", "c5", "tisax"]),
        _ => Vec::new(),
    }
}

pub fn completion(w: &mut World, path: &str, pos: Position) -> Option<CompletionResponse> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let offset = convert::offset(file, pos, w.unit);
    let Some(block) = ide::enclosing_block(file, offset) else {
        return Some(CompletionResponse::Array(item_snippets()));
    };
    let kind = ide::block_kind(block, &file.text);
    // The text of the current line before the cursor, after the last `{` or `;`.
    let line_start = file
        .text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let prefix = file.text.get(line_start..offset).unwrap_or("");
    let segment = prefix.rsplit(['{', ';']).next().unwrap_or("");
    let list_open = segment.rfind('[').filter(|&i| !segment[i..].contains(']'));
    let words: Vec<&str> = segment.split_whitespace().collect();
    let at_word_end = !prefix.ends_with(char::is_whitespace);
    let key_position = words.is_empty() || (words.len() == 1 && at_word_end && list_open.is_none());
    let BlockKind::Schema(schema) = kind else {
        if matches!(kind, BlockKind::Languages) && key_position {
            let langs = w
                .config
                .languages
                .iter()
                .map(|l| item(l, CompletionItemKind::PROPERTY, None, "0"))
                .collect();
            return Some(CompletionResponse::Array(langs));
        }
        return None;
    };
    if key_position {
        let present: Vec<String> = {
            let mut cursor = block.walk();
            block
                .named_children(&mut cursor)
                .filter(|n| n.kind() == "field")
                .filter_map(|f| f.child_by_field_name("key"))
                .map(|k| node_text(k, &file.text).to_string())
                .collect()
        };
        return Some(CompletionResponse::Array(keys(schema, &present, w.german)));
    }
    let key = words.first()?.trim_end_matches('[');
    let spec = schema.key(key)?;
    Some(CompletionResponse::Array(values(w, spec.shape)))
}
