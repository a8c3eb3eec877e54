//! The workspace: every file's text, tree, line index and model, plus name resolution across
//! files. No IO: the caller hands in paths and contents.

use rayon::prelude::*;
use ropa_syntax::tree_sitter::Tree;
use ropa_syntax::{ItemKind, LineIndex, Parse, SourceFile, TextRange};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::suggest;
use crate::model::*;
use crate::taxonomy::{self, CATEGORIES, SUBJECTS};
use crate::{Diagnostic, Edit, FileId, Fix, Location, Severity};

/// One file of the workspace.
#[derive(Clone, Debug)]
pub struct File {
    /// Path relative to the workspace root (or as given), with `/` separators.
    pub path: String,
    pub text: String,
    /// The syntax tree: kept from parsing, or — for a file read by the fast path or whose tree
    /// was dropped ([`Workspace::from_files_without_trees`]) — parsed again on first use.
    tree: std::sync::OnceLock<Tree>,
    /// Built on first use: `ropa check` needs it only for files with findings.
    pub(crate) line_index: std::sync::OnceLock<LineIndex>,
    pub model: FileModel,
    /// Syntax and schema findings of this file alone.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether `model` holds every item of the text: not for a file read but not lowered
    /// ([`File::unlowered`]) nor one whose activities a check let go of ([`Workspace::let_go`]).
    whole: bool,
}

impl File {
    /// Parses and lowers one file. `bytes` that are not UTF-8 give a `syntax-error` finding and an
    /// empty model.
    pub fn new(id: FileId, path: String, bytes: &[u8]) -> File {
        match ropa_syntax::decode(bytes) {
            Ok(text) => Self::from_text(id, path, text.to_string()),
            Err(err) => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                // The text shown is the lossy decoding: the valid prefix is unchanged and the bad
                // byte became U+FFFD, so point at that character.
                let start = err.range.start().min(text.len());
                let end = (start + char::REPLACEMENT_CHARACTER.len_utf8()).min(text.len());
                let diagnostics = vec![Diagnostic::new(
                    "syntax-error",
                    Severity::Error,
                    Location {
                        file: id,
                        range: TextRange::new(start, end),
                    },
                    err.message,
                )];
                File {
                    line_index: std::sync::OnceLock::new(),
                    path,
                    text,
                    // The model is empty: so is the tree the editor features see.
                    tree: std::sync::OnceLock::from(ropa_syntax::parse("").tree),
                    model: FileModel::default(),
                    diagnostics,
                    whole: true,
                }
            }
        }
    }

    pub fn from_text(id: FileId, path: String, text: String) -> File {
        let parse = ropa_syntax::parse(&text);
        Self::from_parse(id, path, text, parse)
    }

    /// Parses and lowers one file for a one-shot command that keeps no syntax tree: an
    /// error-free file is read by the fast path ([`ropa_syntax::parse_flat`]), any other by
    /// tree-sitter, whose tree is then dropped. The same model and findings as [`File::new`].
    pub fn without_tree(id: FileId, path: String, bytes: Vec<u8>) -> File {
        match String::from_utf8(bytes) {
            Ok(text) => Self::without_tree_from_text(id, path, text),
            Err(e) => Self::new(id, path, e.as_bytes()),
        }
    }

    /// [`File::without_tree`] of text already known to be UTF-8.
    pub fn without_tree_from_text(id: FileId, path: String, text: String) -> File {
        let Some(flat) = ropa_syntax::parse_flat(&text) else {
            let mut file = Self::from_text(id, path, text);
            file.drop_tree();
            return file;
        };
        let mut diagnostics = Vec::new();
        let source = SourceFile::flat(&flat, &text);
        let model = crate::lower::Lowerer::new(id, &text, &mut diagnostics).lower_file(source);
        if needs_unit_repair(&diagnostics, &text).is_some() {
            // Maybe a misplaced unit (`3 Monate notice { … }`): read as tree-sitter reads it.
            let mut file = Self::from_text(id, path, text);
            file.drop_tree();
            return file;
        }
        File {
            line_index: std::sync::OnceLock::new(),
            path,
            text,
            tree: std::sync::OnceLock::new(),
            model,
            diagnostics,
            whole: true,
        }
    }

    /// A file read but not lowered: its model stays empty until [`Workspace::lower_files`]
    /// lowers it (a check a batch of files at a time).
    pub fn unlowered(path: String, text: String) -> File {
        File {
            line_index: std::sync::OnceLock::new(),
            path,
            text,
            tree: std::sync::OnceLock::new(),
            model: FileModel::default(),
            diagnostics: Vec::new(),
            whole: false,
        }
    }

    /// Lowers an already parsed file (the language server parses incrementally).
    pub fn from_parse(id: FileId, path: String, text: String, parse: Parse) -> File {
        Self::lower(id, path, text, parse, None)
    }

    /// Lowers a new version of `old` (the same file, with the same id), taking over the items
    /// an edit did not touch: the same result as [`File::from_parse`], faster for small edits
    /// in large files. The items are moved out of `old`, which is left without a model and
    /// findings (it is about to be replaced).
    pub fn from_parse_reusing(
        id: FileId,
        path: String,
        text: String,
        parse: Parse,
        old: &mut File,
    ) -> File {
        let mut reuse = crate::reuse::Reuse::new(old, &text);
        Self::lower(id, path, text, parse, Some(&mut reuse))
    }

    fn lower(
        id: FileId,
        path: String,
        text: String,
        parse: Parse,
        reuse: Option<&mut crate::reuse::Reuse>,
    ) -> File {
        let (mut model, mut diagnostics, mut line_index) =
            Self::lower_tree(id, &text, &parse, reuse);
        // `retention 3 Monate`: the word is read as the key of a field that swallows the next
        // one — an unknown field, often a syntax error after it. Then the file is lowered again
        // as if the word were not there (it is reported once, at the value). Rare: from scratch.
        if let Some(at) = needs_unit_repair(&diagnostics, &text)
            && let Some(blanked) = crate::units::without_misplaced_units(&parse.tree, &text, &at)
        {
            (model, diagnostics, line_index) =
                Self::lower_tree(id, &text, &ropa_syntax::parse(&blanked), None);
        }
        File {
            line_index,
            path,
            text,
            tree: std::sync::OnceLock::from(parse.tree),
            model,
            diagnostics,
            whole: true,
        }
    }

    /// Lowers `text` as `parse` reads it: the model, the findings (syntax errors first) and the
    /// line index, if the reuse brought one.
    fn lower_tree(
        id: FileId,
        text: &str,
        parse: &Parse,
        reuse: Option<&mut crate::reuse::Reuse>,
    ) -> (FileModel, Vec<Diagnostic>, std::sync::OnceLock<LineIndex>) {
        let mut diagnostics: Vec<Diagnostic> = parse
            .errors
            .iter()
            .map(|e| {
                Diagnostic::new(
                    "syntax-error",
                    Severity::Error,
                    Location {
                        file: id,
                        range: e.range,
                    },
                    e.message.clone(),
                )
            })
            .collect();
        let source = SourceFile::new(&parse.tree, text);
        let line_index = std::sync::OnceLock::new();
        let mut lowerer = crate::lower::Lowerer::new(id, text, &mut diagnostics);
        if let Some(reuse) = reuse {
            if let Some(index) = reuse.line_index(text) {
                let _ = line_index.set(index);
            }
            lowerer = lowerer.reusing(reuse);
        }
        let model = lowerer.lower_file(source);
        (model, diagnostics, line_index)
    }

    /// Lines and columns of the text.
    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The syntax tree, parsed now if it was not kept (the same text gives the same tree).
    pub fn tree(&self) -> &Tree {
        self.tree
            .get_or_init(|| ropa_syntax::parse(&self.text).tree)
    }

    /// Whether the tree is in memory.
    pub fn has_tree(&self) -> bool {
        self.tree.get().is_some()
    }

    /// Frees the line index; [`Self::line_index`] builds it again if asked.
    pub fn drop_line_index(&mut self) {
        self.line_index = std::sync::OnceLock::new();
    }

    /// Whether the model holds every item of the text (see the field).
    pub fn is_whole(&self) -> bool {
        self.whole
    }

    /// Frees the tree (most of a file's memory); [`Self::tree`] parses again if asked.
    pub fn drop_tree(&mut self) {
        self.tree = std::sync::OnceLock::new();
    }
}

