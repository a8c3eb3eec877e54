//! One function per request: the client's position becomes a file and a byte offset, `ropa-ide`
//! answers, and the answer becomes the protocol's types (`convert`). Semantic-token deltas are
//! worked out here: the last tokens sent are protocol state, kept by the world.

use ropa_analysis::{File, FileId};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::world::World;

/// The file of a workspace path and the byte offset of a client position in it.
fn at<'w>(w: &'w World, path: &str, pos: Position) -> Option<(FileId, &'w File, usize)> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    Some((id, file, convert::offset(file, pos, w.unit)))
}

/// The file of a workspace path.
fn file<'w>(w: &'w World, path: &str) -> Option<(FileId, &'w File)> {
    let id = w.file_id(path)?;
    Some((id, w.ws.file(id)))
}

pub fn hover(w: &mut World, path: &str, pos: Position) -> Option<Hover> {
    let (id, file, offset) = at(w, path, pos)?;
    let hover = convert::analysis(w).hover(id, offset)?;
    Some(convert::hover(file, hover, w.unit))
}

pub fn completion(w: &mut World, path: &str, pos: Position) -> Option<CompletionResponse> {
    let (id, _, offset) = at(w, path, pos)?;
    let items = convert::analysis(w).completions(id, offset)?;
    Some(CompletionResponse::Array(
        items.into_iter().map(convert::completion_item).collect(),
    ))
}

pub fn definition(w: &mut World, path: &str, pos: Position) -> Option<Location> {
    let (id, _, offset) = at(w, path, pos)?;
    let target = convert::analysis(w).definition(id, offset)?;
    convert::navigation_target(w, target)
}

pub fn references(
    w: &mut World,
    path: &str,
    pos: Position,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let (id, _, offset) = at(w, path, pos)?;
    let locations = convert::analysis(w).references(id, offset, include_declaration)?;
    Some(
        locations
            .into_iter()
            .filter_map(|l| convert::location(w, l))
            .collect(),
    )
}

pub fn highlight(w: &mut World, path: &str, pos: Position) -> Option<Vec<DocumentHighlight>> {
    let (id, file, offset) = at(w, path, pos)?;
    let highlights = convert::analysis(w).highlight(id, offset)?;
    Some(
        highlights
            .into_iter()
            .map(|h| convert::highlight(file, h, w.unit))
            .collect(),
    )
}

fn rename_error(e: ropa_ide::RenameError) -> Error {
    Error::invalid_params(e.0)
}

pub fn prepare_rename(
    w: &mut World,
    path: &str,
    pos: Position,
) -> Result<Option<PrepareRenameResponse>> {
    let Some((id, file, offset)) = at(w, path, pos) else {
        return Ok(None);
    };
    let answer = convert::analysis(w)
        .prepare_rename(id, offset)
        .map_err(rename_error)?;
    Ok(answer.map(
        |(range, placeholder)| PrepareRenameResponse::RangeWithPlaceholder {
            range: convert::range(file, range, w.unit),
            placeholder,
        },
    ))
}

