//! Between byte offsets and LSP positions, and from the analysis' findings and the IDE layer's
//! answers (`ropa-ide`) to LSP types: the one place that knows both.

use ropa_analysis::{Diagnostic, Edit, File, Location, Severity, Workspace};
use ropa_syntax::{ColumnUnit, ItemKind, LineCol, TextRange};
use serde_json::json;

use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    NumberOrString, Position, Range, Uri,
};

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::features::commands::GENERATE_POLICY;
use crate::world::World;

pub fn position(file: &File, offset: usize, unit: ColumnUnit) -> Position {
    let lc = file.line_index().line_col(&file.text, offset, unit);
    Position {
        line: lc.line,
        character: lc.col,
    }
}

pub fn range(file: &File, r: TextRange, unit: ColumnUnit) -> Range {
    Range {
        start: position(file, r.start(), unit),
        end: position(file, r.end(), unit),
    }
}

/// The byte offset of a client position; out-of-range positions are clamped.
pub fn offset(file: &File, p: Position, unit: ColumnUnit) -> usize {
    file.line_index().offset(
        &file.text,
        LineCol {
            line: p.line,
            col: p.character,
        },
        unit,
    )
}

pub fn text_range(file: &File, r: Range, unit: ColumnUnit) -> TextRange {
    let start = offset(file, r.start, unit);
    let end = offset(file, r.end, unit).max(start);
    TextRange::new(start, end)
}

pub fn uri(world: &World, path: &str) -> Option<Uri> {
    Uri::from_file_path(world.file_path(path))
}

pub fn location(world: &World, loc: Location) -> Option<lsp::Location> {
    let file = world.ws.file(loc.file);
    Some(lsp::Location {
        uri: world.file_uri(loc.file)?,
        range: range(file, loc.range, world.unit),
    })
}

/// The documentation page of a rule, parsed once per rule.
fn doc_uri(rule: &'static str) -> Option<Uri> {
    static URIS: OnceLock<HashMap<&'static str, Uri>> = OnceLock::new();
    let uris = URIS.get_or_init(|| {
        ropa_lint::RULES
            .iter()
            .filter_map(|r| Some((r.name, ropa_lint::doc_url(r.name).parse().ok()?)))
            .collect()
    });
    match uris.get(rule) {
        Some(uri) => Some(uri.clone()),
        None => ropa_lint::doc_url(rule).parse().ok(),
    }
}

pub fn diagnostic(world: &World, ws: &Workspace, d: &Diagnostic) -> lsp::Diagnostic {
    let file = ws.file(d.location.file);
    let rule = ropa_lint::rule(d.rule);
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: location(world, r.location)?,
                message: r.message.clone(),
            })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(reference) = rule.map(|r| r.reference).filter(|r| !r.is_empty()) {
        message.push_str(&format!(" ({reference})"));
    }
    lsp::Diagnostic {
        range: range(file, d.location.range, world.unit),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: doc_uri(d.rule).map(|href| CodeDescription { href }),
        source: Some("ropa".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: d.unnecessary.then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

/// The IDE layer's answers over the analysed workspace, with the client's settings.
pub fn analysis(world: &World) -> ropa_ide::Analysis<'_> {
    ropa_ide::Analysis::new(
        &world.ws,
        ropa_ide::Settings {
            german: world.german,
            snippets: world.snippets,
            config: &world.config,
            today: world.today,
        },
    )
}

pub fn hover(file: &File, hover: ropa_ide::Hover, unit: ColumnUnit) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: hover.markdown,
        }),
        range: Some(range(file, hover.range, unit)),
    }
}

/// Where the cursor goes: the declaration's id.
pub fn navigation_target(
    world: &World,
    target: ropa_ide::NavigationTarget,
) -> Option<lsp::Location> {
    let focus = Location {
        file: target.file,
        range: target.focus_range,
    };
    location(world, focus)
}

pub fn highlight(file: &File, h: ropa_ide::Highlight, unit: ColumnUnit) -> lsp::DocumentHighlight {
    lsp::DocumentHighlight {
        range: range(file, h.range, unit),
        kind: Some(if h.declaration {
            lsp::DocumentHighlightKind::WRITE
        } else {
            lsp::DocumentHighlightKind::READ
        }),
    }
}