/// Whether lowering found what a misplaced unit of time causes (see `units.rs`): a syntax
/// error, or an unknown field whose key follows an integer on its line (`retention 3 Monate`
/// reads `Monate` as a key); `Some` with the places of those unknown fields (the items to
/// search). Not any unknown field: a key being typed is one on every other keystroke.
fn needs_unit_repair(diagnostics: &[Diagnostic], text: &str) -> Option<Vec<usize>> {
    let mut syntax_error = false;
    let mut at = Vec::new();
    for d in diagnostics {
        match d.rule {
            "syntax-error" => syntax_error = true,
            "unknown-field" if crate::units::follows_an_integer(text, d.location.range.start()) => {
                at.push(d.location.range.start())
            }
            _ => {}
        }
    }
    (syntax_error || !at.is_empty()).then_some(at)
}

/// All files of one workspace, resolved against each other.
#[derive(Debug, Default)]
pub struct Workspace {
    pub files: Vec<File>,
    /// Findings of resolution (`duplicate-definition`, `unresolved-reference`,
    /// `unused-definition`).
    pub resolution: Vec<Diagnostic>,
    /// The first definition of each id, from the last resolution.
    names: Names,
    /// The outline of each file [`Workspace::replace_files`] replaced, as of that edit: the
    /// next edit of the file compares with it instead of building it again (a file's text
    /// changes only there).
    outlines: FxHashMap<FileId, Option<String>>,
}

/// Which files' findings an update may have changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// Only those of these files: the edits stayed inside them.
    Files(std::collections::BTreeSet<FileId>),
    /// Any file's: an edit changed what other files resolve to.
    Everything,
}