pub fn rename(
    w: &mut World,
    path: &str,
    pos: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>> {
    let Some((id, _, offset)) = at(w, path, pos) else {
        return Ok(None);
    };
    let edits = convert::analysis(w)
        .rename(id, offset, new_name)
        .map_err(rename_error)?;
    Ok(edits.map(|edits| convert::workspace_edit(w, &edits)))
}

pub fn code_actions(
    w: &mut World,
    path: &str,
    params: CodeActionParams,
) -> Option<CodeActionResponse> {
    let findings = crate::features::diagnostics::findings_in(w, path);
    let (id, file) = file(w, path)?;
    let wanted = convert::text_range(file, params.range, w.unit);
    let only = params.context.only.unwrap_or_default();
    let wants = |kind: &CodeActionKind| {
        only.is_empty() || only.iter().any(|o| kind.as_str().starts_with(o.as_str()))
    };
    let kinds = ropa_ide::AssistKinds {
        quick_fixes: wants(&CodeActionKind::QUICKFIX),
        // Only when asked for by name: not among the fixes of a position.
        fix_all: !only.is_empty() && wants(&CodeActionKind::SOURCE_FIX_ALL),
    };
    let assists = convert::analysis(w).assists(id, wanted, kinds, &findings);
    Some(
        assists
            .into_iter()
            .map(|a| convert::code_action(w, a))
            .collect(),
    )
}

pub fn format(w: &mut World, path: &str, range: Option<Range>) -> Result<Option<Vec<TextEdit>>> {
    let Some((id, file)) = file(w, path) else {
        return Ok(None);
    };
    let range = range.map(|r| convert::text_range(file, r, w.unit));
    let edits = convert::analysis(w).format(id, range).map_err(|message| {
        let mut err = Error::invalid_request();
        err.message = message.into();
        err
    })?;
    Ok(edits.map(|edits| {
        edits
            .into_iter()
            .map(|e| convert::text_edit(file, e, w.unit))
            .collect()
    }))
}

pub fn document_symbols(w: &mut World, path: &str) -> Option<Vec<DocumentSymbol>> {
    let (id, file) = file(w, path)?;
    let symbols = convert::analysis(w).document_symbols(id)?;
    Some(
        symbols
            .into_iter()
            .map(|s| convert::document_symbol(file, s, w.unit))
            .collect(),
    )
}

pub fn workspace_symbols(w: &mut World, query: &str) -> Vec<SymbolInformation> {
    let symbols = convert::analysis(w).workspace_symbols(query);
    symbols
        .into_iter()
        .filter_map(|s| convert::workspace_symbol(w, s))
        .collect()
}

pub fn folding_ranges(w: &mut World, path: &str) -> Option<Vec<FoldingRange>> {
    let (id, _) = file(w, path)?;
    let folds = convert::analysis(w).folding_ranges(id)?;
    Some(folds.into_iter().map(convert::fold).collect())
}

pub fn selection_ranges(
    w: &mut World,
    path: &str,
    positions: &[Position],
) -> Option<Vec<SelectionRange>> {
    let (id, file) = file(w, path)?;
    let offsets: Vec<usize> = positions
        .iter()
        .map(|&p| convert::offset(file, p, w.unit))
        .collect();
    let ranges = convert::analysis(w).selection_ranges(id, &offsets)?;
    Some(
        ranges
            .into_iter()
            .zip(positions)
            .map(|(ranges, &p)| convert::selection_range(file, ranges, p, w.unit))
            .collect(),
    )
}

pub fn inlay_hints(w: &mut World, path: &str, range: Range) -> Option<Vec<InlayHint>> {
    let (id, file) = file(w, path)?;
    let wanted = convert::text_range(file, range, w.unit);
    let hints = convert::analysis(w).inlay_hints(id, wanted)?;
    Some(
        hints
            .into_iter()
            .map(|h| convert::inlay_hint(file, h, w.unit))
            .collect(),
    )
}

pub fn code_lenses(w: &mut World, path: &str) -> Option<Vec<CodeLens>> {
    let (id, file) = file(w, path)?;
    let lenses = convert::analysis(w).code_lenses(id)?;
    Some(
        lenses
            .into_iter()
            .map(|l| convert::code_lens(file, l, w.unit))
            .collect(),
    )
}

/// The tokens of a file in the protocol's encoding.
fn tokens(w: &World, path: &str) -> Option<Vec<SemanticToken>> {
    let (id, file) = file(w, path)?;
    let tokens = convert::analysis(w).semantic_tokens(id)?;
    Some(convert::semantic_tokens(file, tokens, w.unit))
}

fn result_id(w: &mut World) -> String {
    w.next_result_id += 1;
    w.next_result_id.to_string()
}

pub fn semantic_tokens_full(w: &mut World, path: &str) -> Option<SemanticTokens> {
    let data = tokens(w, path)?;
    let id = result_id(w);
    w.semantic_cache
        .insert(path.to_string(), (id.clone(), data.clone()));
    Some(SemanticTokens {
        result_id: Some(id),
        data,
    })
}

pub fn semantic_tokens_delta(
    w: &mut World,
    path: &str,
    previous: &str,
) -> Option<SemanticTokensFullDeltaResult> {
    let data = tokens(w, path)?;
    let id = result_id(w);
    let old = w
        .semantic_cache
        .insert(path.to_string(), (id.clone(), data.clone()));
    match old {
        Some((old_id, old_data)) if old_id == previous => {
            // One edit replacing the differing middle; positions count u32s (5 per token).
            let prefix = ropa_analysis::common_prefix(&old_data, &data);
            let max_suffix = old_data.len().min(data.len()) - prefix;
            let suffix = ropa_analysis::common_suffix(&old_data, &data, max_suffix);
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
