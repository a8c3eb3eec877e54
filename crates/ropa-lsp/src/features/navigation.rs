//! Go to definition, references, document highlight, rename — across files.

use std::collections::HashMap;

use ropa_analysis::taxonomy;
use ropa_syntax::ItemKind;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::world::World;
use ropa_ide::cursor::{self as ide, Symbol};

fn symbol(w: &World, path: &str, pos: Position) -> Option<Symbol> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    ide::symbol_at(file, convert::offset(file, pos, w.unit))
}

pub fn definition(w: &mut World, path: &str, pos: Position) -> Option<Location> {
    let s = symbol(w, path, pos)?;
    let loc = ide::definition(&w.ws, s.kind, &s.name)?;
    convert::location(w, loc)
}

pub fn references(
    w: &mut World,
    path: &str,
    pos: Position,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let s = symbol(w, path, pos)?;
    let locations = ide::occurrences(&w.ws, s.kind, &s.name)
        .into_iter()
        .filter(|(_, is_def)| include_declaration || !is_def)
        .filter_map(|(l, _)| convert::location(w, l))
        .collect();
    Some(locations)
}

pub fn highlight(w: &mut World, path: &str, pos: Position) -> Option<Vec<DocumentHighlight>> {
    let s = symbol(w, path, pos)?;
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let highlights = ide::occurrences(&w.ws, s.kind, &s.name)
        .into_iter()
        .filter(|(l, _)| l.file == id)
        .map(|(l, is_def)| DocumentHighlight {
            range: convert::range(file, l.range, w.unit),
            kind: Some(if is_def {
                DocumentHighlightKind::WRITE
            } else {
                DocumentHighlightKind::READ
            }),
        })
        .collect();
    Some(highlights)
}

fn is_builtin(kind: ItemKind, name: &str) -> bool {
    match kind {
        ItemKind::Category => taxonomy::builtin_category(name).is_some(),
        ItemKind::Subject => taxonomy::builtin_subject(name).is_some(),
        _ => false,
    }
}

pub fn prepare_rename(
    w: &mut World,
    path: &str,
    pos: Position,
) -> Result<Option<PrepareRenameResponse>> {
    let Some(s) = symbol(w, path, pos) else {
        return Ok(None);
    };
    if is_builtin(s.kind, &s.name) {
        return Err(Error::invalid_params(format!(
            "`{}` is a built-in {}; it cannot be renamed",
            s.name,
            s.kind.keyword()
        )));
    }
    if ide::definition(&w.ws, s.kind, &s.name).is_none() {
        return Err(Error::invalid_params(format!(
            "`{}` is not defined, so there is nothing to rename",
            s.name
        )));
    }
    let Some(id) = w.file_id(path) else {
        return Ok(None);
    };
    let file = w.ws.file(id);
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::range(file, s.range, w.unit),
        placeholder: s.name,
    }))
}

const RESERVED: &[&str] = &[
    "controller",
    "processor",
    "activity",
    "category",
    "subject",
    "true",
    "false",
];

fn valid_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub fn rename(
    w: &mut World,
    path: &str,
    pos: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>> {
    let Some(s) = symbol(w, path, pos) else {
        return Ok(None);
    };
    if is_builtin(s.kind, &s.name) {
        return Err(Error::invalid_params(format!(
            "`{}` is a built-in {}; it cannot be renamed",
            s.name,
            s.kind.keyword()
        )));
    }
    if !valid_identifier(new_name) {
        return Err(Error::invalid_params(format!(
            "`{new_name}` is not a valid id: use ASCII letters, digits and `_`, starting with a letter or `_`"
        )));
    }
    if RESERVED.contains(&new_name) {
        return Err(Error::invalid_params(format!(
            "`{new_name}` is a keyword of the language and cannot be an id"
        )));
    }
    if new_name == s.name {
        return Ok(None);
    }
    if is_builtin(s.kind, new_name) || ide::definition(&w.ws, s.kind, new_name).is_some() {
        return Err(Error::invalid_params(format!(
            "a {} named `{new_name}` already exists; choose another name",
            s.kind.keyword()
        )));
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (loc, _) in ide::occurrences(&w.ws, s.kind, &s.name) {
        let Some(l) = convert::location(w, loc) else {
            continue;
        };
        changes.entry(l.uri).or_default().push(TextEdit {
            range: l.range,
            new_text: new_name.to_string(),
        });
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }))
}