/// Edits anywhere in the workspace, by the URI of their file (files without one are left out).
pub fn workspace_edit(world: &World, edits: &[Edit]) -> lsp::WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::new();
    for e in edits {
        let Some(l) = location(world, e.location) else {
            continue;
        };
        changes.entry(l.uri).or_default().push(lsp::TextEdit {
            range: l.range,
            new_text: e.text.clone(),
        });
    }
    lsp::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

pub fn text_edit(file: &File, e: ropa_ide::TextEdit, unit: ColumnUnit) -> lsp::TextEdit {
    lsp::TextEdit {
        range: range(file, e.range, unit),
        new_text: e.text,
    }
}

pub fn completion_item(item: ropa_ide::CompletionItem) -> lsp::CompletionItem {
    use ropa_ide::{CompletionKind, Insert};
    let kind = match item.kind {
        CompletionKind::Property => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::Reference => lsp::CompletionItemKind::REFERENCE,
        CompletionKind::EnumMember => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Constant => lsp::CompletionItemKind::CONSTANT,
        CompletionKind::Snippet => lsp::CompletionItemKind::SNIPPET,
    };
    let (insert_text, insert_text_format) = match item.insert {
        None => (None, None),
        Some(Insert::Plain(text)) => (Some(text), Some(lsp::InsertTextFormat::PLAIN_TEXT)),
        Some(Insert::Snippet(text)) => (Some(text), Some(lsp::InsertTextFormat::SNIPPET)),
    };
    lsp::CompletionItem {
        label: item.label,
        kind: Some(kind),
        detail: item.detail,
        sort_text: item.sort_text,
        insert_text,
        insert_text_format,
        ..Default::default()
    }
}

fn symbol_kind(kind: ItemKind) -> lsp::SymbolKind {
    match kind {
        ItemKind::Controller => lsp::SymbolKind::NAMESPACE,
        ItemKind::Processor => lsp::SymbolKind::CLASS,
        ItemKind::Activity => lsp::SymbolKind::FUNCTION,
        ItemKind::Category => lsp::SymbolKind::ENUM,
        ItemKind::Subject => lsp::SymbolKind::INTERFACE,
        ItemKind::Section => lsp::SymbolKind::STRING,
        ItemKind::Client => lsp::SymbolKind::STRUCT,
    }
}

/// An entry of the outline: an item always lists its children (maybe none), a field only when it
/// has some.
#[allow(deprecated)]
pub fn document_symbol(file: &File, s: ropa_ide::Symbol, unit: ColumnUnit) -> lsp::DocumentSymbol {
    let children: Vec<lsp::DocumentSymbol> = s
        .children
        .into_iter()
        .map(|c| document_symbol(file, c, unit))
        .collect();
    let (kind, children) = match s.kind {
        ropa_ide::SymbolKind::Item(kind) => (symbol_kind(kind), Some(children)),
        ropa_ide::SymbolKind::Field => (
            lsp::SymbolKind::PROPERTY,
            (!children.is_empty()).then_some(children),
        ),
    };
    lsp::DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind,
        tags: None,
        deprecated: None,
        range: range(file, s.range, unit),
        selection_range: range(file, s.focus_range, unit),
        children,
    }
}

#[allow(deprecated)]
pub fn workspace_symbol(
    world: &World,
    s: ropa_ide::WorkspaceSymbol,
) -> Option<lsp::SymbolInformation> {
    Some(lsp::SymbolInformation {
        name: s.name,
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        location: location(world, s.location)?,
        container_name: s.container,
    })
}

pub fn fold(f: ropa_ide::Fold) -> lsp::FoldingRange {
    lsp::FoldingRange {
        start_line: f.start_line,
        end_line: f.end_line,
        kind: Some(match f.kind {
            ropa_ide::FoldKind::Region => lsp::FoldingRangeKind::Region,
            ropa_ide::FoldKind::Comment => lsp::FoldingRangeKind::Comment,
        }),
        ..Default::default()
    }
}

/// Ranges innermost first as the nested answer the protocol wants (the outermost at the root);
/// none: the position itself.
pub fn selection_range(
    file: &File,
    ranges: Vec<TextRange>,
    at: Position,
    unit: ColumnUnit,
) -> lsp::SelectionRange {
    let mut current: Option<lsp::SelectionRange> = None;
    for r in ranges.into_iter().rev() {
        current = Some(lsp::SelectionRange {
            range: range(file, r, unit),
            parent: current.map(Box::new),
        });
    }
    current.unwrap_or(lsp::SelectionRange {
        range: Range { start: at, end: at },
        parent: None,
    })
}