/// Where a definition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Definition {
    Processor(Id<Processor>),
    Activity(Id<Activity>),
    Category(CategoryRef),
    Subject(SubjectRef),
}

impl Workspace {
    /// Builds a workspace from `(path, bytes)` pairs, parsing and lowering the files in parallel.
    /// Files keep the given order; callers pass them sorted by path.
    pub fn from_files(files: Vec<(String, Vec<u8>)>) -> Workspace {
        let files: Vec<File> = files
            .into_par_iter()
            .enumerate()
            .map(|(i, (path, bytes))| File::new(FileId(i as u32), path, &bytes))
            .collect();
        Self::resolved(files)
    }

    /// Like [`Workspace::from_files`], without keeping syntax trees (error-free files are read
    /// by the fast path, the others' trees dropped once lowered): the trees are most of the
    /// memory, and a one-shot `ropa check` needs only the model. [`File::tree`] parses a file
    /// again if something reads its syntax (a baseline's item paths).
    pub fn from_files_without_trees(files: Vec<(String, Vec<u8>)>) -> Workspace {
        let files: Vec<File> = files
            .into_par_iter()
            .enumerate()
            .map(|(i, (path, bytes))| File::without_tree(FileId(i as u32), path, bytes))
            .collect();
        Self::resolved(files)
    }

    /// A workspace of lowered files, resolved.
    pub fn resolved(files: Vec<File>) -> Workspace {
        let mut ws = Workspace {
            files,
            resolution: Vec::new(),
            names: Names::default(),
            outlines: FxHashMap::default(),
        };
        ws.resolve();
        ws
    }

    pub fn file(&self, id: FileId) -> &File {
        &self.files[id.index()]
    }

    pub fn processor(&self, r: Id<Processor>) -> &Processor {
        &self.files[r.file.index()].model.processors[r.index as usize]
    }

    pub fn category(&self, r: Id<CategoryDef>) -> &CategoryDef {
        &self.files[r.file.index()].model.categories[r.index as usize]
    }

    pub fn subject(&self, r: Id<SubjectDef>) -> &SubjectDef {
        &self.files[r.file.index()].model.subjects[r.index as usize]
    }

    pub fn activity(&self, r: Id<Activity>) -> &Activity {
        &self.files[r.file.index()].model.activities[r.index as usize]
    }

    pub fn controllers(&self) -> impl Iterator<Item = &Controller> {
        self.files.iter().flat_map(|f| &f.model.controllers)
    }

    /// The controller: the first one declared (a second is `duplicate-definition`).
    pub fn controller(&self) -> Option<&Controller> {
        self.controllers().next()
    }

    /// Every item of one kind (`of` picks it from a file's model), with its id, in path order.
    fn items<'a, T: 'a>(
        &'a self,
        of: fn(&FileModel) -> &[T],
    ) -> impl Iterator<Item = (Id<T>, &'a T)> + 'a {
        self.files.iter().enumerate().flat_map(move |(f, file)| {
            (of(&file.model).iter().enumerate())
                .map(move |(i, item)| (Id::new(FileId(f as u32), i as u32), item))
        })
    }

    pub fn processors(&self) -> impl Iterator<Item = (Id<Processor>, &Processor)> {
        self.items(|m| m.processors.as_slice())
    }

    pub fn activities(&self) -> impl Iterator<Item = (Id<Activity>, &Activity)> {
        self.items(|m| m.activities.as_slice())
    }

    pub fn categories(&self) -> impl Iterator<Item = (Id<CategoryDef>, &CategoryDef)> {
        self.items(|m| m.categories.as_slice())
    }

    pub fn subjects(&self) -> impl Iterator<Item = (Id<SubjectDef>, &SubjectDef)> {
        self.items(|m| m.subjects.as_slice())
    }

    /// The `section` items, in file order (files by path, items by position).
    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.files.iter().flat_map(|f| &f.model.sections)
    }

    /// The `client` items, in file order (files by path, items by position).
    pub fn clients(&self) -> impl Iterator<Item = &Client> {
        self.files.iter().flat_map(|f| &f.model.clients)
    }

    /// Whether a category is special (Art. 9(1)).
    pub fn is_special(&self, r: CategoryRef) -> bool {
        match r {
            CategoryRef::Builtin(b) => b.special,
            CategoryRef::Declared(d) => self.category(d).special,
        }
    }

    /// Whether a category is Art. 10 data.
    pub fn is_criminal(&self, r: CategoryRef) -> bool {
        match r {
            CategoryRef::Builtin(b) => b.criminal,
            CategoryRef::Declared(d) => self.category(d).criminal,
        }
    }

    /// The header of the item a definition points at (`None` for built-ins).
    pub fn header(&self, d: Definition) -> Option<&ItemHeader> {
        match d {
            Definition::Processor(r) => Some(&self.processor(r).header),
            Definition::Activity(r) => Some(&self.activity(r).header),
            Definition::Category(CategoryRef::Declared(r)) => Some(&self.category(r).header),
            Definition::Subject(SubjectRef::Declared(r)) => Some(&self.subject(r).header),
            _ => None,
        }
    }

