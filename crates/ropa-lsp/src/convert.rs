//! Between byte offsets and LSP positions, and between the analysis' findings and LSP types.

use ropa_analysis::{Diagnostic, File, Location, Severity, Workspace};
use ropa_syntax::{ColumnUnit, LineCol, TextRange};

use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    NumberOrString, Position, Range, Uri,
};

use std::collections::HashMap;
use std::sync::OnceLock;

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