pub fn inlay_hint(file: &File, h: ropa_ide::InlayHint, unit: ColumnUnit) -> lsp::InlayHint {
    lsp::InlayHint {
        position: position(file, h.offset, unit),
        label: lsp::InlayHintLabel::String(h.label),
        kind: None,
        text_edits: None,
        tooltip: None,
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

pub fn code_lens(file: &File, lens: ropa_ide::CodeLens, unit: ColumnUnit) -> lsp::CodeLens {
    let (command, arguments) = match lens.action {
        Some(ropa_ide::LensAction::PreviewPolicy { lang, activity }) => (
            GENERATE_POLICY.to_string(),
            Some(vec![
                json!({ "lang": lang, "format": "md", "activity": activity }),
            ]),
        ),
        None => (String::new(), None),
    };
    lsp::CodeLens {
        range: range(file, lens.range, unit),
        command: Some(lsp::Command {
            title: lens.title,
            command,
            arguments,
        }),
        data: None,
    }
}

pub fn code_action(world: &World, assist: ropa_ide::Assist) -> lsp::CodeActionOrCommand {
    let (kind, preferred) = match assist.kind {
        ropa_ide::AssistKind::QuickFix => (lsp::CodeActionKind::QUICKFIX, Some(assist.preferred)),
        ropa_ide::AssistKind::FixAll => (lsp::CodeActionKind::SOURCE_FIX_ALL, None),
    };
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: assist.title,
        kind: Some(kind),
        diagnostics: (assist.diagnostic.as_ref()).map(|d| vec![diagnostic(world, &world.ws, d)]),
        edit: Some(workspace_edit(world, &assist.edits)),
        is_preferred: preferred,
        ..Default::default()
    })
}

/// The token types of the legend, in the order of their indices.
const TOKEN_TYPES: &[(ropa_ide::TokenKind, lsp::SemanticTokenType)] = &[
    (
        ropa_ide::TokenKind::Keyword,
        lsp::SemanticTokenType::KEYWORD,
    ),
    (
        ropa_ide::TokenKind::Property,
        lsp::SemanticTokenType::PROPERTY,
    ),
    (
        ropa_ide::TokenKind::Variable,
        lsp::SemanticTokenType::VARIABLE,
    ),
    (
        ropa_ide::TokenKind::EnumMember,
        lsp::SemanticTokenType::ENUM_MEMBER,
    ),
    (ropa_ide::TokenKind::Number, lsp::SemanticTokenType::NUMBER),
];

const DECLARATION: u32 = 1;

pub fn legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend {
        token_types: TOKEN_TYPES.iter().map(|(_, t)| t.clone()).collect(),
        token_modifiers: vec![
            lsp::SemanticTokenModifier::DECLARATION,
            lsp::SemanticTokenModifier::new("processor"),
            lsp::SemanticTokenModifier::new("activity"),
            lsp::SemanticTokenModifier::new("category"),
            lsp::SemanticTokenModifier::new("subject"),
            lsp::SemanticTokenModifier::new("section"),
            lsp::SemanticTokenModifier::new("client"),
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

fn token_type(kind: ropa_ide::TokenKind) -> u32 {
    TOKEN_TYPES
        .iter()
        .position(|(k, _)| *k == kind)
        .map_or(0, |i| i as u32)
}

/// Tokens in the protocol's relative encoding; a token over several lines (or empty) is left
/// out, as the protocol has no such tokens.
pub fn semantic_tokens(
    file: &File,
    tokens: Vec<ropa_ide::SemanticToken>,
    unit: ColumnUnit,
) -> Vec<lsp::SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut last_line, mut last_col) = (0u32, 0u32);
    for token in tokens {
        let start = position(file, token.range.start(), unit);
        let end = position(file, token.range.end(), unit);
        if start.line != end.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - last_line;
        let delta_start = if delta_line == 0 {
            start.character - last_col
        } else {
            start.character
        };
        let declaration = if token.declaration { DECLARATION } else { 0 };
        out.push(lsp::SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: token_type(token.kind),
            token_modifiers_bitset: declaration | token.item.map_or(0, kind_modifier),
        });
        last_line = start.line;
        last_col = start.character;
    }
    out
}