    /// Resolves every reference, reporting ids defined twice, names that name nothing and
    /// definitions nothing uses. The one way resolution runs: the index of the names the files
    /// declare ([`Self::declare_names`]), every file's references resolved against it
    /// ([`Self::resolve_files`]), then what is unused. [`Self::replace_files`] takes a shortcut
    /// that gives the same result.
    pub fn resolve(&mut self) {
        let mut diags = Vec::new();
        self.names = self.declare_names(&mut diags);
        let all: Vec<FileId> = (0..self.files.len()).map(|i| FileId(i as u32)).collect();
        let (used, found) = self.resolve_files(&all);
        diags.extend(found);
        self.unused(&used, &mut diags);
        sort_findings(&mut diags);
        self.resolution = diags;
    }

    /// The first definition of each id the files declare; ids defined twice, a second
    /// controller, and declared ids that are built in go to `diags`.
    fn declare_names(&self, diags: &mut Vec<Diagnostic>) -> Names {
        let mut names = Names::default();
        let mut first_controller: Option<Location> = None;
        for (f, file) in self.files.iter().enumerate() {
            let fid = FileId(f as u32);
            for c in &file.model.controllers {
                match first_controller {
                    None => first_controller = Some(c.header.anchor()),
                    Some(first) => diags.push(duplicate(
                        &c.header,
                        "a `controller`",
                        first,
                        "the first `controller` is declared here",
                    )),
                }
            }
            let m = &file.model;
            let ws = self;
            declare(
                ws,
                &mut names.processors,
                fid,
                m.processors.iter().map(|p| &p.header),
                diags,
            );
            declare(ws, &mut names.activities, fid, m.activity_headers(), diags);
            declare(
                ws,
                &mut names.categories,
                fid,
                m.categories.iter().map(|c| &c.header),
                diags,
            );
            declare(
                ws,
                &mut names.subjects,
                fid,
                m.subjects.iter().map(|s| &s.header),
                diags,
            );
            declare(
                ws,
                &mut names.sections,
                fid,
                m.sections.iter().map(|s| &s.header),
                diags,
            );
            declare(
                ws,
                &mut names.clients,
                fid,
                m.clients.iter().map(|c| &c.header),
                diags,
            );
        }

        names
    }

    /// Reports the definitions no reference in `used` resolved to (only the first definition
    /// of an id counts).
    fn unused(&self, used: &UsedDefinitions, diags: &mut Vec<Diagnostic>) {
        let names = &self.names;
        let firsts = (names.processors.values())
            .map(|r| (r.file, r.index, ItemKind::Processor, DefId::Processor(*r)))
            .chain(
                names
                    .categories
                    .values()
                    .map(|r| (r.file, r.index, ItemKind::Category, DefId::Category(*r))),
            )
            .chain(
                names
                    .subjects
                    .values()
                    .map(|r| (r.file, r.index, ItemKind::Subject, DefId::Subject(*r))),
            );
        for (file, index, kind, def) in firsts {
            if used.contains(&def) {
                continue;
            }
            let Some(h) = self.files[file.index()].model_header(kind, index) else {
                continue;
            };
            let what = match kind {
                ItemKind::Processor => {
                    "no activity or processor uses it; remove it or reference it"
                }
                ItemKind::Category => "no activity lists it in `data`; remove it or use it",
                _ => "no activity lists it in `subjects`; remove it or use it",
            };
            let mut d = Diagnostic::new(
                "unused-definition",
                Severity::Info,
                h.anchor(),
                format!(
                    "{} `{}` is declared but never used: {what}",
                    kind.keyword(),
                    h.id()
                ),
            );
            d.unnecessary = true;
            diags.push(d);
        }
    }

    /// Replaces files by new versions and resolves again: `new` makes each file's new version
    /// from the current one (and may take over what an edit did not touch; the current one is
    /// dropped). The workspace itself decides whether the edits stayed local — each file
    /// declares nothing other files refer to or clash with, and its [outline]
    /// (FileModel::outline) is unchanged — so that only the replaced files are resolved again,
    /// or not. Same result as [`Workspace::resolve`] either way (`tests/resolution.rs`); says
    /// which files' findings may have changed.
    pub fn replace_files(
        &mut self,
        ids: &std::collections::BTreeSet<FileId>,
        mut new: impl FnMut(FileId, &mut File) -> File,
    ) -> Changed {
        let mut local = true;
        for &id in ids {
            let Some(old) = self.files.get_mut(id.index()) else {
                continue;
            };
            // The outline after the last edit of the file, else its current one.
            let before =
                (self.outlines.remove(&id)).unwrap_or_else(|| old.model.outline(&old.text));
            let file = new(id, old);
            let after = file.model.outline(&file.text);
            local &= after.is_some() && before == after;
            self.outlines.insert(id, after);
            self.files[id.index()] = file;
        }
        // A finding elsewhere that points into a changed file (an activity id defined twice)
        // would have to move with it: rare, so resolve everything then.
        let points_in = |d: &Diagnostic| {
            !ids.contains(&d.location.file)
                && d.related.iter().any(|r| ids.contains(&r.location.file))
        };
        if !local || self.resolution.iter().any(points_in) {
            self.resolve();
            return Changed::Everything;
        }
        self.resolve_unchanged_names(ids);
        Changed::Files(ids.clone())
    }

