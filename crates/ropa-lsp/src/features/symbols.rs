//! Document outline and workspace-wide symbol search.

use ropa_analysis::model::ItemHeader;
use ropa_syntax::{ItemKind, SourceFile, TextRange};
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::world::World;

fn symbol_kind(kind: ItemKind) -> SymbolKind {
    match kind {
        ItemKind::Controller => SymbolKind::NAMESPACE,
        ItemKind::Processor => SymbolKind::CLASS,
        ItemKind::Activity => SymbolKind::FUNCTION,
        ItemKind::Category => SymbolKind::ENUM,
        ItemKind::Subject => SymbolKind::INTERFACE,
    }
}

#[allow(deprecated)]
pub fn document_symbols(w: &mut World, path: &str) -> Option<Vec<DocumentSymbol>> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let source = SourceFile::new(&file.parse.tree, &file.text);
    let mut out = Vec::new();
    for item in source.items() {
        let Some(kind) = item.kind() else { continue };
        let name = item
            .name()
            .map_or_else(|| kind.keyword().to_string(), |n| n.text().to_string());
        let selection = item.name().map_or(item.keyword_range(), |n| n.range());
        let children: Vec<DocumentSymbol> = item
            .body()
            .map(|b| b.fields())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| {
                let key = f.key()?;
                let detail = f.value().map(|v| {
                    v.source()
                        .lines()
                        .next()
                        .unwrap_or("")
                        .chars()
                        .take(60)
                        .collect::<String>()
                });
                Some(DocumentSymbol {
                    name: key.text().to_string(),
                    detail,
                    kind: SymbolKind::PROPERTY,
                    tags: None,
                    deprecated: None,
                    range: convert::range(file, f.range(), w.unit),
                    selection_range: convert::range(file, key.range(), w.unit),
                    children: None,
                })
            })
            .collect();
        out.push(DocumentSymbol {
            name,
            detail: Some(kind.keyword().to_string()),
            kind: symbol_kind(kind),
            tags: None,
            deprecated: None,
            range: convert::range(file, item.range(), w.unit),
            selection_range: convert::range(file, selection, w.unit),
            children: Some(children),
        });
    }
    Some(out)
}

/// Fuzzy: every character of the query appears in order (case-insensitive).
fn matches(query: &str, candidate: &str) -> bool {
    let mut chars = candidate.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .flat_map(char::to_lowercase)
        .all(|q| chars.any(|c| c == q))
}

#[allow(deprecated)]
pub fn workspace_symbols(w: &mut World, query: &str) -> Vec<SymbolInformation> {
    let mut out = Vec::new();
    let lang = if w.german { "de" } else { "en" };
    let mut push = |h: &ItemHeader, title: Option<&str>| {
        let id = h.id();
        if !(matches(query, id) || title.is_some_and(|t| matches(query, t))) {
            return;
        }
        let Some(loc) = convert::location(
            w,
            ropa_analysis::Location {
                file: h.file,
                range: TextRange::new(h.range.start, h.range.end),
            },
        ) else {
            return;
        };
        out.push(SymbolInformation {
            name: id.to_string(),
            kind: symbol_kind(h.kind),
            tags: None,
            deprecated: None,
            location: loc,
            container_name: title.map(str::to_string),
        });
    };
    for (_, p) in w.ws.processors() {
        push(&p.header, p.name.as_deref());
    }
    for (_, a) in w.ws.activities() {
        push(&a.header, a.title.as_ref().and_then(|t| t.best(lang, "de")));
    }
    for (_, c) in w.ws.categories() {
        push(&c.header, c.label.as_ref().and_then(|t| t.best(lang, "de")));
    }
    for (_, s) in w.ws.subjects() {
        push(&s.header, s.label.as_ref().and_then(|t| t.best(lang, "de")));
    }
    out.truncate(1000);
    out
}
