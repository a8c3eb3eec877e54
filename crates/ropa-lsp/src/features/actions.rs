//! Code actions: the quick fixes of RULES.md attached to findings, `// ropa-ignore` above the
//! item, and `source.fixAll` for the fixes that are safe.

use std::collections::HashMap;

use ropa_analysis::Fix;
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::features::diagnostics::findings_in;
use crate::world::World;

fn workspace_edit(w: &World, fixes: &[&Fix]) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for fix in fixes {
        for e in &fix.edits {
            let file = w.ws.file(e.location.file);
            let Some(uri) = convert::uri(w, &file.path) else {
                continue;
            };
            changes.entry(uri).or_default().push(TextEdit {
                range: convert::range(file, e.location.range, w.unit),
                new_text: e.text.clone(),
            });
        }
    }
    WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

pub fn code_actions(
    w: &mut World,
    path: &str,
    params: CodeActionParams,
) -> Option<CodeActionResponse> {
    let id = w.file_id(path)?;
    let findings = findings_in(w, path);
    let file = w.ws.file(id);
    let wanted = convert::text_range(file, params.range, w.unit);
    let only = params.context.only.unwrap_or_default();
    let wants = |kind: &CodeActionKind| {
        only.is_empty() || only.iter().any(|o| kind.as_str().starts_with(o.as_str()))
    };
    let mut actions = Vec::new();

    if wants(&CodeActionKind::QUICKFIX) {
        for d in findings.iter().filter(|d| {
            d.location.range.touches(wanted.start()) || wanted.touches(d.location.range.start())
        }) {
            let lsp_diag = convert::diagnostic(w, &w.ws, d);
            let suppress = ropa_lint::suppression_fix(&w.ws, d);
            for (fix, preferred) in d
                .fixes
                .iter()
                .map(|f| (f, true))
                .chain(suppress.iter().map(|f| (f, false)))
            {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(workspace_edit(w, &[fix])),
                    is_preferred: Some(preferred && d.fixes.len() == 1),
                    ..Default::default()
                }));
            }
        }
    }
    let fix_all = CodeActionKind::SOURCE_FIX_ALL;
    if !only.is_empty() && wants(&fix_all) {
        // Safe fixes only, and never two that touch the same text.
        let mut chosen: Vec<&Fix> = Vec::new();
        let mut taken: Vec<ropa_analysis::Location> = Vec::new();
        for f in findings
            .iter()
            .flat_map(|d| d.fixes.iter())
            .filter(|f| f.safe)
        {
            let overlaps = f.edits.iter().any(|e| {
                taken.iter().any(|t| {
                    t.file == e.location.file
                        && t.range.start()
                            < e.location.range.end().max(e.location.range.start() + 1)
                        && e.location.range.start() < t.range.end().max(t.range.start() + 1)
                })
            });
            if !overlaps {
                taken.extend(f.edits.iter().map(|e| e.location));
                chosen.push(f);
            }
        }
        if !chosen.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "ropa: apply all safe fixes".into(),
                kind: Some(fix_all),
                edit: Some(workspace_edit(w, &chosen)),
                ..Default::default()
            }));
        }
    }
    Some(actions)
}