    /// Resolves the files `changed` again, whose outlines are what they were at the last
    /// resolution: no other file's resolution can change.
    fn resolve_unchanged_names(&mut self, changed: &std::collections::BTreeSet<FileId>) {
        let mut diags: Vec<Diagnostic> = std::mem::take(&mut self.resolution)
            .into_iter()
            .filter(|d| !changed.contains(&d.location.file))
            .collect();
        for &f in changed {
            let Some(file) = self.files.get(f.index()) else {
                continue;
            };
            for (i, h) in file.model.activity_headers().enumerate() {
                let here = Id::new(f, i as u32);
                if let Some(&first) =
                    h.id.as_ref()
                        .and_then(|id| self.names.activities.get(&id.value))
                    && first != here
                {
                    diags.extend(self.duplicate_of(h, first));
                }
            }
        }
        let ids: Vec<FileId> = changed.iter().copied().collect();
        diags.extend(self.resolve_files(&ids).1);
        sort_findings(&mut diags);
        self.resolution = diags;
    }

    /// Lowers the files `ids` (read by [`File::unlowered`]) on all cores.
    pub fn lower_files(&mut self, ids: &[FileId]) {
        self.some_files(ids).into_par_iter().for_each(|(i, file)| {
            let path = std::mem::take(&mut file.path);
            let text = std::mem::take(&mut file.text);
            *file = File::without_tree_from_text(FileId(i as u32), path, text);
        });
    }

    /// Resolves the references of the files `ids` against the names of the last resolution
    /// (right when the files declare nothing but activities, or after
    /// [`Self::declare_names`]): the definitions they use, and their `unresolved-reference`
    /// findings.
    pub fn resolve_files(&mut self, ids: &[FileId]) -> (UsedDefinitions, Vec<Diagnostic>) {
        let wanted = self.mask(ids);
        let names = &self.names;
        let files: Vec<(usize, &mut File)> = self
            .files
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| wanted[*i])
            .collect();
        let per_file: Vec<(UsedDefinitions, Vec<Diagnostic>)> = files
            .into_par_iter()
            .map(|(i, file)| {
                let mut used = FxHashSet::default();
                let mut found = Vec::new();
                resolve_file(names, FileId(i as u32), file, &mut used, &mut found);
                (used, found)
            })
            .collect();
        let mut used = FxHashSet::default();
        let mut diags = Vec::new();
        for (file_used, found) in per_file {
            used.extend(file_used);
            diags.extend(found);
        }
        (used, diags)
    }

    /// Lets go of the activities of the files `ids` once they are checked, keeping what the rest
    /// of the workspace asks of them ([`CheckedActivity`]: the header, for ids defined twice;
    /// the references, resolved with the rest). The files' own findings are handed back.
    pub fn let_go(&mut self, ids: &[FileId]) -> Vec<Diagnostic> {
        let per_file: Vec<Vec<Diagnostic>> = self
            .some_files(ids)
            .into_par_iter()
            .map(|(_, file)| {
                let activities = std::mem::take(&mut file.model.activities);
                // Into a vector of their own: collecting in place would keep the activities'
                // allocation, several times the size.
                let mut checked = Vec::with_capacity(activities.len());
                checked.extend(activities.into_iter().map(CheckedActivity::new));
                file.model.checked.extend(checked);
                file.whole = false;
                std::mem::take(&mut file.diagnostics)
            })
            .collect();
        per_file.into_iter().flatten().collect()
    }

    /// What a reference of `kind` to `name` resolves to, as of the last resolution (for the
    /// references of activities let go of, which keep no target).
    pub fn target(&self, kind: ItemKind, name: &str) -> Option<Target> {
        self.names.target(kind, name)
    }

    /// Whether every file's model holds all its items (no file is unread or let go of).
    pub fn is_whole(&self) -> bool {
        self.files.iter().all(File::is_whole)
    }

    /// The workspace with the files let go of lowered from their text again, for what needs
    /// every item (the generators). Files still whole are copied as they are: an open
    /// document keeps its tree, and a file that is not UTF-8 its finding (its text is the
    /// lossy decoding, which may parse).
    pub fn lowered_again(&self) -> Workspace {
        let files = (self.files.par_iter().enumerate())
            .map(|(i, f)| match f.whole {
                true => f.clone(),
                false => {
                    File::without_tree_from_text(FileId(i as u32), f.path.clone(), f.text.clone())
                }
            })
            .collect();
        Workspace::resolved(files)
    }

    /// The header of the first activity in the workspace (files by path, items by position),
    /// also of one let go of.
    pub fn first_activity(&self) -> Option<&ItemHeader> {
        self.files
            .iter()
            .find_map(|f| f.model.activity_headers().next())
    }

    /// The files `ids` with their indexes, to work on them on all cores (a parallel iterator
    /// over all files that skips the others would leave the work to one core: the files of a
    /// batch lie side by side).
    fn some_files(&mut self, ids: &[FileId]) -> Vec<(usize, &mut File)> {
        let wanted = self.mask(ids);
        self.files
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| wanted[*i])
            .collect()
    }

    fn mask(&self, ids: &[FileId]) -> Vec<bool> {
        let mut wanted = vec![false; self.files.len()];
        for id in ids {
            if let Some(w) = wanted.get_mut(id.index()) {
                *w = true;
            }
        }
        wanted
    }

    /// The `duplicate-definition` finding for `h`, whose id is first defined at `first`.
    fn duplicate_of<T>(&self, h: &ItemHeader, first: Id<T>) -> Option<Diagnostic> {
        let first_loc = self.files[first.file.index()]
            .model_header(h.kind, first.index)?
            .anchor();
        let id = h.id();
        Some(duplicate(
            h,
            &format!("`{id}`"),
            first_loc,
            &format!("`{id}` is first defined here"),
        ))
    }

    /// Finds the definition an id names (processors first, then categories, subjects,
    /// activities).
    pub fn lookup(&self, kind: ItemKind, name: &str) -> Option<Definition> {
        match kind {
            ItemKind::Processor => self
                .processors()
                .find(|(_, p)| p.header.id() == name)
                .map(|(r, _)| Definition::Processor(r)),
            ItemKind::Activity => self
                .activities()
                .find(|(_, a)| a.header.id() == name)
                .map(|(r, _)| Definition::Activity(r)),
            ItemKind::Category => taxonomy::builtin_category(name)
                .map(|b| Definition::Category(CategoryRef::Builtin(b)))
                .or_else(|| {
                    self.categories()
                        .find(|(_, c)| c.header.id() == name)
                        .map(|(r, _)| Definition::Category(CategoryRef::Declared(r)))
                }),
            ItemKind::Subject => taxonomy::builtin_subject(name)
                .map(|b| Definition::Subject(SubjectRef::Builtin(b)))
                .or_else(|| {
                    self.subjects()
                        .find(|(_, s)| s.header.id() == name)
                        .map(|(r, _)| Definition::Subject(SubjectRef::Declared(r)))
                }),
            // Nothing refers to controllers, sections and clients.
            ItemKind::Controller | ItemKind::Section | ItemKind::Client => None,
        }
    }
}

