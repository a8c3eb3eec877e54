//! Document outline and workspace-wide symbol search.

use ropa_analysis::model::ItemHeader;
use ropa_syntax::{Field, ItemKind, SourceFile, TextRange};
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
        ItemKind::Section => SymbolKind::STRING,
        ItemKind::Client => SymbolKind::STRUCT,
    }
}

/// How deep the outline goes (the schema needs three levels; each level nests twice in the JSON
/// answer, and clients' parsers limit nesting, often to 128).
const MAX_OUTLINE_DEPTH: usize = 16;

/// The fields of a block, with the fields of their own blocks (`avv { signed … }`) as children,
/// down to [`MAX_OUTLINE_DEPTH`] levels (the outline of hostile nesting stops there).
#[allow(deprecated)]
fn field_symbols(
    w: &World,
    file: &ropa_analysis::File,
    fields: &[Field],
    depth: usize,
) -> Vec<DocumentSymbol> {
    if depth > MAX_OUTLINE_DEPTH {
        return Vec::new();
    }
    fields
        .iter()
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
            let children = f
                .body()
                .map(|b| field_symbols(w, file, &b.fields(), depth + 1))
                .filter(|c| !c.is_empty());
            Some(DocumentSymbol {
                name: key.text().to_string(),
                detail,
                kind: SymbolKind::PROPERTY,
                tags: None,
                deprecated: None,
                range: convert::range(file, f.range(), w.unit),
                selection_range: convert::range(file, key.range(), w.unit),
                children,
            })
        })
        .collect()
}

#[allow(deprecated)]
pub fn document_symbols(w: &mut World, path: &str) -> Option<Vec<DocumentSymbol>> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let source = SourceFile::new(file.tree(), &file.text);
    let mut out = Vec::new();
    for item in source.items() {
        let Some(kind) = item.kind() else { continue };
        let name = item
            .name()
            .map_or_else(|| kind.keyword().to_string(), |n| n.text().to_string());
        let selection = item.name().map_or(item.keyword_range(), |n| n.range());
        let children = item
            .body()
            .map(|b| field_symbols(w, file, &b.fields(), 1))
            .unwrap_or_default();
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

/// How well `query` matches an id and a title (lower is better), or `None`: a prefix of the id,
/// then a substring of it, then a fuzzy match of it, then the same for the title.
fn score(query: &str, id: &str, title: Option<&str>) -> Option<u8> {
    let query = query.to_lowercase();
    let rank = |candidate: &str| {
        let lower = candidate.to_lowercase();
        if lower.starts_with(&query) {
            Some(0)
        } else if lower.contains(&query) {
            Some(1)
        } else if matches(&query, candidate) {
            Some(2)
        } else {
            None
        }
    };
    rank(id).or_else(|| title.and_then(rank).map(|r| r + 3))
}

#[allow(deprecated)]
pub fn workspace_symbols(w: &mut World, query: &str) -> Vec<SymbolInformation> {
    let mut out = Vec::new();
    let lang = if w.german { "de" } else { "en" };
    let mut push = |h: &ItemHeader, title: Option<&str>| {
        let id = h.id();
        let Some(score) = score(query, id, title) else {
            return;
        };
        let Some(loc) = convert::location(
            w,
            ropa_analysis::Location {
                file: h.file,
                range: TextRange::new(h.range.start(), h.range.end()),
            },
        ) else {
            return;
        };
        out.push((
            score,
            SymbolInformation {
                name: id.to_string(),
                kind: symbol_kind(h.kind),
                tags: None,
                deprecated: None,
                location: loc,
                container_name: title.map(str::to_string),
            },
        ));
    };
    for (_, p) in w.ws.processors() {
        push(&p.header, p.name.as_deref());
    }
    // Also the activities of closed files, which the server keeps only in outline.
    for a in w.ws.files.iter().flat_map(|f| f.model.activity_views()) {
        push(a.header(), a.title().and_then(|t| t.best(lang, "de")));
    }
    for (_, c) in w.ws.categories() {
        push(&c.header, c.label.as_ref().and_then(|t| t.best(lang, "de")));
    }
    for (_, s) in w.ws.subjects() {
        push(&s.header, s.label.as_ref().and_then(|t| t.best(lang, "de")));
    }
    for s in w.ws.sections() {
        push(&s.header, s.title.as_ref().and_then(|t| t.best(lang, "de")));
    }
    for c in w.ws.clients() {
        push(&c.header, c.name.as_deref());
    }
    // Stable: equally good matches stay in workspace order.
    out.sort_by_key(|(score, _)| *score);
    out.truncate(1000);
    out.into_iter().map(|(_, s)| s).collect()
}
