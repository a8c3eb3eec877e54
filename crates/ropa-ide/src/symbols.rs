//! Document outline and workspace-wide symbol search.

use ropa_analysis::model::ItemHeader;
use ropa_analysis::{FileId, Location};
use ropa_syntax::{Field, ItemKind, SourceFile, TextRange};

use crate::Analysis;

/// What an entry of the outline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Item(ItemKind),
    /// A field of an item or of one of its blocks.
    Field,
}

/// An entry of a file's outline: an item with its fields, or a field with the fields of its
/// block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole item or field.
    pub range: TextRange,
    /// Its name: the item's id (its keyword when it has none), the field's key.
    pub focus_range: TextRange,
    pub children: Vec<Symbol>,
}

/// An item found by a workspace-wide symbol search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: ItemKind,
    pub location: Location,
    /// The item's title, label or name.
    pub container: Option<String>,
}

/// How deep the outline goes (the schema needs three levels; each level nests twice in the JSON
/// answer, and clients' parsers limit nesting, often to 128).
const MAX_OUTLINE_DEPTH: usize = 16;

/// The fields of a block, with the fields of their own blocks (`avv { signed … }`) as children,
/// down to [`MAX_OUTLINE_DEPTH`] levels (the outline of hostile nesting stops there).
fn field_symbols(fields: &[Field], depth: usize) -> Vec<Symbol> {
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
                .map(|b| field_symbols(&b.fields(), depth + 1))
                .unwrap_or_default();
            Some(Symbol {
                name: key.text().to_string(),
                detail,
                kind: SymbolKind::Field,
                range: f.range(),
                focus_range: key.range(),
                children,
            })
        })
        .collect()
}

impl Analysis<'_> {
    /// The outline of `file`: its items, each with its fields.
    pub fn document_symbols(&self, file: FileId) -> Option<Vec<Symbol>> {
        document_symbols(self, file)
    }

    /// The items of the workspace whose id (or else title) matches `query`, best first (at
    /// most 1000).
    pub fn workspace_symbols(&self, query: &str) -> Vec<WorkspaceSymbol> {
        workspace_symbols(self, query)
    }
}

fn document_symbols(w: &Analysis, id: FileId) -> Option<Vec<Symbol>> {
    let file = w.file(id)?;
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
            .map(|b| field_symbols(&b.fields(), 1))
            .unwrap_or_default();
        out.push(Symbol {
            name,
            detail: Some(kind.keyword().to_string()),
            kind: SymbolKind::Item(kind),
            range: item.range(),
            focus_range: selection,
            children,
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

fn workspace_symbols(w: &Analysis, query: &str) -> Vec<WorkspaceSymbol> {
    let mut out = Vec::new();
    let lang = if w.settings.german { "de" } else { "en" };
    let mut push = |h: &ItemHeader, title: Option<&str>| {
        let id = h.id();
        let Some(score) = score(query, id, title) else {
            return;
        };
        out.push((
            score,
            WorkspaceSymbol {
                name: id.to_string(),
                kind: h.kind,
                location: Location {
                    file: h.file,
                    range: TextRange::new(h.range.start(), h.range.end()),
                },
                container: title.map(str::to_string),
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