impl File {
    fn model_header(&self, kind: ItemKind, index: u32) -> Option<&ItemHeader> {
        let i = index as usize;
        match kind {
            ItemKind::Processor => self.model.processors.get(i).map(|p| &p.header),
            ItemKind::Activity => self.model.activity_headers().nth(i),
            ItemKind::Category => self.model.categories.get(i).map(|c| &c.header),
            ItemKind::Subject => self.model.subjects.get(i).map(|s| &s.header),
            ItemKind::Controller => self.model.controllers.get(i).map(|c| &c.header),
            ItemKind::Section => self.model.sections.get(i).map(|s| &s.header),
            ItemKind::Client => self.model.clients.get(i).map(|c| &c.header),
        }
    }
}

/// Whether the text may declare something other files refer to or clash with (a controller,
/// processor, category, subject, section or client): whether one of those keywords occurs as a whole word at
/// all. `false` means surely not.
pub fn may_declare_shared_names(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    KEYWORD_FINDERS.iter().any(|finder| {
        let len = finder.needle().len();
        finder.find_iter(bytes).any(|at| {
            !word_char(text[..at].chars().next_back())
                && !word_char(text[at + len..].chars().next())
        })
    })
}

/// The keywords of the items other files can refer to or clash with, found by SIMD search.
static KEYWORD_FINDERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 6]> =
    std::sync::LazyLock::new(|| {
        [
            "controller",
            "processor",
            "category",
            "subject",
            "section",
            "client",
        ]
        .map(memchr::memmem::Finder::new)
    });

/// The first definition of each id of items of kind `T`.
type NameMap<T> = FxHashMap<Name, Id<T>>;

/// A definition that references can name: an [`Id`] of one of the kinds references name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DefId {
    Processor(Id<Processor>),
    Category(Id<CategoryDef>),
    Subject(Id<SubjectDef>),
}

/// The declared definitions that references resolved to.
pub type UsedDefinitions = FxHashSet<DefId>;

/// The first definition of each id, by kind (activities are not referenced, but their ids must
/// be unique too).
#[derive(Debug, Default)]
struct Names {
    processors: NameMap<Processor>,
    activities: NameMap<Activity>,
    categories: NameMap<CategoryDef>,
    subjects: NameMap<SubjectDef>,
    sections: NameMap<Section>,
    clients: NameMap<Client>,
}

