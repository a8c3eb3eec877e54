//! Go to definition, references, document highlight, rename — across files.

use ropa_analysis::{Edit, FileId, Location, taxonomy};
use ropa_syntax::{ItemKind, TextRange};

use crate::Analysis;
use crate::cursor::{self, Symbol};

/// Where an id is declared: the whole item, and its id (or keyword) to put the cursor on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NavigationTarget {
    pub file: FileId,
    /// The whole item.
    pub range: TextRange,
    /// The item's id (its keyword when it has none).
    pub focus_range: TextRange,
}

/// An occurrence of an id in the file asked about: written (its declaration) or read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub range: TextRange,
    pub declaration: bool,
}

/// Why an id cannot be renamed (as the user is told).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameError(pub String);

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn symbol(w: &Analysis, id: FileId, offset: usize) -> Option<Symbol> {
    cursor::symbol_at(w.file(id)?, offset)
}

impl Analysis<'_> {
    /// The declaration of the id at `offset` (the first one, as resolution uses).
    pub fn definition(&self, file: FileId, offset: usize) -> Option<NavigationTarget> {
        let s = symbol(self, file, offset)?;
        let header = cursor::definition_header(self.ws, s.kind, &s.name)?;
        let focus = header.anchor();
        Some(NavigationTarget {
            file: focus.file,
            range: header.range,
            focus_range: focus.range,
        })
    }

    /// Every occurrence of the id at `offset` in the workspace, in path order; its declarations
    /// only if `include_declaration`.
    pub fn references(
        &self,
        file: FileId,
        offset: usize,
        include_declaration: bool,
    ) -> Option<Vec<Location>> {
        let s = symbol(self, file, offset)?;
        let locations = cursor::occurrences(self.ws, s.kind, &s.name)
            .into_iter()
            .filter(|(_, is_def)| include_declaration || !is_def)
            .map(|(l, _)| l)
            .collect();
        Some(locations)
    }

    /// The occurrences in `file` of the id at `offset`.
    pub fn highlight(&self, file: FileId, offset: usize) -> Option<Vec<Highlight>> {
        let s = symbol(self, file, offset)?;
        let highlights = cursor::occurrences(self.ws, s.kind, &s.name)
            .into_iter()
            .filter(|(l, _)| l.file == file)
            .map(|(l, is_def)| Highlight {
                range: l.range,
                declaration: is_def,
            })
            .collect();
        Some(highlights)
    }

    /// The id at `offset` and its range, if it can be renamed.
    pub fn prepare_rename(
        &self,
        file: FileId,
        offset: usize,
    ) -> Result<Option<(TextRange, String)>, RenameError> {
        prepare_rename(self, file, offset)
    }

    /// The edits that rename the id at `offset` to `new_name`: every occurrence in the
    /// workspace. `Ok(None)` when there is no id there or the name stays the same.
    pub fn rename(
        &self,
        file: FileId,
        offset: usize,
        new_name: &str,
    ) -> Result<Option<Vec<Edit>>, RenameError> {
        rename(self, file, offset, new_name)
    }
}

fn is_builtin(kind: ItemKind, name: &str) -> bool {
    match kind {
        ItemKind::Category => taxonomy::builtin_category(name).is_some(),
        ItemKind::Subject => taxonomy::builtin_subject(name).is_some(),
        _ => false,
    }
}

/// A built-in category or subject cannot be renamed: it is no declaration of the record.
fn refuse_builtin(s: &Symbol) -> Result<(), RenameError> {
    if is_builtin(s.kind, &s.name) {
        return Err(RenameError(format!(
            "`{}` is a built-in {}; it cannot be renamed",
            s.name,
            s.kind.keyword()
        )));
    }
    Ok(())
}

fn prepare_rename(
    w: &Analysis,
    id: FileId,
    offset: usize,
) -> Result<Option<(TextRange, String)>, RenameError> {
    let Some(s) = symbol(w, id, offset) else {
        return Ok(None);
    };
    refuse_builtin(&s)?;
    if cursor::definition(w.ws, s.kind, &s.name).is_none() {
        return Err(RenameError(format!(
            "`{}` is not defined, so there is nothing to rename",
            s.name
        )));
    }
    Ok(Some((s.range, s.name)))
}

/// The words the grammar reserves, which cannot be ids: every item keyword (`section` and
/// `client` too) and the booleans.
fn is_reserved(name: &str) -> bool {
    ItemKind::from_keyword(name).is_some() || name == "true" || name == "false"
}

fn valid_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn rename(
    w: &Analysis,
    id: FileId,
    offset: usize,
    new_name: &str,
) -> Result<Option<Vec<Edit>>, RenameError> {
    let Some(s) = symbol(w, id, offset) else {
        return Ok(None);
    };
    refuse_builtin(&s)?;
    if !valid_identifier(new_name) {
        return Err(RenameError(format!(
            "`{new_name}` is not a valid id: use ASCII letters, digits and `_`, starting with a letter or `_`"
        )));
    }
    if is_reserved(new_name) {
        return Err(RenameError(format!(
            "`{new_name}` is a keyword of the language and cannot be an id"
        )));
    }
    if new_name == s.name {
        return Ok(None);
    }
    if is_builtin(s.kind, new_name) || cursor::definition(w.ws, s.kind, new_name).is_some() {
        return Err(RenameError(format!(
            "a {} named `{new_name}` already exists; choose another name",
            s.kind.keyword()
        )));
    }
    let edits = cursor::occurrences(w.ws, s.kind, &s.name)
        .into_iter()
        .map(|(location, _)| Edit {
            location,
            text: new_name.to_string(),
        })
        .collect();
    Ok(Some(edits))
}