impl Names {
    /// What a reference of `kind` to `name` resolves to: a built-in category or subject, else
    /// the first definition of the id.
    fn target(&self, kind: ItemKind, name: &str) -> Option<Target> {
        match kind {
            ItemKind::Processor => self.processors.get(name).map(|t| Target::Processor(*t)),
            ItemKind::Category => (taxonomy::builtin_category(name))
                .map(|b| Target::Category(CategoryRef::Builtin(b)))
                .or_else(|| {
                    (self.categories.get(name)).map(|t| Target::Category(CategoryRef::Declared(*t)))
                }),
            ItemKind::Subject => (taxonomy::builtin_subject(name))
                .map(|b| Target::Subject(SubjectRef::Builtin(b)))
                .or_else(|| {
                    (self.subjects.get(name)).map(|t| Target::Subject(SubjectRef::Declared(*t)))
                }),
            _ => None,
        }
    }
}

/// Notes the first definition of each id among `headers` (the items of kind `T` in file `fid`,
/// in order) and reports a second definition of an id, or a declared id that is built in.
fn declare<'m, T>(
    ws: &Workspace,
    map: &mut NameMap<T>,
    fid: FileId,
    headers: impl Iterator<Item = &'m ItemHeader>,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, h) in headers.enumerate() {
        let Some(id) = &h.id else { continue };
        let builtin = match h.kind {
            ItemKind::Category => taxonomy::builtin_category(&id.value).is_some(),
            ItemKind::Subject => taxonomy::builtin_subject(&id.value).is_some(),
            _ => false,
        };
        if builtin {
            let mut d = Diagnostic::new(
                "duplicate-definition",
                Severity::Error,
                h.anchor(),
                format!(
                    "`{}` is a built-in {}; use it without declaring it, or choose another id",
                    id.value,
                    h.kind.keyword()
                ),
            );
            d.fixes.clear();
            diags.push(d);
            continue;
        }
        let here = Id::new(fid, i as u32);
        let first = *map.entry(id.value.clone()).or_insert(here);
        if first != here {
            diags.extend(ws.duplicate_of(h, first));
        }
    }
}

/// Findings in a stable order: by place, then rule, then message.
fn sort_findings(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (a.location, a.rule, &a.message).cmp(&(b.location, b.rule, &b.message)));
}

/// Resolves the references of one file, noting the definitions they use and reporting those
/// that name nothing.
fn resolve_file(
    names: &Names,
    fid: FileId,
    file: &mut File,
    used: &mut UsedDefinitions,
    diags: &mut Vec<Diagnostic>,
) {
    let mut note = |target: Option<Target>, r: RefView| match target {
        Some(Target::Processor(t)) => {
            used.insert(DefId::Processor(t));
        }
        Some(Target::Category(CategoryRef::Declared(t))) => {
            used.insert(DefId::Category(t));
        }
        Some(Target::Subject(SubjectRef::Declared(t))) => {
            used.insert(DefId::Subject(t));
        }
        Some(_) => {}
        None => diags.push(unresolved(fid, r, names)),
    };
    for r in file.model.references_mut() {
        r.target = names.target(r.kind, &r.name);
        note(r.target, RefView::of(r));
    }
    // The activities let go of: their names are the text at their references.
    let text = &file.text;
    for c in &file.model.checked {
        for r in ActivityView::Checked(c).references(text) {
            note(names.target(r.kind, r.name), r);
        }
    }
}

fn duplicate(h: &ItemHeader, what: &str, first: Location, related: &str) -> Diagnostic {
    let message = if h.kind == ItemKind::Controller {
        "a workspace has exactly one `controller`; merge this one into the first".to_string()
    } else {
        let kind = h.kind.keyword();
        let article = if kind.starts_with('a') { "an" } else { "a" };
        format!("{what} is already defined as {article} {kind}; rename or remove this one")
    };
    Diagnostic::new("duplicate-definition", Severity::Error, h.anchor(), message)
        .with_related(first, related)
}

fn unresolved(file: FileId, r: RefView, names: &Names) -> Diagnostic {
    let candidates: Vec<&str> = match r.kind {
        ItemKind::Processor => names.processors.keys().map(Name::as_str).collect(),
        ItemKind::Category => CATEGORIES
            .iter()
            .map(|c| c.id)
            .chain(names.categories.keys().map(Name::as_str))
            .collect(),
        ItemKind::Subject => SUBJECTS
            .iter()
            .map(|s| s.id)
            .chain(names.subjects.keys().map(Name::as_str))
            .collect(),
        _ => Vec::new(),
    };
    let mut sorted = candidates;
    sorted.sort_unstable();
    let suggestion = suggest(r.name, sorted.iter().copied());
    let kind = r.kind.keyword();
    let mut message = format!("there is no {kind} `{}`", r.name);
    match suggestion {
        Some(s) => message.push_str(&format!("; did you mean `{s}`?")),
        None => message.push_str(&format!("; declare it with `{kind} {} {{ … }}`", r.name)),
    }
    let location = Location {
        file,
        range: r.range,
    };
    let mut d = Diagnostic::new("unresolved-reference", Severity::Error, location, message);
    if let Some(s) = suggestion {
        d.fixes.push(Fix {
            title: format!("Replace `{}` with `{s}`", r.name),
            edits: vec![Edit {
                location,
                text: s.to_string(),
            }],
            safe: false,
        });
    }
    d
}

/// A range covering nothing at `at`.
pub fn point(file: FileId, at: usize) -> Location {
    Location {
        file,
        range: TextRange::empty(at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: the finding for a file that is not UTF-8 must point at a character of
    /// the text that is shown (the lossy decoding), not into the middle of U+FFFD.
    #[test]
    fn invalid_utf8_points_at_the_replacement_character() {
        let bytes = b"// \xe2\x80\x9eok\xe2\x80\x9c\n\xff\xfe tail".to_vec();
        let ws = Workspace::from_files(vec![("a.ropa".into(), bytes)]);
        let file = &ws.files[0];
        let d = &file.diagnostics[0];
        assert!(
            file.text.is_char_boundary(d.location.range.start())
                && file.text.is_char_boundary(d.location.range.end())
        );
        assert_eq!(d.location.range.slice(&file.text), "\u{FFFD}");
    }

    fn files(activities: &str) -> Vec<File> {
        let texts = [
            ("a.ropa", activities.to_string()),
            (
                "b.ropa",
                "activity dup { purpose \"B\" data [ghost] }\nactivity other { subjects [customers] processors [p] }\n"
                    .to_string(),
            ),
            (
                "p.ropa",
                "processor p { name \"P\" }\nprocessor unused { name \"U\" }\ncategory mine { label \"M\" }\n"
                    .to_string(),
            ),
        ];
        texts
            .into_iter()
            .enumerate()
            .map(|(i, (path, text))| File::from_text(FileId(i as u32), path.into(), text))
            .collect()
    }

    /// Resolving only the edited file gives what resolving everything gives.
    #[test]
    fn resolving_a_local_edit_equals_resolving_everything() {
        let before = "activity dup { purpose \"A\" data [mine, contact] processors [p, nope] }\n";
        // An activity defined twice, first in `b.ropa`; references found and not found.
        for after in [
            "\n\nactivity dup { purpose \"A longer\" data [mine, contact] processors [p, nope] }\n",
            "activity dup { purpose \"\" data [contact, mine] processors [nope, p] }\n",
        ] {
            let mut ws = Workspace::resolved(files(before));
            let changed = ws.replace_files(&[FileId(0)].into_iter().collect(), |id, _| {
                File::from_text(id, "a.ropa".into(), after.to_string())
            });
            // `dup` is also defined in `b.ropa`, whose finding points here: everything again.
            assert_eq!(changed, Changed::Everything);
            let fresh = Workspace::resolved(files(after));
            assert_eq!(ws.resolution, fresh.resolution, "{after}");
            assert!(
                ws.resolution
                    .iter()
                    .any(|d| d.rule == "duplicate-definition")
            );
            assert!(
                ws.resolution
                    .iter()
                    .any(|d| d.rule == "unresolved-reference")
            );
            assert!(ws.resolution.iter().any(|d| d.rule == "unused-definition"));
            for (a, b) in ws.files.iter().zip(&fresh.files) {
                assert_eq!(a.model, b.model);
            }
        }
    }

    /// The workspace decides whether an edit stays inside its file: the same activity ids and
    /// references are local, another reference or a declaration is not.
    #[test]
    fn the_workspace_decides_whether_an_edit_is_local() {
        let before = "activity mine { purpose \"A\" data [mine] processors [p] }\n";
        let cases = [
            (
                "activity mine { purpose \"A, longer\" data [mine] processors [p] }\n",
                true,
            ),
            (
                "activity mine { purpose \"A\" data [mine] processors [unused] }\n",
                false,
            ),
            (
                "activity renamed { purpose \"A\" data [mine] processors [p] }\n",
                false,
            ),
            (
                "processor q { name \"Q\" }\nactivity mine { data [mine] processors [p] }\n",
                false,
            ),
        ];
        for (after, local) in cases {
            let mut ws = Workspace::resolved(files(before));
            let ids = [FileId(0)].into_iter().collect();
            let changed = ws.replace_files(&ids, |id, _| {
                File::from_text(id, "a.ropa".into(), after.to_string())
            });
            let expected = if local {
                Changed::Files(ids)
            } else {
                Changed::Everything
            };
            assert_eq!(changed, expected, "{after}");
            assert_eq!(ws.resolution, Workspace::resolved(files(after)).resolution);
        }
    }

    /// A finding in another file that points into the edited one moves with it.
    #[test]
    fn a_local_edit_moves_related_places_in_other_files() {
        let mut texts = files("activity other { purpose \"A\" }\n");
        let edited = "\n\nactivity other { purpose \"A\" }\n";
        let mut ws = Workspace::resolved(std::mem::take(&mut texts));
        let changed = ws.replace_files(&[FileId(0)].into_iter().collect(), |id, _| {
            File::from_text(id, "a.ropa".into(), edited.to_string())
        });
        assert_eq!(changed, Changed::Everything);
        let fresh = Workspace::resolved(files(edited));
        assert_eq!(ws.resolution, fresh.resolution);
    }
}
